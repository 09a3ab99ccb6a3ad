import { afterAll, describe, expect, it } from 'vitest';
import { testLogger } from '../../../../test/support/job-harness.ts';
import { WorkerPool, withTsx } from './worker-pool.ts';

describe('WorkerPool cancellation', () => {
  // A grace far longer than the test: the task must stop through its signal, not by termination.
  const pool = new WorkerPool({ threads: 1, logger: testLogger(), cancelGraceMs: 60_000 });
  afterAll(() => pool.close());

  it('stops a running task through its signal, without terminating the thread', async () => {
    const stop = new AbortController();
    const progress: number[] = [];
    const started = performance.now();
    // cpu.spin reports progress (and checks its signal) every ms/10 = 2 s.
    const run = pool.run(
      { jobId: 'j1', type: 'cpu.spin', attempt: 1, payload: { ms: 20_000 } },
      { signal: stop.signal, onProgress: (f) => progress.push(f) },
    );
    setTimeout(() => stop.abort(new Error('cancel')), 2500);
    await expect(run).rejects.toThrow(/cancel/);
    expect(performance.now() - started).toBeLessThan(12_000);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('keeps the thread usable after a cancelled task', async () => {
    const r = await pool.run(
      { jobId: 'j2', type: 'echo', attempt: 1, payload: { hi: 1 } },
      { signal: new AbortController().signal, onProgress: () => {} },
    );
    expect(r).toEqual({ hi: 1 });
  });
});

describe('WorkerPool warm-up', () => {
  const pool = new WorkerPool({ threads: 1, logger: testLogger() });
  afterAll(() => pool.close());

  it('starts a thread with the data engine loaded, once, and runs jobs on it', async () => {
    const threads = () => (pool as unknown as { pool?: { threads: unknown[] } }).pool?.threads.length ?? 0;
    expect(threads()).toBe(0);
    pool.warm();
    pool.warm();
    expect(threads()).toBe(1);
    const r = await pool.run(
      { jobId: 'w1', type: 'echo', attempt: 1, payload: { warm: true } },
      { signal: new AbortController().signal, onProgress: () => {} },
    );
    expect(r).toEqual({ warm: true });
    expect(threads()).toBe(1);
  });

  it('tells when the warm-up has ended, for readiness', async () => {
    const fresh = new WorkerPool({ threads: 1, logger: testLogger() });
    try {
      await fresh.warmed(); // none ran: settled at once
      let ended = false;
      fresh.warm();
      const waiting = fresh.warmed().then(() => {
        ended = true;
      });
      expect(ended).toBe(false);
      await waiting;
      // The thread is loaded: a data job's module is already in its cache.
      expect(ended).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});

describe('worker thread arguments', () => {
  it('adds the TypeScript loader once and leaves out the V8 heap flags a Worker refuses', () => {
    expect(withTsx([])).toEqual(['--import', 'tsx']);
    expect(withTsx(['--import', 'tsx'])).toEqual(['--import', 'tsx']);
    // As `npm start` and bin/uam.js run the server.
    expect(withTsx(['--max-semi-space-size=4', '--import', 'tsx'])).toEqual(['--import', 'tsx']);
    expect(withTsx(['--max-old-space-size', '2048', '--conditions=dev'])).toEqual([
      '--conditions=dev',
      '--import',
      'tsx',
    ]);
  });
});
