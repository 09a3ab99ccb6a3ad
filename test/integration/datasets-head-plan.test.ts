import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PLAN_HEAD_BYTES } from '../../packages/server/src/services/datasets/head-plan.ts';
import { listFiles, multipartBody, upload, waitJob } from '../support/datasets.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let token: string;
let projectId: string;

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.signUp('planner@d.test')).accessToken;
  const p = await t.call('POST', '/api/v1/projects', { token, body: { name: 'Plans' } });
  projectId = p.json().project.id;
});
afterAll(async () => t?.close());

/** Mixed columns; `late` turns to text past the inference sample, which the write must still see. */
function csv(rows: number, lateText = true): string {
  const lines = ['id,qty,price,city,day,flag,late'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      [
        i,
        i % 13,
        i % 11 === 0 ? 'NA' : (i * 0.37).toFixed(3),
        ['Paris', 'Lyon', 'Nice', 'Lille'][i % 4],
        `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        i % 3 === 0 ? 'true' : 'false',
        i < 60_000 || !lateText ? String(i % 5) : `code-${i}`,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A multipart body whose `options` field comes after the file, as some clients send it. */
function optionsAfterFile(content: string, options: string) {
  const b = `----uam${crypto.randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="late.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(
      `\r\n--${b}\r\nContent-Disposition: form-data; name="options"\r\n\r\n${options}\r\n--${b}--\r\n`,
    ),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/projects/${projectId}/datasets`,
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${b}` },
    payload: body,
  });
}

interface Version {
  rowCount: number;
  schema: { name: string; storageType: string }[];
  warnings: { code: string; column?: string; details?: { failures?: { count: number } } }[];
  stats: { plannedWhileUploading: boolean; writtenWhileUploading?: boolean };
}

async function readyVersion(res: { statusCode: number; json(): unknown }): Promise<Version> {
  expect(res.statusCode).toBe(202);
  const { dataset, job } = res.json() as { dataset: { id: string }; job: { id: string } };
  expect((await waitJob(t, job.id)).status).toBe('succeeded');
  return (await t.call('GET', `/api/v1/datasets/${dataset.id}/versions/1`, { token })).json().version;
}

describe('planning an upload from its head', () => {
  it('plans a large CSV while it uploads, into the version an unplanned ingest makes', async () => {
    const text = csv(200_000);
    expect(text.length).toBeGreaterThan(PLAN_HEAD_BYTES);
    const planned = await readyVersion(
      await upload(t, token, `/api/v1/projects/${projectId}/datasets`, {
        fileName: 'big.csv',
        content: text,
      }),
    );
    expect(planned.stats.plannedWhileUploading).toBe(true);
    // Options sent after the file are unknown while it uploads: that ingest plans for itself.
    const own = await readyVersion(await optionsAfterFile(text, '{"sampleRows": 10000}'));
    expect(own.stats.plannedWhileUploading).toBe(false);
    expect(planned.rowCount).toBe(200_000);
    expect(planned.schema).toEqual(own.schema);
    expect(planned.schema.find((c) => c.name === 'late')?.storageType).toBe('string');
    // Failure examples are any few failing values a parallel scan met first; the rest must agree.
    const gist = (ws: Version['warnings']) =>
      ws.map((w) => ({ code: w.code, column: w.column, failures: w.details?.failures?.count }));
    expect(gist(planned.warnings)).toEqual(gist(own.warnings));
    expect(gist(planned.warnings)).toContainEqual({
      code: 'TYPE_WIDENED',
      column: 'late',
      failures: 140_000,
    });
  });

  it('leaves a file smaller than the head to its ingest', async () => {
    const v = await readyVersion(
      await upload(t, token, `/api/v1/projects/${projectId}/datasets`, {
        fileName: 'small.csv',
        content: csv(2000),
      }),
    );
    expect(v.stats.plannedWhileUploading).toBe(false);
  });
});

/**
 * An upload that arrives slowly, as over a network: the head at ~10 MB/s, then nothing until
 * the server started converting it (its upload folder appears), then the rest. `cut` stops
 * there instead, as a client that goes away. The server converts only while at least half the
 * declared bytes are still to come, and would take STREAM_MIN_REST_MS or more at the rate so
 * far, so `content` must be over twice the head.
 */
function slowUpload(content: string, opts: { cut?: boolean } = {}) {
  const { body, contentType } = multipartBody({}, [{ fileName: 'slow.csv', content }]);
  const uploads = path.join(t.dataDir, 'tmp', 'uploads');
  const split = PLAN_HEAD_BYTES + 1024 * 1024;
  let converting = false;
  const payload = Readable.from(
    (async function* () {
      for (let at = 0; at < split; at += 1024 * 1024) {
        yield body.subarray(at, Math.min(split, at + 1024 * 1024));
        await new Promise((r) => setTimeout(r, 100));
      }
      const deadline = Date.now() + 20_000;
      while (!converting && Date.now() < deadline) {
        converting = fs.readdirSync(uploads, { withFileTypes: true }).length > 0;
        if (!converting) await new Promise((r) => setTimeout(r, 20));
      }
      if (opts.cut) throw new Error('client went away');
      for (let at = split; at < body.length; at += 1024 * 1024) yield body.subarray(at, at + 1024 * 1024);
    })(),
  );
  const res = t.app.inject({
    method: 'POST',
    url: `/api/v1/projects/${projectId}/datasets`,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': contentType,
      'content-length': String(body.length),
    },
    payload,
  });
  return { res, converting: () => converting };
}

/** Wait until no job runs: the one worker thread must be free to plan and convert an upload. */
async function jobsIdle(): Promise<void> {
  const service = t.platform.jobs.service;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const busy = [
      ...(await service.list({ status: 'running' })).items,
      ...(await service.list({ status: 'queued' })).items,
    ];
    if (busy.length === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('jobs still running');
}

describe('converting an upload while it arrives', () => {
  beforeAll(() => fs.mkdirSync(path.join(t.dataDir, 'tmp', 'uploads'), { recursive: true }));
  beforeEach(jobsIdle);

  it('writes the version from the arriving bytes, equal to what the stored file gives', async () => {
    const text = csv(600_000, false);
    const slow = slowUpload(text);
    const streamed = await readyVersion(await slow.res);
    expect(slow.converting()).toBe(true);
    expect(streamed.stats.writtenWhileUploading).toBe(true);
    await jobsIdle();
    const own = await readyVersion(await optionsAfterFile(text, '{"sampleRows": 10000}'));
    expect(own.stats.writtenWhileUploading).toBe(false);
    expect(streamed.rowCount).toBe(600_000);
    expect(streamed.schema).toEqual(own.schema);
    expect(streamed.warnings).toEqual(own.warnings);
    // Nothing left in the upload folder once the job took the file over.
    expect(await listFiles(path.join(t.dataDir, 'tmp', 'uploads'))).toEqual([]);
  });

  it('falls back to the stored file when a value past the head does not fit its plan', async () => {
    const slow = slowUpload(csv(400_000));
    const v = await readyVersion(await slow.res);
    expect(slow.converting()).toBe(true);
    expect(v.stats.writtenWhileUploading).toBe(false);
    expect(v.stats.plannedWhileUploading).toBe(true);
    expect(v.schema.find((c) => c.name === 'late')?.storageType).toBe('string');
    expect(v.warnings.find((w) => w.code === 'TYPE_WIDENED')?.details?.failures?.count).toBe(340_000);
    expect(await listFiles(path.join(t.dataDir, 'tmp', 'uploads'))).toEqual([]);
  });

  it('ingests the stored file again when it ends in lines under the table', async () => {
    // A line every column's plan accepts: the conversion keeps it as a row, the job must not.
    const text = `${csv(600_000, false)}\n,,,Total,,,\n`;
    const slow = slowUpload(text);
    const v = await readyVersion(await slow.res);
    expect(slow.converting()).toBe(true);
    expect(v.stats.writtenWhileUploading).toBe(false);
    expect(v.rowCount).toBe(600_000);
    expect(v.schema.find((c) => c.name === 'id')?.storageType).toBe('integer');
    expect(v.warnings.map((w) => w.code)).toContain('FOOTER_LINES_SKIPPED');
    expect(await listFiles(path.join(t.dataDir, 'tmp', 'uploads'))).toEqual([]);
  });

  it('stops converting, leaving nothing behind, when the client goes away', async () => {
    const before = (await t.call('GET', `/api/v1/projects/${projectId}/datasets`, { token })).json();
    const slow = slowUpload(csv(600_000, false), { cut: true });
    const res = await slow.res.then(
      (r) => r.statusCode,
      () => 'aborted',
    );
    expect(slow.converting()).toBe(true);
    if (res !== 'aborted') expect(res).toBeGreaterThanOrEqual(400);
    const deadline = Date.now() + 10_000;
    while ((await listFiles(path.join(t.dataDir, 'tmp', 'uploads'))).length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await listFiles(path.join(t.dataDir, 'tmp', 'uploads'))).toEqual([]);
    expect(await listFiles(path.join(t.dataDir, 'files', '.tmp'))).toEqual([]);
    const after = (await t.call('GET', `/api/v1/projects/${projectId}/datasets`, { token })).json();
    expect(after).toEqual(before);
  });
});

describe('leftovers of conversions', () => {
  it('are removed when an embedded server starts (no upload outlives its process)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uam-leftover-'));
    const template = process.env.UAM_TEST_PGLITE_TEMPLATE;
    if (template) fs.cpSync(template, path.join(dir, 'db'), { recursive: true });
    const left = path.join(dir, 'tmp', 'uploads', crypto.randomUUID());
    fs.mkdirSync(left, { recursive: true });
    fs.writeFileSync(path.join(left, 'version.parquet'), 'half written');
    const app = await createTestApp({ UAM_DATA_DIR: dir });
    try {
      expect(fs.existsSync(left)).toBe(false);
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
