import { createRequire } from 'node:module';
import { z } from 'zod';
import { UamError } from '../errors/index.ts';
import type { ColumnSchema } from '../services/datasets/data-engine.ts';
import type { ProfileWork, VersionRef } from '../services/profiles/profile-work.ts';
import { defineJob, type JobRegistry } from './job-registry.ts';
import type { JobEnvironment } from './registry.ts';

/**
 * Automated-EDA job types: each runs in a worker thread and is one call into `ProfileWork`.
 * A profile's result becomes its profiles row, and a clean's a new dataset version, through
 * outcome hooks (services/profiles/profile-job-hooks.ts, services/datasets/dataset-job-hooks.ts);
 * a drift report is read from the job's result by the request that waits for it.
 */
export const PROFILE_JOB_TYPES = {
  profile: 'dataset.profile',
  clean: 'dataset.clean',
  drift: 'dataset.drift',
} as const;

const key = z.string().min(1).max(1024);
const versionRef = z.strictObject({
  versionId: z.uuid(),
  parquetKey: key,
  schema: z.array(z.looseObject({ name: z.string() })),
});

export const profilePayload = versionRef.extend({
  target: z.string().min(1).max(1000).nullable(),
  resultKey: key,
});

export const cleanPayload = z.strictObject({
  versionId: z.uuid(),
  source: versionRef,
  parquetKey: key,
  // The engine validates the recipe itself (RECIPE_INVALID); the API already did once.
  recipe: z.record(z.string(), z.unknown()),
});

export const driftPayload = z.strictObject({ from: versionRef, to: versionRef });

const asRef = (r: z.infer<typeof versionRef>): VersionRef => ({
  ...r,
  schema: r.schema as unknown as ColumnSchema[],
});

export function registerProfileJobs(registry: JobRegistry, environment?: JobEnvironment): JobRegistry {
  let work: ProfileWork | undefined;
  const worker = () => {
    if (!environment) {
      throw new UamError('INTERNAL_ERROR', 'Profile jobs need the platform config (JobEnvironment)');
    }
    // Loaded on first run, i.e. only in worker threads; `require`, not import(): see data-engine.ts.
    const { ProfileWork: Work } = createRequire(import.meta.url)('../services/profiles/profile-work.ts') as {
      ProfileWork: typeof ProfileWork;
    };
    work ??= Work.create(environment.config);
    return work;
  };
  const timeoutMs = environment?.config.UAM_INGEST_TIMEOUT_MS ?? 2 * 60 * 60_000;
  return registry
    .register(
      defineJob({
        type: PROFILE_JOB_TYPES.profile,
        cpu: true,
        timeoutMs,
        payloadSchema: profilePayload,
        run: async (p, ctx) =>
          worker().profile({ ...asRef(p), target: p.target, resultKey: p.resultKey }, ctx),
      }),
    )
    .register(
      defineJob({
        type: PROFILE_JOB_TYPES.clean,
        cpu: true,
        timeoutMs,
        payloadSchema: cleanPayload,
        run: async (p, ctx) => worker().clean({ ...p, source: asRef(p.source) }, ctx),
      }),
    )
    .register(
      defineJob({
        type: PROFILE_JOB_TYPES.drift,
        cpu: true,
        timeoutMs,
        payloadSchema: driftPayload,
        run: async (p, ctx) => worker().drift({ from: asRef(p.from), to: asRef(p.to) }, ctx),
      }),
    );
}
