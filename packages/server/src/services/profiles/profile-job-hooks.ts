import { rm } from 'node:fs/promises';
import type { Storage } from '../../adapters/storage/storage.ts';
import type { JobHooks } from '../../jobs/job-hooks.ts';
import { PROFILE_JOB_TYPES } from '../../jobs/profile.jobs.ts';
import type { Logger } from '../../logger.ts';
import type { ProfileRepository } from '../../repositories/profile.repository.ts';
import { jobWorkDir } from '../datasets/dataset-keys.ts';
import type { ProfileResult } from './profile-work.ts';

export interface ProfileJobHookDeps {
  profiles: ProfileRepository;
  storage: Storage;
  logger: Logger;
  dataDir: string;
}

/**
 * Profile job outcomes, in the process that recorded them. Success: the row whose job this
 * still is becomes `ready` with the stored JSON's key, and the previous run's object goes;
 * a run that was superseded by a newer one removes its own object instead. Failure: the row
 * becomes `failed` with the typed error. (Clean jobs make versions: dataset-job-hooks.ts.)
 */
export function registerProfileJobHooks(hooks: JobHooks, deps: ProfileJobHookDeps): void {
  const drop = async (key: string | null | undefined) => {
    if (!key) return;
    await deps.storage
      .delete(key)
      .catch((err) => deps.logger.warn({ err, key }, 'could not remove a profile object'));
  };
  hooks.on(PROFILE_JOB_TYPES.profile, {
    async succeeded(job, result) {
      const r = result as ProfileResult;
      const done = await deps.profiles.markReady(job.id, r);
      if (!done) return drop(r.resultKey);
      await drop(done.previousKey);
    },
    async failed(job, error) {
      await deps.profiles.markFailed(job.id, error);
      const row = await deps.profiles.findByJob(job.id);
      const key = job.payload.resultKey;
      if (typeof key === 'string' && row?.result_key !== key) await drop(key);
      await rm(jobWorkDir(deps.dataDir, job.id), { recursive: true, force: true });
    },
  });
  hooks.on(PROFILE_JOB_TYPES.drift, {
    async failed(job) {
      await rm(jobWorkDir(deps.dataDir, job.id), { recursive: true, force: true });
    },
  });
}
