import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../packages/server/src/adapters/db/database.ts';
import { createEventBus } from '../../packages/server/src/adapters/events/create-event-bus.ts';
import { parseConfig } from '../../packages/server/src/config/config.ts';
import { createJobSystem } from '../../packages/server/src/jobs/job-system.ts';
import {
  databaseUrl,
  dropKeys,
  jobEvents,
  TEST_JOB_ENV,
  testLogger,
  uniquePrefix,
  until,
} from '../support/job-harness.ts';
import { hasService, TEST_SERVICES } from '../support/services.ts';
import { createPgliteTestDb, createPostgresTestDb } from '../support/test-db.ts';

/** A child process running a .ts entry under tsx, with its stdout parsed as JSON lines. */
interface Child {
  proc: ChildProcess;
  lines: Array<Record<string, unknown>>;
  exited: Promise<void>;
}

function spawnTs(entry: string, env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Array<Record<string, unknown>> = [];
  readline.createInterface({ input: proc.stdout! }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      lines.push({ raw: line });
    }
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return { proc, lines, exited };
}

function lineOf(child: Child, match: (l: Record<string, unknown>) => boolean, timeoutMs = 30_000) {
  return until(
    async () => child.lines.find(match),
    (l) => l !== undefined,
    timeoutMs,
  ) as Promise<Record<string, unknown>>;
}

const productionUp = (await hasService('redis')) && (await hasService('postgres'));
const base = { orgId: null, projectId: null, createdBy: null };

describe.skipIf(!productionUp)('BullMQ workers', () => {
  it('a SIGKILLed worker loses its job to another, which runs it again; SIGTERM requeues', async () => {
    const testDb = await createPostgresTestDb();
    const prefix = uniquePrefix();
    const env = {
      ...TEST_JOB_ENV,
      LOG_LEVEL: 'info',
      DATABASE_URL: databaseUrl(testDb),
      REDIS_URL: TEST_SERVICES.redis.url,
      UAM_QUEUE_PREFIX: prefix,
      UAM_JOB_CONCURRENCY: '1',
    };
    const startWorker = () => spawnTs('packages/server/src/cli/worker-main.ts', env);
    const workers = [startWorker(), startWorker()];
    const config = parseConfig(env);
    const logger = testLogger();
    const bus = await createEventBus(config.queue, { logger, channel: `${prefix}:events` });
    const api = createJobSystem({
      config,
      db: testDb.handle.db,
      bus,
      logger,
      role: 'api',
      queuePrefix: prefix,
    });
    const sleep = (ms: number) =>
      api.service.create({ ...base, type: 'sleep', payload: { ms, steps: ms / 100 } });
    const startedOn = (w: Child, jobId: string) =>
      w.lines.some((l) => l.msg === 'job started' && l.jobId === jobId);
    try {
      await Promise.all(workers.map((w) => lineOf(w, (l) => l.msg === 'worker started')));
      const job = await sleep(3000);
      const victim = await until(
        async () => workers.find((w) => startedOn(w, job.id)),
        (w) => w !== undefined,
      );
      const survivor = workers.find((w) => w !== victim)!;
      await until(
        () => api.service.get(job.id),
        (j) => j.progress > 0,
      );
      victim!.proc.kill('SIGKILL');
      await victim!.exited;

      const done = await api.service.waitFor(job.id, 60_000);
      expect(done.status).toBe('succeeded');
      expect(done.attempts).toBeGreaterThanOrEqual(2);
      expect((done.result as { pid: number }).pid).toBe(survivor.proc.pid);

      // Graceful stop: the job in flight goes back to the queue and a new worker finishes it.
      const second = await sleep(3000);
      await until(
        () => api.service.get(second.id),
        (j) => j.status === 'running',
      );
      survivor.proc.kill('SIGTERM');
      await survivor.exited;
      expect(survivor.proc.exitCode).toBe(0);
      expect(await api.service.get(second.id)).toMatchObject({
        status: 'queued',
        attempts: 1,
        message: 'interrupted by a worker shutdown; will resume',
      });
      const replacement = startWorker();
      workers.push(replacement);
      const resumed = await api.service.waitFor(second.id, 60_000);
      expect(resumed).toMatchObject({
        status: 'succeeded',
        attempts: 2,
        result: { pid: replacement.proc.pid },
      });
    } finally {
      for (const w of workers)
        if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exited));
      await api.close();
      await bus.close();
      await dropKeys(prefix);
      await testDb.destroy();
    }
  });
});

describe('In-process: a process killed mid-job', () => {
  it('has its jobs resumed (or failed when out of attempts) by the next start', async () => {
    const template = await createPgliteTestDb();
    if (template.config.kind !== 'pglite') throw new Error('expected a PGlite test database');
    const dir = template.config.dir;
    await template.handle.close();
    try {
      const host = spawnTs('test/integration/fixtures/in-process-job-host.ts', {
        ...TEST_JOB_ENV,
        UAM_TEST_PGLITE_DIR: dir,
      });
      const line = await lineOf(host, (l) => 'running' in l, 60_000);
      const ids = line.running as { retried: string; single: string };
      host.proc.kill('SIGKILL');
      await host.exited;

      const db = await openDatabase({ kind: 'pglite', dir });
      const config = parseConfig({ ...TEST_JOB_ENV });
      const logger = testLogger();
      const bus = await createEventBus(config.queue, { logger });
      const events: Parameters<typeof jobEvents>[0] = [];
      bus.subscribe((m) => events.push(m));
      const jobs = createJobSystem({ config, db: db.db, bus, logger, role: 'api' });
      try {
        // The crash left both rows `running`: nothing marked them on the way down.
        for (const id of Object.values(ids)) expect((await jobs.service.get(id)).status).toBe('running');
        await jobs.start();
        const resumed = await jobs.service.waitFor(ids.retried, 30_000);
        expect(resumed).toMatchObject({ status: 'succeeded', attempts: 2, result: { attempt: 2 } });
        expect(jobEvents(events, ids.retried)[0]).toMatchObject({
          status: 'queued',
          message: 'interrupted during attempt 1; retrying',
        });
        const single = await jobs.service.get(ids.single);
        expect(single).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'JOB_INTERRUPTED' } });
      } finally {
        await jobs.close();
        await bus.close();
        await db.close();
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
