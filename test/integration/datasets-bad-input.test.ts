import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles, makeZip, upload, waitJob } from '../support/datasets.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * The bad-input list through the API. Each file ends as a typed error on the job and
 * the version (or as a ready version with warnings where the input is odd but readable), with
 * no Parquet object for a failed version, and the server still answering.
 */
let t: TestApp;
let token: string;
let projectId: string;

beforeAll(async () => {
  t = await createTestApp({
    UAM_WORKER_THREADS: '1',
    UAM_ENGINE_THREADS: '2',
    UAM_MAX_UPLOAD_BYTES: String(80 * 1024 ** 2),
  });
  token = (await t.signUp('bad@d.test')).accessToken;
  projectId = (await t.call('POST', '/api/v1/projects', { token, body: { name: 'Bad input' } })).json()
    .project.id;
});
afterAll(async () => t?.close());

interface Outcome {
  status: 'ready' | 'failed';
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
  version: {
    id: string;
    datasetId: string;
    status: string;
    rowCount: number | null;
    columnCount: number | null;
    schema: Array<{ name: string; storageType: string; sourceName: string }> | null;
    warnings: Array<{ code: string; details?: Record<string, unknown> }>;
    sourceFileName: string | null;
    stats: Record<string, unknown> | null;
  };
}

/** Upload, wait for the ingest, and check the invariants every outcome must keep. */
async function ingest(
  fileName: string,
  content: Buffer | string,
  fields: Record<string, string> = {},
): Promise<Outcome> {
  const r = await upload(t, token, `/api/v1/projects/${projectId}/datasets`, { fileName, content }, fields);
  expect(r.statusCode, r.body).toBe(202);
  const { dataset, job } = r.json();
  const done = await waitJob(t, job.id);
  expect(['succeeded', 'failed']).toContain(done.status);
  const v = (await t.call('GET', `/api/v1/datasets/${dataset.id}/versions/1`, { token })).json().version;
  const parquets = (await listFiles(path.join(t.dataDir, 'files'))).filter(
    (f) => f.includes(dataset.id) && f.endsWith('.parquet'),
  );
  if (done.status === 'failed') {
    expect(v.status).toBe('failed');
    expect(v.error.code).toBe(done.error!.code);
    expect(done.attempts, 'bad input is not retried').toBe(1);
    expect(parquets, 'a failed version stores no Parquet').toEqual([]);
  } else {
    expect(v.status).toBe('ready');
    expect(parquets).toHaveLength(1);
  }
  expect((await t.call('GET', '/healthz')).statusCode).toBe(200);
  return { status: v.status, error: v.error, version: v };
}

describe('bad input through the upload API', () => {
  it('empty file → DATASET_EMPTY', async () => {
    const o = await ingest('empty.csv', '');
    expect(o.error?.code).toBe('DATASET_EMPTY');
  });

  it('header only → DATASET_HEADER_ONLY', async () => {
    const o = await ingest('header.csv', 'id,name,amount\n');
    expect(o.error?.code).toBe('DATASET_HEADER_ONLY');
  });

  it('binary garbage renamed .csv → DATASET_BINARY (415)', async () => {
    const garbage = Buffer.alloc(64 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + (i >> 3) * 104729) & 0xff;
    const o = await ingest('data.csv', garbage);
    expect(o.error?.code).toBe('DATASET_BINARY');
  });

  it('ragged rows → DATASET_PARSE_ERROR with line numbers; skipBadLines keeps the rest with a count', async () => {
    const csv = [
      'a,b,c',
      '1,2,3',
      '4,5',
      '6,7,8',
      '9,10,11,12',
      ...Array.from({ length: 20 }, (_, i) => `${i},${i},${i}`),
    ].join('\n');
    const o = await ingest('ragged.csv', `${csv}\n`);
    expect(o.error?.code).toBe('DATASET_PARSE_ERROR');
    expect(JSON.stringify(o.error?.details)).toMatch(/3/);
    const lines = (o.error?.details as { lines?: number[] } | undefined)?.lines;
    expect(lines).toEqual(expect.arrayContaining([3, 5]));

    const skipped = await ingest('ragged.csv', `${csv}\n`, {
      options: JSON.stringify({ skipBadLines: true }),
    });
    expect(skipped.status).toBe('ready');
    expect(skipped.version.rowCount).toBe(22);
    expect(skipped.version.stats?.skippedRows).toBe(2);
    expect(skipped.version.warnings.map((w) => w.code)).toContain('ROWS_SKIPPED');
  });

  it('unterminated quote → DATASET_PARSE_ERROR', async () => {
    const o = await ingest('quote.csv', 'a,b\n1,"open\n2,3\n4,5\n');
    expect(o.error?.code).toBe('DATASET_PARSE_ERROR');
  });

  it('duplicate, empty and 1,000-character column names are renamed and reported', async () => {
    const long = 'x'.repeat(1000);
    const o = await ingest('names.csv', `id,id,,${long}\n1,2,3,4\n5,6,7,8\n`);
    expect(o.status).toBe('ready');
    const names = o.version.schema!.map((c) => c.name);
    expect(new Set(names).size).toBe(4);
    expect(names.every((n) => n.length > 0 && n.length < 1000)).toBe(true);
    expect(o.version.warnings.filter((w) => w.code === 'COLUMN_RENAMED').length).toBeGreaterThanOrEqual(2);
  });

  it('a 50 MB single line → a typed error naming the line limit', async () => {
    const o = await ingest('line.csv', Buffer.alloc(50 * 1024 * 1024, 'a'));
    expect(['DATASET_PARSE_ERROR', 'DATASET_TOO_LARGE']).toContain(o.error?.code);
    expect(o.error?.message).toMatch(/longer than \d+ bytes/);
  });

  it('invalid UTF-8 bytes are read, not fatal, and reported', async () => {
    const bytes = Buffer.concat([
      Buffer.from('id,city\n1,Paris\n2,'),
      Buffer.from([0xff, 0xfe, 0x41]),
      Buffer.from('\n3,Z'),
      Buffer.from([0xc3]),
      Buffer.from('rich\n'),
    ]);
    const o = await ingest('utf.csv', bytes);
    expect(o.status).toBe('ready');
    expect(o.version.rowCount).toBe(3);
    expect(o.version.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining([expect.stringMatching(/INVALID_BYTES_REPLACED|ENCODING_TRANSCODED/)]),
    );
  });

  it('a zip bomb disguised as .xlsx → DATASET_ZIP_BOMB', async () => {
    const bomb = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024 * 1024, ' ') },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const o = await ingest('report.xlsx', bomb);
    expect(o.error?.code).toBe('DATASET_ZIP_BOMB');
  });

  it('an .xlsx with formulas and dates keeps the computed values and the dates', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sales');
    ws.addRow(['day', 'units', 'price', 'total']);
    for (let i = 1; i <= 10; i++) {
      const r = ws.addRow([new Date(Date.UTC(2024, 0, i)), i, 2.5, null]);
      r.getCell(4).value = { formula: `B${r.number}*C${r.number}`, result: i * 2.5 };
    }
    ws.getColumn(1).numFmt = 'yyyy-mm-dd';
    const o = await ingest('sales.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(o.status, JSON.stringify(o.error)).toBe('ready');
    expect(o.version.rowCount).toBe(10);
    const types = Object.fromEntries(o.version.schema!.map((c) => [c.name, c.storageType]));
    expect(['date', 'datetime']).toContain(types.day);
    expect(types.total).toBe('float');
    const rows = await t.call('GET', `/api/v1/datasets/${o.version.datasetId}/rows?sort=day&limit=2`, {
      token,
    });
    expect(rows.json().rows[1]).toEqual([expect.stringMatching(/^2024-01-02/), 2, 2.5, 5]);
  });

  it('path traversal and control characters in the file name are cleaned and never reach a key', async () => {
    const o = await ingest('../../etc/\u0000pa\u202esswd\u0007.csv', 'a,b\n1,2\n');
    expect(o.status).toBe('ready');
    expect(o.version.sourceFileName).toBe('passwd.csv');
    const files = await listFiles(path.join(t.dataDir, 'files'));
    expect(files.every((f) => !f.includes('passwd') && !f.includes('..'))).toBe(true);
    const outside = await listFiles(path.dirname(t.dataDir));
    expect(outside.some((f) => f.endsWith('passwd.csv'))).toBe(false);
  });

  it('refuses a form without a file, a second file, unknown fields and bad options with 4xx and no rows', async () => {
    const { multipartBody } = await import('../support/datasets.ts');
    const send = async (
      fields: Record<string, string>,
      files: Array<{ name?: string; fileName: string; content: string }>,
    ) => {
      const { body, contentType } = multipartBody(fields, files);
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/projects/${projectId}/datasets`,
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        payload: body,
      });
    };
    const before = (await t.call('GET', `/api/v1/projects/${projectId}/datasets?limit=200`, { token })).json()
      .items.length;
    const noFile = await send({ name: 'x' }, []);
    expect([noFile.statusCode, noFile.json().error.code]).toEqual([400, 'DATASET_FILE_MISSING']);
    const two = await send({}, [
      { fileName: 'a.csv', content: 'a\n1\n' },
      { fileName: 'b.csv', content: 'b\n2\n' },
    ]);
    expect(two.statusCode).toBe(400);
    const wrongPart = await send({}, [{ name: 'upload', fileName: 'a.csv', content: 'a\n1\n' }]);
    expect(wrongPart.statusCode).toBe(400);
    const unknownField = await send({ colour: 'red' }, [{ fileName: 'a.csv', content: 'a\n1\n' }]);
    expect(unknownField.statusCode).toBe(400);
    const badOptions = await send({ options: '{"delimiter": ";;"}' }, [
      { fileName: 'a.csv', content: 'a\n1\n' },
    ]);
    expect([badOptions.statusCode, badOptions.json().error.code]).toEqual([400, 'VALIDATION_ERROR']);
    const notJson = await send({ options: '{nope' }, [{ fileName: 'a.csv', content: 'a\n1\n' }]);
    expect(notJson.statusCode).toBe(400);
    const json = await t.call('POST', `/api/v1/projects/${projectId}/datasets`, {
      token,
      body: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    const after = (await t.call('GET', `/api/v1/projects/${projectId}/datasets?limit=200`, { token })).json()
      .items.length;
    expect(after).toBe(before);
    const raws = (await listFiles(path.join(t.dataDir, 'files'))).filter((f) => f.includes('/raw/'));
    const versions = await t.platform.database.db.selectFrom('dataset_versions').select('raw_key').execute();
    expect(raws.sort()).toEqual([...new Set(versions.map((v) => v.raw_key))].sort());
  });
});
