import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitJob } from '../support/datasets.ts';
import { readyProfile, uploadCsv } from '../support/profiles.ts';
import { hasService, TEST_SERVICES } from '../support/services.ts';
import { createTestApp, type Session, type TestApp } from '../support/test-app.ts';
import { createPostgresDatabase } from '../support/test-db.ts';

/**
 * Profiles, cleaning and drift on the production metadata parts (PostgreSQL, BullMQ): the
 * same flow as the embedded tests, where int8/float8/jsonb come back in pg's shapes and the
 * outcome hooks run in the BullMQ worker.
 */
const enabled = (await hasService('postgres')) && (await hasService('redis'));

describe.skipIf(!enabled)('profiles on PostgreSQL + BullMQ', () => {
  let t: TestApp;
  let pg: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let owner: Session;
  let datasetId: string;

  beforeAll(async () => {
    pg = await createPostgresDatabase();
    t = await createTestApp({
      DATABASE_URL: pg.url,
      REDIS_URL: TEST_SERVICES.redis.url,
      UAM_QUEUE_PREFIX: `uam-test-${crypto.randomBytes(4).toString('hex')}`,
      UAM_WORKER_THREADS: '1',
    });
    owner = await t.signUp('pg@p.test');
    const p = await t.call('POST', '/api/v1/projects', { token: owner.accessToken, body: { name: 'PG' } });
    const lines = ['k,v,c'];
    for (let i = 0; i < 60; i++) lines.push(`${i},${i % 10},${i % 3 ? 'a' : 'b'}`);
    ({ datasetId } = await uploadCsv(t, owner, p.json().project.id, `${lines.join('\n')}\n`, 'pg.csv'));
  });
  afterAll(async () => {
    await t?.close();
    await pg?.drop();
  });

  it('profiles after the ingest, cleans into a new version and compares them', async () => {
    const { profile, result } = await readyProfile(t, owner, datasetId);
    expect(profile.status).toBe('ready');
    expect(typeof profile.qualityScore).toBe('number');
    expect(typeof profile.resultBytes).toBe('number');
    expect(result.dataset.rows).toBe(60);

    const r = await t.call('POST', `/api/v1/datasets/${datasetId}/clean`, {
      token: owner.accessToken,
      body: { recipe: { steps: [{ op: 'filter', expression: 'v < 5' }] } },
    });
    expect(r.statusCode, r.body).toBe(202);
    expect((await waitJob(t, r.json().job.id)).status).toBe('succeeded');
    const v2 = await readyProfile(t, owner, datasetId, 2);
    expect(v2.result.dataset.rows).toBe(30);

    const d = await t.call('GET', `/api/v1/datasets/${datasetId}/drift?from=1&to=2`, {
      token: owner.accessToken,
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().report.rows).toEqual({ from: 60, to: 30 });
    const again = await t.call('GET', `/api/v1/datasets/${datasetId}/drift?from=1&to=2`, {
      token: owner.accessToken,
    });
    expect(again.json().cached).toBe(true);
  });
});
