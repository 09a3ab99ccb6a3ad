import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload, waitJob } from '../support/datasets.ts';
import { uploadCsv } from '../support/profiles.ts';
import { createTestApp, type Session, type TestApp } from '../support/test-app.ts';

/**
 * Drift through the API: two uploaded versions of one dataset, one stable column and one
 * that moved; per-column PSI/KS/χ², schema changes, the verdict, caching, and typed errors.
 */
let t: TestApp;
let owner: Session;
let viewer: Session;
let datasetId: string;

/** `stable` is the same in both versions; `amount` shifts by +50 and `kind` gains a category. */
function csv(shift: number, extra: boolean): string {
  const lines = [`id,stable,amount,kind${extra ? ',note' : ''}`];
  for (let i = 0; i < 400; i++) {
    const kind = shift && i % 4 === 0 ? 'new' : ['a', 'b', 'c'][i % 3];
    lines.push(`${i},${i % 50},${(i % 100) + shift},${kind}${extra ? ',x' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  t = await createTestApp({ UAM_WORKER_THREADS: '1', UAM_ENGINE_THREADS: '2' });
  owner = await t.signUp('owner@dr.test');
  await t.signUp('vi@dr.test');
  viewer = await t.login('vi@dr.test');
  const p = await t.call('POST', '/api/v1/projects', { token: owner.accessToken, body: { name: 'Drift' } });
  const projectId = p.json().project.id;
  await t.call('POST', `/api/v1/projects/${projectId}/members`, {
    token: owner.accessToken,
    body: { email: 'vi@dr.test', role: 'viewer' },
  });
  ({ datasetId } = await uploadCsv(t, owner, projectId, csv(0, false), 'orders.csv'));
  const r = await upload(t, owner.accessToken, `/api/v1/datasets/${datasetId}/versions`, {
    fileName: 'orders.csv',
    content: csv(50, true),
  });
  expect(r.statusCode, r.body).toBe(202);
  expect((await waitJob(t, r.json().job.id)).status).toBe('succeeded');
});
afterAll(async () => t?.close());

describe('drift between versions', () => {
  it('compares two versions column by column with a verdict', async () => {
    const r = await t.call('GET', `/api/v1/datasets/${datasetId}/drift?from=1&to=2`, {
      token: viewer.accessToken,
    });
    expect(r.statusCode, r.body).toBe(200);
    const { from, to, cached, report } = r.json();
    expect({ from, to, cached }).toEqual({ from: 1, to: 2, cached: false });
    expect(report.rows).toEqual({ from: 400, to: 400 });
    expect(report.schema.added).toEqual(['note']);
    const by = Object.fromEntries(report.columns.map((c: { column: string }) => [c.column, c]));
    expect(by.stable.drift).toBe('none');
    expect(by.stable.psi).toBeCloseTo(0, 9);
    expect(by.stable.ks.statistic).toBe(0);
    expect(by.amount.drift).toBe('major');
    expect(by.amount.ks.statistic).toBeCloseTo(0.5, 9);
    expect(by.amount.ks.pValue).toBeLessThan(0.01);
    expect(by.kind.chiSquare.pValue).toBeLessThan(0.01);
    expect(by.kind.newCategories.map((c: { value: string }) => c.value)).toEqual(['new']);
    expect(report.verdict).toBe('major');
    expect(report.summary.length).toBeGreaterThan(0);
  });

  it('serves the same report from the cache, and defaults to current vs previous', async () => {
    const r = await t.call('GET', `/api/v1/datasets/${datasetId}/drift`, { token: owner.accessToken });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ from: 1, to: 2, cached: true });
    const named = await t.call('GET', `/api/v1/datasets/${datasetId}/drift?from=v1&to=v2`, {
      token: owner.accessToken,
    });
    expect(named.json()).toMatchObject({ from: 1, to: 2, cached: true });
  });

  it('answers typed errors for versions that do not exist', async () => {
    const r = await t.call('GET', `/api/v1/datasets/${datasetId}/drift?from=1&to=7`, {
      token: owner.accessToken,
    });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('DATASET_VERSION_NOT_FOUND');
    const first = await t.call('GET', `/api/v1/datasets/${datasetId}/drift?to=1`, {
      token: owner.accessToken,
    });
    expect(first.statusCode).toBe(404);
    expect(first.json().error.code).toBe('DATASET_VERSION_NOT_FOUND');
    const bad = await t.call('GET', `/api/v1/datasets/${datasetId}/drift?from=x`, {
      token: owner.accessToken,
    });
    expect(bad.statusCode).toBe(400);
  });
});
