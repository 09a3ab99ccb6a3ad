import type { SemanticType, StorageType, ValueFailures } from '../data/types.ts';

/**
 * Per-column profile types. Every number is finite or `null` (undefined statistic, e.g. the
 * std of one value), so a profile survives `JSON.stringify` unchanged.
 */

/** Which statistics a column gets, from its storage and semantic types. */
export type ColumnKind = 'numeric' | 'text' | 'datetime' | 'boolean';

export interface DistinctCount {
  value: number;
  exact: boolean;
  /** Relative standard error of the HyperLogLog estimate when `exact` is false. */
  relativeError?: number;
}

export interface ValueFrequency {
  /** Numbers for numeric columns, strings otherwise. */
  value: number | string;
  count: number;
  /** Share of non-missing values, 0..1. */
  share: number;
}

export interface Histogram {
  /** k + 1 ascending edges; bins are [e_i, e_{i+1}) and the last is closed. */
  edges: number[];
  counts: number[];
  /** How the bin count was chosen; see profile/README.md. */
  rule: 'freedman-diaconis' | 'sturges' | 'integer' | 'single';
}

export interface OutlierRule {
  count: number;
  share: number;
  /** Up to 5 of the most extreme values flagged on each side. */
  low: number[];
  high: number[];
}

export interface Outliers {
  /** Outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR]. */
  iqr: OutlierRule & { lower: number; upper: number };
  /** |0.6745 (x − median) / MAD| > 3.5 (Iglewicz–Hoaglin); see README for MAD = 0. */
  robustZ: OutlierRule & { threshold: number; scale: 'mad' | 'meanAbsoluteDeviation' | 'none' };
}

export interface PlaceholderHit {
  value: number | string;
  count: number;
}

export interface NumericStats {
  min: number | null;
  max: number | null;
  mean: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  p1: number | null;
  p5: number | null;
  p95: number | null;
  p99: number | null;
  std: number | null;
  variance: number | null;
  mad: number | null;
  iqr: number | null;
  range: number | null;
  skewness: number | null;
  kurtosis: number | null;
  /** Coefficient of variation std / |mean|. */
  cv: number | null;
  sum: number | null;
  zeros: number;
  negatives: number;
  /** Values ±Infinity; present but excluded from every other statistic. */
  infinities: number;
  /** NaN values; counted as missing (pandas convention). */
  nans: number;
  /** True when every finite value is a whole number. */
  integral: boolean;
  histogram: Histogram | null;
  topValues: ValueFrequency[];
  outliers: Outliers | null;
  /** Sentinel codes such as −999 found at the column's minimum or maximum. */
  placeholders: PlaceholderHit[];
  /** Set when the statistics come from the large-data path; quantiles are then t-digest estimates. */
  approximate?: { quantiles: boolean; reason: string };
}

export interface TextStats {
  topValues: ValueFrequency[];
  /** Non-missing values outside the top list. */
  otherCount: number;
  /** Shannon entropy of the value distribution in bits. */
  entropy: number | null;
  /** entropy / log2(distinct), 0..1. */
  normalizedEntropy: number | null;
  length: { min: number | null; max: number | null; mean: number | null; median: number | null };
  /** Non-missing values containing at least one character of each class. */
  characterClasses: {
    letters: number;
    digits: number;
    whitespace: number;
    punctuation: number;
    uppercase: number;
    lowercase: number;
    nonAscii: number;
  };
  /** Value shapes: A = upper-case letter, a = lower-case, 9 = digit, other characters kept. */
  patterns: { pattern: string; count: number; example: string }[];
  /** Set when patterns come from a sample of the distinct values. */
  patternSample?: { distinctValues: number };
  placeholders: PlaceholderHit[];
  /** Values with leading or trailing whitespace. */
  untrimmed: number;
  /** Values that differ only by case or surrounding spaces from a more frequent spelling. */
  caseVariants: number;
  /** Values that parse as numbers / as dates. */
  numericLike: number;
  dateLike: number;
}

export interface DatetimeStats {
  /** ISO 8601 (date only for DATE columns, `HH:MM:SS` for TIME columns). */
  min: string | null;
  max: string | null;
  /** Finest unit every value is aligned to, and the gcd of the steps between distinct values. */
  granularity: {
    unit: 'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';
    step: number;
  } | null;
  gaps: {
    /** Whether the values sit on a regular grid of `step` units. */
    regular: boolean;
    expectedPeriods: number | null;
    presentPeriods: number;
    missingPeriods: number | null;
    largest: { from: string; to: string; periods: number }[];
  } | null;
  byYear: { key: number; count: number }[];
  /** 1 = January. */
  byMonth: { key: number; count: number }[];
  /** 1 = Monday … 7 = Sunday (ISO). */
  byWeekday: { key: number; count: number }[];
  byHour: { key: number; count: number }[];
  /** Values after `now` (option, default the current time). */
  future: number;
  series: { unit: 'hour' | 'day' | 'week' | 'month' | 'year'; points: { t: string; count: number }[] };
  /** Values ±infinity (DuckDB allows them); excluded from the rest. */
  infinities: number;
}

export interface BooleanStats {
  trueCount: number;
  falseCount: number;
  trueShare: number | null;
}

export interface ColumnProfile {
  name: string;
  index: number;
  storageType: StorageType;
  semanticType: SemanticType;
  physicalType: string;
  kind: ColumnKind;
  /** Rows in the version. */
  rows: number;
  /** Non-missing values. */
  count: number;
  missing: number;
  /** 0..100. */
  missingPct: number;
  distinct: DistinctCount;
  /** distinct / count, 0..1. */
  distinctRatio: number | null;
  /** Every non-missing value is different (and there are at least 2). */
  unique: boolean;
  /** Values that failed to parse at ingest (stored as NULL), from the schema. */
  parseFailures: ValueFailures;
  numeric?: NumericStats;
  text?: TextStats;
  datetime?: DatetimeStats;
  boolean?: BooleanStats;
}
