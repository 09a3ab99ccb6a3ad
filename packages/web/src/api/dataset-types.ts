/** Dataset shapes of the UAM REST API (`/api/v1/datasets…`), mirrored by hand from its contract. */
import type { Job } from './types.ts';

export type StorageType =
  | 'integer'
  | 'float'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'string';

export const STORAGE_TYPES: readonly StorageType[] = [
  'integer',
  'float',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'time',
  'string',
];

export type SemanticType =
  | 'numeric'
  | 'categorical'
  | 'ordinal'
  | 'identifier'
  | 'free_text'
  | 'email'
  | 'url'
  | 'phone'
  | 'currency'
  | 'percentage'
  | 'latitude'
  | 'longitude'
  | 'postal_code'
  | 'datetime'
  | 'boolean';

export interface Dataset {
  id: string;
  projectId: string;
  name: string;
  description: string;
  tags: string[];
  /** Number of the version users see by default; null until the first ingest succeeds. */
  currentVersion?: number | null;
  /** Some server builds name the current version by id instead of number. */
  currentVersionId?: string | null;
  versionCount: number;
  /** Of the current version; some server builds leave them out of dataset answers. */
  rowCount?: number | null;
  columnCount?: number | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  purgeAfter: string | null;
}

/** How the column's text was read (see the engine's ParseFormat). */
export interface ColumnFormat {
  numberStyle?: 'plain' | 'us' | 'eu' | 'space' | 'apos';
  currencySymbol?: string;
  percent?: boolean;
  negativeParens?: boolean;
  negativeTrailingMinus?: boolean;
  dateFormats?: string[];
  dateOrder?: 'dmy' | 'mdy';
  utcOffsets?: boolean;
}

export interface Column {
  name: string;
  storageType: StorageType;
  semanticType: SemanticType;
  format?: ColumnFormat;
  missingCount: number;
  failures: { count: number; examples: string[] };
  /** Share of sampled values that parsed as `storageType`, 0..1. */
  confidence: number;
}

export interface VersionWarning {
  code: string;
  message: string;
  column?: string;
}

export interface VersionLineage {
  kind: 'upload' | 'schema_change' | 'clean';
  parentVersion?: number;
  /** Some server builds name the parent by id instead of number. */
  parentVersionId?: string;
  overrides?: { name: string; storageType: StorageType }[];
}

export type VersionStatus = 'pending' | 'ready' | 'failed';

export interface Version {
  id: string;
  datasetId: string;
  number: number;
  status: VersionStatus;
  sourceFileName: string | null;
  rawBytes: number | null;
  parquetBytes: number | null;
  contentHash: string | null;
  rowCount: number | null;
  columnCount: number | null;
  /** Present on `GET …/versions/:number`; lists may leave it out (null) to stay small. */
  schema: Column[] | null;
  warnings: VersionWarning[];
  lineage: VersionLineage;
  jobId: string | null;
  error: { code: string; message: string } | null;
  createdAt: string;
}

/** What an upload, a new version or a schema change answers: the work is done by `job`. */
export interface VersionAccepted {
  dataset?: Dataset;
  version: Version;
  /** Null when nothing had to be done: the same bytes (or cast) already made `version`. */
  job: Job | null;
  duplicateOf?: unknown;
}

/** Forced parse options; anything left out is detected by the server. */
export interface ParseOptions {
  delimiter?: string;
  header?: boolean;
  decimalComma?: boolean;
  encoding?: string;
  sheet?: string;
  skipBadLines?: boolean;
}

export interface RowsPage {
  columns: { name: string; type: StorageType }[];
  rows: unknown[][];
  total: number;
  offset: number;
  limit: number;
}

export interface RowsQuery {
  version?: number | null;
  offset: number;
  limit: number;
  /** `col:desc,other:asc` */
  sort?: string;
  filter?: string;
}

export type ExportFormat = 'csv' | 'parquet' | 'json' | 'xlsx';

export interface DownloadLink {
  url: string;
  expiresAt: string;
  fileName: string;
}

export interface SearchHit {
  type: 'dataset' | 'project' | (string & {});
  id: string;
  projectId: string;
  name: string;
  snippet?: string;
  matchedColumns?: string[];
  projectName?: string;
}
