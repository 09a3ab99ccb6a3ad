import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testLogger } from '../../../../test/support/job-harness.ts';
import { createPgliteTestDb, type TestDatabase } from '../../../../test/support/test-db.ts';
import { MemoryEventBus } from '../adapters/events/memory-event-bus.ts';
import type { EnqueueOptions, QueuedWork } from '../adapters/queue/queue.ts';
import { UamError } from '../errors/index.ts';
import { JobRepository } from '../repositories/job.repository.ts';
import { defineJob, JobRegistry } from './job-registry.ts';
import { JobRunner, retryDelayMs } from './job-runner.ts';
import { WorkerPool } from './worker-pool.ts';

/** Handlers that misbehave in the ways the runner must survive. */
const misbehaving = [
  defineJob({
    type: 'test.hang',
    cpu: false,
    timeoutMs: 200,
    payloadSchema: z.object({}),
    run: () => new Promise<never>(() => {}), // ignores its signal on purpose
  }),
  defineJob({
    type: 'test.invalid',
    cpu: false,
    payloadSchema: z.object({}),
    run: async () => {
      throw new UamError('VALIDATION_ERROR', 'column "x" does not exist');
    },
  }),
  defineJob({
    type: 'test.crash',
    cpu: false,
    payloadSchema: z.object({}),
    run: async () => {
      throw new TypeError('cannot read properties of undefined');
    },
  }),
  defineJob({
    type: 'test.wait',
    cpu: false,
    payloadSchema: z.object({}),
    run: (_p, ctx) =>
      new Promise<never>((_resolve, reject) =>
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
      ),
  }),
];

describe('JobRunner', () => {
  let testDb: TestDatabase;
  let repo: JobRepository;
  let runner: JobRunner;
  let pool: WorkerPool;
  const enqueued: Array<{ work: QueuedWork; options?: EnqueueOptions }> = [];

  beforeAll(async () => {
    testDb = await createPgliteTestDb();
    repo = new JobRepository(testDb.handle.db);
    const registry = new JobRegistry();
    for (const def of misbehaving) registry.register(def);
    const logger = testLogger();
    pool = new WorkerPool({ threads: 1, logger });
    const queue = {
      enqueue: async (work: QueuedWork, options?: EnqueueOptions) => void enqueued.push({ work, options }),
    };
    runner = new JobRunner({ repo, registry, pool, bus: new MemoryEventBus(), queue, logger });
  });
  afterAll(async () => {
    await pool?.close();
    await testDb?.destroy();
  });

  async function insert(type: string, maxAttempts = 3) {
    const id = crypto.randomUUID();
    const common = { orgId: null, projectId: null, createdBy: null, backoffMs: 1000 };
    return repo.insert({ ...common, id, type, payload: {}, maxAttempts });
  }
  const run = (id: string, type: string, signal = new AbortController().signal) =>
    runner.run({ jobId: id, type }, signal);

  it('fails a handler that outlives its timeout with JOB_TIMEOUT, even if it ignores the signal', async () => {
    const job = await insert('test.hang', 1);
    const t0 = Date.now();
    await run(job.id, job.type);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await repo.findById(job.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'JOB_TIMEOUT' },
    });
  });

  it('does not retry a non-retryable UamError', async () => {
    const job = await insert('test.invalid', 3);
    await run(job.id, job.type);
    const row = await repo.findById(job.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'VALIDATION_ERROR' } });
  });

  it('retries an unknown error with backoff, and records it as JOB_FAILED without a stack', async () => {
    const job = await insert('test.crash', 2);
    enqueued.length = 0;
    await run(job.id, job.type);
    expect(await repo.findById(job.id)).toMatchObject({
      status: 'queued',
      message: 'attempt 1 failed: cannot read properties of undefined; retrying in 1s',
    });
    expect(enqueued).toEqual([{ work: { jobId: job.id, type: job.type }, options: { delayMs: 1000 } }]);
    await run(job.id, job.type);
    const row = await repo.findById(job.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row?.error).toEqual({
      code: 'JOB_FAILED',
      message: 'cannot read properties of undefined',
      details: {},
    });
  });

  it('hands the job back to the queue (queued, will resume) when the queue aborts on shutdown', async () => {
    const job = await insert('test.wait', 3);
    const shutdown = new AbortController();
    enqueued.length = 0;
    const running = run(job.id, job.type, shutdown.signal);
    await expect.poll(async () => (await repo.findById(job.id))?.status).toBe('running');
    shutdown.abort();
    await running;
    expect(await repo.findById(job.id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      message: 'interrupted by a worker shutdown; will resume',
    });
    expect(enqueued).toEqual([{ work: { jobId: job.id, type: job.type }, options: { delayMs: 0 } }]);
  });

  it('fails a row left running by dead workers once its attempts are used up (JOB_INTERRUPTED)', async () => {
    const job = await insert('test.wait', 2);
    await repo.markRunning(job.id);
    await repo.markRunning(job.id);
    await run(job.id, job.type);
    expect(await repo.findById(job.id)).toMatchObject({
      status: 'failed',
      attempts: 2,
      error: { code: 'JOB_INTERRUPTED' },
    });
  });

  it('fails a row whose type this worker does not know, and skips finished or cancel-requested rows', async () => {
    const unknown = await insert('test.gone', 3);
    await run(unknown.id, unknown.type);
    expect(await repo.findById(unknown.id)).toMatchObject({
      status: 'failed',
      error: { code: 'JOB_TYPE_UNKNOWN' },
    });

    const flagged = await insert('test.wait', 3);
    await repo.requestCancel(flagged.id);
    await run(flagged.id, flagged.type);
    expect(await repo.findById(flagged.id)).toMatchObject({ status: 'cancelled', attempts: 0 });
    await run(flagged.id, flagged.type); // terminal: untouched
    expect(await repo.findById(flagged.id)).toMatchObject({ status: 'cancelled', attempts: 0 });
  });

  it('computes exponential, capped backoff', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(2000, a, 10_000))).toEqual([2000, 4000, 8000, 10_000]);
  });
});
