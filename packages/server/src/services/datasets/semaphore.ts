import { UamError } from '../../errors/index.ts';

/**
 * At most `limit` tasks at once; a task that waited longer than its budget for a slot fails
 * with QUERY_BUSY instead of piling up behind slow queries.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(waitMs: number, task: () => Promise<T>): Promise<T> {
    await this.acquire(waitMs);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(waitMs: number): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        this.active++;
        resolve();
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new UamError('QUERY_BUSY', undefined, { limit: this.limit }));
      }, waitMs);
      this.waiting.push(grant);
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}
