/**
 * Carries work to whoever runs it. The `jobs` table is the truth (status, progress, result,
 * error); the queue only says "run job <id> now / later". Implementations:
 * `in-process-queue.ts` (embedded: runs in the API process, CPU-heavy handlers in worker
 * threads) and `bullmq-queue.ts` (production: Redis; `uam worker` processes consume).
 * Both pass `queue.contract.test.ts`.
 */
export interface QueuedWork {
  jobId: string;
  type: string;
}

export interface EnqueueOptions {
  /** Run no earlier than this many ms from now (retry backoff). */
  delayMs?: number;
}

/** Executes one job by id; supplied by the jobs layer (`jobs/job-runner.ts`). */
export type WorkProcessor = (work: QueuedWork, signal: AbortSignal) => Promise<void>;

export interface JobQueue {
  readonly kind: 'inprocess' | 'bullmq';
  enqueue(work: QueuedWork, options?: EnqueueOptions): Promise<void>;
  /** Drop a job that has not started yet; running jobs are cancelled via the event bus. */
  remove(jobId: string): Promise<void>;
  /** Start consuming with `processor` (API process in embedded mode, `uam worker` otherwise). */
  startConsuming(processor: WorkProcessor): Promise<void>;
  /** Jobs waiting to run (Prometheus `uam_queue_depth`). */
  depth(): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
