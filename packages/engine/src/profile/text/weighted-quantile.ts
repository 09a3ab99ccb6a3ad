import { lerp } from '../kernels/sorted-stats.ts';

/**
 * The linear-interpolation quantile (numpy default) of a sorted column given as distinct
 * ascending `values` with their `counts`, without expanding it: the order statistics at
 * positions ⌊h⌋ and ⌊h⌋ + 1, h = (N − 1)q, are found by walking the cumulative counts.
 */
export function weightedQuantile(
  values: readonly number[],
  counts: readonly number[],
  q: number,
): number | null {
  let total = 0;
  for (const c of counts) total += c;
  if (total === 0) return null;
  const h = (total - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, total - 1);
  return lerp(valueAt(values, counts, lo), valueAt(values, counts, hi), h - lo);
}

/** The value at 0-based position `k` of the expanded sorted column. */
function valueAt(values: readonly number[], counts: readonly number[], k: number): number {
  let seen = 0;
  for (let i = 0; i < values.length; i++) {
    seen += counts[i];
    if (k < seen) return values[i];
  }
  return values[values.length - 1];
}
