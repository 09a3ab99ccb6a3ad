import os from 'node:os';
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { UamError } from '../../errors/index.ts';
import type { Logger } from '../../logger.ts';
import { bullmq, ioredis } from '../production-deps.ts';
import type { EnqueueOptions, JobQueue, QueuedWork, WorkProcessor } from './queue.ts';

export const QUEUE_NAME = 'uam-jobs';
export const DEFAULT_QUEUE_PREFIX = 'uam';

export interface BullmqQueueOptions {
  redisUrl: string;
  /** Redis key prefix; tests use a unique one so runs do not share jobs. */
  prefix?: string;
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  logger: Logger;
}

/** Set while this process runs the job; a retry requested meanwhile is applied on return. */
interface ActiveJob {
  retryAt?: number;
}

/**
 * Production queue on Redis: API replicas add, `uam worker` processes consume. The BullMQ job
 * id is our job id, so adding the same job twice is a no-op and `remove(id)` finds it.
 *
 * A worker killed mid-job stops renewing its lock; after `lockDuration` another worker's
 * stalled check (every `stalledInterval`) moves the job back to wait and runs it again, and
 * the runner counts the attempt in the row. `maxStalledCount` is above any job's max attempts,
 * so BullMQ never fails a stalled job by itself: the runner decides from the row
 * (JOB_INTERRUPTED once attempts are used up).
 */
export class BullmqQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly connection: Redis;
  private readonly queue: Queue<QueuedWork>;
  private readonly active = new Map<string, ActiveJob>();
  private workerConnection: Redis | undefined;
  private worker: Worker<QueuedWork> | undefined;
  private readonly log: Logger;

  constructor(private readonly options: BullmqQueueOptions) {
    this.log = options.logger.child({ component: 'bullmq-queue' });
    this.connection = new (ioredis().Redis)(options.redisUrl, { maxRetriesPerRequest: 3 });
    this.connection.on('error', (err) => this.log.warn({ err }, 'queue redis error'));
    const { Queue } = bullmq();
    this.queue = new Queue<QueuedWork>(QUEUE_NAME, {
      connection: this.connection,
      prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
      defaultJobOptions: {
        // Retries of a job's *work* are the runner's (row + delayed enqueue). These attempts
        // only cover the runner itself failing, e.g. the DB being briefly unreachable.
        attempts: 5,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: true,
        removeOnFail: true,
      },
    });
    this.queue.on('error', (err) => this.log.warn({ err }, 'queue error'));
  }

  /**
   * Add the job, or, when this process is running it right now (a retry requested by the
   * runner), move it to BullMQ's delayed set once the processor returns: adding would be a
   * no-op because the id is taken by the active job.
   */
  async enqueue(work: QueuedWork, options: EnqueueOptions = {}): Promise<void> {
    const delay = Math.max(0, options.delayMs ?? 0);
    const active = this.active.get(work.jobId);
    if (active) {
      active.retryAt = Date.now() + delay;
      return;
    }
    await this.queue.add(work.type, { jobId: work.jobId, type: work.type }, { jobId: work.jobId, delay });
  }

  async remove(jobId: string): Promise<void> {
    // 0 when the job is locked by a worker; running jobs are cancelled through the bus.
    await this.queue.remove(jobId);
  }

  async startConsuming(processor: WorkProcessor): Promise<void> {
    if (this.worker) throw new UamError('INTERNAL_ERROR', 'This queue is already consuming');
    // Blocking commands need maxRetriesPerRequest: null, or BullMQ refuses the connection.
    this.workerConnection = new (ioredis().Redis)(this.options.redisUrl, { maxRetriesPerRequest: null });
    this.workerConnection.on('error', (err) => this.log.warn({ err }, 'worker redis error'));
    const { Worker } = bullmq();
    const worker = new Worker<QueuedWork>(
      QUEUE_NAME,
      // Three parameters: BullMQ passes the abort signal only to processors that declare it.
      async (job, token, signal) => {
        const entry: ActiveJob = {};
        this.active.set(job.data.jobId, entry);
        try {
          await processor(job.data, signal ?? new AbortController().signal);
        } finally {
          this.active.delete(job.data.jobId);
        }
        if (entry.retryAt !== undefined) {
          await job.moveToDelayed(entry.retryAt, token);
          throw new (bullmq().DelayedError)();
        }
      },
      {
        connection: this.workerConnection,
        prefix: this.options.prefix ?? DEFAULT_QUEUE_PREFIX,
        name: `${os.hostname()}:${process.pid}`,
        concurrency: this.options.concurrency,
        lockDuration: this.options.lockDurationMs,
        stalledInterval: this.options.stalledIntervalMs,
        // Above the largest max_attempts a job can have (20), so the row decides, not BullMQ.
        maxStalledCount: 21,
      },
    );
    worker.on('error', (err) => this.log.error({ err }, 'worker error'));
    worker.on('stalled', (jobId) => this.log.warn({ jobId }, 'job stalled; it will run again'));
    worker.on('failed', (job, err) => this.log.error({ err, jobId: job?.id }, 'job processor failed'));
    this.worker = worker;
    await worker.waitUntilReady();
  }

  async depth(): Promise<number> {
    return this.queue.getJobCountByTypes('wait', 'prioritized', 'delayed');
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  /** Abort running jobs (the runner requeues them for another worker), then disconnect. */
  async close(): Promise<void> {
    if (this.worker) {
      this.worker.cancelAllJobs('shutdown');
      await this.worker.close();
    }
    await this.queue.close();
    await Promise.allSettled([this.workerConnection?.quit(), this.connection.quit()]);
  }
}
