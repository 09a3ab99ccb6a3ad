/**
 * Order statistics on an ascending Float64Array of finite values. Once a column is sorted,
 * quantiles are O(1), counts in a range are two binary searches, distinct values and value
 * frequencies are one linear scan, and the median absolute deviation is a half merge.
 */

/**
 * numpy's default `method="linear"` quantile: h = (n − 1)q, interpolated between the two
 * neighbouring order statistics with numpy's `_lerp` (which uses the upper neighbour when
 * t ≥ 0.5, for symmetry). Falls back to a weighted mean when b − a overflows (±1e308).
 */
export function quantileSorted(a: ArrayLike<number>, q: number): number {
  const n = a.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return lerp(a[lo], a[hi], h - lo);
}

export function lerp(a: number, b: number, t: number): number {
  if (t === 0 || a === b) return a;
  const diff = b - a;
  if (!Number.isFinite(diff)) return a * (1 - t) + b * t;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Index of the first element ≥ x (lower bound). */
export function lowerBound(a: ArrayLike<number>, x: number, from = 0, to = a.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > x (upper bound). */
export function upperBound(a: ArrayLike<number>, x: number, from = 0, to = a.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Occurrences of exactly `x`. */
export function countEqual(a: ArrayLike<number>, x: number): number {
  return upperBound(a, x) - lowerBound(a, x);
}

export interface ValueCount {
  value: number;
  count: number;
}

/**
 * The `k` most frequent values, most frequent first, ties by smaller value, and the number of
 * distinct values (runs), in one scan. A run enters the small insertion buffer only when it
 * beats the current k-th, so the scan stays linear.
 */
export function topValuesSorted(a: Float64Array, k: number): { top: ValueCount[]; distinct: number } {
  const top: ValueCount[] = [];
  const n = a.length;
  let distinct = 0;
  let i = 0;
  while (i < n) {
    const v = a[i];
    let j = i + 1;
    while (j < n && a[j] === v) j++;
    const c = j - i;
    distinct++;
    if (top.length < k || c > top[top.length - 1].count) {
      let p = top.length < k ? top.length : top.length - 1;
      while (p > 0 && top[p - 1].count < c) p--;
      top.splice(p, 0, { value: v, count: c });
      if (top.length > k) top.pop();
    }
    i = j;
  }
  return { top, distinct };
}

/**
 * Median absolute deviation, median(|x − m|) with the linear-interpolation median, where m is
 * the median of `a`. The deviations below and above m are each already sorted (walking away
 * from m), so merging them up to the middle finds the order statistics without sorting.
 */
export function madSorted(a: Float64Array, m: number): number {
  const n = a.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * 0.5;
  const k = Math.floor(h);
  const need = Math.min(k + 1, n - 1);
  let left = lowerBound(a, m) - 1; // walks down: deviations m − a[left] increase
  let right = left + 1; // walks up: deviations a[right] − m increase
  let kth = 0;
  let next = 0;
  for (let i = 0; i <= need; i++) {
    const dl = left >= 0 ? m - a[left] : Number.POSITIVE_INFINITY;
    const dr = right < n ? a[right] - m : Number.POSITIVE_INFINITY;
    let d: number;
    if (dl <= dr) {
      d = dl;
      left--;
    } else {
      d = dr;
      right++;
    }
    if (i === k) kth = d;
    if (i === need) next = d;
  }
  return lerp(kth, next, h - k);
}

/**
 * Counts per bin for `edges` (length k + 1) with numpy's convention: bins are [e_i, e_{i+1})
 * except the last, which is closed [e_{k−1}, e_k].
 */
export function binCountsSorted(a: Float64Array, edges: readonly number[]): number[] {
  const k = edges.length - 1;
  const counts = new Array<number>(k).fill(0);
  if (k < 1) return counts;
  let start = lowerBound(a, edges[0]);
  for (let i = 0; i < k; i++) {
    const end = i === k - 1 ? upperBound(a, edges[k], start) : lowerBound(a, edges[i + 1], start);
    counts[i] = end - start;
    start = end;
  }
  return counts;
}
