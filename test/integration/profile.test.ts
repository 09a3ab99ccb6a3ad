import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload, waitJob } from '../support/datasets.ts';
import { readyProfile, uploadCsv } from '../support/profiles.ts';
import { createTestApp, PASSWORD, type Session, type TestApp } from '../support/test-app.ts';

/**
 * Profiles through the API: every ready version is profiled automatically, the profile is
 * read back with exact statistics, alerts and a quality score; re-runs with a target, access
 * control, typed errors, and profiles as project artifacts.
 */
let t: TestApp;
let owner: Session;
let viewer: Session;
let outsider: Session;
let projectId: string;

/** 40 rows: price = 1..40 (rows 39-40 repeat rows 1-2 exactly), city missing on every 4th row, a constant. */
function salesCsv(): string {
  const lines = ['id,price,city,flag'];
  for (let i = 1; i <= 38; i++) {
    lines.push(`${i},${i * 2.5},${i % 4 === 0 ? '' : ['Paris', 'Lyon', 'Nice'][i % 3]},x`);
  }
  lines.push('1,2.5,Lyon,x', '2,5,Nice,x');
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  t = await createTestApp({ UAM_WORKER_THREADS: '1', UAM_ENGINE_THREADS: '2' });
  owner = await t.signUp('owner@p.test');
  await t.signUp('vic@p.test');
  viewer = await t.login('vic@p.test');
  const p = await t.call('POST', '/api/v1/projects', { token: owner.accessToken, body: { name: 'EDA' } });
  projectId = p.json().project.id;
  const m = await t.call('POST', `/api/v1/projects/${projectId}/members`, {
    token: owner.accessToken,
    body: { email: 'vic@p.test', role: 'viewer' },
  });
  expect(m.statusCode, m.body).toBe(201);
  const orgId = crypto.randomUUID();
  await t.platform.database.db.insertInto('organizations').values({ id: orgId, name: 'Other' }).execute();
  await t.platform.services.auth.createUser({
    email: 'eve@o.test',
    name: 'Eve',
    password: PASSWORD,
    orgId,
    role: 'admin',
  });
  outsider = await t.login('eve@o.test');
});
afterAll(async () => t?.close());

describe('automatic profiles', () => {
  let datasetId: string;

  it('profiles a version right after its ingest, with exact statistics', async () => {
    ({ datasetId } = await uploadCsv(t, owner, projectId, salesCsv(), 'sales.csv'));
    const { profile, result } = await readyProfile(t, owner, datasetId);
    expect(profile).toMatchObject({ status: 'ready', version: 1, target: null, error: null });
    expect(profile.qualityScore).toBe(result.quality.score);
    expect(result.dataset.rows).toBe(40);
    expect(result.dataset.columns).toBe(4);
    expect(result.dataset.duplicates.count).toBe(2);

    const prices = [...Array.from({ length: 38 }, (_, i) => (i + 1) * 2.5), 2.5, 5];
    const mean = prices.reduce((a, b) => a + b, 0) / prices.length;
    const std = Math.sqrt(prices.reduce((a, b) => a + (b - mean) ** 2, 0) / (prices.length - 1));
    const price = result.columns.find((c) => c.name === 'price')!;
    expect(price.kind).toBe('numeric');
    expect(price.numeric!.mean).toBeCloseTo(mean, 9);
    expect(price.numeric!.std).toBeCloseTo(std, 9);
    expect(price.numeric!.min).toBe(2.5);
    expect(price.numeric!.max).toBe(95);
    expect(price.numeric!.sum).toBeCloseTo(
      prices.reduce((a, b) => a + b, 0),
      9,
    );

    const city = result.columns.find((c) => c.name === 'city')!;
    expect(city.missing).toBe(9);
    expect(city.count).toBe(31);
    expect(city.distinct.value).toBe(3);

    const types = result.alerts.map((a) => `${a.type}:${a.columns.join(',')}`);
    expect(types).toContain('constant:flag');
    expect(types).toContain('duplicates:');
    expect(result.quality.score).toBeGreaterThan(0);
    expect(result.quality.score).toBeLessThan(100);
    expect(result.insights.length).toBeGreaterThanOrEqual(1);
    expect(result.charts.some((c) => c.kind === 'histogram')).toBe(true);
    const light = await t.call('GET', `/api/v1/datasets/${datasetId}/profile?charts=false`, {
      token: owner.accessToken,
    });
    expect(light.json().result.charts).toEqual([]);
    const some = await t.call('GET', `/api/v1/datasets/${datasetId}/profile?charts=histogram`, {
      token: owner.accessToken,
    });
    const kinds = new Set(some.json().result.charts.map((c: { kind: string }) => c.kind));
    expect([...kinds]).toEqual(['histogram']);
    expect(light.json().result.quality.score).toBe(result.quality.score);
  });

  it('lets a viewer read the profile and keeps it from other organizations', async () => {
    const r = await t.call('GET', `/api/v1/datasets/${datasetId}/profile`, { token: viewer.accessToken });
    expect(r.statusCode).toBe(200);
    expect(r.json().profile.status).toBe('ready');
    const o = await t.call('GET', `/api/v1/datasets/${datasetId}/profile`, { token: outsider.accessToken });
    expect(o.statusCode).toBe(404);
    expect(o.json().error.code).toBe('DATASET_NOT_FOUND');
  });

  it('re-profiles with a target on request; viewers may not', async () => {
    const denied = await t.call('POST', `/api/v1/datasets/${datasetId}/profile`, {
      token: viewer.accessToken,
      body: { target: 'city' },
    });
    expect(denied.statusCode).toBe(403);
    const bad = await t.call('POST', `/api/v1/datasets/${datasetId}/profile`, {
      token: owner.accessToken,
      body: { target: 'nope' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('COLUMN_NOT_FOUND');

    const r = await t.call('POST', `/api/v1/datasets/${datasetId}/profile`, {
      token: owner.accessToken,
      body: { version: 1, target: 'city' },
    });
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json().profile).toMatchObject({ status: 'pending', target: 'city' });
    expect(r.json().job.type).toBe('dataset.profile');
    const job = await waitJob(t, r.json().job.id, 120_000);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const g = await t.call('GET', `/api/v1/datasets/${datasetId}/profile?target=city`, {
      token: owner.accessToken,
    });
    expect(g.statusCode).toBe(200);
    expect(g.json().profile.status).toBe('ready');
    expect(g.json().result.target.column).toBe('city');
    expect(g.json().result.target.task).toBe('classification');

    const audit = await t.call('GET', '/api/v1/audit?action=dataset.profile', { token: owner.accessToken });
    if (audit.statusCode === 200) {
      expect(JSON.stringify(audit.json())).toContain('dataset.profile');
    }
  });

  it('re-profiles the current version when the body is empty, and answers a run in progress as is', async () => {
    const first = await t.call('POST', `/api/v1/datasets/${datasetId}/profile`, { token: owner.accessToken });
    expect(first.statusCode, first.body).toBe(202);
    const second = await t.call('POST', `/api/v1/datasets/${datasetId}/profile`, {
      token: owner.accessToken,
      body: {},
    });
    expect(second.statusCode).toBe(202);
    if (second.json().job.status !== 'succeeded') expect(second.json().job.id).toBe(first.json().job.id);
    const job = await waitJob(t, second.json().job.id, 120_000);
    expect(job.status).toBe('succeeded');
  });

  it('answers typed errors for missing versions and profiles', async () => {
    const v = await t.call('GET', `/api/v1/datasets/${datasetId}/profile?version=9`, {
      token: owner.accessToken,
    });
    expect(v.statusCode).toBe(404);
    expect(v.json().error.code).toBe('DATASET_VERSION_NOT_FOUND');
    const none = await t.call('GET', `/api/v1/datasets/${datasetId}/profile?target=price`, {
      token: owner.accessToken,
    });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('PROFILE_NOT_FOUND');
  });

  it('lists profiles among the project artifacts', async () => {
    const r = await t.call('GET', `/api/v1/projects/${projectId}/artifacts?type=profile`, {
      token: owner.accessToken,
    });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as Array<{
      parentId: string;
      status: string;
      details: { qualityScore: number };
    }>;
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((i) => i.status === 'ready' && typeof i.details.qualityScore === 'number')).toBe(true);
  });

  it('profiles a new version made by a schema change too', async () => {
    const r = await t.call('PATCH', `/api/v1/datasets/${datasetId}/schema`, {
      token: owner.accessToken,
      body: { columns: [{ name: 'id', storageType: 'string' }] },
    });
    expect(r.statusCode, r.body).toBe(202);
    const job = await waitJob(t, r.json().job.id);
    expect(job.status).toBe('succeeded');
    const { profile } = await readyProfile(t, owner, datasetId, 2);
    expect(profile).toMatchObject({ status: 'ready', version: 2 });
  });
});

describe('maintenance', () => {
  it('fails a profile left pending by a job that is gone', async () => {
    const { datasetId } = await uploadCsv(t, owner, projectId, 'a,b\n1,2\n3,4\n', 'tiny.csv');
    const { profile } = await readyProfile(t, owner, datasetId);
    const old = new Date(Date.now() - 3600_000);
    await t.platform.database.db
      .updateTable('profiles')
      .set({ status: 'pending', job_id: crypto.randomUUID(), updated_at: old })
      .where('id', '=', profile.id as string)
      .execute();
    const { reconciled } = await t.platform.sweep();
    expect(reconciled).toBeGreaterThanOrEqual(1);
    const r = await t.call('GET', `/api/v1/datasets/${datasetId}/profile`, { token: owner.accessToken });
    expect(r.json().profile).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED' } });
    // The last good result is still served next to the failure.
    expect(r.json().result.dataset.rows).toBe(2);
  });
});

describe('profiles of awkward data', () => {
  it('profiles a single-row file with unicode and an all-empty column', async () => {
    const { datasetId } = await uploadCsv(
      t,
      owner,
      projectId,
      'name,empty,n\nÉlodie 東京,,1e308\n',
      'one.csv',
    );
    const { result } = await readyProfile(t, owner, datasetId);
    expect(result.dataset.rows).toBe(1);
    expect(result.alerts.some((a) => a.type === 'all_missing')).toBe(true);
  });

  it('fails a dataset upload without leaving a profile behind', async () => {
    const r = await upload(t, owner.accessToken, `/api/v1/projects/${projectId}/datasets`, {
      fileName: 'empty.csv',
      content: '',
    });
    if (r.statusCode === 202) {
      const job = await waitJob(t, r.json().job.id);
      expect(job.status).toBe('failed');
      const p = await t.call('GET', `/api/v1/datasets/${r.json().dataset.id}/profile`, {
        token: owner.accessToken,
      });
      expect(p.statusCode).toBe(409);
      expect(p.json().error.code).toBe('DATASET_NOT_READY');
    } else {
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
    }
  });
});
