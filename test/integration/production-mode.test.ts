import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasService, TEST_SERVICES } from '../support/services.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createPostgresDatabase } from '../support/test-db.ts';

/**
 * The whole platform on its production parts — PostgreSQL, Redis/BullMQ and S3 — chosen by
 * configuration alone, through the same code the embedded mode runs.
 */
const enabled = (await hasService('postgres')) && (await hasService('redis')) && (await hasService('s3'));

describe.skipIf(!enabled)('production mode (PostgreSQL + Redis + S3)', () => {
  let t: TestApp;
  let pg: Awaited<ReturnType<typeof createPostgresDatabase>>;
  const prefix = `uam-test-${crypto.randomBytes(4).toString('hex')}`;
  const bucket = `uam-prod-${crypto.randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    pg = await createPostgresDatabase();
    t = await createTestApp({
      DATABASE_URL: pg.url,
      REDIS_URL: TEST_SERVICES.redis.url,
      UAM_QUEUE_PREFIX: prefix,
      S3_ENDPOINT: TEST_SERVICES.s3.endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY: TEST_SERVICES.s3.accessKeyId,
      S3_SECRET_KEY: TEST_SERVICES.s3.secretAccessKey,
      UAM_JOB_BACKOFF_MS: '100',
    });
  });
  afterAll(async () => {
    await t?.platform.storage.deletePrefix('it').catch(() => {});
    await t?.close();
    await pg?.drop();
  });

  it('chose every production part from the environment', () => {
    const { config, database, storage, jobs } = t.platform;
    expect(config.db.kind).toBe('postgres');
    expect(database.kind).toBe('postgres');
    expect(storage.kind).toBe('s3');
    expect(jobs.queue.kind).toBe('bullmq');
  });

  it('is ready, with every dependency reachable', async () => {
    const r = await t.call('GET', '/readyz');
    expect(r.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', queue: 'ok', storage: 'ok', workers: 'ok' },
    });
  });

  it('signs up, creates a project and runs a job through BullMQ to success', async () => {
    const s = await t.signUp('ops@prod.test');
    expect(s.user.role).toBe('admin');
    const p = await t.call('POST', '/api/v1/projects', { token: s.accessToken, body: { name: 'Prod' } });
    expect(p.statusCode).toBe(201);
    const j = await t.call('POST', '/api/v1/jobs', {
      token: s.accessToken,
      body: { type: 'sleep', projectId: p.json().project.id, payload: { ms: 300, steps: 3, failTimes: 1 } },
    });
    expect(j.statusCode).toBe(202);
    const done = await t.platform.jobs.service.waitFor(j.json().job.id, 30_000);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2, progress: 1 });
  });

  it('rotates refresh tokens and detects reuse against PostgreSQL', async () => {
    const s = await t.login('ops@prod.test');
    const r1 = await t.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(r1.statusCode).toBe(200);
    const reuse = await t.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(reuse.json().error.code).toBe('AUTH_REFRESH_REUSED');
  });

  it('stores files in S3 and hands out working presigned links', async () => {
    const body = crypto.randomBytes(300_000);
    const put = await t.platform.storage.put('it/blob.bin', Readable.from([body]));
    expect(put.sha256).toBe(crypto.createHash('sha256').update(body).digest('hex'));
    const url = await t.platform.storage.signedUrl('it/blob.bin', {
      expiresInSeconds: 60,
      fileName: 'b.bin',
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
  });

  it('shares the failed-login limit through Redis', async () => {
    const ip = `198.51.100.${crypto.randomInt(1, 250)}`;
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: ip,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'ops@prod.test', password: 'wrong-wrong' }),
      });
    for (let i = 0; i < 10; i++) expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(429);
  });
});
