import type { NumericStats, PlaceholderHit, ValueFrequency } from '../column-types.ts';
import { finite } from '../json-safe.ts';
import { moments } from '../kernels/moments.ts';
import {
  binCountsSorted,
  countEqual,
  lowerBound,
  madSorted,
  quantileSorted,
  topValuesSorted,
} from '../kernels/sorted-stats.ts';
import { histogramEdges } from './histogram-bins.ts';
import { outliersSorted } from './outliers.ts';

/** Codes people type for "unknown"; suspicious only at the column's minimum or maximum. */
export const NUMERIC_SENTINELS: readonly number[] = [-999, -9999, -99999, 9999, 99999, 999999, 9999999];

export const TOP_VALUES = 20;

export interface NonFiniteCounts {
  nulls: number;
  nans: number;
  infinities: number;
}

/**
 * Every numeric statistic of a column from its finite values, sorted ascending. Quantiles use
 * linear interpolation (numpy default), variance/std ddof = 1, skewness G1 and excess
 * kurtosis G2 as pandas; ±Infinity is counted and excluded, NaN counts as missing. Sorting
 * first (radix sort) and reading everything off the sorted array measured ~2.5× faster here
 * than quickselect plus a hash count on the same columns: fewer passes, all sequential.
 */
export function numericStatsSorted(
  a: Float64Array,
  nf: NonFiniteCounts,
): { stats: NumericStats; distinct: number } {
  const n = a.length;
  if (n === 0) return { stats: emptyNumeric(nf), distinct: 0 };
  const min = a[0];
  const max = a[n - 1];
  const q = (p: number) => quantileSorted(a, p);
  const median = q(0.5);
  const q1 = q(0.25);
  const q3 = q(0.75);
  const m = moments(a, Math.max(Math.abs(min), Math.abs(max)));
  const mad = madSorted(a, median);
  const integral = isIntegral(a);
  const iqr = q3 - q1;
  const { edges, rule } = histogramEdges(min, max, n, iqr, integral);
  const runs = topValuesSorted(a, TOP_VALUES);
  const distinct = runs.distinct;
  // Singletons are noise in a continuous column, but every level counts in a coded one.
  const top: ValueFrequency[] = runs.top
    .filter((v) => v.count > 1 || distinct <= TOP_VALUES)
    .map((v) => ({ value: v.value, count: v.count, share: v.count / n }));
  const stats: NumericStats = {
    min,
    max,
    mean: finite(m.mean),
    median,
    q1,
    q3,
    p1: q(0.01),
    p5: q(0.05),
    p95: q(0.95),
    p99: q(0.99),
    std: finite(m.std),
    variance: finite(m.variance),
    mad: finite(mad),
    iqr: finite(iqr),
    range: finite(max - min),
    skewness: finite(m.skewness),
    kurtosis: finite(m.kurtosis),
    cv: m.mean !== 0 ? finite(m.std / Math.abs(m.mean)) : null,
    sum: finite(m.sum),
    zeros: countEqual(a, 0),
    negatives: lowerBound(a, 0),
    infinities: nf.infinities,
    nans: nf.nans,
    integral,
    histogram: { edges, counts: binCountsSorted(a, edges), rule },
    topValues: top,
    outliers: outliersSorted(a, { q1, q3, median, mad }),
    placeholders: sentinels(a, min, max),
  };
  return { stats, distinct };
}

function isIntegral(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== Math.floor(a[i])) return false;
  return true;
}

function sentinels(a: Float64Array, min: number, max: number): PlaceholderHit[] {
  const hits: PlaceholderHit[] = [];
  for (const s of NUMERIC_SENTINELS) {
    if (s === min || s === max) hits.push({ value: s, count: countEqual(a, s) });
  }
  return hits;
}

export function emptyNumeric(nf: NonFiniteCounts): NumericStats {
  return {
    min: null,
    max: null,
    mean: null,
    median: null,
    q1: null,
    q3: null,
    p1: null,
    p5: null,
    p95: null,
    p99: null,
    std: null,
    variance: null,
    mad: null,
    iqr: null,
    range: null,
    skewness: null,
    kurtosis: null,
    cv: null,
    sum: null,
    zeros: 0,
    negatives: 0,
    infinities: nf.infinities,
    nans: nf.nans,
    integral: false,
    histogram: null,
    topValues: [],
    outliers: null,
    placeholders: [],
  };
}
