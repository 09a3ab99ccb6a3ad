import { setTimeout as sleep } from 'node:timers/promises';
import { threadId } from 'node:worker_threads';
import { z } from 'zod';
import { UamError } from '../errors/index.ts';
import { defineJob, type JobRegistry } from './job-registry.ts';

/**
 * Demo job types that exercise the machinery end to end (results, progress, cancel, retry,
 * worker threads) without touching data. They stay registered in production: they are cheap,
 * and `echo` / `sleep` make a handy smoke test for a deployment's workers.
 */

export const echoJob = defineJob({
  type: 'echo',
  cpu: false,
  payloadSchema: z.record(z.string(), z.unknown()),
  run: async (payload) => payload,
});

export const sleepJob = defineJob({
  type: 'sleep',
  // Timers only: it waits, it does not compute, so the event loop is the right place.
  cpu: false,
  timeoutMs: 15 * 60_000,
  payloadSchema: z.strictObject({
    ms: z.number().int().min(0).max(600_000),
    steps: z.number().int().min(1).max(1000).optional(),
    /** Fail the first N attempts with a retryable error (exercises retry and backoff). */
    failTimes: z.number().int().min(0).max(100).optional(),
  }),
  async run({ ms, steps = 10, failTimes = 0 }, ctx) {
    if (ctx.attempt <= failTimes) {
      throw new UamError('JOB_FAILED', `sleep: simulated failure on attempt ${ctx.attempt}`, {
        attempt: ctx.attempt,
        failTimes,
      });
    }
    ctx.progress(0, `step 0/${steps}`);
    for (let i = 1; i <= steps; i++) {
      // Rejects as soon as the signal aborts, so cancel is prompt even for long steps.
      await sleep(ms / steps, undefined, { signal: ctx.signal });
      ctx.progress(i / steps, `step ${i}/${steps}`);
    }
    return { sleptMs: ms, steps, attempt: ctx.attempt, pid: process.pid };
  },
});

export const cpuSpinJob = defineJob({
  type: 'cpu.spin',
  cpu: true,
  timeoutMs: 5 * 60_000,
  payloadSchema: z.strictObject({ ms: z.number().int().min(1).max(60_000) }),
  async run({ ms }, ctx) {
    const start = performance.now();
    let iterations = 0;
    let nextReport = start + ms / 10;
    // A deliberate busy loop: it would freeze the API if it ever ran on the main thread.
    for (let now = start; now - start < ms; now = performance.now()) {
      for (let k = 0; k < 10_000; k++) iterations++;
      if (now >= nextReport) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        ctx.progress((now - start) / ms);
        nextReport += ms / 10;
      }
    }
    ctx.progress(1);
    return { threadId, ms, iterations, pid: process.pid };
  },
});

export function registerDemoJobs(registry: JobRegistry): JobRegistry {
  return registry.register(echoJob).register(sleepJob).register(cpuSpinJob);
}
