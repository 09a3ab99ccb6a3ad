import { MlError, type MlWarning, mlWarning } from './errors.ts';
import type { Matrix } from './matrix.ts';
import {
  checkClassTarget,
  checkNumericTarget,
  encodeClasses,
  numericTarget,
  rowsWithTarget,
  type TargetValues,
} from './target.ts';

/** `balanced` weights class c by n / (K · n_c); a record gives a weight per class label. */
export type ClassWeight = 'balanced' | Readonly<Record<string, number>> | null;

export interface SupervisedFitOptions {
  /** Per-row weights (finite, ≥ 0), aligned with the rows of X. */
  sampleWeight?: ArrayLike<number>;
}

export interface PreparedClassification {
  readonly X: Matrix;
  readonly codes: Int32Array;
  readonly classes: readonly string[];
  readonly weights: Float64Array | null;
  readonly warnings: MlWarning[];
}

/**
 * Encode and check a classification target, drop rows whose target is missing (warning
 * `ML_ROWS_DROPPED`: a documented fallback, not an error) and combine sample and class weights.
 */
export function prepareClassification(
  X: Matrix,
  y: TargetValues,
  opts: SupervisedFitOptions & { classWeight?: ClassWeight } = {},
): PreparedClassification {
  const all = encodeClasses(y);
  if (all.codes.length !== X.nRows)
    throw new MlError('ML_SHAPE_MISMATCH', `${all.codes.length} targets for ${X.nRows} rows`);
  checkClassTarget(all);
  const { X: Xk, keep, warnings } = dropMissingTargets(X, rowsWithTarget(all.codes));
  const codes = keep === null ? all.codes : Int32Array.from(keep, (i) => all.codes[i]);
  let weights = sampleWeights(opts.sampleWeight, X.nRows, keep);
  const cw = opts.classWeight ?? null;
  if (cw !== null) {
    const K = all.classes.length;
    const perClass = new Float64Array(K).fill(1);
    if (cw === 'balanced') {
      const counts = new Float64Array(K);
      for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
      for (let k = 0; k < K; k++) perClass[k] = counts[k] > 0 ? codes.length / (K * counts[k]) : 0;
    } else {
      for (const [label, v] of Object.entries(cw)) {
        const k = all.classes.indexOf(label);
        if (k < 0 || !(v >= 0 && Number.isFinite(v))) {
          throw new MlError(
            'ML_BAD_PARAM',
            `classWeight for "${label}" must name a class and be a finite number ≥ 0`,
          );
        }
        perClass[k] = v;
      }
    }
    weights ??= new Float64Array(codes.length).fill(1);
    for (let i = 0; i < codes.length; i++) weights[i] *= perClass[codes[i]];
  }
  return { X: Xk, codes, classes: all.classes, weights, warnings };
}

export interface PreparedRegression {
  readonly X: Matrix;
  readonly y: Float64Array;
  readonly weights: Float64Array | null;
  readonly warnings: MlWarning[];
}

export function prepareRegression(
  X: Matrix,
  y: TargetValues,
  opts: SupervisedFitOptions = {},
): PreparedRegression {
  const values = numericTarget(y);
  if (values.length !== X.nRows)
    throw new MlError('ML_SHAPE_MISMATCH', `${values.length} targets for ${X.nRows} rows`);
  checkNumericTarget(values);
  const { X: Xk, keep, warnings } = dropMissingTargets(X, rowsWithTarget(values));
  return {
    X: Xk,
    y: keep === null ? values : Float64Array.from(keep, (i) => values[i]),
    weights: sampleWeights(opts.sampleWeight, X.nRows, keep),
    warnings,
  };
}

function dropMissingTargets(
  X: Matrix,
  keep: Uint32Array,
): { X: Matrix; keep: Uint32Array | null; warnings: MlWarning[] } {
  if (X.nCols === 0) throw new MlError('ML_NO_FEATURES');
  if (keep.length === X.nRows) return { X, keep: null, warnings: [] };
  const dropped = X.nRows - keep.length;
  return {
    X: X.take(keep),
    keep,
    warnings: [
      mlWarning('ML_ROWS_DROPPED', `${dropped} row(s) with a missing target were left out`, {
        rows: dropped,
      }),
    ],
  };
}

function sampleWeights(
  w: ArrayLike<number> | undefined,
  n: number,
  keep: Uint32Array | null,
): Float64Array | null {
  if (w === undefined) return null;
  if (w.length !== n) throw new MlError('ML_SHAPE_MISMATCH', `${w.length} sample weights for ${n} rows`);
  const m = keep === null ? n : keep.length;
  const out = new Float64Array(m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const v = w[keep === null ? i : keep[i]];
    if (!(v >= 0 && Number.isFinite(v)))
      throw new MlError('ML_BAD_PARAM', `Sample weight ${v} is not a finite number ≥ 0`);
    out[i] = v;
    total += v;
  }
  if (total <= 0) throw new MlError('ML_BAD_PARAM', 'Sample weights sum to zero');
  return out;
}
