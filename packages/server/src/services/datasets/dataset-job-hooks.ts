import { rm } from 'node:fs/promises';
import type { Storage } from '../../adapters/storage/storage.ts';
import { DATASET_JOB_TYPES } from '../../jobs/dataset.jobs.ts';
import type { JobHooks } from '../../jobs/job-hooks.ts';
import { PROFILE_JOB_TYPES } from '../../jobs/profile.jobs.ts';
import type { Logger } from '../../logger.ts';
import type { DatasetRepository, DatasetVersionRow } from '../../repositories/dataset.repository.ts';
import type { JobRow } from '../../repositories/job.repository.ts';
import { jobWorkDir, uploadStreamDir } from './dataset-keys.ts';
import type { VersionResult } from './dataset-work.ts';

export interface DatasetJobHookDeps {
  datasets: DatasetRepository;
  storage: Storage;
  logger: Logger;
  dataDir: string;
  /** Rewrites a dataset's search document (DatasetService.refreshSearch). */
  refreshSearch(datasetId: string): Promise<void>;
  /** Told when a version became ready (starts its profile); a failure here is only logged. */
  onVersionReady?(version: DatasetVersionRow, job: JobRow): Promise<void>;
}

/**
 * Turns dataset job outcomes into version rows, in the process that ran the job (the API in
 * embedded mode, `uam worker` with Redis). Success: the version becomes `ready` with its
 * schema, counts and warnings, and the dataset's current version moves to it; this runs
 * before the job row says `succeeded`. Failure or cancel: the version becomes `failed` with
 * the typed error, and its Parquet object and scratch folder are removed (nothing half-stored).
 * The raw upload is kept: it is what a user diagnoses, and a re-upload with other parse
 * options reuses it. It goes away with the dataset.
 */
export function registerDatasetJobHooks(hooks: JobHooks, deps: DatasetJobHookDeps): void {
  const versionHooks = {
    async succeeded(job: JobRow, result: unknown) {
      const versionId = String(job.payload.versionId);
      const r = result as VersionResult;
      const version = await deps.datasets.markReady(versionId, {
        parquetBytes: r.parquetBytes,
        rowCount: r.rowCount,
        columnCount: r.columnCount,
        schema: r.columns,
        stats: r.stats,
        warnings: r.warnings,
      });
      // The version is ready whatever happens to the search index; a stale entry heals on the next edit.
      if (version) {
        await deps.refreshSearch(version.dataset_id).catch((err) => {
          deps.logger.warn({ err, datasetId: version.dataset_id }, 'could not refresh the search document');
        });
        await deps.onVersionReady?.(version, job).catch((err) => {
          deps.logger.warn({ err, versionId: version.id }, 'could not start the profile of a new version');
        });
      }
    },
    async failed(job: JobRow, error: { code: string; message: string; details?: Record<string, unknown> }) {
      const versionId = String(job.payload.versionId);
      await deps.datasets.markFailed(versionId, error);
      // The Parquet object is stored last, so it exists here only if a later step failed; a
      // version that did become ready keeps its file.
      const key = job.payload.parquetKey;
      const version = await deps.datasets.findVersion(versionId);
      if (typeof key === 'string' && version?.status !== 'ready') await deps.storage.delete(key);
      await rm(jobWorkDir(deps.dataDir, job.id), { recursive: true, force: true });
      // A version written while the file uploaded, if the job died before taking it.
      await rm(uploadStreamDir(deps.dataDir, versionId), { recursive: true, force: true });
    },
  };
  hooks.on(DATASET_JOB_TYPES.ingest, versionHooks);
  hooks.on(DATASET_JOB_TYPES.cast, versionHooks);
  hooks.on(PROFILE_JOB_TYPES.clean, versionHooks);
  // An export stores its object last and atomically, so a failed one stored nothing; another
  // request's finished export under the same key must stay.
  hooks.on(DATASET_JOB_TYPES.export, {
    async failed(job) {
      await rm(jobWorkDir(deps.dataDir, job.id), { recursive: true, force: true });
    },
  });
}
