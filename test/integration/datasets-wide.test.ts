import { afterAll, beforeAll, expect, it } from 'vitest';
import { upload, waitJob } from '../support/datasets.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * 5,000 columns through the API, in its own file (and app) so a slow wide ingest never
 * holds up the job queue of the other dataset suites.
 */
let t: TestApp;
let token: string;
let projectId: string;

beforeAll(async () => {
  t = await createTestApp({ UAM_WORKER_THREADS: '1', UAM_ENGINE_THREADS: '2' });
  token = (await t.signUp('wide@d.test')).accessToken;
  projectId = (await t.call('POST', '/api/v1/projects', { token, body: { name: 'Wide' } })).json().project.id;
});
afterAll(async () => t?.close());

it('ingests 5,000 columns and serves their rows', { timeout: 600_000 }, async () => {
  const header = Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',');
  const row = (k: number) => Array.from({ length: 5000 }, (_, i) => i * k).join(',');
  const r = await upload(t, token, `/api/v1/projects/${projectId}/datasets`, {
    fileName: 'wide.csv',
    content: `${header}\n${row(1)}\n${row(2)}\n`,
  });
  expect(r.statusCode, r.body).toBe(202);
  const job = await waitJob(t, r.json().job.id, 580_000);
  expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
  const { dataset } = r.json();
  const v = (await t.call('GET', `/api/v1/datasets/${dataset.id}/versions/1`, { token })).json().version;
  expect(v).toMatchObject({ status: 'ready', columnCount: 5000, rowCount: 2 });
  const rows = await t.call('GET', `/api/v1/datasets/${dataset.id}/rows?limit=1&sort=c4999:desc`, { token });
  expect(rows.statusCode).toBe(200);
  expect(rows.json().rows[0][4999]).toBe(4999 * 2);
});
