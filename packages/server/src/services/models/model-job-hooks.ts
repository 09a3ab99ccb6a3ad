import { rm } from 'node:fs/promises';
import type { Storage } from '../../adapters/storage/storage.ts';
import type { JobHooks } from '../../jobs/job-hooks.ts';
import { MODEL_JOB_TYPES } from '../../jobs/model.jobs.ts';
import type { Logger } from '../../logger.ts';
import type { ModelRepository } from '../../repositories/model.repository.ts';
import { jobWorkDir } from '../datasets/dataset-keys.ts';
import type { TrainResult } from './model-work.ts';

export interface ModelJobHookDeps {
  models: ModelRepository;
  storage: Storage;
  logger: Logger;
  dataDir: string;
  refreshSearch(modelId: string): Promise<void>;
}

/**
 * Training outcomes → model rows, in the process that ran the job. Success: `ready` with its
 * metrics and report (before the job says `succeeded`). Failure or cancel: `failed` with the
 * typed error, and the artifact (stored last, so normally absent) and scratch folder removed.
 */
export function registerModelJobHooks(hooks: JobHooks, deps: ModelJobHookDeps): void {
  hooks.on(MODEL_JOB_TYPES.train, {
    async succeeded(job, result) {
      const modelId = String(job.payload.modelId);
      const r = result as TrainResult;
      const row = await deps.models.markReady(modelId, r);
      if (!row && !(await deps.models.find(modelId))) {
        // Deleted while it trained: the artifact it just stored belongs to nobody.
        const key = job.payload.artifactKey;
        if (typeof key === 'string') await deps.storage.delete(key);
        return;
      }
      if (row) {
        await deps.refreshSearch(row.id).catch((err) => {
          deps.logger.warn({ err, modelId }, 'could not refresh the search document');
        });
      }
    },
    async failed(job, error) {
      const modelId = String(job.payload.modelId);
      await deps.models.markFailed(modelId, error);
      const key = job.payload.artifactKey;
      const model = await deps.models.find(modelId);
      if (typeof key === 'string' && model?.status !== 'ready') await deps.storage.delete(key);
      await rm(jobWorkDir(deps.dataDir, job.id), { recursive: true, force: true });
    },
  });
}
