import type { Histogram } from '../column-types.ts';

/** At most this many bins, whatever the rule asks for. */
export const MAX_BINS = 30;

/**
 * Equal-width bin edges over [min, max]:
 * - one value only: a single bin [min − 0.5, min + 0.5] (numpy's convention);
 * - whole numbers spanning at most 30 values: one bin per integer, edges at k ± 0.5, so bars
 *   sit on the values (ages, ratings, counts);
 * - otherwise Freedman–Diaconis, width h = 2·IQR·n^(−1/3), bins = clamp(⌈range/h⌉, 1, 30);
 *   when IQR = 0 (more than half the values equal), Sturges: ⌈log2 n⌉ + 1, capped at 30.
 * Edge i is min + i·(max − min)/k and the last edge is exactly max (numpy `linspace`).
 */
export function histogramEdges(
  min: number,
  max: number,
  n: number,
  iqr: number,
  integral: boolean,
): { edges: number[]; rule: Histogram['rule'] } {
  if (min === max) return { edges: [min - 0.5, min + 0.5], rule: 'single' };
  if (integral && max - min + 1 <= MAX_BINS) {
    const k = max - min + 1;
    return { edges: Array.from({ length: k + 1 }, (_, i) => min - 0.5 + i), rule: 'integer' };
  }
  // Halves (and max/k − min/k below) because the range of ±1e308 overflows.
  const halfSpan = max / 2 - min / 2;
  const halfH = iqr * n ** (-1 / 3);
  let k: number;
  let rule: Histogram['rule'];
  if (halfH > 0 && Number.isFinite(halfH)) {
    k = Math.min(MAX_BINS, Math.max(1, Math.ceil(halfSpan / halfH)));
    rule = 'freedman-diaconis';
  } else {
    k = Math.min(MAX_BINS, Math.ceil(Math.log2(n)) + 1);
    rule = 'sturges';
  }
  const edges = new Array<number>(k + 1);
  const width = Number.isFinite(max - min) ? (max - min) / k : max / k - min / k;
  for (let i = 0; i < k; i++) edges[i] = min + i * width;
  edges[k] = max;
  return { edges, rule };
}
