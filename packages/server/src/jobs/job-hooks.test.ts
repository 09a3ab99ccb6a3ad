import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobHarness, openInProcessHarness } from '../../../../test/support/job-harness.ts';
import type { SerializedError } from '../errors/index.ts';
import type { JobRow } from '../repositories/job.repository.ts';

/** Outcome hooks: run in the runner's process, before the row is final, for every way a job ends. */
describe('job outcome hooks', () => {
  let h: JobHarness;
  const seen: Array<{
    kind: string;
    job: JobRow;
    result?: unknown;
    error?: SerializedError;
    statusThen?: string;
  }> = [];
  let failEchoHookTimes = 0;

  beforeAll(async () => {
    h = await openInProcessHarness();
    const statusOf = async (id: string) => (await h.api.service.get(id)).status;
    h.api.hooks.on('echo', {
      async succeeded(job, result) {
        seen.push({ kind: 'succeeded', job, result, statusThen: await statusOf(job.id) });
        if (failEchoHookTimes > 0) {
          failEchoHookTimes--;
          throw new Error('hook failed');
        }
      },
    });
    h.api.hooks.on('sleep', {
      async failed(job, error) {
        seen.push({ kind: 'failed', job, error, statusThen: await statusOf(job.id) });
      },
    });
  });
  afterAll(async () => h?.close());

  const base = { orgId: null, projectId: null, createdBy: null };

  it('runs the success hook with the result while the row still says running', async () => {
    const job = await h.api.service.create({ ...base, type: 'echo', payload: { a: 1 } });
    await h.api.service.waitFor(job.id, 10_000);
    const call = seen.find((s) => s.job.id === job.id)!;
    expect(call).toMatchObject({ kind: 'succeeded', result: { a: 1 }, statusThen: 'running' });
  });

  it('fails the attempt when the success hook throws, and retries it', async () => {
    failEchoHookTimes = 1;
    const job = await h.api.service.create({ ...base, type: 'echo', payload: { b: 2 } });
    const done = await h.api.service.waitFor(job.id, 10_000);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(seen.filter((s) => s.job.id === job.id)).toHaveLength(2);
  });

  it('runs the failure hook once, before the row says failed, with the typed error', async () => {
    const job = await h.api.service.create({
      ...base,
      type: 'sleep',
      payload: { ms: 1, failTimes: 5 },
      maxAttempts: 2,
    });
    const done = await h.api.service.waitFor(job.id, 10_000);
    expect(done.status).toBe('failed');
    const calls = seen.filter((s) => s.job.id === job.id);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ kind: 'failed', statusThen: 'running', error: { code: 'JOB_FAILED' } });
  });

  it('runs the failure hook for a job cancelled before it started', async () => {
    const blocker = await h.api.service.create({ ...base, type: 'sleep', payload: { ms: 400 } });
    const blocker2 = await h.api.service.create({ ...base, type: 'sleep', payload: { ms: 400 } });
    const job = await h.api.service.create({ ...base, type: 'sleep', payload: { ms: 10 } });
    await h.api.service.cancel(job.id);
    expect(seen.find((s) => s.job.id === job.id)).toMatchObject({
      kind: 'failed',
      error: { code: 'JOB_CANCELLED' },
    });
    await h.api.service.waitFor(blocker.id, 10_000);
    await h.api.service.waitFor(blocker2.id, 10_000);
  });
});
