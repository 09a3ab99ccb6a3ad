import { UamError } from '../errors/index.ts';

export type StopReason = 'cancel' | 'timeout' | 'shutdown';

/**
 * Why an attempt must stop, as one AbortSignal for the handler. The first reason wins: a
 * cancel that arrives after the timeout fired does not turn a timeout into a cancel.
 * `shutdown` comes from the queue's signal (the process is closing and takes the work back).
 */
export class StopSignal {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onQueueAbort = () => this.abort('shutdown');
  reason: StopReason | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly queueSignal: AbortSignal,
  ) {
    this.timer = setTimeout(() => this.abort('timeout'), timeoutMs);
    if (queueSignal.aborted) this.abort('shutdown');
    else queueSignal.addEventListener('abort', this.onQueueAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller.abort(this.error());
  }

  /** The typed error for the reason (what the handler's signal was aborted with). */
  error(): UamError {
    switch (this.reason) {
      case 'timeout':
        return new UamError('JOB_TIMEOUT', `The job took longer than its ${this.timeoutMs / 1000}s limit`, {
          timeoutMs: this.timeoutMs,
        });
      case 'shutdown':
        return new UamError('SERVICE_UNAVAILABLE', 'The worker is shutting down');
      default:
        return new UamError('JOB_CANCELLED');
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.queueSignal.removeEventListener('abort', this.onQueueAbort);
  }
}
