import { MlError } from '../errors.ts';
import { quantileSorted } from '../stats.ts';
import { checkSameLength } from './classification.ts';

const EPS = 2.220446049250313e-16;

/**
 * Mean cross-entropy −(1/n) Σ log p(y_i), `proba` row-major n×K. As scikit-learn 1.2
 * `log_loss`: probabilities are clipped to [ε, 1−ε] (ε = float64 machine epsilon) and each row
 * is renormalised, so a confident wrong answer costs −log ε ≈ 36, not ∞.
 *
 * ### Example
 * ```ts
 * logLoss([1, 0, 0, 1], [0.1, 0.9, 0.9, 0.1, 0.8, 0.2, 0.35, 0.65], 2); // 0.21616
 * ```
 */
export function logLoss(
  yTrue: ArrayLike<number>,
  proba: ArrayLike<number>,
  nClasses: number,
  eps = EPS,
): number {
  const n = yTrue.length;
  if (n === 0) throw new MlError('ML_NO_ROWS', 'A metric needs at least one row');
  if (proba.length !== n * nClasses) {
    throw new MlError('ML_SHAPE_MISMATCH', `proba has ${proba.length} values, expected ${n}×${nClasses}`);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let k = 0; k < nClasses; k++) rowSum += clip(proba[i * nClasses + k], eps);
    total -= Math.log(clip(proba[i * nClasses + yTrue[i]], eps) / rowSum);
  }
  return total / n;
}

/** Binary log loss from the positive-class probability `p` and 0/1 labels. */
export function binaryLogLoss(yTrue: ArrayLike<number>, p: ArrayLike<number>, eps = EPS): number {
  checkSameLength(yTrue, p);
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const q = clip(p[i], eps);
    total -= yTrue[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return total / yTrue.length;
}

/** Binary Brier score: mean squared difference between `p` and the 0/1 outcome. */
export function brierScore(yTrue: ArrayLike<number>, p: ArrayLike<number>): number {
  checkSameLength(yTrue, p);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = p[i] - (yTrue[i] === 1 ? 1 : 0);
    s += d * d;
  }
  return s / yTrue.length;
}

/** Multiclass Brier score (Brier 1950): mean over rows of Σ_k (p_ik − [y_i = k])². */
export function brierScoreMulti(
  yTrue: ArrayLike<number>,
  proba: ArrayLike<number>,
  nClasses: number,
): number {
  const n = yTrue.length;
  if (proba.length !== n * nClasses) throw new MlError('ML_SHAPE_MISMATCH', 'proba is not n×K');
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < nClasses; k++) {
      const d = proba[i * nClasses + k] - (yTrue[i] === k ? 1 : 0);
      s += d * d;
    }
  }
  return s / n;
}

export interface CalibrationCurve {
  /** Observed positive rate per non-empty bin. */
  readonly probTrue: Float64Array;
  /** Mean predicted probability per non-empty bin. */
  readonly probPred: Float64Array;
  readonly counts: Float64Array;
}

/**
 * Reliability diagram data as scikit-learn `calibration_curve`: `uniform` bins split [0, 1]
 * evenly, `quantile` bins hold equal counts; empty bins are left out.
 */
export function calibrationCurve(
  yTrue: ArrayLike<number>,
  p: ArrayLike<number>,
  opts: { nBins?: number; strategy?: 'uniform' | 'quantile' } = {},
): CalibrationCurve {
  checkSameLength(yTrue, p);
  const nBins = opts.nBins ?? 5;
  if (!(Number.isInteger(nBins) && nBins >= 1))
    throw new MlError('ML_BAD_PARAM', 'nBins must be an integer ≥ 1');
  const edges = new Float64Array(nBins + 1);
  if (opts.strategy === 'quantile') {
    const sorted = Float64Array.from(p).sort();
    for (let b = 0; b <= nBins; b++) edges[b] = quantileSorted(sorted, b / nBins);
  } else {
    for (let b = 0; b <= nBins; b++) edges[b] = b / nBins;
  }
  const sumP = new Float64Array(nBins);
  const sumY = new Float64Array(nBins);
  const count = new Float64Array(nBins);
  for (let i = 0; i < p.length; i++) {
    // searchsorted(edges[1:-1], p, side='left'): the number of inner edges strictly below p.
    let b = 0;
    while (b < nBins - 1 && edges[b + 1] < p[i]) b++;
    sumP[b] += p[i];
    sumY[b] += yTrue[i] === 1 ? 1 : 0;
    count[b]++;
  }
  const probTrue: number[] = [];
  const probPred: number[] = [];
  const counts: number[] = [];
  for (let b = 0; b < nBins; b++) {
    if (count[b] === 0) continue;
    probTrue.push(sumY[b] / count[b]);
    probPred.push(sumP[b] / count[b]);
    counts.push(count[b]);
  }
  return {
    probTrue: Float64Array.from(probTrue),
    probPred: Float64Array.from(probPred),
    counts: Float64Array.from(counts),
  };
}

function clip(p: number, eps: number): number {
  return Math.min(Math.max(p, eps), 1 - eps);
}
