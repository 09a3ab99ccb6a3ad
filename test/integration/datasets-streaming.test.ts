import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles, upload, waitJob } from '../support/datasets.ts';
import { dropKeys } from '../support/job-harness.ts';
import { hasService, TEST_SERVICES } from '../support/services.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createPostgresDatabase } from '../support/test-db.ts';

/**
 * Uploads over a real socket: an oversized file is refused early and stops being read, an
 * upload cut off mid-stream leaves nothing behind. Then upload → ingest → rows on the
 * production parts (PostgreSQL + S3, jobs through BullMQ).
 */
const LIMIT = 1024 * 1024;

interface RawResult {
  status: number | null;
  body: string;
  sentBytes: number;
  ms: number;
}

/**
 * Send a multipart upload by hand: headers, the file part's head, then `totalFileBytes` in
 * 64 KiB chunks (paced), stopping as soon as the server answers or closes. `abortAfter` cuts
 * the connection after that many file bytes, like a client that goes away.
 */
function rawUpload(
  port: number,
  url: string,
  token: string,
  opts: { totalFileBytes: number; declareLength: boolean; abortAfter?: number },
): Promise<RawResult> {
  const boundary = `----raw${crypto.randomBytes(6).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + opts.totalFileBytes + tail.length;
  const headers = [
    `POST ${url} HTTP/1.1`,
    'Host: 127.0.0.1',
    `Authorization: Bearer ${token}`,
    `Content-Type: multipart/form-data; boundary=${boundary}`,
    opts.declareLength ? `Content-Length: ${length}` : 'Transfer-Encoding: chunked',
    '',
    '',
  ].join('\r\n');
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let response = '';
    let sent = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d+)/.exec(response)?.[1];
      resolve({
        status: status ? Number(status) : null,
        body: response,
        sentBytes: sent,
        ms: Date.now() - started,
      });
    };
    const write = (b: Buffer) =>
      socket.write(
        opts.declareLength
          ? b
          : Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]),
      );
    socket.on('data', (d) => {
      response += d.toString();
      if (/\r\n\r\n/.test(response)) setTimeout(finish, 50);
    });
    socket.on('close', finish);
    socket.on('error', finish);
    socket.on('connect', async () => {
      socket.write(headers);
      write(head);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      while (!done && sent < opts.totalFileBytes) {
        if (opts.abortAfter !== undefined && sent >= opts.abortAfter) {
          socket.destroy();
          setTimeout(finish, 10);
          return;
        }
        const n = Math.min(chunk.length, opts.totalFileBytes - sent);
        write(chunk.subarray(0, n));
        sent += n;
        await new Promise((r) => setTimeout(r, 2));
      }
      if (!done) {
        write(tail);
        if (!opts.declareLength) socket.write('0\r\n\r\n');
      }
    });
  });
}

describe('upload streaming', () => {
  let t: TestApp;
  let token: string;
  let port: number;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp({ UAM_MAX_UPLOAD_BYTES: String(LIMIT), UAM_WORKER_THREADS: '1' });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as net.AddressInfo).port;
    token = (await t.signUp('stream@d.test')).accessToken;
    const projectId = (await t.call('POST', '/api/v1/projects', { token, body: { name: 'S' } })).json()
      .project.id;
    url = `/api/v1/projects/${projectId}/datasets`;
  });
  afterAll(async () => t?.close());

  const stored = async () => listFiles(path.join(t.dataDir, 'files'));
  const rows = async () => t.platform.database.db.selectFrom('dataset_versions').select('id').execute();

  it('refuses a declared oversized upload with 413 before reading it', async () => {
    const r = await rawUpload(port, url, token, { totalFileBytes: 50 * LIMIT, declareLength: true });
    expect(r.status).toBe(413);
    expect(r.body).toContain('PAYLOAD_TOO_LARGE');
    // Cut off long before the 50 MiB it announced (socket buffers hold a few MiB in flight).
    expect(r.sentBytes).toBeLessThan(16 * LIMIT);
    expect(r.ms).toBeLessThan(5_000);
    expect(await stored()).toEqual([]);
    expect(await rows()).toEqual([]);
  });

  it('stops reading an undeclared (chunked) oversized upload at the limit', async () => {
    const r = await rawUpload(port, url, token, { totalFileBytes: 50 * LIMIT, declareLength: false });
    expect(r.status).toBe(413);
    expect(r.sentBytes).toBeLessThan(16 * LIMIT);
    expect(r.ms).toBeLessThan(5_000);
    expect(await stored()).toEqual([]);
    expect(await rows()).toEqual([]);
  });

  it('leaves no object and no row when the client disconnects mid-stream', async () => {
    const r = await rawUpload(port, url, token, {
      totalFileBytes: LIMIT - 1000,
      declareLength: true,
      abortAfter: 300 * 1024,
    });
    expect(r.status).toBeNull();
    // Give the server a moment to notice the hang-up and clean up.
    await new Promise((res) => setTimeout(res, 500));
    expect(await stored()).toEqual([]);
    expect(await rows()).toEqual([]);
    expect((await t.call('GET', '/healthz')).statusCode).toBe(200);
  });

  it('still takes a file just under the limit', async () => {
    const line = 'a,b,c\n';
    const csv = `${line}${'1,2,3\n'.repeat(Math.floor((LIMIT - line.length) / 6))}`;
    const r = await upload(t, token, url, { fileName: 'ok.csv', content: csv });
    expect(r.statusCode, r.body).toBe(202);
    expect((await waitJob(t, r.json().job.id)).status).toBe('succeeded');
  });
});

const production = (await hasService('postgres')) && (await hasService('s3')) && (await hasService('redis'));

describe.skipIf(!production)('datasets on PostgreSQL + S3 + BullMQ', () => {
  let t: TestApp;
  let pg: Awaited<ReturnType<typeof createPostgresDatabase>>;
  const bucket = `uam-ds-${crypto.randomBytes(4).toString('hex')}`;
  const prefix = `uam-ds-${crypto.randomBytes(4).toString('hex')}`;

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
      UAM_WORKER_THREADS: '1',
    });
  });
  afterAll(async () => {
    await t?.platform.storage.deletePrefix('projects').catch(() => {});
    await t?.close();
    await pg?.drop();
    await dropKeys(prefix);
  });

  it('uploads, ingests, serves rows, searches and exports', async () => {
    const s = await t.signUp('prod@d.test');
    const projectId = (
      await t.call('POST', '/api/v1/projects', { token: s.accessToken, body: { name: 'P' } })
    ).json().project.id;
    const csv = [
      'sku,qty,price',
      ...Array.from({ length: 300 }, (_, i) => `S${i},${i % 17},${(i * 1.5).toFixed(2)}`),
    ];
    const r = await upload(t, s.accessToken, `/api/v1/projects/${projectId}/datasets`, {
      fileName: 'stock.csv',
      content: `${csv.join('\n')}\n`,
    });
    expect(r.statusCode, r.body).toBe(202);
    const job = await waitJob(t, r.json().job.id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const id = r.json().dataset.id;
    const page = await t.call(
      'GET',
      `/api/v1/datasets/${id}/rows?sort=qty:desc,sku&filter=${encodeURIComponent('qty >= 16')}&limit=3`,
      {
        token: s.accessToken,
      },
    );
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().total).toBe(17);
    expect(page.json().rows[0]).toEqual(['S101', 16, 151.5]);
    // The version was read from the local cache, not straight from the bucket.
    expect((await listFiles(path.join(t.dataDir, 'cache'))).some((f) => f.endsWith('.parquet'))).toBe(true);
    expect((await t.call('GET', '/api/v1/search?q=qty', { token: s.accessToken })).json().items[0].id).toBe(
      id,
    );
    const link = await t.call('GET', `/api/v1/datasets/${id}/download?format=csv`, { token: s.accessToken });
    expect(link.statusCode, link.body).toBe(200);
    const file = await fetch(link.json().url);
    expect(file.status).toBe(200);
    expect((await file.text()).split('\n')[0]).toBe('sku,qty,price');
  });
});
