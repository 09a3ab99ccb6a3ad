/**
 * Moments of a column of finite values, two-pass (mean first, then central sums) so that a
 * large mean does not swamp the variance. Values are divided by a power of two `scale` near
 * max|x| first: that is exact in floating point (so results equal the unscaled computation
 * bit for bit on ordinary data) and keeps x⁴ from overflowing at 1e308 or underflowing at
 * 1e-300. Skewness and kurtosis do not depend on the scale.
 */

export interface Moments {
  n: number;
  /** Σx with Neumaier compensation (±Infinity when the true sum overflows). */
  sum: number;
  mean: number;
  /** Sample variance, ddof = 1 (numpy `var(ddof=1)`, pandas `var()`); NaN when n < 2. */
  variance: number;
  std: number;
  /** Adjusted Fisher–Pearson G1 (pandas `skew()`); NaN when n < 3 or the values are constant. */
  skewness: number;
  /** Bias-corrected excess kurtosis G2, Fisher (normal = 0) (pandas `kurt()`); NaN when n < 4 or constant. */
  kurtosis: number;
}

/** Σ values with Neumaier's compensated summation. */
export function neumaierSum(values: ArrayLike<number>, scale = 1): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] / scale;
    const t = sum + x;
    c += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + c;
}

/** The power of two closest below max|x| (1 for an all-zero or empty column). */
export function powerOfTwoScale(maxAbs: number): number {
  if (!(maxAbs > 0) || !Number.isFinite(maxAbs)) return 1;
  const e = Math.floor(Math.log2(maxAbs));
  return 2 ** Math.max(-1000, Math.min(1000, e));
}

export function moments(values: Float64Array, maxAbs: number): Moments {
  const n = values.length;
  const s = powerOfTwoScale(maxAbs);
  const scaledSum = neumaierSum(values, s);
  const mean = scaledSum / n;
  // Plain sums of deviations are accurate (no cancellation in M2 and M4) and, the values
  // being sorted first, the same on every run.
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] / s - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  return finish(n, scaledSum, mean, s, m2, m3, m4);
}

function finish(
  n: number,
  scaledSum: number,
  mean: number,
  s: number,
  m2: number,
  m3: number,
  m4: number,
): Moments {
  const variance = n >= 2 ? m2 / (n - 1) : Number.NaN;
  return {
    n,
    sum: scaledSum * s,
    mean: n > 0 ? mean * s : Number.NaN,
    variance: variance * s * s,
    std: Math.sqrt(variance) * s,
    skewness: skewness(n, m2, m3),
    kurtosis: kurtosis(n, m2, m4),
  };
}

/**
 * G1 = √(n(n−1)) / (n−2) · g1, with g1 = (M3/n) / (M2/n)^{3/2} and Mk = Σ(x − x̄)^k.
 */
export function skewness(n: number, m2: number, m3: number): number {
  if (n < 3 || !(m2 > 0)) return Number.NaN;
  const g1 = m3 / n / (m2 / n) ** 1.5;
  return (Math.sqrt(n * (n - 1)) / (n - 2)) * g1;
}

/**
 * G2 = (n+1)n(n−1) / ((n−2)(n−3)) · M4 / M2² − 3(n−1)² / ((n−2)(n−3)).
 */
export function kurtosis(n: number, m2: number, m4: number): number {
  if (n < 4 || !(m2 > 0)) return Number.NaN;
  const a = ((n + 1) * n * (n - 1)) / ((n - 2) * (n - 3));
  const b = (3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3));
  return (a * m4) / (m2 * m2) - b;
}
