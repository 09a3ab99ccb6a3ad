import type { ColumnSchema, StorageType } from '../data/types.ts';

/** One side of a comparison: a dataset version. */
export interface DriftSide {
  parquetPath: string;
  columns: ColumnSchema[];
}

export type DriftLevel = 'none' | 'moderate' | 'major';

export interface CategoryCount {
  value: string;
  count: number;
}

export interface ColumnDrift {
  column: string;
  kind: 'numeric' | 'datetime' | 'categorical' | 'boolean' | 'skipped';
  /** Why a column was not compared (identifiers, free text, changed type). */
  skippedReason?: string;
  rows: { from: number; to: number };
  missingShare: { from: number; to: number };
  /** Population stability index over reference-decile bins (numeric) or categories, missing values as their own bin. */
  psi: number | null;
  /** Two-sample Kolmogorov–Smirnov test (numeric and datetime columns). */
  ks?: { statistic: number; pValue: number; sampled: boolean };
  /** χ² test of homogeneity of the category counts (categorical and boolean columns). */
  chiSquare?: { statistic: number; df: number; pValue: number; cramersV: number };
  /** Categories present only in the new version / only in the old one (most frequent first, at most 20). */
  newCategories?: CategoryCount[];
  missingCategories?: CategoryCount[];
  mean?: { from: number | null; to: number | null };
  drift: DriftLevel;
  reasons: string[];
}

export interface SchemaChanges {
  added: string[];
  removed: string[];
  typeChanged: { column: string; from: StorageType; to: StorageType }[];
}

export interface DriftReport {
  rows: { from: number; to: number };
  schema: SchemaChanges;
  columns: ColumnDrift[];
  verdict: DriftLevel;
  /** Plain-English reasons for the verdict. */
  summary: string[];
  thresholds: typeof DRIFT_THRESHOLDS;
}

export const DRIFT_THRESHOLDS = {
  /** PSI at or above: moderate / major (the usual credit-scoring rule of thumb). */
  psiModerate: 0.1,
  psiMajor: 0.25,
  /** A test counts when its p-value is below this and its effect size (KS D or Cramér's V) reaches `effect`. */
  pValue: 0.01,
  effect: 0.1,
  /** Share of compared columns with moderate drift that makes the whole version drift majorly. */
  majorColumnShare: 0.3,
} as const;
