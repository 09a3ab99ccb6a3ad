import type { RateCounter } from './rate-counter.ts';

export class MemoryRateCounter implements RateCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  async peek(key: string) {
    const w = this.live(key);
    return w ? { count: w.count, resetMs: w.resetAt - Date.now() } : { count: 0, resetMs: 0 };
  }

  async hit(key: string, windowMs: number) {
    const now = Date.now();
    let w = this.live(key);
    if (!w) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) this.sweep(now);
    }
    w.count++;
    return { count: w.count, resetMs: w.resetAt - now };
  }

  async close() {
    this.windows.clear();
  }

  private live(key: string) {
    const w = this.windows.get(key);
    if (w && w.resetAt <= Date.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}
