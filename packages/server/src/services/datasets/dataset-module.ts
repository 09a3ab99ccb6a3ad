import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../adapters/db/database.ts';
import type { Storage } from '../../adapters/storage/storage.ts';
import type { Config } from '../../config/config.ts';
import { DATASET_JOB_TYPES } from '../../jobs/dataset.jobs.ts';
import type { JobHooks } from '../../jobs/job-hooks.ts';
import type { JobSystem } from '../../jobs/job-system.ts';
import type { Logger } from '../../logger.ts';
import { DatasetRepository } from '../../repositories/dataset.repository.ts';
import { SearchRepository } from '../../repositories/search.repository.ts';
import { ArtifactService } from '../artifact.service.ts';
import type { JobService } from '../job.service.ts';
import { createProfileModule, type ProfileModule } from '../profiles/profile-module.ts';
import type { ProjectService } from '../project.service.ts';
import { SearchService } from '../search.service.ts';
import { DatasetService } from './dataset.service.ts';
import { DatasetAccess } from './dataset-access.ts';
import { DatasetArtifacts } from './dataset-artifacts.ts';
import { registerDatasetJobHooks } from './dataset-job-hooks.ts';
import { uploadStreamDir, uploadStreamsRoot } from './dataset-keys.ts';
import { DatasetQueryService } from './dataset-query.service.ts';
import { DatasetUploadService } from './dataset-upload.service.ts';
import { LocalFiles } from './local-files.ts';

export interface DatasetModuleDeps {
  config: Config;
  db: Db;
  storage: Storage;
  jobs: JobService;
  projects: ProjectService;
  logger: Logger;
  /** See DatasetUploadDeps.warmWorkers. */
  warmWorkers?: () => void;
  /** Runs a CPU task in this process's worker threads (embedded mode); see head-plan.ts. */
  runTask?: JobSystem['runTask'];
}

export interface DatasetModule {
  datasets: DatasetService;
  /** Dataset access checks and local Parquet paths, for other readers of versions (questions). */
  access: DatasetAccess;
  files: LocalFiles;
  uploads: DatasetUploadService;
  queries: DatasetQueryService;
  search: SearchService;
  artifacts: ArtifactService;
  /** Profiles, cleaning recipes, drift (services/profiles). */
  eda: ProfileModule;
  /** Install the outcome hooks of dataset jobs on a job system that runs them. */
  installJobHooks(hooks: JobHooks): void;
  /** Purge expired deletions and fail stale pending versions; also run by the sweep timer. */
  sweep(): Promise<{ purged: number; reconciled: number }>;
  close(): Promise<void>;
}

/** Wire the dataset services; the API process and `uam worker` both call this. */
export function createDatasetModule(d: DatasetModuleDeps): DatasetModule {
  const { config, storage, logger } = d;
  const repo = new DatasetRepository(d.db);
  const searchRepo = new SearchRepository(d.db);
  const access = new DatasetAccess(repo);
  const files = new LocalFiles(storage, {
    cacheDir: path.join(config.dataDir, 'cache'),
    maxCacheBytes: config.UAM_CACHE_MAX_BYTES,
  });
  const datasets = new DatasetService({
    datasets: repo,
    search: searchRepo,
    projects: d.projects,
    access,
    storage,
    logger,
    retentionDays: config.UAM_DATASET_RETENTION_DAYS,
  });
  const uploads = new DatasetUploadService({
    datasets: repo,
    service: datasets,
    projects: d.projects,
    access,
    jobs: d.jobs,
    storage,
    logger,
    maxUploadBytes: config.UAM_MAX_UPLOAD_BYTES,
    warmWorkers: d.warmWorkers,
    planHead: d.runTask
      ? (head, request, signal) =>
          d.runTask!(
            DATASET_JOB_TYPES.planHead,
            { head, fileName: request.fileName, options: request.options },
            signal,
            // The head's own memory moves to the thread (see head-plan.ts), not a second copy.
            [head.buffer as ArrayBuffer],
          )
      : undefined,
    streamIngest: d.runTask
      ? (request, signal) => d.runTask!(DATASET_JOB_TYPES.streamIngest, request, signal)
      : undefined,
    streamDir: (versionId) => uploadStreamDir(config.dataDir, versionId),
  });
  // Conversions while uploading run only with the in-process pool, i.e. in this one process:
  // what an earlier run left (it stopped mid-upload) belongs to no one now. An ingest job
  // queued with such a file converts its stored upload instead.
  if (d.runTask) rmSync(uploadStreamsRoot(config.dataDir), { recursive: true, force: true });
  const queries = new DatasetQueryService({
    access,
    jobs: d.jobs,
    storage,
    files,
    logger,
    engineDir: path.join(config.dataDir, 'tmp', 'api-engine'),
    engine: { threads: config.UAM_ENGINE_THREADS, memoryLimit: config.UAM_ENGINE_MEMORY_LIMIT },
    queryTimeoutMs: config.UAM_QUERY_TIMEOUT_MS,
    queryConcurrency: config.UAM_QUERY_CONCURRENCY,
    signedUrlTtlSeconds: config.UAM_SIGNED_URL_TTL,
    exportWaitMs: 10 * 60_000,
  });
  const eda = createProfileModule({ ...d, datasets: repo, access, queries, files });
  const artifacts = new ArtifactService(d.projects)
    .register(new DatasetArtifacts(repo))
    .register(eda.artifacts);
  return {
    datasets,
    access,
    files,
    uploads,
    queries,
    search: new SearchService(searchRepo),
    artifacts,
    eda,
    installJobHooks(hooks) {
      eda.installJobHooks(hooks);
      registerDatasetJobHooks(hooks, {
        datasets: repo,
        storage,
        logger,
        dataDir: config.dataDir,
        refreshSearch: async (id) => {
          const row = await repo.findDataset(id);
          if (row) await datasets.refreshSearch(row);
        },
        onVersionReady: (version, job) => eda.profiles.onVersionReady(version, job),
      });
    },
    async sweep() {
      const purged = await datasets.purge();
      const reconciled = (await datasets.reconcile()) + (await eda.profiles.reconcile());
      return { purged, reconciled };
    },
    close: () => queries.close(),
  };
}
