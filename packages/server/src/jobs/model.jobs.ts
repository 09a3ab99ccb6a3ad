import { createRequire } from 'node:module';
import { z } from 'zod';
import { UamError } from '../errors/index.ts';
import { ALGORITHMS } from '../services/models/model-catalog.ts';
import type { ModelWork } from '../services/models/model-work.ts';
import { defineJob, type JobRegistry } from './job-registry.ts';
import type { JobEnvironment } from './registry.ts';

/** Model job types; each is one call into `ModelWork`, its result written by model-job-hooks.ts. */
export const MODEL_JOB_TYPES = { train: 'model.train' } as const;

const key = z.string().min(1).max(1024);

export const trainPayload = z.strictObject({
  modelId: z.uuid(),
  versionId: z.uuid(),
  parquetKey: key,
  artifactKey: key,
  target: z.string().max(1000).nullable(),
  task: z.enum(['classification', 'regression', 'clustering', 'decomposition', 'anomaly']),
  algorithm: z.enum(ALGORITHMS),
  params: z.record(z.string(), z.unknown()),
  validation: z.union([
    z.strictObject({ kind: z.literal('holdout'), testFraction: z.number().gt(0).lt(1) }),
    z.strictObject({ kind: z.literal('kfold'), folds: z.number().int().min(2).max(20) }),
  ]),
  seed: z.number().int(),
});

export function registerModelJobs(registry: JobRegistry, environment?: JobEnvironment): JobRegistry {
  let work: ModelWork | undefined;
  const worker = () => {
    if (!environment)
      throw new UamError('INTERNAL_ERROR', 'Model jobs need the platform config (JobEnvironment)');
    // Loaded on first run, i.e. only in worker threads; `require`, not import(): see data-engine.ts.
    const { ModelWork: Work } = createRequire(import.meta.url)('../services/models/model-work.ts') as {
      ModelWork: typeof ModelWork;
    };
    work ??= Work.create(environment.config);
    return work;
  };
  return registry.register(
    defineJob({
      type: MODEL_JOB_TYPES.train,
      cpu: true,
      timeoutMs: environment?.config.UAM_INGEST_TIMEOUT_MS ?? 2 * 60 * 60_000,
      payloadSchema: trainPayload,
      run: async (p, ctx) => worker().train(p, ctx),
    }),
  );
}
