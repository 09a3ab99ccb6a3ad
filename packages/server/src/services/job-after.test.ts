import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobHarness, openInProcessHarness } from '../../../../test/support/job-harness.ts';

/** `create({ after })`: a job that waits for a prerequisite (an upload still being converted). */
describe('jobs queued after a prerequisite', () => {
  let h: JobHarness;
  beforeAll(async () => {
    h = await openInProcessHarness();
  });
  afterAll(async () => h?.close());

  const base = { orgId: null, projectId: null, createdBy: null, type: 'echo' };
  const deferred = () => {
    let resolve!: (v: Record<string, unknown> | undefined) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<Record<string, unknown> | undefined>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };

  it('stays queued until the prerequisite settles, then runs with its fields in the payload', async () => {
    const gate = deferred();
    const job = await h.api.service.create({ ...base, payload: { a: 1 }, after: gate.promise });
    expect(job.status).toBe('queued');
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.api.service.get(job.id)).status).toBe('queued');
    gate.resolve({ b: 2 });
    const done = await h.api.service.waitFor(job.id, 10_000);
    expect(done).toMatchObject({ status: 'succeeded', result: { a: 1, b: 2 } });
  });

  it('runs with its own payload when the prerequisite gives nothing or fails', async () => {
    const none = deferred();
    const failing = deferred();
    const a = await h.api.service.create({ ...base, payload: { n: 1 }, after: none.promise });
    const b = await h.api.service.create({ ...base, payload: { n: 2 }, after: failing.promise });
    none.resolve(undefined);
    failing.reject(new Error('conversion failed'));
    expect(await h.api.service.waitFor(a.id, 10_000)).toMatchObject({
      status: 'succeeded',
      result: { n: 1 },
    });
    expect(await h.api.service.waitFor(b.id, 10_000)).toMatchObject({
      status: 'succeeded',
      result: { n: 2 },
    });
  });

  it('is not run at all when cancelled while it waits', async () => {
    const gate = deferred();
    const job = await h.api.service.create({ ...base, payload: { c: 3 }, after: gate.promise });
    expect((await h.api.service.cancel(job.id)).status).toBe('cancelled');
    gate.resolve({ d: 4 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await h.api.service.get(job.id)).toMatchObject({ status: 'cancelled', attempts: 0 });
  });
});
