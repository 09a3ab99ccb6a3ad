import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProgressThrottle } from './progress-throttle.ts';

describe('ProgressThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes at most once per interval, the latest value winning', async () => {
    const writes: Array<[number, string | null]> = [];
    const t = new ProgressThrottle(
      async (f, m) => void writes.push([f, m]),
      () => {},
      250,
    );
    for (let i = 0; i <= 100; i++) {
      t.report(i / 100, `step ${i}`);
      await vi.advanceTimersByTimeAsync(10); // 100 reports over ~1 s
    }
    await t.flush();
    expect(writes.length).toBeGreaterThanOrEqual(4);
    expect(writes.length).toBeLessThanOrEqual(6);
    expect(writes[0]).toEqual([0, 'step 0']);
    expect(writes.at(-1)).toEqual([1, 'step 100']);
    expect(writes.map((w) => w[0])).toEqual([...writes.map((w) => w[0])].sort((a, b) => a - b));
  });

  it('flush writes the pending value; stop drops it; nothing is written afterwards', async () => {
    const writes: number[] = [];
    const t = new ProgressThrottle(
      async (f) => void writes.push(f),
      () => {},
      250,
    );
    t.report(0.1);
    t.report(0.9); // pending behind the interval
    await t.flush();
    t.report(0.95);
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toEqual([0.1, 0.9]);

    const dropped: number[] = [];
    const s = new ProgressThrottle(
      async (f) => void dropped.push(f),
      () => {},
      250,
    );
    s.report(0.2);
    s.report(0.4);
    await s.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(dropped).toEqual([0.2]);
  });

  it('clamps to [0, 1], ignores NaN and reports write errors without stopping', async () => {
    const writes: number[] = [];
    const errors: unknown[] = [];
    let fail = true;
    const t = new ProgressThrottle(
      async (f) => {
        if (fail) {
          fail = false;
          throw new Error('db down');
        }
        writes.push(f);
      },
      (e) => errors.push(e),
      0,
    );
    t.report(-1);
    t.report(Number.NaN);
    await vi.advanceTimersByTimeAsync(1);
    t.report(7);
    await t.flush();
    expect(errors).toHaveLength(1);
    expect(writes).toEqual([1]);
  });
});
