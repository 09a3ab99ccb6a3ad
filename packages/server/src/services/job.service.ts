import crypto from 'node:crypto';
import type { EventBus } from '../adapters/events/event-bus.ts';
import type { JobQueue } from '../adapters/queue/queue.ts';
import { UamError } from '../errors/index.ts';
import type { JobHooks } from '../jobs/job-hooks.ts';
import { type JobRegistry, parsePayload } from '../jobs/job-registry.ts';
import type { Logger } from '../logger.ts';
import {
  isTerminal,
  type JobCount,
  type JobRepository,
  type JobRow,
  type JobStatus,
} from '../repositories/job.repository.ts';
import { type JobView, toJobView } from './job-view.ts';
import { decodeCursor, encodeCursor, type Page } from './pagination.ts';

export { type JobView, toJobView as toView };

/** The ceiling for max_attempts; BullMQ's maxStalledCount is set above it. */
export const MAX_JOB_ATTEMPTS = 20;

export interface CreateJobInput {
  type: string;
  /** Validated against the type's zod schema; stored as given and parsed again at run time. */
  payload: unknown;
  orgId: string | null;
  projectId: string | null;
  createdBy: string | null;
  /** Defaults to UAM_JOB_MAX_ATTEMPTS; 1..20. */
  maxAttempts?: number;
  /** A pre-assigned id, so a caller can record it (e.g. on a dataset version) before the job exists. */
  id?: string;
  /**
   * Hold the job `queued` until this settles, then queue it with the fields it resolves to
   * merged into its payload (an upload still being converted hands over the converted file).
   * Embedded queue only: the row is in the database at once, and if the process stops before
   * the promise settles, start-up recovery queues it with the payload it has.
   */
  after?: Promise<Record<string, unknown> | undefined>;
}

export interface JobListQuery {
  orgId?: string;
  projectIds?: string[];
  projectId?: string;
  status?: JobStatus;
  type?: string;
  createdBy?: string;
  /** A non-admin's view: jobs of these projects, plus their own jobs outside any project. */
  visibleTo?: { projectIds: string[]; userId: string };
  /** 1..200, default 50. */
  limit?: number;
  cursor?: string;
}

export interface RecoveryReport {
  /** `running` rows put back in the queue for another attempt. */
  requeued: number;
  /** `running` rows with no attempts left, failed with JOB_INTERRUPTED. */
  failed: number;
  /** `running` rows whose cancel had been requested, now cancelled. */
  cancelled: number;
  /** `queued` rows handed to the queue again. */
  resumed: number;
}

export interface JobServiceDeps {
  repo: JobRepository;
  registry: JobRegistry;
  queue: JobQueue;
  bus: EventBus;
  logger: Logger;
  defaults: { maxAttempts: number; backoffMs: number };
  /** Told when a job ends here rather than in a runner (cancel before start, crash recovery). */
  hooks?: JobHooks;
}

/**
 * Background jobs as use cases: create, read, list, cancel, wait, and start-up recovery. The
 * row is the truth: the service writes it first and only then tells the queue and the bus.
 * Authorization is the caller's (routes pass the org and visible projects as filters).
 */
export class JobService {
  constructor(private readonly deps: JobServiceDeps) {}

  async create(input: CreateJobInput): Promise<JobView> {
    const def = this.deps.registry.get(input.type);
    if (typeof input.payload !== 'object' || input.payload === null || Array.isArray(input.payload)) {
      throw new UamError('VALIDATION_ERROR', 'A job payload must be a JSON object', {
        issues: [{ path: 'payload', message: 'expected an object' }],
      });
    }
    parsePayload(def, input.payload);
    const maxAttempts = input.maxAttempts ?? this.deps.defaults.maxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_JOB_ATTEMPTS) {
      throw new UamError('VALIDATION_ERROR', `maxAttempts must be an integer from 1 to ${MAX_JOB_ATTEMPTS}`, {
        issues: [{ path: 'maxAttempts', message: `expected 1..${MAX_JOB_ATTEMPTS}` }],
      });
    }
    const row = await this.deps.repo.insert({
      id: input.id ?? crypto.randomUUID(),
      type: def.type,
      payload: input.payload as Record<string, unknown>,
      orgId: input.orgId,
      projectId: input.projectId,
      createdBy: input.createdBy,
      maxAttempts,
      backoffMs: this.deps.defaults.backoffMs,
    });
    await this.publish(row);
    if (input.after) {
      void this.enqueueAfter(row, input.after);
      return toJobView(row);
    }
    await this.enqueueOrFail(row);
    return toJobView(row);
  }

  /** `create` with `after`: the payload gains what `after` resolves to, then the job is queued. */
  private async enqueueAfter(row: JobRow, after: Promise<Record<string, unknown> | undefined>) {
    let current: JobRow | undefined;
    try {
      const extra = await after;
      if (extra) {
        const payload = { ...(row.payload as Record<string, unknown>), ...extra };
        parsePayload(this.deps.registry.get(row.type), payload);
        current = await this.deps.repo.setQueuedPayload(row.id, payload);
      } else {
        current = await this.deps.repo.findById(row.id);
      }
    } catch (err) {
      this.deps.logger.warn({ err, jobId: row.id }, 'a job prerequisite failed; queuing the job as it was');
      current = await this.deps.repo.findById(row.id).catch(() => undefined);
    }
    // Not queued any more: cancelled meanwhile, and nothing is left to run.
    if (current?.status === 'queued') await this.enqueueOrFail(current).catch(() => {});
  }

  async get(id: string): Promise<JobView> {
    return toJobView(await this.load(id));
  }

  async list(query: JobListQuery): Promise<Page<JobView>> {
    const limit = Math.min(200, Math.max(1, query.limit ?? 50));
    const rows = await this.deps.repo.list({
      ...query,
      limit: limit + 1,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null;
    return { items: page.map(toJobView), nextCursor };
  }

  /**
   * A queued job is cancelled at once; a running one gets `cancel_requested` and a bus
   * message, and its runner marks it cancelled when the handler has stopped. The flag is set
   * first, so a runner that claims the job concurrently sees it and cannot start the handler.
   */
  async cancel(id: string): Promise<JobView> {
    const row = await this.load(id);
    const notCancellable = (status: JobStatus) =>
      new UamError('JOB_NOT_CANCELLABLE', `The job has already ${status}`, { jobId: id, status });
    if (isTerminal(row.status)) throw notCancellable(row.status);
    const flagged = await this.deps.repo.requestCancel(id);
    if (!flagged) throw notCancellable((await this.load(id)).status);
    const cancelled = await this.deps.repo.markCancelled(id, new UamError('JOB_CANCELLED').toJSON(), [
      'queued',
    ]);
    if (cancelled) {
      await this.deps.hooks?.failed(cancelled, new UamError('JOB_CANCELLED').toJSON());
      await this.deps.queue
        .remove(id)
        .catch((err) => this.deps.logger.warn({ err, jobId: id }, 'queue remove failed'));
      await this.publish(cancelled);
      return toJobView(cancelled);
    }
    await this.deps.bus.publish({ kind: 'job.cancel', jobId: id });
    return toJobView(flagged);
  }

  /**
   * Embedded start-up: nothing else runs jobs, so every `running` row was interrupted by the
   * previous process's end. Retry it while attempts remain, else fail it (JOB_INTERRUPTED);
   * hand every `queued` row to the (empty, in-memory) queue again.
   */
  async recoverInterrupted(): Promise<RecoveryReport> {
    const report: RecoveryReport = { requeued: 0, failed: 0, cancelled: 0, resumed: 0 };
    for (const row of await this.deps.repo.findInterrupted()) {
      if (row.status === 'queued') {
        await this.deps.queue.enqueue({ jobId: row.id, type: row.type });
        report.resumed++;
      } else if (row.cancel_requested) {
        const r = await this.deps.repo.markCancelled(row.id, new UamError('JOB_CANCELLED').toJSON());
        if (r) await this.finished(r);
        report.cancelled++;
      } else if (row.attempts < row.max_attempts) {
        const r = await this.deps.repo.markRequeued(
          row.id,
          `interrupted during attempt ${row.attempts}; retrying`,
        );
        if (r) await this.publish(r);
        await this.deps.queue.enqueue({ jobId: row.id, type: row.type });
        report.requeued++;
      } else {
        const error = new UamError('JOB_INTERRUPTED', undefined, { attempts: row.attempts }).toJSON();
        const r = await this.deps.repo.markFailed(row.id, error, error.message);
        if (r) await this.finished(r);
        report.failed++;
      }
    }
    if (report.requeued + report.failed + report.cancelled + report.resumed > 0) {
      this.deps.logger.info(report, 'recovered interrupted jobs');
    }
    return report;
  }

  /**
   * Resolve with the job once it is succeeded, failed or cancelled (CLI and tests). Bus
   * messages only trigger a read; a slow poll covers messages pub/sub may drop.
   */
  waitFor(id: string, timeoutMs: number): Promise<JobView> {
    return new Promise<JobView>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(poll);
        unsubscribe();
        fn();
      };
      const check = () =>
        this.load(id).then(
          (row) => isTerminal(row.status) && settle(() => resolve(toJobView(row))),
          (err) => settle(() => reject(err)),
        );
      const unsubscribe = this.deps.bus.subscribe((m) => {
        if (m.kind === 'job.updated' && m.job.id === id && isTerminal(m.job.status)) void check();
      });
      const poll = setInterval(check, 500);
      const timer = setTimeout(() => {
        const err = new UamError('JOB_TIMEOUT', `Job ${id} did not finish within ${timeoutMs} ms`, {
          jobId: id,
        });
        settle(() => reject(err));
      }, timeoutMs);
      void check();
    });
  }

  /** Jobs per type and status, for metrics. */
  async counts(): Promise<JobCount[]> {
    return this.deps.repo.countByTypeAndStatus();
  }

  private async load(id: string): Promise<JobRow> {
    const row = await this.deps.repo.findById(id);
    if (!row) throw new UamError('JOB_NOT_FOUND', undefined, { jobId: id });
    return row;
  }

  /** A row nobody will ever run must not stay `queued`: fail it and tell the caller. */
  private async enqueueOrFail(row: JobRow): Promise<void> {
    try {
      await this.deps.queue.enqueue({ jobId: row.id, type: row.type });
    } catch (err) {
      this.deps.logger.error({ err, jobId: row.id }, 'could not enqueue job');
      const error = new UamError('SERVICE_UNAVAILABLE', 'The job queue is unavailable').toJSON();
      const failed = await this.deps.repo.markFailed(row.id, error, error.message);
      if (failed) await this.finished(failed);
      throw new UamError(
        'SERVICE_UNAVAILABLE',
        'The job queue is unavailable',
        { jobId: row.id },
        { cause: err },
      );
    }
  }

  /** A job ended outside a runner: tell its type's hooks, then the bus. */
  private async finished(row: JobRow): Promise<void> {
    if (row.error) await this.deps.hooks?.failed(row, row.error);
    await this.publish(row);
  }

  private async publish(row: JobRow): Promise<void> {
    try {
      await this.deps.bus.publish({ kind: 'job.updated', job: toJobView(row) });
    } catch (err) {
      // Events are hints; the row is written and stays the truth.
      this.deps.logger.warn({ err, jobId: row.id }, 'could not publish job update');
    }
  }
}
