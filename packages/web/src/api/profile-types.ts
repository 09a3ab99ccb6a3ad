import type { Version } from './dataset-types.ts';
import type { Job } from './types.ts';

/** The profiles row of a version (`GET /datasets/:id/profile`). */
export interface ProfileInfo {
  id: string;
  datasetId: string;
  versionId: string;
  version: number;
  target: string | null;
  status: 'pending' | 'ready' | 'failed';
  jobId: string | null;
  qualityScore: number | null;
  summary: Record<string, unknown>;
  error: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export type Severity = 'info' | 'warning' | 'critical';
type Scalar = string | number | boolean | null;

export interface Alert {
  type: string;
  severity: Severity;
  columns: string[];
  message: string;
  evidence: Record<string, Scalar | Scalar[]>;
}

export interface ValueFrequency {
  value: number | string;
  count: number;
  share: number;
}

/** The parts of the engine's column profile the screens show. */
export interface ColumnProfile {
  name: string;
  storageType: string;
  semanticType: string;
  kind: 'numeric' | 'text' | 'datetime' | 'boolean';
  rows: number;
  count: number;
  missing: number;
  missingPct: number;
  distinct: { value: number; exact: boolean };
  unique: boolean;
  numeric?: {
    min: number | null;
    max: number | null;
    mean: number | null;
    median: number | null;
    q1: number | null;
    q3: number | null;
    std: number | null;
    skewness: number | null;
    zeros: number;
    negatives: number;
    histogram: { edges: number[]; counts: number[] } | null;
    topValues: ValueFrequency[];
    outliers: { iqr: { count: number } } | null;
  };
  text?: {
    topValues: ValueFrequency[];
    otherCount: number;
    entropy: number | null;
    length: { min: number | null; max: number | null; mean: number | null };
    patterns: { pattern: string; count: number; example: string }[];
  };
  datetime?: {
    min: string | null;
    max: string | null;
    granularity: { unit: string; step: number } | null;
    series: { unit: string; points: { t: string; count: number }[] };
    future: number;
  };
  boolean?: { trueCount: number; falseCount: number; trueShare: number | null };
}

export interface QualityScore {
  score: number;
  completeness: number;
  validity: number;
  uniqueness: number;
  consistency: number;
  weights: { completeness: number; validity: number; uniqueness: number; consistency: number };
  counts: Record<string, number>;
}

export interface Profile {
  dataset: {
    rows: number;
    columns: number;
    fileBytes: number;
    memoryBytes: number;
    missingCells: number;
    missingCellsPct: number;
    duplicates: { count: number; share: number };
    kinds: Record<string, number>;
  };
  columns: ColumnProfile[];
  correlations: {
    sampleSize: number;
    sampled: boolean;
    columns: string[];
    matrix: { values: (number | null)[][]; methods: (string | null)[][] };
    pairs: { a: string; b: string; method: string; value: number }[];
  };
  missing: {
    columns: string[];
    patterns: { missing: string[]; count: number; share: number }[];
    rowsWithMissing: number;
  };
  target?: {
    column: string;
    task: 'classification' | 'regression';
    classBalance?: { value: string | number | boolean; count: number; share: number }[];
    associations: { column: string; method: string; value: number }[];
    leakageSuspects: { column: string; method: string; value: number; reason: string }[];
    sampleSize: number;
  };
  alerts: Alert[];
  quality: QualityScore;
  suggestions: { kind: string; columns: string[]; reason: string }[];
  insights: string[];
  /** Vega-Lite specs; the web app asks for the scatter plots only. */
  charts: {
    id: string;
    title: string;
    kind: string;
    columns: string[];
    spec: { data?: { values?: unknown[] } };
  }[];
  notes: { sampling: string[]; conventions: string[] };
  durationMs: number;
}

export interface ProfileAnswer {
  profile: ProfileInfo;
  result: Profile | null;
}

/** One recipe step: `op` plus its parameters (see docs/api.md for every op). */
export type RecipeStep = { op: string } & Record<string, unknown>;
export interface Recipe {
  steps: RecipeStep[];
}

export interface RecipeDiff {
  rowsBefore: number;
  rowsAfter: number;
  rowsRemoved: number;
  columnsAdded: string[];
  columnsRemoved: string[];
  columnsRenamed: { from: string; to: string }[];
  typeChanges: { column: string; from: string; to: string }[];
  columns: {
    column: string;
    from?: string;
    typeBefore?: string;
    typeAfter: string;
    nullsBefore: number | null;
    nullsAfter: number;
    changedValues: number | null;
  }[];
}

export interface CleanPreview {
  mode: 'preview';
  recipe: Recipe;
  sourceVersion: number;
  preview: { columns: { name: string; type: string }[]; rows: unknown[][]; diff: RecipeDiff };
}

export interface CleanApplied {
  mode: 'apply';
  version: Version;
  job: Job | null;
  duplicateOf: string | null;
}

export interface RecipeTemplate {
  id: string;
  projectId: string;
  name: string;
  description: string;
  recipe: Recipe;
  createdAt: string;
}

export interface ColumnDrift {
  column: string;
  kind: string;
  skippedReason?: string;
  psi: number | null;
  ks?: { statistic: number; pValue: number };
  chiSquare?: { statistic: number; df: number; pValue: number; cramersV: number };
  newCategories?: { value: string; count: number }[];
  missingCategories?: { value: string; count: number }[];
  mean?: { from: number | null; to: number | null };
  missingShare: { from: number; to: number };
  drift: 'none' | 'moderate' | 'major';
  reasons: string[];
}

export interface DriftAnswer {
  from: number;
  to: number;
  cached: boolean;
  report: {
    rows: { from: number; to: number };
    schema: {
      added: string[];
      removed: string[];
      typeChanged: { column: string; from: string; to: string }[];
    };
    columns: ColumnDrift[];
    verdict: 'none' | 'moderate' | 'major';
    summary: string[];
  };
}
