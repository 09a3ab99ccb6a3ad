import type { DatasetRow, DatasetVersionRow } from '../../repositories/dataset.repository.ts';
import { int8 } from '../../repositories/dataset.repository.ts';

export interface VersionLineage {
  kind: 'upload' | 'schema_change' | 'clean';
  parentVersionId?: string;
  recipe?: unknown;
  overrides?: Array<{ name: string; storageType: string }>;
}

export interface DatasetVersionView {
  id: string;
  datasetId: string;
  number: number;
  status: 'pending' | 'ready' | 'failed';
  sourceFileName: string | null;
  rawBytes: number | null;
  contentHash: string | null;
  parquetBytes: number | null;
  rowCount: number | null;
  columnCount: number | null;
  schema: unknown[] | null;
  stats: Record<string, unknown> | null;
  warnings: unknown[];
  lineage: VersionLineage;
  parseOptions: Record<string, unknown>;
  jobId: string | null;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
  duplicateOf: string | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface DatasetView {
  id: string;
  projectId: string;
  name: string;
  description: string;
  tags: string[];
  currentVersionId: string | null;
  /** Versions handed out so far (including pending and failed ones). */
  versionCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  purgeAfter: string | null;
}

export function toDatasetView(r: DatasetRow): DatasetView {
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    description: r.description,
    tags: r.tags,
    currentVersionId: r.current_version_id,
    versionCount: r.version_seq,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    deletedAt: r.deleted_at?.toISOString() ?? null,
    purgeAfter: r.purge_after?.toISOString() ?? null,
  };
}

/** `withSchema: false` drops the per-column schema and stats (lists stay small for wide tables). */
export function toVersionView(r: DatasetVersionRow, withSchema = true): DatasetVersionView {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    number: r.number,
    status: r.status,
    sourceFileName: r.source_file_name,
    rawBytes: int8(r.raw_bytes),
    contentHash: r.content_hash,
    parquetBytes: int8(r.parquet_bytes),
    rowCount: int8(r.row_count),
    columnCount: r.column_count,
    schema: withSchema ? r.schema : null,
    stats: withSchema ? r.stats : null,
    warnings: r.warnings,
    lineage: r.lineage as unknown as VersionLineage,
    parseOptions: r.parse_options,
    jobId: r.job_id,
    error: r.error,
    duplicateOf: r.duplicate_of,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}
