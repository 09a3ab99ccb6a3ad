import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type JobHarness,
  jobEvents,
  openBullmqHarness,
  openInProcessHarness,
  until,
  untilStatus,
} from '../../../../../test/support/job-harness.ts';
import { hasService } from '../../../../../test/support/services.ts';
import { UamError } from '../../errors/index.ts';

/**
 * One suite over the whole job system (service, runner, queue, bus, repository), run for the
 * embedded pair (in-process + PGlite) and the production pair (BullMQ + PostgreSQL + Redis).
 */
const productionUp = (await hasService('redis')) && (await hasService('postgres'));

const variants = [
  { name: 'in-process + PGlite', enabled: true, open: openInProcessHarness },
  { name: 'BullMQ + PostgreSQL', enabled: productionUp, open: openBullmqHarness },
];

const base = { orgId: null, projectId: null, createdBy: null };

async function rejection(p: Promise<unknown>): Promise<UamError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UamError);
  return err as UamError;
}

for (const variant of variants) {
  describe.skipIf(!variant.enabled)(`job system contract: ${variant.name}`, () => {
    let h: JobHarness;
    beforeAll(async () => {
      h = await variant.open();
    });
    afterAll(async () => {
      await h?.close();
    });

    it('runs echo and stores its result', async () => {
      const payload = { hello: 'world', n: 3, list: [1, null, 'x'] };
      const created = await h.api.service.create({ ...base, type: 'echo', payload });
      expect(created).toMatchObject({
        type: 'echo',
        status: 'queued',
        attempts: 0,
        progress: 0,
        result: null,
      });
      const done = await h.api.service.waitFor(created.id, 10_000);
      expect(done).toMatchObject({
        status: 'succeeded',
        result: payload,
        attempts: 1,
        progress: 1,
        error: null,
      });
      expect(Date.parse(done.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(done.startedAt!));
    });

    it('reports sleep progress from 0 to 1 with throttled, ordered events ending in succeeded', async () => {
      const job = await h.api.service.create({ ...base, type: 'sleep', payload: { ms: 1000, steps: 100 } });
      await h.api.service.waitFor(job.id, 10_000);
      const events = await until(
        async () => jobEvents(h.events, job.id),
        (e) => e.at(-1)?.status === 'succeeded',
      );
      const order = ['queued', 'running', 'succeeded'];
      const ranks = events.map((e) => order.indexOf(e.status));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(ranks[0]).toBe(0);
      const progress = events.map((e) => e.progress);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
      expect(events.at(-1)).toMatchObject({
        status: 'succeeded',
        progress: 1,
        result: { sleptMs: 1000, steps: 100 },
      });
      // 100 reports must coalesce to ≤ 4 writes/s of run time (plus claim, final flush, slack);
      // run time is measured, so a loaded machine does not make the bound flaky.
      const last = events.at(-1)!;
      const runSeconds = (Date.parse(last.finishedAt!) - Date.parse(last.startedAt!)) / 1000;
      expect(events.filter((e) => e.status === 'running').length).toBeLessThanOrEqual(
        Math.ceil(4 * runSeconds) + 5,
      );
      expect(events.filter((e) => e.status === 'running').length).toBeLessThan(50);
    });

    it('cancels a queued job at once and running sleeps promptly', async () => {
      const long = { ...base, type: 'sleep', payload: { ms: 600_000, steps: 600 } };
      const a = await h.api.service.create(long);
      const b = await h.api.service.create(long);
      await untilStatus(h, a.id, 'running');
      await untilStatus(h, b.id, 'running');
      const queued = await h.api.service.create(long); // both slots (concurrency 2) are busy

      const cancelledQueued = await h.api.service.cancel(queued.id);
      expect(cancelledQueued).toMatchObject({ status: 'cancelled', attempts: 0, startedAt: null });
      expect(cancelledQueued.error?.code).toBe('JOB_CANCELLED');

      const t0 = Date.now();
      expect((await h.api.service.cancel(a.id)).status).toBe('running');
      await h.api.service.cancel(b.id);
      const [ca, cb] = await Promise.all([a, b].map((j) => h.api.service.waitFor(j.id, 5_000)));
      expect(Date.now() - t0).toBeLessThan(3_000);
      for (const j of [ca, cb])
        expect(j).toMatchObject({ status: 'cancelled', error: { code: 'JOB_CANCELLED' } });

      const again = await rejection(h.api.service.cancel(a.id));
      expect(again.code).toBe('JOB_NOT_CANCELLABLE');
      expect((await h.api.service.get(queued.id)).attempts).toBe(0);
    });

    it('retries a failing attempt with backoff, then succeeds', async () => {
      const job = await h.api.service.create({
        ...base,
        type: 'sleep',
        payload: { ms: 10, steps: 1, failTimes: 1 },
      });
      const done = await h.api.service.waitFor(job.id, 10_000);
      expect(done).toMatchObject({ status: 'succeeded', attempts: 2, error: null, result: { attempt: 2 } });
      const requeued = jobEvents(h.events, job.id).find((e) => e.status === 'queued' && e.message);
      expect(requeued?.message).toMatch(
        /^attempt 1 failed: sleep: simulated failure on attempt 1; retrying in 0\.05s$/,
      );
    });

    it('fails with a typed error once attempts are used up', async () => {
      const job = await h.api.service.create({
        ...base,
        type: 'sleep',
        payload: { ms: 10, failTimes: 99 },
        maxAttempts: 2,
      });
      const done = await h.api.service.waitFor(job.id, 10_000);
      expect(done).toMatchObject({
        status: 'failed',
        attempts: 2,
        result: null,
        error: { code: 'JOB_FAILED', message: 'sleep: simulated failure on attempt 2' },
      });
    });

    it('rejects a bad payload and an unknown type at create', async () => {
      const bad = await rejection(h.api.service.create({ ...base, type: 'sleep', payload: { ms: -5 } }));
      expect(bad.code).toBe('VALIDATION_ERROR');
      expect(bad.details.issues).toEqual([expect.objectContaining({ path: 'payload.ms' })]);
      const notObject = await rejection(h.api.service.create({ ...base, type: 'echo', payload: [1, 2] }));
      expect(notObject.code).toBe('VALIDATION_ERROR');
      const unknown = await rejection(h.api.service.create({ ...base, type: 'no.such.job', payload: {} }));
      expect(unknown.code).toBe('JOB_TYPE_UNKNOWN');
      expect((await rejection(h.api.service.get(crypto.randomUUID()))).code).toBe('JOB_NOT_FOUND');
    });

    it('runs cpu.spin in a worker thread while the main event loop keeps ticking', async () => {
      let last = Date.now();
      let maxGap = 0;
      const ticker = setInterval(() => {
        maxGap = Math.max(maxGap, Date.now() - last);
        last = Date.now();
      }, 10);
      try {
        const job = await h.api.service.create({ ...base, type: 'cpu.spin', payload: { ms: 1500 } });
        const done = await h.api.service.waitFor(job.id, 20_000);
        expect(done.status).toBe('succeeded');
        const result = done.result as { threadId: number; ms: number };
        expect(result.threadId).not.toBe(0);
        expect(result.threadId).not.toBe(threadId);
        expect(result.ms).toBe(1500);
      } finally {
        clearInterval(ticker);
      }
      // A 1.5 s busy loop on this thread would show up as one 1.5 s gap.
      expect(maxGap).toBeLessThan(500);
    });

    it('lists jobs newest first with a keyset cursor', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++)
        ids.push((await h.api.service.create({ ...base, type: 'echo', payload: { i } })).id);
      const first = await h.api.service.list({ type: 'echo', limit: 2 });
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      const rest = await h.api.service.list({ type: 'echo', limit: 2, cursor: first.nextCursor! });
      const all = [...first.items, ...rest.items].map((j) => j.id);
      expect(new Set(all).size).toBe(all.length);
      expect(all.slice(0, 3)).toEqual(ids.reverse());
    });
  });
}
