import { quantileSorted } from '../stats.ts';
import { checkSameLength } from './classification.ts';

const EPS = 2.220446049250313e-16;

export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = yTrue[i] - yPred[i];
    s += d * d;
  }
  return s / yTrue.length;
}

export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yTrue[i] - yPred[i]);
  return s / yTrue.length;
}

/**
 * Mean absolute percentage error as a fraction (not ×100), |y − ŷ| / max(|y|, ε) as
 * scikit-learn: a zero target gives a huge but finite term rather than ∞.
 */
export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++)
    s += Math.abs(yTrue[i] - yPred[i]) / Math.max(Math.abs(yTrue[i]), EPS);
  return s / yTrue.length;
}

/**
 * Coefficient of determination 1 − SS_res/SS_tot. For a constant `yTrue` (SS_tot = 0) it is 1
 * when the predictions are perfect and 0 otherwise (scikit-learn's `force_finite`).
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred);
  const n = yTrue.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const r = yTrue[i] - yPred[i];
    const d = yTrue[i] - mean;
    ssRes += r * r;
    ssTot += d * d;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

export interface ResidualSummary {
  readonly count: number;
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  readonly maxAbs: number;
}

/** Distribution of residuals y − ŷ (population std; quartiles by linear interpolation). */
export function residualSummary(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): ResidualSummary {
  checkSameLength(yTrue, yPred);
  const n = yTrue.length;
  const r = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    r[i] = yTrue[i] - yPred[i];
    mean += r[i];
  }
  mean /= n;
  let ss = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    ss += (r[i] - mean) ** 2;
    maxAbs = Math.max(maxAbs, Math.abs(r[i]));
  }
  r.sort();
  return {
    count: n,
    mean,
    std: Math.sqrt(ss / n),
    min: r[0],
    q1: quantileSorted(r, 0.25),
    median: quantileSorted(r, 0.5),
    q3: quantileSorted(r, 0.75),
    max: r[n - 1],
    maxAbs,
  };
}
