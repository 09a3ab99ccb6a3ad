import type { ColumnProfile } from './column-types.ts';

/** Dataset-level profile types; see column-types.ts for the per-column part. */

export type JsonScalar = string | number | boolean | null;

export interface DuplicateRows {
  /** Rows that repeat an earlier row (pandas `duplicated().sum()`). */
  count: number;
  share: number;
  /** Distinct rows that occur more than once. */
  groups: number;
  /** Up to 5 duplicated rows, most repeated first, each with its number of occurrences. */
  examples: { row: Record<string, JsonScalar>; occurrences: number }[];
  /** Rows are grouped by a 64-bit hash of all values; see README for the collision bound. */
  method: 'hash64';
}

export type CorrelationMethod = 'pearson' | 'spearman' | 'cramers_v' | 'eta';

export interface CorrelationPair {
  a: string;
  b: string;
  method: CorrelationMethod;
  value: number;
  /** Rows where both values are present. */
  n: number;
}

export interface Correlations {
  /** Rows the correlations were computed on. */
  sampleSize: number;
  /** True when `sampleSize` is less than the row count (uniform sample, fixed seed). */
  sampled: boolean;
  /** Columns of the matrix: numeric, boolean and categorical (2..1000 levels) columns. */
  columns: string[];
  /**
   * One matrix with the method per cell: Pearson for numeric–numeric, Cramér's V for
   * categorical–categorical, η for categorical–numeric; `null` where undefined.
   */
  matrix: { values: (number | null)[][]; methods: (CorrelationMethod | null)[][] };
  /** Spearman's ρ for the numeric columns (subset of `columns`, same order). */
  spearman: { columns: string[]; values: (number | null)[][] };
  /** Every computed pair, strongest first (|value|). */
  pairs: CorrelationPair[];
  /** Columns left out of the matrix and why. */
  excluded: { column: string; reason: string }[];
}

export interface MissingPatterns {
  /** Columns with at least one missing value, most missing first. */
  columns: string[];
  /** cooccurrence[i][j] = rows where columns i and j are both missing (diagonal = missing of i). */
  cooccurrence: number[][];
  /** Most frequent combinations of missing columns over rows with any missing value. */
  patterns: { missing: string[]; count: number; share: number }[];
  rowsWithMissing: number;
  distinctPatterns: number;
  /** Set when only the most-missing columns were analysed (wide tables). */
  truncated?: { limit: number };
}

export interface TargetAssociation {
  column: string;
  method: CorrelationMethod;
  /** 0..1 for V and η; −1..1 for Pearson. */
  value: number;
}

export interface TargetProfile {
  column: string;
  task: 'classification' | 'regression';
  /** Classification only: counts of every class (at most 100, most frequent first). */
  classBalance?: { value: string | number | boolean; count: number; share: number }[];
  /** Minority-class share / majority-class share, classification only. */
  imbalanceRatio?: number | null;
  associations: TargetAssociation[];
  leakageSuspects: (TargetAssociation & { reason: string })[];
  /** Rows the associations were computed on. */
  sampleSize: number;
}

export type AlertType =
  | 'empty_dataset'
  | 'all_missing'
  | 'constant'
  | 'near_constant'
  | 'high_cardinality'
  | 'unique'
  | 'id_like'
  | 'high_missing'
  | 'skewed'
  | 'zeros_heavy'
  | 'outliers'
  | 'infinite_values'
  | 'duplicates'
  | 'mixed_types'
  | 'placeholders'
  | 'imbalance'
  | 'high_correlation'
  | 'possible_leakage'
  | 'future_dates'
  | 'numbers_as_text'
  | 'dates_as_text'
  | 'inconsistent_text'
  | 'parse_failures';

export type Severity = 'info' | 'warning' | 'critical';

export interface Alert {
  type: AlertType;
  severity: Severity;
  /** The column(s) the alert is about; absent for dataset-wide alerts. */
  columns: string[];
  message: string;
  /** The numbers behind the alert (thresholds included), for the UI and for audits. */
  evidence: Record<string, JsonScalar | JsonScalar[]>;
}

export interface QualityScore {
  /** 0..100, one decimal. */
  score: number;
  /** Each 0..1. */
  completeness: number;
  validity: number;
  uniqueness: number;
  consistency: number;
  weights: { completeness: number; validity: number; uniqueness: number; consistency: number };
  /** The cell counts behind each component. */
  counts: {
    cells: number;
    missingCells: number;
    invalidCells: number;
    duplicateRows: number;
    inconsistentCells: number;
  };
}

export type SuggestionKind =
  | 'log_transform'
  | 'power_transform'
  | 'date_parts'
  | 'bin'
  | 'one_hot'
  | 'target_encode'
  | 'frequency_encode'
  | 'drop'
  | 'interaction'
  | 'impute'
  | 'missing_indicator'
  | 'parse_type'
  | 'clip_outliers'
  | 'text_features';

export interface Suggestion {
  kind: SuggestionKind;
  columns: string[];
  reason: string;
}

export interface ChartSpec {
  id: string;
  title: string;
  kind: 'histogram' | 'bar' | 'boxplot' | 'heatmap' | 'missingness' | 'timeseries' | 'scatter';
  columns: string[];
  /** A complete Vega-Lite v6 spec with its data inlined. */
  spec: Record<string, unknown>;
}

export interface Profile {
  formatVersion: 1;
  dataset: {
    rows: number;
    columns: number;
    /** Bytes of the Parquet file. */
    fileBytes: number;
    /** Estimated in-memory size (8 bytes per number, string bytes + 16 per text value). */
    memoryBytes: number;
    missingCells: number;
    missingCellsPct: number;
    duplicates: DuplicateRows;
    kinds: Record<string, number>;
  };
  columns: ColumnProfile[];
  correlations: Correlations;
  missing: MissingPatterns;
  target?: TargetProfile;
  alerts: Alert[];
  quality: QualityScore;
  suggestions: Suggestion[];
  insights: string[];
  charts: ChartSpec[];
  /** Where statistics are estimates or samples, and the conventions used. */
  notes: { sampling: string[]; conventions: string[] };
  durationMs: number;
}
