/** Small order statistics shared by metrics, binning and preprocessing. */

/**
 * The q-quantile (0 ≤ q ≤ 1) of an ascending array with linear interpolation between order
 * statistics: numpy's default `method="linear"`, h = (n − 1)q.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Non-NaN values of `a`, sorted ascending, as a new Float64Array. */
export function sortedFinite(a: ArrayLike<number>): Float64Array {
  let m = 0;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i])) out[m++] = a[i];
  return out.subarray(0, m).sort();
}

export function median(a: ArrayLike<number>): number {
  return quantileSorted(sortedFinite(a), 0.5);
}

/**
 * Weighted median (the smallest value whose cumulative weight reaches half the total), used
 * for absolute-error leaf values. `values` and `weights` are reordered in place.
 */
export function weightedMedian(values: Float64Array, weights: Float64Array | null): number {
  const n = values.length;
  if (n === 0) return 0;
  if (weights === null) {
    values.sort();
    return quantileSorted(values, 0.5);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a] - values[b]);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += weights[order[i]];
    if (acc >= total / 2) return values[order[i]];
  }
  return values[order[n - 1]];
}

/** Mean and population variance in one pass (Welford). */
export function meanVariance(a: ArrayLike<number>): { mean: number; variance: number; count: number } {
  let mean = 0;
  let m2 = 0;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (Number.isNaN(x)) continue;
    count++;
    const d = x - mean;
    mean += d / count;
    m2 += d * (x - mean);
  }
  return { mean: count > 0 ? mean : Number.NaN, variance: count > 0 ? m2 / count : Number.NaN, count };
}
