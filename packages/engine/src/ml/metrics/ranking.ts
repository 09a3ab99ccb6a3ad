import { MlError } from '../errors.ts';
import { checkSameLength } from './classification.ts';
import { binaryClfCurve, precisionRecallCurve } from './curves.ts';

/**
 * Binary ROC AUC: the probability that a random positive scores above a random negative, ties
 * counting one half (trapezoids over distinct thresholds, as scikit-learn). `yTrue` is 1/0.
 * Returns NaN when only one class is present (scikit-learn raises; a CV fold must not crash).
 *
 * ### Example
 * ```ts
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * ```
 */
export function rocAuc(yTrue: ArrayLike<number>, score: ArrayLike<number>): number {
  const { fps, tps } = binaryClfCurve(yTrue, score);
  const m = fps.length;
  const p = tps[m - 1];
  const q = fps[m - 1];
  if (p === 0 || q === 0) return Number.NaN;
  let area = 0;
  let prevF = 0;
  let prevT = 0;
  for (let i = 0; i < m; i++) {
    area += (fps[i] - prevF) * (tps[i] + prevT);
    prevF = fps[i];
    prevT = tps[i];
  }
  return area / (2 * p * q);
}

/**
 * One-vs-rest ROC AUC for K classes. `proba` is row-major n×K. `macro` averages the classes
 * that have both positives and negatives in `yTrue`; `weighted` weights them by prevalence.
 */
export function rocAucOvr(
  yTrue: ArrayLike<number>,
  proba: ArrayLike<number>,
  nClasses: number,
  average: 'macro' | 'weighted' = 'macro',
): number {
  const n = yTrue.length;
  if (proba.length !== n * nClasses) {
    throw new MlError('ML_SHAPE_MISMATCH', `proba has ${proba.length} values, expected ${n}×${nClasses}`);
  }
  const bin = new Float64Array(n);
  const col = new Float64Array(n);
  let sum = 0;
  let wsum = 0;
  for (let k = 0; k < nClasses; k++) {
    let pos = 0;
    for (let i = 0; i < n; i++) {
      bin[i] = yTrue[i] === k ? 1 : 0;
      pos += bin[i];
      col[i] = proba[i * nClasses + k];
    }
    if (pos === 0 || pos === n) continue;
    const w = average === 'weighted' ? pos : 1;
    sum += w * rocAuc(bin, col);
    wsum += w;
  }
  return wsum === 0 ? Number.NaN : sum / wsum;
}

/**
 * Average precision, scikit-learn's PR AUC: Σ (R_i − R_{i−1}) P_i over thresholds (a step
 * function, not the optimistic trapezoid). NaN-free: 0 positives gives -0 → 0 like sklearn.
 */
export function averagePrecision(yTrue: ArrayLike<number>, score: ArrayLike<number>): number {
  checkSameLength(yTrue, score);
  const { precision, recall } = precisionRecallCurve(yTrue, score);
  let ap = 0;
  for (let i = 0; i < recall.length - 1; i++) ap -= (recall[i + 1] - recall[i]) * precision[i];
  return ap + 0;
}
