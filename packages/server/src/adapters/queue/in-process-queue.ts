import type { Logger } from '../../logger.ts';
import type { EnqueueOptions, JobQueue, QueuedWork, WorkProcessor } from './queue.ts';

interface Running {
  work: QueuedWork;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Embedded queue: a FIFO in memory, `concurrency` jobs at a time, delays as timers. Nothing
 * here survives a restart, and nothing needs to: the jobs table does, and JobService's
 * start-up recovery re-enqueues every `queued` or interrupted `running` row.
 */
export class InProcessQueue implements JobQueue {
  readonly kind = 'inprocess' as const;
  private readonly waiting: QueuedWork[] = [];
  private readonly delayed = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Running>();
  private processor: WorkProcessor | undefined;
  private closed = false;

  constructor(private readonly options: { concurrency: number; logger: Logger }) {}

  async enqueue(work: QueuedWork, options: EnqueueOptions = {}): Promise<void> {
    // After close the row is already `queued` in the DB; start-up recovery picks it up.
    if (this.closed || this.isWaiting(work.jobId)) return;
    const delay = options.delayMs ?? 0;
    if (delay > 0) {
      const timer = setTimeout(() => {
        this.delayed.delete(work.jobId);
        this.push(work);
      }, delay);
      this.delayed.set(work.jobId, timer);
      return;
    }
    this.push(work);
  }

  async remove(jobId: string): Promise<void> {
    clearTimeout(this.delayed.get(jobId));
    this.delayed.delete(jobId);
    const i = this.waiting.findIndex((w) => w.jobId === jobId);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  async startConsuming(processor: WorkProcessor): Promise<void> {
    this.processor = processor;
    this.pump();
  }

  async depth(): Promise<number> {
    return this.waiting.length + this.delayed.size;
  }

  async ping(): Promise<void> {}

  /** Stop taking work, abort what runs (the runner requeues it) and wait until it settled. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    this.waiting.length = 0;
    const running = [...this.running];
    for (const r of running) r.controller.abort();
    await Promise.all(running.map((r) => r.done));
  }

  private isWaiting(jobId: string): boolean {
    return this.delayed.has(jobId) || this.waiting.some((w) => w.jobId === jobId);
  }

  private push(work: QueuedWork): void {
    if (this.closed) return;
    this.waiting.push(work);
    this.pump();
  }

  private pump(): void {
    const processor = this.processor;
    while (
      processor &&
      !this.closed &&
      this.running.size < this.options.concurrency &&
      this.waiting.length > 0
    ) {
      const work = this.waiting.shift()!;
      const controller = new AbortController();
      const entry: Running = { work, controller, done: Promise.resolve() };
      entry.done = processor(work, controller.signal)
        .catch((err) => this.options.logger.error({ err, jobId: work.jobId }, 'job processor failed'))
        .finally(() => {
          this.running.delete(entry);
          this.pump();
        });
      this.running.add(entry);
    }
  }
}
