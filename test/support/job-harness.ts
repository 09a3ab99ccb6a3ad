import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createEventBus } from '../../packages/server/src/adapters/events/create-event-bus.ts';
import type { BusMessage, EventBus, JobEvent } from '../../packages/server/src/adapters/events/event-bus.ts';
import { type Config, parseConfig } from '../../packages/server/src/config/config.ts';
import { createJobSystem, type JobSystem } from '../../packages/server/src/jobs/job-system.ts';
import { createLogger } from '../../packages/server/src/logger.ts';
import type { JobView } from '../../packages/server/src/services/job.service.ts';
import { TEST_SERVICES } from './services.ts';
import { createPgliteTestDb, createPostgresTestDb, type TestDatabase } from './test-db.ts';

/** Job settings shared by the job tests: short backoff and locks keep them fast. */
export const TEST_JOB_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: process.env.UAM_TEST_LOG_LEVEL ?? 'silent',
  UAM_DATA_DIR: path.join(os.tmpdir(), 'uam-job-tests'),
  UAM_JOB_CONCURRENCY: '2',
  UAM_WORKER_THREADS: '1',
  UAM_JOB_MAX_ATTEMPTS: '3',
  UAM_JOB_BACKOFF_MS: '50',
  UAM_QUEUE_LOCK_MS: '3000',
  UAM_QUEUE_STALLED_MS: '1000',
} as const;

export const testLogger = () => createLogger(TEST_JOB_ENV.LOG_LEVEL);

/** A job system as the API sees it, plus a record of every bus message it heard. */
export interface JobHarness {
  config: Config;
  api: JobSystem;
  bus: EventBus;
  events: BusMessage[];
  testDb: TestDatabase;
  close(): Promise<void>;
}

/** Embedded: PGlite + in-process queue + memory bus; the API process runs the jobs. */
export async function openInProcessHarness(): Promise<JobHarness> {
  const testDb = await createPgliteTestDb();
  const config = parseConfig({ ...TEST_JOB_ENV });
  const logger = testLogger();
  const bus = await createEventBus(config.queue, { logger });
  const api = createJobSystem({ config, db: testDb.handle.db, bus, logger, role: 'api' });
  return finishHarness({ config, api, bus, testDb, stop: [() => api.close(), () => bus.close()] });
}

/**
 * Production shape in one test process: an API-role system creates jobs, a worker-role system
 * (its own bus connection) consumes them from BullMQ. Unique key prefix and channel per run.
 */
export async function openBullmqHarness(): Promise<JobHarness> {
  const testDb = await createPostgresTestDb();
  const prefix = uniquePrefix();
  const config = parseConfig({
    ...TEST_JOB_ENV,
    DATABASE_URL: databaseUrl(testDb),
    REDIS_URL: TEST_SERVICES.redis.url,
  });
  const logger = testLogger();
  const channel = `${prefix}:events`;
  const bus = await createEventBus(config.queue, { logger, channel });
  const workerBus = await createEventBus(config.queue, { logger, channel });
  const db = testDb.handle.db;
  const api = createJobSystem({ config, db, bus, logger, role: 'api', queuePrefix: prefix });
  const worker = createJobSystem({ config, db, bus: workerBus, logger, role: 'worker', queuePrefix: prefix });
  await worker.start();
  return finishHarness({
    config,
    api,
    bus,
    testDb,
    stop: [
      () => worker.close(),
      () => api.close(),
      () => workerBus.close(),
      () => bus.close(),
      () => dropKeys(prefix),
    ],
  });
}

async function finishHarness(h: {
  config: Config;
  api: JobSystem;
  bus: EventBus;
  testDb: TestDatabase;
  stop: Array<() => Promise<void>>;
}): Promise<JobHarness> {
  const events: BusMessage[] = [];
  const off = h.bus.subscribe((m) => events.push(m));
  await h.api.start();
  return {
    ...h,
    events,
    async close() {
      off();
      for (const stop of h.stop) await stop();
      await h.testDb.destroy();
    },
  };
}

export function databaseUrl(testDb: TestDatabase): string {
  if (testDb.config.kind !== 'postgres') throw new Error('expected a PostgreSQL test database');
  return testDb.config.url;
}

export function uniquePrefix(): string {
  return `uam-test-${crypto.randomBytes(4).toString('hex')}`;
}

/** Delete every Redis key a test queue left behind (meta, event stream, ids). */
export async function dropKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_SERVICES.redis.url);
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

/** The `job.updated` events heard for one job, in arrival order. */
export function jobEvents(events: BusMessage[], jobId: string): JobEvent[] {
  return events.flatMap((m) => (m.kind === 'job.updated' && m.job.id === jobId ? [m.job] : []));
}

/** Poll `read` until `done` holds; fails with the last value seen. */
export async function until<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 25));
    last = await read();
  }
  return last;
}

export function untilStatus(
  h: { api: JobSystem },
  id: string,
  status: JobView['status'],
  timeoutMs?: number,
) {
  return until(
    () => h.api.service.get(id),
    (j) => j.status === status,
    timeoutMs,
  );
}
