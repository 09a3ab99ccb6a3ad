import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles, upload, waitJob } from '../support/datasets.ts';
import { createTestApp, PASSWORD, type Session, type TestApp } from '../support/test-app.ts';

/**
 * Datasets end to end through the API on embedded parts: upload → ingest job → version →
 * rows → manage → search → export → artifacts, plus versions, duplicates, schema changes
 * and access control.
 */
let t: TestApp;
let owner: Session;
let viewer: Session; // a project viewer
let outsider: Session; // an admin of another organization
let projectId: string;

const COUNTRIES = ['FR', 'DE', 'US', 'JP'];
/** 200 people; row 7's name is a spreadsheet formula, row 13's amount is not a number. */
function peopleCsv(rows = 200, seed = 0): string {
  const lines = ['id,name,country,age,amount,signup'];
  for (let i = 1; i <= rows; i++) {
    const name = i === 7 ? '"=HYPERLINK(""http://evil.test"",""x"")"' : `person${i + seed}`;
    const amount = i === 13 ? 'n/a' : ((i * 37) % 1000) / 10;
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(`${i},${name},${COUNTRIES[i % 4]},${18 + (i % 60)},${amount},2024-03-${day}`);
  }
  return `${lines.join('\n')}\n`;
}

async function uploadReady(url: string, content: string, fileName = 'people.csv', fields = {}) {
  const r = await upload(t, owner.accessToken, url, { fileName, content }, fields);
  expect(r.statusCode, r.body).toBe(202);
  const job = await waitJob(t, r.json().job.id);
  expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
  return r.json() as { dataset: { id: string }; version: { id: string; number: number } };
}

const get = (url: string, s: Session = owner) => t.call('GET', url, { token: s.accessToken });

beforeAll(async () => {
  t = await createTestApp({ UAM_WORKER_THREADS: '1', UAM_ENGINE_THREADS: '2' });
  owner = await t.signUp('owner@d.test');
  await t.signUp('vera@d.test');
  viewer = await t.login('vera@d.test');
  const p = await t.call('POST', '/api/v1/projects', { token: owner.accessToken, body: { name: 'Data' } });
  projectId = p.json().project.id;
  const m = await t.call('POST', `/api/v1/projects/${projectId}/members`, {
    token: owner.accessToken,
    body: { email: 'vera@d.test', role: 'viewer' },
  });
  expect(m.statusCode, m.body).toBe(201);
  const orgId = crypto.randomUUID();
  await t.platform.database.db.insertInto('organizations').values({ id: orgId, name: 'Org B' }).execute();
  await t.platform.services.auth.createUser({
    email: 'eve@b.test',
    name: 'Eve',
    password: PASSWORD,
    orgId,
    role: 'admin',
  });
  outsider = await t.login('eve@b.test');
});
afterAll(async () => t?.close());

describe('a dataset from upload to download', () => {
  let datasetId: string;

  it('uploads, ingests and exposes the ready version with its schema and stats', async () => {
    const r = await upload(
      t,
      owner.accessToken,
      `/api/v1/projects/${projectId}/datasets`,
      { fileName: 'people.csv', content: peopleCsv() },
      { description: 'Customer list', tags: 'crm, People' },
    );
    expect(r.statusCode, r.body).toBe(202);
    const body = r.json();
    expect(body.dataset).toMatchObject({
      name: 'people',
      description: 'Customer list',
      tags: ['crm', 'people'],
    });
    expect(body.version).toMatchObject({ number: 1, status: 'pending', sourceFileName: 'people.csv' });
    expect(body.job).toMatchObject({ type: 'dataset.ingest', projectId });
    expect(body.duplicateOf).toBeNull();
    datasetId = body.dataset.id;
    const job = await waitJob(t, body.job.id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');

    const d = await get(`/api/v1/datasets/${datasetId}`);
    expect(d.statusCode).toBe(200);
    const { dataset, currentVersion } = d.json();
    expect(dataset.currentVersionId).toBe(body.version.id);
    expect(currentVersion).toMatchObject({
      status: 'ready',
      rowCount: 200,
      columnCount: 6,
      lineage: { kind: 'upload' },
    });
    expect(currentVersion.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const types = Object.fromEntries(
      currentVersion.schema.map((c: { name: string; storageType: string }) => [c.name, c.storageType]),
    );
    expect(types).toMatchObject({ id: 'integer', age: 'integer', signup: 'date', country: 'string' });

    const v = await get(`/api/v1/datasets/${datasetId}/versions/1`);
    expect(v.statusCode).toBe(200);
    expect(v.json().version.stats.columns).toHaveLength(6);
    expect(v.json().version.stats.format).toBe('csv');
  });

  it('serves rows sorted and filtered, and rejects a bad filter with its position', async () => {
    const r = await get(
      `/api/v1/datasets/${datasetId}/rows?sort=age:desc,id&limit=5&filter=${encodeURIComponent('age > 30 and country in ("FR","DE")')}`,
    );
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json();
    expect(page.columns.map((c: { name: string }) => c.name)).toEqual([
      'id',
      'name',
      'country',
      'age',
      'amount',
      'signup',
    ]);
    expect(page.rows).toHaveLength(5);
    expect(page).toMatchObject({ offset: 0, limit: 5, version: 1 });
    const ages = page.rows.map((row: unknown[]) => row[3] as number);
    expect(ages).toEqual([...ages].sort((a, b) => b - a));
    for (const row of page.rows) {
      expect(['FR', 'DE']).toContain(row[2]);
      expect(row[3] as number).toBeGreaterThan(30);
    }
    const expected = Array.from({ length: 200 }, (_, i) => i + 1).filter(
      (i) => 18 + (i % 60) > 30 && (i % 4 === 0 || i % 4 === 1),
    ).length;
    expect(page.total).toBe(expected);

    const next = await get(`/api/v1/datasets/${datasetId}/rows?sort=id&offset=195&limit=1000`);
    expect(next.json().rows.map((row: unknown[]) => row[0])).toEqual([196, 197, 198, 199, 200]);

    const bad = await get(`/api/v1/datasets/${datasetId}/rows?filter=${encodeURIComponent('age > > 3')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('FILTER_SYNTAX');
    const unknown = await get(`/api/v1/datasets/${datasetId}/rows?filter=${encodeURIComponent('nope = 1')}`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('FILTER_UNKNOWN_COLUMN');
    const tooMany = await get(`/api/v1/datasets/${datasetId}/rows?limit=1001`);
    expect(tooMany.statusCode).toBe(400);
    const injection = await get(
      `/api/v1/datasets/${datasetId}/rows?filter=${encodeURIComponent('name = "x"; drop table t; --"')}`,
    );
    expect(injection.statusCode).toBe(400);
  });

  it('renames, describes, tags, soft-deletes and restores; search follows', async () => {
    const patch = await t.call('PATCH', `/api/v1/datasets/${datasetId}`, {
      token: owner.accessToken,
      body: {
        name: 'Customers 2024',
        description: 'All customers with signup dates',
        tags: ['CRM', 'gold', 'crm'],
      },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().dataset).toMatchObject({ name: 'Customers 2024', tags: ['crm', 'gold'] });

    const byColumn = await get('/api/v1/search?q=signup');
    expect(byColumn.statusCode).toBe(200);
    expect(byColumn.json().items[0]).toMatchObject({
      type: 'dataset',
      id: datasetId,
      title: 'Customers 2024',
    });
    const byPrefix = await get('/api/v1/search?q=custom');
    expect(byPrefix.json().items.map((i: { id: string }) => i.id)).toContain(datasetId);
    const inProject = await get(`/api/v1/projects/${projectId}/datasets?q=gold`);
    expect(inProject.json().items.map((d: { id: string }) => d.id)).toEqual([datasetId]);
    expect((await get('/api/v1/search?q=zzzunmatched')).json().items).toEqual([]);

    const del = await t.call('DELETE', `/api/v1/datasets/${datasetId}`, { token: owner.accessToken });
    expect(del.statusCode).toBe(200);
    const purgeAfter = Date.parse(del.json().dataset.purgeAfter);
    expect(purgeAfter - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(
      (await get(`/api/v1/projects/${projectId}/datasets`)).json().items.map((d: { id: string }) => d.id),
    ).not.toContain(datasetId);
    const withDeleted = await get(`/api/v1/projects/${projectId}/datasets?includeDeleted=true`);
    expect(withDeleted.json().items.map((d: { id: string }) => d.id)).toContain(datasetId);
    expect((await get('/api/v1/search?q=signup')).json().items).toEqual([]);
    expect((await get(`/api/v1/datasets/${datasetId}/rows`)).statusCode).toBe(404);

    const restored = await t.call('POST', `/api/v1/datasets/${datasetId}/restore`, {
      token: owner.accessToken,
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json().dataset).toMatchObject({ deletedAt: null, purgeAfter: null });
    expect((await get('/api/v1/search?q=signup')).json().items[0].id).toBe(datasetId);
  });

  it('exports through a signed link, with spreadsheet formulas neutralised', async () => {
    const r = await get(`/api/v1/datasets/${datasetId}/download?format=csv`);
    expect(r.statusCode, r.body).toBe(200);
    const link = r.json();
    expect(link.fileName).toBe('Customers 2024-v1.csv');
    expect(Date.parse(link.expiresAt)).toBeGreaterThan(Date.now());
    const file = await t.app.inject({ method: 'GET', url: link.url });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('attachment');
    const lines = file.body.trim().split('\n');
    expect(lines).toHaveLength(201);
    expect(file.body).toContain(`'=HYPERLINK`);
    expect(file.body).not.toMatch(/(^|,)"?=HYPERLINK/m);

    // The second request reuses the stored export: no new job.
    const before = (await t.platform.jobs.service.list({ type: 'dataset.export', limit: 50 })).items.length;
    expect((await get(`/api/v1/datasets/${datasetId}/download?format=csv`)).statusCode).toBe(200);
    expect((await t.platform.jobs.service.list({ type: 'dataset.export', limit: 50 })).items.length).toBe(
      before,
    );

    for (const format of ['parquet', 'json', 'xlsx']) {
      const x = await get(`/api/v1/datasets/${datasetId}/download?format=${format}`);
      expect(x.statusCode, x.body).toBe(200);
      const bytes = await t.app.inject({ method: 'GET', url: x.json().url });
      expect(bytes.statusCode).toBe(200);
      expect(bytes.rawPayload.length).toBeGreaterThan(100);
      if (format === 'parquet') expect(bytes.rawPayload.subarray(0, 4).toString()).toBe('PAR1');
      if (format === 'xlsx') expect(bytes.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    const forged = new URL(link.url, 'http://x');
    forged.searchParams.set('key', forged.searchParams.get('key')!.replace('.csv', '.json'));
    expect((await t.app.inject({ method: 'GET', url: forged.pathname + forged.search })).statusCode).toBe(
      403,
    );
  });

  it('lists the project artifacts: the dataset and its versions', async () => {
    const r = await get(`/api/v1/projects/${projectId}/artifacts`);
    expect(r.statusCode).toBe(200);
    const items = r.json().items as Array<{ type: string; id: string; parentId: string | null }>;
    expect(items.find((a) => a.id === datasetId)).toMatchObject({ type: 'dataset' });
    expect(
      items.filter((a) => a.type === 'dataset_version' && a.parentId === datasetId).length,
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('versions', () => {
  it('keeps two concurrent uploads to one dataset, numbered in order, the newest current', async () => {
    const first = await uploadReady(
      `/api/v1/projects/${projectId}/datasets`,
      peopleCsv(20, 1000),
      'orders.csv',
    );
    const url = `/api/v1/datasets/${first.dataset.id}/versions`;
    const [a, b] = await Promise.all([
      upload(t, owner.accessToken, url, { fileName: 'orders-a.csv', content: peopleCsv(30, 2000) }),
      upload(t, owner.accessToken, url, { fileName: 'orders-b.csv', content: peopleCsv(40, 3000) }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    const numbers = [a.json().version.number, b.json().version.number].sort();
    expect(numbers).toEqual([2, 3]);
    await Promise.all([waitJob(t, a.json().job.id), waitJob(t, b.json().job.id)]);
    const list = await get(`/api/v1/datasets/${first.dataset.id}/versions`);
    expect(list.json().items.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([
      [3, 'ready'],
      [2, 'ready'],
      [1, 'ready'],
    ]);
    const newest = list.json().items[0];
    expect((await get(`/api/v1/datasets/${first.dataset.id}`)).json().dataset.currentVersionId).toBe(
      newest.id,
    );
    const older = await get(`/api/v1/datasets/${first.dataset.id}/rows?version=2&limit=1`);
    expect(older.json()).toMatchObject({ version: 2 });
    expect((await get(`/api/v1/datasets/${first.dataset.id}/versions/9`)).json().error.code).toBe(
      'DATASET_VERSION_NOT_FOUND',
    );
  });

  it('detects a re-upload of the same bytes and keeps one version', async () => {
    const csv = peopleCsv(25, 5000);
    const first = await uploadReady(`/api/v1/projects/${projectId}/datasets`, csv, 'dupe.csv');
    const again = await upload(t, owner.accessToken, `/api/v1/datasets/${first.dataset.id}/versions`, {
      fileName: 'dupe-again.csv',
      content: csv,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      job: null,
      duplicateOf: { datasetId: first.dataset.id, versionId: first.version.id, number: 1 },
    });
    const inProject = await upload(t, owner.accessToken, `/api/v1/projects/${projectId}/datasets`, {
      fileName: 'dupe-copy.csv',
      content: csv,
    });
    expect(inProject.statusCode).toBe(200);
    expect(inProject.json().duplicateOf.datasetId).toBe(first.dataset.id);
    expect((await get(`/api/v1/datasets/${first.dataset.id}/versions`)).json().items).toHaveLength(1);

    // The same bytes read differently are a new version that shares the stored raw file.
    const reread = await upload(
      t,
      owner.accessToken,
      `/api/v1/datasets/${first.dataset.id}/versions`,
      { fileName: 'dupe.csv', content: csv },
      { options: JSON.stringify({ header: true, nullValues: ['n/a'] }) },
    );
    expect(reread.statusCode, reread.body).toBe(202);
    expect(reread.json().version.duplicateOf).toBe(first.version.id);
    await waitJob(t, reread.json().job.id);
    const raws = (await listFiles(path.join(t.dataDir, 'files'))).filter(
      (f) => f.includes(first.dataset.id) && f.includes('/raw/'),
    );
    expect(raws).toHaveLength(1);
  });

  it('changes a column type into a new version that reports the values that failed', async () => {
    // `ref` is numeric except every 10th value, so it is inferred as text.
    const csv = [
      'id,ref',
      ...Array.from({ length: 50 }, (_, i) => `${i + 1},${(i + 1) % 10 === 0 ? `X${i + 1}` : i * 3}`),
    ];
    const { dataset } = await uploadReady(
      `/api/v1/projects/${projectId}/datasets`,
      `${csv.join('\n')}\n`,
      'typed.csv',
    );
    const before = (await get(`/api/v1/datasets/${dataset.id}`)).json().currentVersion;
    expect(before.schema.find((c: { name: string }) => c.name === 'ref').storageType).toBe('string');

    const r = await t.call('PATCH', `/api/v1/datasets/${dataset.id}/schema`, {
      token: owner.accessToken,
      body: {
        columns: [
          { name: 'ref', storageType: 'integer' },
          { name: 'id', storageType: 'integer' },
        ],
      },
    });
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json().version).toMatchObject({
      number: 2,
      status: 'pending',
      lineage: {
        kind: 'schema_change',
        parentVersionId: before.id,
        overrides: [{ name: 'ref', storageType: 'integer' }],
      },
    });
    const job = await waitJob(t, r.json().job.id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const v2 = (await get(`/api/v1/datasets/${dataset.id}/versions/2`)).json().version;
    expect(v2.status).toBe('ready');
    const ref = v2.schema.find((c: { name: string }) => c.name === 'ref');
    expect(ref.storageType).toBe('integer');
    expect(ref.failures.count).toBe(5);
    expect(ref.failures.examples).toContain('X10');
    expect(v2.warnings).toContainEqual(
      expect.objectContaining({
        code: 'VALUES_UNPARSED',
        column: 'ref',
        details: expect.objectContaining({ count: 5 }),
      }),
    );
    const rows = (await get(`/api/v1/datasets/${dataset.id}/rows?sort=ref:desc&limit=1`)).json();
    expect(rows.rows[0][1]).toBe(48 * 3);
    expect((await get(`/api/v1/datasets/${dataset.id}`)).json().dataset.currentVersionId).toBe(v2.id);
    // The source version is untouched.
    expect(
      (await get(`/api/v1/datasets/${dataset.id}/versions/1`)).json().version.schema[1].storageType,
    ).toBe('string');
    const again = await t.call('PATCH', `/api/v1/datasets/${dataset.id}/schema`, {
      token: owner.accessToken,
      body: { version: 1, columns: [{ name: 'ref', storageType: 'integer' }] },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ job: null, duplicateOf: v2.id });

    const unknown = await t.call('PATCH', `/api/v1/datasets/${dataset.id}/schema`, {
      token: owner.accessToken,
      body: { columns: [{ name: 'nope', storageType: 'float' }] },
    });
    expect(unknown.json().error.code).toBe('COLUMN_NOT_FOUND');
    const badType = await t.call('PATCH', `/api/v1/datasets/${dataset.id}/schema`, {
      token: owner.accessToken,
      body: { columns: [{ name: 'ref', storageType: 'money' }] },
    });
    expect(badType.statusCode).toBe(400);
  });
});

describe('access', () => {
  let datasetId: string;
  beforeAll(async () => {
    datasetId = (
      await uploadReady(`/api/v1/projects/${projectId}/datasets`, peopleCsv(10, 9000), 'private.csv')
    ).dataset.id;
  });

  it('hides every dataset route from another organization (404)', async () => {
    const urls = [
      `/api/v1/datasets/${datasetId}`,
      `/api/v1/datasets/${datasetId}/versions`,
      `/api/v1/datasets/${datasetId}/versions/1`,
      `/api/v1/datasets/${datasetId}/rows`,
      `/api/v1/datasets/${datasetId}/download?format=csv`,
      `/api/v1/projects/${projectId}/datasets`,
      `/api/v1/projects/${projectId}/artifacts`,
    ];
    for (const url of urls) {
      const r = await get(url, outsider);
      expect(r.statusCode, url).toBe(404);
    }
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/datasets/${datasetId}`, { name: 'x' }],
      ['DELETE', `/api/v1/datasets/${datasetId}`, undefined],
      ['POST', `/api/v1/datasets/${datasetId}/restore`, undefined],
      ['PATCH', `/api/v1/datasets/${datasetId}/schema`, { columns: [{ name: 'id', storageType: 'string' }] }],
    ] as const) {
      const r = await t.call(method, url, { token: outsider.accessToken, body });
      expect(r.statusCode, `${method} ${url}`).toBe(404);
    }
    const up = await upload(t, outsider.accessToken, `/api/v1/datasets/${datasetId}/versions`, {
      fileName: 'x.csv',
      content: 'a\n1\n',
    });
    expect(up.statusCode).toBe(404);
    expect((await get('/api/v1/search?q=private', outsider)).json().items).toEqual([]);
  });

  it('lets project viewers read rows but not upload or change anything', async () => {
    expect((await get(`/api/v1/datasets/${datasetId}/rows`, viewer)).statusCode).toBe(200);
    expect((await get(`/api/v1/datasets/${datasetId}/download?format=csv`, viewer)).statusCode).toBe(200);
    expect(
      (await get('/api/v1/search?q=private', viewer)).json().items.map((i: { id: string }) => i.id),
    ).toContain(datasetId);
    const up = await upload(t, viewer.accessToken, `/api/v1/projects/${projectId}/datasets`, {
      fileName: 'v.csv',
      content: 'a\n1\n',
    });
    expect(up.statusCode).toBe(403);
    const patch = await t.call('PATCH', `/api/v1/datasets/${datasetId}`, {
      token: viewer.accessToken,
      body: { name: 'v' },
    });
    expect(patch.statusCode).toBe(403);
    const del = await t.call('DELETE', `/api/v1/datasets/${datasetId}`, { token: viewer.accessToken });
    expect(del.statusCode).toBe(403);
  });

  it('requires a token', async () => {
    expect((await t.call('GET', `/api/v1/datasets/${datasetId}`)).statusCode).toBe(401);
    expect((await t.call('GET', '/api/v1/search?q=x')).statusCode).toBe(401);
  });
});

describe('purge', () => {
  it('removes datasets whose grace period ended, with their files', async () => {
    const { dataset } = await uploadReady(
      `/api/v1/projects/${projectId}/datasets`,
      peopleCsv(10, 11000),
      'old.csv',
    );
    await t.call('DELETE', `/api/v1/datasets/${dataset.id}`, { token: owner.accessToken });
    const files = () =>
      listFiles(path.join(t.dataDir, 'files')).then((l) => l.filter((f) => f.includes(dataset.id)));
    expect((await files()).length).toBeGreaterThan(0);
    const datasets = t.platform.services.datasets;
    expect(await datasets.purge(new Date())).toBe(0); // still within its 7 days
    expect(await datasets.purge(new Date(Date.now() + 8 * 24 * 3600_000))).toBe(1);
    expect(await files()).toEqual([]);
    expect((await get(`/api/v1/datasets/${dataset.id}`)).statusCode).toBe(404);
    expect(
      (await t.call('POST', `/api/v1/datasets/${dataset.id}/restore`, { token: owner.accessToken }))
        .statusCode,
    ).toBe(404);
  });

  it('fails versions left pending by a crash (their job never ran)', async () => {
    const { dataset } = await uploadReady(
      `/api/v1/projects/${projectId}/datasets`,
      peopleCsv(5, 13000),
      'crash.csv',
    );
    const db = t.platform.database.db;
    const versionId = crypto.randomUUID();
    await db
      .insertInto('dataset_versions')
      .values({
        id: versionId,
        dataset_id: dataset.id,
        number: 99,
        status: 'pending',
        lineage: JSON.stringify({ kind: 'upload' }),
        job_id: crypto.randomUUID(),
        created_at: new Date(Date.now() - 3600_000),
      })
      .execute();
    const { reconciled } = await t.platform.sweep();
    expect(reconciled).toBe(1);
    const v = (await get(`/api/v1/datasets/${dataset.id}/versions/99`)).json().version;
    expect(v).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED' } });
  });

  it('removes what an upload cut off by a crash left in storage, a day later', async () => {
    const tmp = path.join(t.dataDir, 'files', '.tmp');
    const stale = path.join(tmp, crypto.randomUUID());
    const fresh = path.join(tmp, crypto.randomUUID());
    await fs.writeFile(stale, 'half an upload');
    await fs.writeFile(fresh, 'an upload under way');
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    await fs.utimes(stale, dayAgo, dayAgo);
    const { abandoned } = await t.platform.sweep();
    expect(abandoned).toBe(1);
    expect(await fs.readdir(tmp)).toEqual([path.basename(fresh)]);
    await fs.rm(fresh);
  });

  it('deletes a project with its files, leaving other projects untouched', async () => {
    const other = await t.call('POST', '/api/v1/projects', {
      token: owner.accessToken,
      body: { name: 'Doomed' },
    });
    const doomedId = other.json().project.id as string;
    const { dataset } = await uploadReady(
      `/api/v1/projects/${doomedId}/datasets`,
      peopleCsv(8, 14000),
      'doomed.csv',
    );
    const filesOf = async (id: string) =>
      (await listFiles(path.join(t.dataDir, 'files'))).filter((f) => f.includes(id));
    expect((await filesOf(doomedId)).length).toBeGreaterThan(0);
    const before = (await filesOf(projectId)).length;
    expect(before).toBeGreaterThan(0);
    const del = await t.call('DELETE', `/api/v1/projects/${doomedId}`, { token: owner.accessToken });
    expect(del.statusCode, del.body).toBe(204);
    expect(await filesOf(doomedId)).toEqual([]);
    expect((await get(`/api/v1/datasets/${dataset.id}`)).statusCode).toBe(404);
    expect((await filesOf(projectId)).length).toBe(before);
  });
});
