import type { SerializedError } from '../errors/index.ts';
import type { Logger } from '../logger.ts';
import type { JobRow } from '../repositories/job.repository.ts';

/**
 * What the owner of a job type does with its outcome, in the process that recorded it (the
 * main thread, which may use the metadata DB; handlers may not). Data jobs use it to turn a
 * handler's result into rows, e.g. a dataset version becoming `ready`.
 */
export interface JobOutcomeHooks {
  /**
   * Runs before the row says `succeeded`, so whoever sees the job succeeded also sees its
   * effects. A throw fails the attempt like a handler error (retried while attempts remain),
   * so it must be idempotent.
   */
  succeeded?(job: JobRow, result: unknown): Promise<void>;
  /** Runs when the job ends `failed` or `cancelled`; a throw is logged, never rethrown. */
  failed?(job: JobRow, error: SerializedError): Promise<void>;
}

/** Outcome hooks by job type; one set per type, registered by the platform at start-up. */
export class JobHooks {
  private readonly byType = new Map<string, JobOutcomeHooks>();

  constructor(private readonly logger: Logger) {}

  on(type: string, hooks: JobOutcomeHooks): this {
    if (this.byType.has(type)) throw new Error(`Outcome hooks for job type "${type}" are registered twice`);
    this.byType.set(type, hooks);
    return this;
  }

  async succeeded(job: JobRow, result: unknown): Promise<void> {
    await this.byType.get(job.type)?.succeeded?.(job, result);
  }

  async failed(job: JobRow, error: SerializedError): Promise<void> {
    const hook = this.byType.get(job.type)?.failed;
    if (!hook) return;
    try {
      await hook(job, error);
    } catch (err) {
      this.logger.error({ err, jobId: job.id, type: job.type }, 'job failure hook failed');
    }
  }
}
