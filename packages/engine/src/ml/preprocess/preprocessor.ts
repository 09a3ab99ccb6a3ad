import { checkParam, MlError } from '../errors.ts';
import { stripUndefined } from '../gbdt/params.ts';
import { type CategoricalColumn, type Column, Matrix, type NumericColumn } from '../matrix.ts';
import { encodeClasses, numericTarget, type TargetValues } from '../target.ts';
import { kFold } from '../validation/splits.ts';
import {
  applyOneHot,
  applyOrdinal,
  applyTarget,
  type CategoricalStep,
  fitOneHot,
  fitTarget,
  levelCounts,
  oneHotNames,
  type UnknownPolicy,
} from './categorical-step.ts';
import { type DatePart, DEFAULT_DATE_PARTS, expandDate } from './date-parts.ts';
import {
  applyNumericStep,
  fitNumericStep,
  type ImputeStrategy,
  type NumericStep,
  type ScaleMethod,
} from './numeric-step.ts';

/**
 * Preprocessing options, one policy per column kind. Defaults suit linear models and kNN; tree
 * models need none of it (they handle missing values and categories natively).
 */
export interface PreprocessorOptions {
  /** Numeric, boolean and date-part imputation. */
  impute: ImputeStrategy;
  fillValue: number;
  /** Add `<col>__missing` 0/1 columns: for columns with missing training values (`auto`), all, or none. */
  missingIndicator: 'auto' | 'always' | 'never';
  scale: ScaleMethod;
  categorical: 'onehot' | 'ordinal' | 'target';
  /** One-hot: levels seen fewer times (a count, or a fraction of rows when < 1) share `__other__`. */
  minFrequency: number;
  /** One-hot: at most this many level columns per feature (most frequent first). */
  maxCategories: number;
  /** One-hot: a level unseen in training → all zeros (`ignore`), `__other__`, or `ML_UNKNOWN_CATEGORY`. */
  unknown: UnknownPolicy;
  dateParts: readonly DatePart[];
  /** Target encoding: m in (n·mean + m·prior)/(n + m). */
  targetSmoothing: number;
  /** Target encoding: folds for the out-of-fold encoding of training rows. */
  targetFolds: number;
  seed: number;
}

export const PREPROCESSOR_DEFAULTS: Readonly<PreprocessorOptions> = Object.freeze({
  impute: 'median',
  fillValue: 0,
  missingIndicator: 'auto',
  scale: 'standard',
  categorical: 'onehot',
  minFrequency: 1,
  maxCategories: 100,
  unknown: 'ignore',
  dateParts: DEFAULT_DATE_PARTS,
  targetSmoothing: 10,
  targetFolds: 5,
  seed: 0,
});

type Fitted =
  | { source: string; kind: 'numeric'; inputKind: 'numeric' | 'boolean'; step: NumericStep }
  | { source: string; kind: 'date'; parts: DatePart[]; steps: NumericStep[] }
  | { source: string; kind: 'categorical'; step: CategoricalStep; known: string[] };

export interface PreprocessorJson {
  kind: 'preprocessor';
  options: PreprocessorOptions;
  columns: Fitted[];
}

export interface TransformOptions {
  /** A training column absent at transform time: fail (default) or treat as all missing. */
  missingColumns?: 'error' | 'as-missing';
}

/**
 * Turns any `Matrix` into an all-numeric, finite one: imputation (+ missing indicators),
 * scaling, one-hot / ordinal / out-of-fold target encoding of categories, date expansion and
 * boolean handling. Fit on training rows only; `transform` applies the learned values.
 *
 * ### Example
 * ```ts
 * const pre = new Preprocessor({ scale: 'robust' });
 * const Xtrain = pre.fitTransform(train, yTrain);
 * const Xtest = pre.transform(test);
 * ```
 */
export class Preprocessor {
  readonly options: PreprocessorOptions;
  private columns: Fitted[] | null = null;

  constructor(options: Partial<PreprocessorOptions> = {}) {
    const o = { ...PREPROCESSOR_DEFAULTS, ...stripUndefined(options) };
    checkParam(
      ['median', 'mean', 'constant'].includes(o.impute),
      'impute',
      "'median' | 'mean' | 'constant'",
      o.impute,
    );
    checkParam(
      ['none', 'standard', 'robust'].includes(o.scale),
      'scale',
      "'none' | 'standard' | 'robust'",
      o.scale,
    );
    checkParam(
      ['onehot', 'ordinal', 'target'].includes(o.categorical),
      'categorical',
      "'onehot' | 'ordinal' | 'target'",
      o.categorical,
    );
    checkParam(
      ['ignore', 'other', 'error'].includes(o.unknown),
      'unknown',
      "'ignore' | 'other' | 'error'",
      o.unknown,
    );
    checkParam(o.minFrequency > 0, 'minFrequency', '> 0', o.minFrequency);
    checkParam(
      Number.isInteger(o.maxCategories) && o.maxCategories >= 1,
      'maxCategories',
      'an integer ≥ 1',
      o.maxCategories,
    );
    checkParam(o.targetSmoothing >= 0, 'targetSmoothing', '≥ 0', o.targetSmoothing);
    checkParam(
      Number.isInteger(o.targetFolds) && o.targetFolds >= 2,
      'targetFolds',
      'an integer ≥ 2',
      o.targetFolds,
    );
    this.options = o;
  }

  fit(X: Matrix, y?: TargetValues): this {
    this.fitInternal(X, y);
    return this;
  }

  /**
   * Fit and transform the training rows. Target-encoded columns of these rows are encoded
   * out-of-fold (each fold with an encoder fitted on the other folds), so a model trained on the
   * output never sees its own row's target through the encoding.
   */
  fitTransform(X: Matrix, y?: TargetValues): Matrix {
    const target = this.fitInternal(X, y);
    return this.apply(X, {}, target);
  }

  transform(X: Matrix, opts: TransformOptions = {}): Matrix {
    return this.apply(X, opts, null);
  }

  /** Names of the output columns, in order. */
  get outputNames(): string[] {
    return this.fitted().flatMap((f) => outputNamesOf(f));
  }

  toJSON(): PreprocessorJson {
    return { kind: 'preprocessor', options: { ...this.options }, columns: structuredClone(this.fitted()) };
  }

  static fromJSON(j: PreprocessorJson): Preprocessor {
    if (j?.kind !== 'preprocessor' || !Array.isArray(j.columns))
      throw new MlError('ML_ARTIFACT_INVALID', 'Not a preprocessor');
    const p = new Preprocessor(j.options);
    p.columns = structuredClone(j.columns);
    return p;
  }

  private fitted(): Fitted[] {
    if (this.columns === null) throw new MlError('ML_NOT_FITTED');
    return this.columns;
  }

  private fitInternal(X: Matrix, y: TargetValues | undefined): { values: Float64Array; nOut: number } | null {
    const o = this.options;
    if (X.nRows === 0) throw new MlError('ML_NO_ROWS');
    const numericOpts = {
      impute: o.impute,
      fillValue: o.fillValue,
      indicator: o.missingIndicator,
      scale: o.scale,
    };
    const needsTarget = o.categorical === 'target' && X.columns.some((c) => c.kind === 'categorical');
    const target = needsTarget ? targetMatrix(y, X.nRows) : null;
    const minCount = o.minFrequency < 1 ? Math.ceil(o.minFrequency * X.nRows) : o.minFrequency;
    this.columns = X.columns.map((c): Fitted => {
      if (c.kind === 'categorical') {
        const known = knownLevels(c);
        if (o.categorical === 'onehot')
          return {
            source: c.name,
            kind: 'categorical',
            step: fitOneHot(c, minCount, o.maxCategories),
            known,
          };
        if (o.categorical === 'ordinal')
          return { source: c.name, kind: 'categorical', step: { kind: 'ordinal', levels: known }, known };
        return {
          source: c.name,
          kind: 'categorical',
          step: fitTarget(c, target!.values, target!.nOut, null, o.targetSmoothing),
          known,
        };
      }
      if (c.kind === 'datetime') {
        const parts = [...o.dateParts];
        return {
          source: c.name,
          kind: 'date',
          parts,
          steps: parts.map((p) => fitNumericStep(expandDate(c.values, p), numericOpts)),
        };
      }
      return {
        source: c.name,
        kind: 'numeric',
        inputKind: c.kind,
        step: fitNumericStep(c.values, numericOpts),
      };
    });
    return target;
  }

  private apply(
    X: Matrix,
    opts: TransformOptions,
    oofTarget: { values: Float64Array; nOut: number } | null,
  ): Matrix {
    const n = X.nRows;
    const out: NumericColumn[] = [];
    const folds =
      oofTarget === null
        ? null
        : kFold(n, { k: Math.min(this.options.targetFolds, n), seed: this.options.seed });
    for (const f of this.fitted()) {
      const col = sourceColumn(X, f, opts);
      const names = outputNamesOf(f);
      const arrays = names.map(() => new Float64Array(n));
      if (f.kind === 'numeric') {
        applyNumericStep(
          f.step,
          col === null ? null : (col as NumericColumn).values,
          n,
          arrays[0],
          f.step.indicator ? arrays[1] : null,
        );
      } else if (f.kind === 'date') {
        let a = 0;
        for (let p = 0; p < f.parts.length; p++) {
          const values = col === null ? null : expandDate((col as NumericColumn).values, f.parts[p]);
          const step = f.steps[p];
          applyNumericStep(step, values, n, arrays[a], step.indicator ? arrays[a + 1] : null);
          a += step.indicator ? 2 : 1;
        }
      } else {
        const c = col as CategoricalColumn | null;
        const s = f.step;
        if (s.kind === 'onehot') applyOneHot(s, c, n, this.options.unknown, new Set(f.known), arrays);
        else if (s.kind === 'ordinal') applyOrdinal(s, c, n, arrays[0]);
        else if (folds !== null && c !== null) {
          // Out-of-fold: rows of each fold are encoded by an encoder fitted on the other folds.
          for (const fold of folds) {
            const enc = fitTarget(
              c,
              oofTarget!.values,
              oofTarget!.nOut,
              fold.train,
              this.options.targetSmoothing,
            );
            const part = arrays.map(() => new Float64Array(fold.test.length));
            applyTarget(enc, c, fold.test.length, fold.test, part);
            for (let k = 0; k < arrays.length; k++)
              for (let j = 0; j < fold.test.length; j++) arrays[k][fold.test[j]] = part[k][j];
          }
        } else applyTarget(s, c, n, null, arrays);
      }
      for (let k = 0; k < names.length; k++) out.push({ name: names[k], kind: 'numeric', values: arrays[k] });
    }
    return Matrix.of(out, n);
  }
}

function outputNamesOf(f: Fitted): string[] {
  if (f.kind === 'numeric') return f.step.indicator ? [f.source, `${f.source}__missing`] : [f.source];
  if (f.kind === 'date') {
    return f.parts.flatMap((p, i) => {
      const base = `${f.source}__${p}`;
      return f.steps[i].indicator ? [base, `${base}__missing`] : [base];
    });
  }
  const s = f.step;
  if (s.kind === 'onehot') return oneHotNames(f.source, s);
  if (s.kind === 'ordinal') return [f.source];
  return s.nOut === 1
    ? [`${f.source}__target`]
    : Array.from({ length: s.nOut }, (_, k) => `${f.source}__target${k}`);
}

function sourceColumn(X: Matrix, f: Fitted, opts: TransformOptions): Column | null {
  if (!X.has(f.source)) {
    if (opts.missingColumns === 'as-missing') return null;
    throw new MlError('ML_FEATURE_NOT_FOUND', `Column "${f.source}" used in training is missing`, {
      column: f.source,
    });
  }
  const c = X.column(f.source);
  const wantCategorical = f.kind === 'categorical';
  if (wantCategorical !== (c.kind === 'categorical')) {
    throw new MlError(
      'ML_FEATURE_KIND_MISMATCH',
      `Column "${c.name}" is ${c.kind}, but was ${wantCategorical ? 'categorical' : 'numeric'} in training`,
      {
        column: c.name,
      },
    );
  }
  return c;
}

function knownLevels(c: CategoricalColumn): string[] {
  const { counts } = levelCounts(c, null);
  return c.levels.filter((_, k) => counts[k] > 0);
}

/** The target as a row-major n × nOut matrix for target encoding. */
function targetMatrix(y: TargetValues | undefined, n: number): { values: Float64Array; nOut: number } {
  if (y === undefined) throw new MlError('ML_BAD_PARAM', 'Target encoding needs the target: pass y to fit');
  const isText =
    'kind' in (y as object)
      ? (y as Column).kind === 'categorical'
      : Array.from(y as ArrayLike<unknown>).some((v) => typeof v === 'string' && Number.isNaN(Number(v)));
  if (!isText) {
    const v = numericTarget(y);
    if (v.length !== n) throw new MlError('ML_SHAPE_MISMATCH', `${v.length} targets for ${n} rows`);
    let mean = 0;
    let m = 0;
    for (const x of v)
      if (!Number.isNaN(x)) {
        mean += x;
        m++;
      }
    mean = m > 0 ? mean / m : 0;
    return { values: Float64Array.from(v, (x) => (Number.isNaN(x) ? mean : x)), nOut: 1 };
  }
  const { codes, classes } = encodeClasses(y);
  if (codes.length !== n) throw new MlError('ML_SHAPE_MISMATCH', `${codes.length} targets for ${n} rows`);
  const K = classes.length;
  const nOut = K <= 2 ? 1 : K;
  const values = new Float64Array(n * nOut);
  for (let i = 0; i < n; i++) {
    if (codes[i] < 0) continue;
    if (nOut === 1) values[i] = codes[i] === 1 ? 1 : 0;
    else values[i * nOut + codes[i]] = 1;
  }
  return { values, nOut };
}
