import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasService, TEST_SERVICES } from '../../../../../test/support/services.ts';
import { filesRoutes } from '../../api/routes/files.routes.ts';
import { isUamError, statusOf } from '../../errors/index.ts';
import { createStorage } from './create-storage.ts';
import type { Storage } from './storage.ts';

const MiB = 1024 * 1024;

/** What a store under test provides besides the Storage itself. */
interface ContractSubject {
  storage: Storage;
  /** Query parameter that carries the signature in a signed URL. */
  signatureParam: string;
  /** Error code in the JSON body of a refused download, when our own API serves it. */
  deniedCode?: string;
  /** Temp files or multipart uploads left behind by failed puts; must stay empty. */
  leftovers(): Promise<string[]>;
  /** Leave what a put cut off by a crash leaves (a temp file, a multipart upload with a part). */
  abandonPut(key: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** A source of `total` random bytes made on the fly, hashed as produced; can fail mid-way. */
function source(total: number, opts: { failAt?: number } = {}) {
  const hash = createHash('sha256');
  let sent = 0;
  const stream = new Readable({
    read() {
      if (opts.failAt !== undefined && sent >= opts.failAt)
        return this.destroy(new Error('source failed mid-way'));
      if (sent >= total) return void this.push(null);
      const chunk = randomBytes(Math.min(64 * 1024, total - sent));
      hash.update(chunk);
      sent += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, sent: () => sent, sha256: () => hash.digest('hex') };
}

async function drain(stream: Readable): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

async function text(stream: Readable): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of stream) parts.push(chunk.toString('latin1'));
  return parts.join('');
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (e) {
    return isUamError(e) ? e.code : `not a UamError: ${String(e)}`;
  }
}

const small = (body: string | Buffer) => Readable.from([Buffer.from(body)]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const HOSTILE_KEYS = [
  '../x',
  'a/../../etc/passwd',
  '/etc/passwd',
  'a\\b',
  'a\u0000b',
  '%2e%2e/x',
  '..%2f..%2fetc',
  '',
  'a//b',
  '.tmp/x',
  'x\n',
  'k'.repeat(2000),
];

function storageContract(name: string, factory: () => Promise<ContractSubject>): void {
  describe(name, () => {
    let subject: ContractSubject;
    let storage: Storage;
    beforeAll(async () => {
      subject = await factory();
      storage = subject.storage;
    });
    afterAll(async () => {
      await subject?.cleanup();
    });

    it('round-trips a multi-MB stream, hashing and counting while streaming', async () => {
      const src = source(12 * MiB + 12345);
      const put = await storage.put('round/trip.bin', src.stream, {
        contentType: 'application/octet-stream',
      });
      const expected = { key: 'round/trip.bin', bytes: 12 * MiB + 12345, sha256: src.sha256() };
      expect(put).toEqual(expected);
      expect(await storage.size('round/trip.bin')).toBe(expected.bytes);
      expect(await drain(await storage.get('round/trip.bin'))).toEqual({
        bytes: expected.bytes,
        sha256: expected.sha256,
      });
    });

    it('stores an empty object and replaces an object on a second put', async () => {
      const empty = await storage.put('round/empty', Readable.from([]));
      expect(empty).toEqual({ key: 'round/empty', bytes: 0, sha256: createHash('sha256').digest('hex') });
      expect(await text(await storage.get('round/empty'))).toBe('');
      await storage.put('round/v', small('first'));
      await storage.put('round/v', small('second!'));
      expect(await text(await storage.get('round/v'))).toBe('second!');
      expect(await storage.size('round/v')).toBe(7);
    });

    it('reads inclusive byte ranges, and nothing past the end', async () => {
      const body = Buffer.from(
        Array.from({ length: 1000 }, (_, i) => String.fromCharCode(48 + (i % 43))).join(''),
      );
      await storage.put('range/r', small(body));
      const read = async (range: { start: number; end?: number }) =>
        text(await storage.get('range/r', range));
      expect(await read({ start: 10, end: 19 })).toBe(body.subarray(10, 20).toString('latin1'));
      expect(await read({ start: 0, end: 0 })).toBe(body.subarray(0, 1).toString('latin1'));
      expect(await read({ start: 990 })).toBe(body.subarray(990).toString('latin1'));
      expect(await read({ start: 995, end: 5000 })).toBe(body.subarray(995).toString('latin1'));
      expect(await read({ start: 1000 })).toBe('');
      expect(await codeOf(storage.get('range/r', { start: -1 }))).toBe('BAD_REQUEST');
      expect(await codeOf(storage.get('range/r', { start: 5, end: 4 }))).toBe('BAD_REQUEST');
      expect(await codeOf(storage.get('range/missing', { start: 0, end: 1 }))).toBe('STORAGE_NOT_FOUND');
    });

    it('answers exists/size/delete, and deleting a missing key is fine', async () => {
      await storage.put('life/x.txt', small('hello'));
      expect(await storage.exists('life/x.txt')).toBe(true);
      expect(await storage.size('life/x.txt')).toBe(5);
      await storage.delete('life/x.txt');
      expect(await storage.exists('life/x.txt')).toBe(false);
      await storage.delete('life/x.txt');
      await storage.delete('never/was/here');
      expect(await codeOf(storage.size('life/x.txt'))).toBe('STORAGE_NOT_FOUND');
    });

    it('throws STORAGE_NOT_FOUND for missing keys, including a "folder" holding other keys', async () => {
      await storage.put('folder/inside', small('x'));
      expect(await codeOf(storage.get('missing/key'))).toBe('STORAGE_NOT_FOUND');
      expect(await codeOf(storage.get('folder'))).toBe('STORAGE_NOT_FOUND');
      expect(await codeOf(storage.size('folder'))).toBe('STORAGE_NOT_FOUND');
      expect(await storage.exists('folder')).toBe(false);
      expect(await storage.exists('missing/key')).toBe(false);
    });

    it('deletes a prefix as a folder, paging through more than 1000 keys', async () => {
      const keys = ['p/a', 'p/b/c', 'p/b/d', ...Array.from({ length: 1002 }, (_, i) => `p/many/${i}`)];
      for (let i = 0; i < keys.length; i += 50) {
        await Promise.all(keys.slice(i, i + 50).map((k) => storage.put(k, small(k))));
      }
      await storage.put('pp/sibling', small('keep'));
      await storage.put('other/y', small('keep'));
      expect(await storage.deletePrefix('p')).toBe(keys.length);
      expect(await storage.exists('p/b/c')).toBe(false);
      expect(await storage.exists('pp/sibling')).toBe(true);
      expect(await storage.exists('other/y')).toBe(true);
      expect(await storage.deletePrefix('p/')).toBe(0);
      expect(await storage.deletePrefix('nothing/here')).toBe(0);
      expect(await codeOf(storage.deletePrefix(''))).toBe('STORAGE_KEY_INVALID');
    });

    it('rejects hostile keys with STORAGE_KEY_INVALID on every method', async () => {
      const link = { expiresInSeconds: 60 };
      for (const key of HOSTILE_KEYS) {
        const body = small('should never be stored');
        const calls: Record<string, Promise<unknown>> = {
          put: storage.put(key, body),
          get: storage.get(key),
          exists: storage.exists(key),
          size: storage.size(key),
          delete: storage.delete(key),
          deletePrefix: storage.deletePrefix(key),
          signedUrl: storage.signedUrl(key, link),
        };
        for (const [method, call] of Object.entries(calls)) {
          expect({ key, method, code: await codeOf(call) }).toEqual({
            key,
            method,
            code: 'STORAGE_KEY_INVALID',
          });
        }
        // A put owns its body, so a rejected one does not leave the caller's stream hanging.
        expect(body.destroyed).toBe(true);
      }
    });

    it('stops a put past maxBytes early with PAYLOAD_TOO_LARGE and leaves nothing', async () => {
      const src = source(3 * MiB);
      const err = await storage.put('big/one', src.stream, { maxBytes: MiB }).catch((e) => e);
      expect(err.code).toBe('PAYLOAD_TOO_LARGE');
      expect(err.details).toEqual({ maxBytes: MiB });
      expect(src.stream.destroyed).toBe(true);
      expect(src.sent()).toBeLessThan(3 * MiB);
      expect(await storage.exists('big/one')).toBe(false);
      // Past the first multipart part, so an S3 store has parts to abort.
      const multi = source(12 * MiB);
      expect(await codeOf(storage.put('big/two', multi.stream, { maxBytes: 10 * MiB }))).toBe(
        'PAYLOAD_TOO_LARGE',
      );
      expect(await storage.exists('big/two')).toBe(false);
      expect(await subject.leftovers()).toEqual([]);
    });

    it('accepts exactly maxBytes, and keeps the old object when an overwrite is too large', async () => {
      expect((await storage.put('limit/exact', source(MiB).stream, { maxBytes: MiB })).bytes).toBe(MiB);
      await storage.put('limit/keep', small('old'));
      expect(await codeOf(storage.put('limit/keep', source(MiB).stream, { maxBytes: 10 }))).toBe(
        'PAYLOAD_TOO_LARGE',
      );
      expect(await text(await storage.get('limit/keep'))).toBe('old');
    });

    it('rejects a put whose source fails mid-way, with the source error, and stores nothing', async () => {
      const early = source(12 * MiB, { failAt: 3 * MiB });
      await expect(storage.put('broken/a', early.stream)).rejects.toThrow('source failed mid-way');
      expect(await storage.exists('broken/a')).toBe(false);
      const late = source(20 * MiB, { failAt: 10 * MiB });
      await expect(storage.put('broken/b', late.stream)).rejects.toThrow('source failed mid-way');
      expect(await storage.exists('broken/b')).toBe(false);
      expect(await subject.leftovers()).toEqual([]);
    });

    it('signs a URL that fetch downloads with the bytes, name and type', async () => {
      const src = source(MiB + 7);
      await storage.put('signed/data.csv', src.stream, { contentType: 'text/csv' });
      const url = await storage.signedUrl('signed/data.csv', {
        expiresInSeconds: 60,
        fileName: 'Q3 résumé (final).csv',
        contentType: 'text/csv',
      });
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toContain(
        'attachment; filename="Q3 r_sum_ (final).csv"; filename*=UTF-8\'\'Q3%20r%C3%A9sum%C3%A9%20%28final%29.csv',
      );
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBe(MiB + 7);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(src.sha256());
    });

    it('refuses a tampered signature with 403', async () => {
      await storage.put('signed/t.txt', small('secret'));
      const url = new URL(await storage.signedUrl('signed/t.txt', { expiresInSeconds: 60 }));
      const sig = url.searchParams.get(subject.signatureParam)!;
      url.searchParams.set(subject.signatureParam, sig.slice(0, -1) + (sig.endsWith('0') ? '1' : '0'));
      const res = await fetch(url);
      expect(res.status).toBe(403);
      if (subject.deniedCode) expect((await res.json()).error.code).toBe(subject.deniedCode);
      else await res.arrayBuffer();
    });

    it('refuses an expired URL with 403', async () => {
      await storage.put('signed/e.txt', small('soon gone'));
      const url = await storage.signedUrl('signed/e.txt', { expiresInSeconds: 1 });
      await sleep(2500);
      const res = await fetch(url);
      expect(res.status).toBe(403);
      if (subject.deniedCode) expect((await res.json()).error.code).toBe(subject.deniedCode);
      else await res.arrayBuffer();
    });

    it('rejects expiries S3 could not presign', async () => {
      expect(await codeOf(storage.signedUrl('signed/e.txt', { expiresInSeconds: 0 }))).toBe('BAD_REQUEST');
      expect(await codeOf(storage.signedUrl('signed/e.txt', { expiresInSeconds: 8 * 86400 }))).toBe(
        'BAD_REQUEST',
      );
    });

    it('sweeps what puts cut off by a crash left, sparing newer ones', async () => {
      await subject.abandonPut('sweep/a.bin');
      await storage.put('sweep/kept.bin', small('kept'));
      expect(await subject.leftovers()).toHaveLength(1);
      // Started after the cut-off: maybe still under way.
      expect(await storage.sweepAbandoned(new Date(Date.now() - 60_000))).toBe(0);
      expect(await subject.leftovers()).toHaveLength(1);
      await sleep(20);
      expect(await storage.sweepAbandoned(new Date())).toBe(1);
      expect(await subject.leftovers()).toEqual([]);
      expect(await text(await storage.get('sweep/kept.bin'))).toBe('kept');
      expect(await storage.exists('sweep/a.bin')).toBe(false);
      expect(await storage.sweepAbandoned(new Date())).toBe(0);
    });

    it('pings', async () => {
      await expect(storage.ping()).resolves.toBeUndefined();
    });
  });
}

/** FsStorage in a temp dir, with the files route on an ephemeral port serving its links. */
async function fsSubject(): Promise<ContractSubject> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'uam-fs-storage-'));
  const signingSecret = randomBytes(32).toString('hex');
  // The route needs a store before the port is known, and links need the port: two instances
  // over one root (the serving one never signs).
  const serving = await createStorage(
    { kind: 'fs', root },
    { signingSecret, publicBaseUrl: 'http://unused' },
  );
  const app = Fastify();
  app.setErrorHandler((error, _request, reply) => {
    if (isUamError(error)) return reply.status(statusOf(error.code)).send({ error: error.toJSON() });
    return reply.status(500).send({ error: { code: 'INTERNAL_ERROR', message: String(error), details: {} } });
  });
  await app.register(filesRoutes({ storage: serving, signingSecret }), { prefix: '/api/v1' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const storage = await createStorage(
    { kind: 'fs', root },
    { signingSecret, publicBaseUrl: `http://127.0.0.1:${port}` },
  );
  return {
    storage,
    signatureParam: 'sig',
    deniedCode: 'STORAGE_SIGNATURE_INVALID',
    leftovers: () => readdir(path.join(root, '.tmp')),
    abandonPut: () => writeFile(path.join(root, '.tmp', randomUUID()), randomBytes(1024)),
    async cleanup() {
      await app.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** S3Storage on a fresh random bucket, emptied and deleted afterwards. */
async function s3Subject(): Promise<ContractSubject> {
  const { endpoint, region, accessKeyId, secretAccessKey } = TEST_SERVICES.s3;
  const bucket = `uam-test-${randomUUID().slice(0, 13)}`;
  const storage = await createStorage(
    { kind: 's3', endpoint, region, bucket, accessKeyId, secretAccessKey, forcePathStyle: true },
    { signingSecret: 'unused-by-s3-but-required', publicBaseUrl: '' },
  );
  const admin = new S3Client({
    endpoint,
    region,
    credentials: { accessKeyId, secretAccessKey },
    forcePathStyle: true,
  });
  const uploads = async () =>
    (await admin.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [];
  return {
    storage,
    signatureParam: 'X-Amz-Signature',
    leftovers: async () => (await uploads()).map((u) => `${u.Key} (multipart ${u.UploadId})`),
    async abandonPut(key) {
      const { UploadId } = await admin.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
      await admin.send(
        new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: randomBytes(1024) }),
      );
    },
    async cleanup() {
      for (const u of await uploads()) {
        await admin.send(
          new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId }),
        );
      }
      let token: string | undefined;
      do {
        const page = await admin.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        await Promise.all(
          (page.Contents ?? []).map((o) =>
            admin.send(new DeleteObjectCommand({ Bucket: bucket, Key: o.Key })),
          ),
        );
        token = page.NextContinuationToken;
      } while (token);
      await admin.send(new DeleteBucketCommand({ Bucket: bucket }));
      admin.destroy();
      await storage.close();
    },
  };
}

storageContract('FsStorage', fsSubject);

describe.skipIf(!(await hasService('s3')))('with S3 reachable', () => {
  storageContract('S3Storage', s3Subject);
});
