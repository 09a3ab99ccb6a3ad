import { randomUUID } from 'node:crypto';
import type { Db } from '../adapters/db/database.ts';
import type { EventBus } from '../adapters/events/event-bus.ts';
import { createJobQueue } from '../adapters/queue/create-queue.ts';
import type { JobQueue } from '../adapters/queue/queue.ts';
import type { Config } from '../config/config.ts';
import { UamError } from '../errors/index.ts';
import type { Logger } from '../logger.ts';
import { JobRepository } from '../repositories/job.repository.ts';
import { JobService } from '../services/job.service.ts';
import { JobHooks } from './job-hooks.ts';
import type { JobRegistry } from './job-registry.ts';
import { JobRunner } from './job-runner.ts';
import { createDefaultRegistry } from './registry.ts';
import { WorkerPool } from './worker-pool.ts';

export interface JobSystemOptions {
  config: Config;
  db: Db;
  bus: EventBus;
  logger: Logger;
  /** `api` creates jobs (and runs them when the queue is in-process); `worker` runs BullMQ jobs. */
  role: 'api' | 'worker';
  /** Defaults to createDefaultRegistry(); worker threads always use the default one. */
  registry?: JobRegistry;
  /** BullMQ Redis key prefix (tests use a unique one). */
  queuePrefix?: string;
}

export interface JobSystem {
  service: JobService;
  queue: JobQueue;
  registry: JobRegistry;
  /** Outcome hooks by job type; register them before `start()`. */
  hooks: JobHooks;
  /** Embedded api: recover interrupted rows, then consume. BullMQ worker: consume. BullMQ api: nothing. */
  start(): Promise<void>;
  /** Stop consuming (running jobs are requeued), then stop the worker threads. */
  close(): Promise<void>;
  /** Get a worker thread ready for CPU work about to be queued (in-process jobs only). */
  warm(): void;
  /** Settles once a warm-up in progress has ended; readiness waits on it. */
  warmed(): Promise<void>;
  /**
   * Runs a registered CPU handler in this process's worker threads, outside the job table (no
   * row, no retries, no progress), or resolves null at once when no thread is free: for short
   * work an API request can do without. Only where this process runs jobs in-process.
   */
  runTask?: (
    type: string,
    payload: Record<string, unknown>,
    signal: AbortSignal,
    transfer?: ArrayBuffer[],
  ) => Promise<unknown>;
}

/**
 * Wires registry, worker pool, runner, queue and service. Who consumes follows the design:
 * in embedded mode the API process is the worker; with BullMQ only `uam worker` processes are.
 *
 * ### Example
 * ```ts
 * const jobs = createJobSystem({ config, db, bus, logger, role: 'api' });
 * await jobs.start();
 * const job = await jobs.service.create({ type: 'echo', payload: { hi: 1 }, orgId, projectId: null, createdBy });
 * await jobs.service.waitFor(job.id, 10_000); // -> { status: 'succeeded', result: { hi: 1 }, ... }
 * await jobs.close();
 * ```
 */
export function createJobSystem(options: JobSystemOptions): JobSystem {
  const { config, db, bus, logger, role } = options;
  const consumes = config.queue.kind === 'inprocess' ? role === 'api' : role === 'worker';
  if (role === 'worker' && config.queue.kind === 'inprocess') {
    throw new UamError(
      'CONFIG_INVALID',
      'A separate worker needs REDIS_URL (BullMQ); embedded jobs run in the API',
    );
  }
  const registry = options.registry ?? createDefaultRegistry({ config });
  const hooks = new JobHooks(logger);
  const repo = new JobRepository(db);
  const queue = createJobQueue(config, logger, { prefix: options.queuePrefix });
  // Worker threads rebuild the registry from the same config (storage, engine limits).
  const pool = new WorkerPool({ threads: config.UAM_WORKER_THREADS, logger, environment: { config } });
  const runner = new JobRunner({ repo, registry, pool, bus, queue, logger, hooks });
  const service = new JobService({
    repo,
    registry,
    queue,
    bus,
    logger,
    defaults: { maxAttempts: config.UAM_JOB_MAX_ATTEMPTS, backoffMs: config.UAM_JOB_BACKOFF_MS },
    hooks,
  });

  return {
    service,
    queue,
    registry,
    hooks,
    async start() {
      if (!consumes) return;
      // Only the embedded queue loses work with its process; BullMQ recovers stalled jobs itself.
      if (queue.kind === 'inprocess') await service.recoverInterrupted();
      await queue.startConsuming(runner.run);
    },
    async close() {
      await queue.close();
      await pool.close();
    },
    warm() {
      if (consumes && queue.kind === 'inprocess') pool.warm();
    },
    warmed() {
      return pool.warmed();
    },
    runTask:
      consumes && queue.kind === 'inprocess'
        ? async (type, payload, signal, transfer) =>
            // Never queued behind jobs: a task is only worth running while a thread is free.
            pool.hasIdleThread()
              ? pool.run(
                  { jobId: randomUUID(), type, attempt: 1, payload },
                  { signal, transfer, onProgress: () => {} },
                )
              : null
        : undefined,
  };
}
