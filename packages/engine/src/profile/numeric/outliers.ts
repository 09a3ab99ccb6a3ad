import type { Outliers } from '../column-types.ts';
import { lowerBound, upperBound } from '../kernels/sorted-stats.ts';

const EXAMPLES = 5;
/** Iglewicz & Hoaglin: |M| > 3.5 with M = 0.6745 (x − median) / MAD. */
export const ROBUST_Z_THRESHOLD = 3.5;
const Z_MAD = 0.6745;
/** IBM SPSS Modeler's fallback when MAD = 0: M = (x − median) / (1.253314 · MeanAD). */
const Z_MEAN_AD = 1.253314;

/**
 * Outliers of a sorted column by two rules, counted with binary searches. Both thresholds are
 * strict (a value exactly on a fence is not an outlier).
 */
export function outliersSorted(
  a: Float64Array,
  q: { q1: number; q3: number; median: number; mad: number },
): Outliers {
  const iqr = q.q3 - q.q1;
  const lower = q.q1 - 1.5 * iqr;
  const upper = q.q3 + 1.5 * iqr;
  let scale: Outliers['robustZ']['scale'] = 'none';
  let unit = 0; // |x − median| / unit > 3.5 flags x
  if (q.mad > 0) {
    scale = 'mad';
    unit = q.mad / Z_MAD;
  } else {
    const meanAd = meanAbsoluteDeviation(a, q.median);
    if (meanAd > 0) {
      scale = 'meanAbsoluteDeviation';
      unit = Z_MEAN_AD * meanAd;
    }
  }
  const robust =
    unit > 0
      ? flagged(a, q.median - ROBUST_Z_THRESHOLD * unit, q.median + ROBUST_Z_THRESHOLD * unit)
      : { count: 0, share: 0, low: [], high: [] };
  return {
    iqr: { lower, upper, ...flagged(a, lower, upper) },
    robustZ: { threshold: ROBUST_Z_THRESHOLD, scale, ...robust },
  };
}

/** Values strictly below `lower` or strictly above `upper`, with the most extreme examples. */
function flagged(a: Float64Array, lower: number, upper: number) {
  const n = a.length;
  const below = lowerBound(a, lower);
  const aboveStart = upperBound(a, upper);
  const count = below + (n - aboveStart);
  const low = Array.from(a.subarray(0, Math.min(EXAMPLES, below)));
  const high: number[] = [];
  for (let i = n - 1; i >= aboveStart && high.length < EXAMPLES; i--) high.push(a[i]);
  return { count, share: n > 0 ? count / n : 0, low, high };
}

function meanAbsoluteDeviation(a: Float64Array, m: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - m);
  return a.length > 0 ? s / a.length : 0;
}
