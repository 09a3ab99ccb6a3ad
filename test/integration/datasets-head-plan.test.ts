import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_HEAD_BYTES } from '../../packages/server/src/services/datasets/head-plan.ts';
import { upload, waitJob } from '../support/datasets.ts';
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
function csv(rows: number): string {
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
        i < 60_000 ? String(i % 5) : `code-${i}`,
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
  stats: { plannedWhileUploading: boolean };
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
