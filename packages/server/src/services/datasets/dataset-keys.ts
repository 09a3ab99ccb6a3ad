import path from 'node:path';
import type { ExportFormat, StorageType } from './data-engine.ts';

/** The engine's storage types (its `STORAGE_TYPES`), repeated so validating them loads no engine. */
export const STORAGE_TYPES = [
  'integer',
  'float',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'time',
  'string',
] as const satisfies readonly StorageType[];

export const EXPORT_FORMATS = ['csv', 'parquet', 'json', 'xlsx'] as const satisfies readonly ExportFormat[];

/** Scratch folder of one job: removed by the job, and by its failure hook if the thread died. */
export function jobWorkDir(dataDir: string, jobId: string): string {
  return path.join(dataDir, 'tmp', 'jobs', jobId);
}

/**
 * Scratch folder of an upload converted while it arrived (upload-stream.ts): the pipe it is
 * read from and the version written from it, until the ingest job takes that over.
 */
export function uploadStreamDir(dataDir: string, versionId: string): string {
  return path.join(uploadStreamsRoot(dataDir), versionId);
}

/** The folder of every `uploadStreamDir`. */
export function uploadStreamsRoot(dataDir: string): string {
  return path.join(dataDir, 'tmp', 'uploads');
}
export const UPLOAD_FIFO = 'upload.fifo';
export const STREAMED_VERSION = 'version.parquet';

/** Name of a version's Parquet file in the local cache (versions are immutable). */
export const versionCacheName = (versionId: string) => `version-${versionId}.parquet`;
export const rawCacheName = (contentHash: string) => `raw-${contentHash}`;

/**
 * Storage keys of a dataset. Every object of a dataset lives under its folder, so purging the
 * dataset is one `deletePrefix`. Keys are built from ids only, never from client file names.
 */
export function datasetPrefix(projectId: string, datasetId: string): string {
  return `projects/${projectId}/datasets/${datasetId}`;
}

export function rawKey(projectId: string, datasetId: string, versionId: string): string {
  return `${datasetPrefix(projectId, datasetId)}/raw/${versionId}`;
}

export function parquetKey(projectId: string, datasetId: string, versionId: string): string {
  return `${datasetPrefix(projectId, datasetId)}/versions/${versionId}.parquet`;
}

export function exportKey(projectId: string, datasetId: string, versionId: string, format: string): string {
  return `${datasetPrefix(projectId, datasetId)}/exports/${versionId}.${format}`;
}
