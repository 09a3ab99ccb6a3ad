import type { EventBus } from '../adapters/events/event-bus.ts';
import type { JobQueue, QueuedWork } from '../adapters/queue/queue.ts';
import { type ErrorCode, isUamError, type SerializedError, statusOf, UamError } from '../errors/index.ts';
import type { Logger } from '../logger.ts';
import { isTerminal, type JobRepository, type JobRow } from '../repositories/job.repository.ts';
import { toJobView } from '../services/job-view.ts';
import type { JobHooks } from './job-hooks.ts';
import { type JobDefinition, type JobRegistry, parsePayload } from './job-registry.ts';
import { ProgressThrottle } from './progress-throttle.ts';
import { StopSignal } from './stop-signal.ts';
import type { WorkerPool } from './worker-pool.ts';

/**
 * Errors that would fail the same way again: retrying them only wastes attempts. Besides
 * these, every client error (4xx: bad input such as an unparseable file) is final.
 */
const NON_RETRYABLE = new Set<ErrorCode>([
  'VALIDATION_ERROR',
  'BAD_REQUEST',
  'JOB_TYPE_UNKNOWN',
  'JOB_CANCELLED',
]);

function isRetryable(err: unknown): boolean {
  return !(isUamError(err) && (NON_RETRYABLE.has(err.code) || statusOf(err.code) < 500));
}

export interface JobRunnerDeps {
  repo: JobRepository;
  registry: JobRegistry;
  pool: WorkerPool;
  bus: EventBus;
  /** Where retries go: the same queue that handed us the work. */
  queue: Pick<JobQueue, 'enqueue'>;
  logger: Logger;
  /** Outcome hooks of job types (e.g. a dataset version turning ready); none by default. */
  hooks?: JobHooks;
  /** For handlers without their own `timeoutMs`. */
  defaultTimeoutMs?: number;
  maxBackoffMs?: number;
  progressIntervalMs?: number;
}

/** backoff_ms · 2^(attempt-1), capped: 1st retry after backoff_ms, then doubling. */
export function retryDelayMs(backoffMs: number, attempt: number, capMs: number): number {
  return Math.min(capMs, backoffMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Runs one attempt of one job and records how it ended. Whatever the handler does (returns,
 * throws, hangs past its timeout, is cancelled, or the queue takes the work back on shutdown),
 * the row leaves `running` before `run` resolves.
 *
 * Retries are the runner's: it puts the row back to `queued` with a message and calls
 * `queue.enqueue(work, { delayMs })`; the queue only supplies the delay (a timer in-process,
 * BullMQ's delayed set otherwise). The queue never retries on its own.
 */
export class JobRunner {
  private readonly log: Logger;

  constructor(private readonly deps: JobRunnerDeps) {
    this.log = deps.logger.child({ component: 'job-runner' });
  }

  /** The queue's WorkProcessor. */
  readonly run = async (work: QueuedWork, queueSignal: AbortSignal): Promise<void> => {
    const row = await this.deps.repo.findById(work.jobId);
    if (!row) {
      this.log.warn({ jobId: work.jobId }, 'queued work for a job that does not exist');
      return;
    }
    if (isTerminal(row.status)) return;
    if (row.cancel_requested) return this.finishCancelled(row);
    if (!this.deps.registry.has(row.type)) return this.finishFailed(row, this.unknownType(row.type));
    // A row still `running` means the previous attempt died with its process (stalled job).
    if (row.status === 'running' && row.attempts >= row.max_attempts) {
      const err = new UamError('JOB_INTERRUPTED', undefined, { attempts: row.attempts });
      return this.finishFailed(row, err);
    }
    await this.attempt(row, this.deps.registry.get(row.type), queueSignal);
  };

  private async attempt(row: JobRow, def: JobDefinition, queueSignal: AbortSignal): Promise<void> {
    const stop = new StopSignal(def.timeoutMs ?? this.deps.defaultTimeoutMs ?? 60 * 60_000, queueSignal);
    // Subscribe before claiming the row, so a cancel sent right after the claim is not missed.
    const unsubscribe = this.deps.bus.subscribe((m) => {
      if (m.kind === 'job.cancel' && m.jobId === row.id) stop.abort('cancel');
    });
    try {
      const running = await this.deps.repo.markRunning(row.id);
      if (!running) return await this.afterLostClaim(row.id);
      this.log.info(
        { jobId: row.id, type: row.type, attempt: running.attempts, pid: process.pid },
        'job started',
      );
      await this.publish(running);
      const progress = new ProgressThrottle(
        (f, m) => this.writeProgress(row.id, f, m, stop),
        (err) => this.log.warn({ err, jobId: row.id }, 'progress write failed'),
        this.deps.progressIntervalMs,
      );
      try {
        const result = await this.invoke(def, running, stop.signal, progress);
        await progress.flush();
        await this.deps.hooks?.succeeded(running, result);
        await this.finish(running, await this.deps.repo.markSucceeded(row.id, result));
      } catch (err) {
        await progress.stop();
        await this.settleFailure(running, stop.reason ? stop.error() : err, stop.reason);
      }
    } finally {
      stop.dispose();
      unsubscribe();
    }
  }

  /** Run the handler in this thread or in the pool; settles as soon as `signal` aborts. */
  private invoke(
    def: JobDefinition,
    row: JobRow,
    signal: AbortSignal,
    progress: ProgressThrottle,
  ): Promise<unknown> {
    const onProgress = (fraction: number, message?: string) => progress.report(fraction, message);
    const work = def.cpu
      ? this.deps.pool.run(
          { jobId: row.id, type: row.type, attempt: row.attempts, payload: row.payload },
          { signal, onProgress },
        )
      : Promise.resolve().then(() =>
          def.run(parsePayload(def, row.payload), {
            jobId: row.id,
            attempt: row.attempts,
            signal,
            progress: onProgress,
          }),
        );
    return raceAbort(work, signal);
  }

  private async writeProgress(id: string, fraction: number, message: string | null, stop: StopSignal) {
    const row = await this.deps.repo.updateProgress(id, fraction, message);
    if (!row) return;
    await this.publish(row);
    // The flag in the row backs up the bus message, which pub/sub may have dropped.
    if (row.cancel_requested) stop.abort('cancel');
  }

  private async settleFailure(row: JobRow, err: unknown, reason: StopSignal['reason']): Promise<void> {
    if (reason === 'cancel') return this.finishCancelled(row);
    if (reason === 'shutdown') return this.requeue(row, 'interrupted by a worker shutdown; will resume', 0);
    if (!isRetryable(err) || row.attempts >= row.max_attempts) return this.finishFailed(row, err);
    const delay = retryDelayMs(row.backoff_ms, row.attempts, this.deps.maxBackoffMs ?? 5 * 60_000);
    const why = `attempt ${row.attempts} failed: ${errorMessage(err)}; retrying in ${Math.round(delay / 10) / 100}s`;
    this.log.warn(
      { jobId: row.id, attempt: row.attempts, err: toErrorJson(err) },
      'job attempt failed; retrying',
    );
    await this.requeue(row, why, delay);
  }

  private async requeue(row: JobRow, message: string, delayMs: number): Promise<void> {
    const queued = await this.deps.repo.markRequeued(row.id, message);
    if (!queued) return;
    await this.publish(queued);
    try {
      await this.deps.queue.enqueue({ jobId: row.id, type: row.type }, { delayMs });
    } catch (err) {
      this.log.error({ err, jobId: row.id }, 'could not schedule the retry');
      await this.finishFailed(
        queued,
        new UamError('JOB_FAILED', `Could not schedule a retry: ${errorMessage(err)}`),
      );
    }
  }

  /** markRunning matched nothing: the row finished or was cancelled before we claimed it. */
  private async afterLostClaim(id: string): Promise<void> {
    const row = await this.deps.repo.findById(id);
    if (row && !isTerminal(row.status) && row.cancel_requested) await this.finishCancelled(row);
  }

  private async finishCancelled(before: JobRow): Promise<void> {
    const error = new UamError('JOB_CANCELLED').toJSON();
    await this.deps.hooks?.failed(before, error);
    const row = await this.deps.repo.markCancelled(before.id, error);
    if (row) await this.publish(row);
  }

  private async finishFailed(row: JobRow, err: unknown): Promise<void> {
    const error = toErrorJson(err);
    this.log.warn({ jobId: row.id, type: row.type, attempts: row.attempts, error }, 'job failed');
    await this.deps.hooks?.failed(row, error);
    await this.finish(row, await this.deps.repo.markFailed(row.id, error, error.message));
  }

  private async finish(before: JobRow, after: JobRow | undefined): Promise<void> {
    if (after) return this.publish(after);
    this.log.warn({ jobId: before.id }, 'job changed state while running; result not recorded');
  }

  private async publish(row: JobRow): Promise<void> {
    try {
      await this.deps.bus.publish({ kind: 'job.updated', job: toJobView(row) });
    } catch (err) {
      // Events are hints; the row is already written and stays the truth.
      this.log.warn({ err, jobId: row.id }, 'could not publish job update');
    }
  }

  private unknownType(type: string): UamError {
    return new UamError('JOB_TYPE_UNKNOWN', `Unknown job type "${type}" on this worker`, { type });
  }
}

/** A UamError keeps its code; anything else is JOB_FAILED with its message and no stack. */
export function toErrorJson(err: unknown): SerializedError {
  if (isUamError(err)) return err.toJSON();
  return { code: 'JOB_FAILED', message: errorMessage(err), details: {} };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  // The handler may settle after we gave up on it; its outcome is then ignored on purpose.
  work.catch(() => {});
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
