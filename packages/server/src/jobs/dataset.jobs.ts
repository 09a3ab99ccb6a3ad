import { createRequire } from 'node:module';
import { z } from 'zod';
import { UamError } from '../errors/index.ts';
import type { ColumnSchema, CsvPlan, IngestResult, ParseOptions } from '../services/datasets/data-engine.ts';
import { EXPORT_FORMATS, STORAGE_TYPES } from '../services/datasets/dataset-keys.ts';
import type { DatasetWork } from '../services/datasets/dataset-work.ts';
import { defineJob, type JobRegistry } from './job-registry.ts';
import type { JobEnvironment } from './registry.ts';

/**
 * Dataset job types. Each runs in a worker thread and is one call into `DatasetWork`; their
 * results become version rows through the outcome hooks in `services/datasets/dataset-job-hooks.ts`.
 */
export const DATASET_JOB_TYPES = {
  ingest: 'dataset.ingest',
  cast: 'dataset.cast',
  export: 'dataset.export',
  /** Not a job row: a worker-thread task the upload runs on a file's head (head-plan.ts). */
  planHead: 'dataset.plan-head',
  /** Not a job row: converts an upload while it arrives, from its head's plan (upload-stream.ts). */
  streamIngest: 'dataset.stream-ingest',
} as const;

const key = z.string().min(1).max(1024);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const column = z.object({ name: z.string(), storageType: z.enum(STORAGE_TYPES) });

const csvPlan = z.looseObject({
  sniff: z.looseObject({}),
  columns: z.array(z.looseObject({})),
  sampledRows: z.number(),
});

export const ingestPayload = z.strictObject({
  versionId: z.uuid(),
  rawKey: key,
  contentHash: sha256,
  parquetKey: key,
  fileName: z.string().max(255).nullable(),
  options: z.record(z.string(), z.unknown()),
  /** The CSV plan made from the file's head while it uploaded (engine `CsvPlan`). */
  plan: csvPlan.optional(),
  /**
   * The engine's result for the version written from `plan` while the file uploaded; its file
   * is in the version's `uploadStreamDir`. Without that file the job ingests the raw object.
   */
  streamed: z.looseObject({ rowCount: z.number(), columns: z.array(z.looseObject({})) }).optional(),
});

export const streamIngestPayload = z.strictObject({
  versionId: z.uuid(),
  fileName: z.string().max(255).nullable(),
  options: z.record(z.string(), z.unknown()),
  plan: csvPlan,
});

export const planHeadPayload = z.strictObject({
  head: z.instanceof(Uint8Array),
  fileName: z.string().max(255).nullable(),
  options: z.record(z.string(), z.unknown()),
});

export const castPayload = z.strictObject({
  versionId: z.uuid(),
  sourceVersionId: z.uuid(),
  sourceParquetKey: key,
  sourceSchema: z.array(z.looseObject({ name: z.string() })),
  parquetKey: key,
  overrides: z.array(column).min(1),
});

export const exportPayload = z.strictObject({
  versionId: z.uuid(),
  parquetKey: key,
  exportKey: key,
  format: z.enum(EXPORT_FORMATS),
});

export function registerDatasetJobs(registry: JobRegistry, environment?: JobEnvironment): JobRegistry {
  let work: DatasetWork | undefined;
  const worker = () => {
    if (!environment) {
      throw new UamError('INTERNAL_ERROR', 'Dataset jobs need the platform config (JobEnvironment)');
    }
    // Loaded on first run, i.e. only in worker threads: the API's registry never loads the engine.
    // `require`, not import(): see services/datasets/data-engine.ts.
    const { DatasetWork: Work } = createRequire(import.meta.url)('../services/datasets/dataset-work.ts') as {
      DatasetWork: typeof DatasetWork;
    };
    work ??= Work.create(environment.config);
    return work;
  };
  const timeoutMs = environment?.config.UAM_INGEST_TIMEOUT_MS ?? 2 * 60 * 60_000;
  return registry
    .register(
      defineJob({
        type: DATASET_JOB_TYPES.ingest,
        cpu: true,
        timeoutMs,
        payloadSchema: ingestPayload,
        // The engine validates parse options itself (DATASET_OPTIONS_INVALID).
        run: async (p, ctx) =>
          (await worker()).ingest(
            {
              ...p,
              options: p.options as ParseOptions,
              plan: p.plan as CsvPlan | undefined,
              streamed: p.streamed as IngestResult | undefined,
            },
            ctx,
          ),
      }),
    )
    .register(
      defineJob({
        type: DATASET_JOB_TYPES.planHead,
        cpu: true,
        timeoutMs: 60_000,
        payloadSchema: planHeadPayload,
        run: async (p, ctx) => (await worker()).planHead({ ...p, options: p.options as ParseOptions }, ctx),
      }),
    )
    .register(
      defineJob({
        type: DATASET_JOB_TYPES.streamIngest,
        cpu: true,
        timeoutMs,
        payloadSchema: streamIngestPayload,
        run: async (p, ctx) =>
          (await worker()).streamIngest(
            { ...p, options: p.options as ParseOptions, plan: p.plan as unknown as CsvPlan },
            ctx,
          ),
      }),
    )
    .register(
      defineJob({
        type: DATASET_JOB_TYPES.cast,
        cpu: true,
        timeoutMs,
        payloadSchema: castPayload,
        run: async (p, ctx) =>
          (await worker()).cast({ ...p, sourceSchema: p.sourceSchema as unknown as ColumnSchema[] }, ctx),
      }),
    )
    .register(
      defineJob({
        type: DATASET_JOB_TYPES.export,
        cpu: true,
        timeoutMs,
        payloadSchema: exportPayload,
        run: async (p, ctx) => (await worker()).export(p, ctx),
      }),
    );
}
