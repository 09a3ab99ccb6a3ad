import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyFileSignature } from '../../adapters/storage/file-signature.ts';
import { FsStorage } from '../../adapters/storage/fs-storage.ts';
import { isUamError, statusOf, UamError } from '../../errors/index.ts';
import { filesRoutes } from './files.routes.ts';

const secret = randomBytes(32).toString('hex');
let root: string;
let storage: FsStorage;
let app: FastifyInstance;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'uam-files-route-'));
  storage = new FsStorage({ root, signingSecret: secret, publicBaseUrl: 'http://files.test/' });
  await storage.init();
  await storage.put('projects/1/report.html', Readable.from([Buffer.from('<script>alert(1)</script>')]));
  app = Fastify();
  app.setErrorHandler((error, _request, reply) => {
    if (isUamError(error)) return reply.status(statusOf(error.code)).send({ error: error.toJSON() });
    return reply.status(500).send({ error: { code: 'INTERNAL_ERROR', message: String(error), details: {} } });
  });
  // Like the app's auth hook: only routes marked public get through without a token.
  app.addHook('preHandler', async (request) => {
    if (!request.routeOptions.config?.public) throw new UamError('AUTH_REQUIRED');
  });
  await app.register(filesRoutes({ storage, signingSecret: secret }), { prefix: '/api/v1' });
});

afterAll(async () => {
  await app.close();
  await rm(root, { recursive: true, force: true });
});

/** Path and query of a signed link, for app.inject. */
async function link(key: string, opts: { fileName?: string; contentType?: string; ttl?: number } = {}) {
  const url = new URL(await storage.signedUrl(key, { expiresInSeconds: opts.ttl ?? 60, ...opts }));
  expect(url.origin + url.pathname).toBe('http://files.test/api/v1/files');
  return url;
}

const get = (url: URL) => app.inject({ method: 'GET', url: url.pathname + url.search });

describe('GET /api/v1/files', () => {
  it('streams the object as an attachment with safe headers', async () => {
    const res = await get(
      await link('projects/1/report.html', { fileName: 'Report.html', contentType: 'text/html' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('<script>alert(1)</script>');
    expect(res.headers).toMatchObject({
      'content-type': 'text/html',
      'content-length': '25',
      'content-disposition': `attachment; filename="Report.html"; filename*=UTF-8''Report.html`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  });

  it('defaults the name to the key base name and the type to octet-stream', async () => {
    const res = await get(await link('projects/1/report.html'));
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''report.html");
    expect(res.headers['content-type']).toBe('application/octet-stream');
  });

  it('sanitises the download name and ignores a malformed type', async () => {
    const url = await link('projects/1/report.html', {
      fileName: '../../evil"\r\nSet-Cookie: a=1;.html',
      contentType: 'text/html, text/plain',
    });
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="evilSet-Cookie: a=1;.html"; filename*=UTF-8''evilSet-Cookie%3A%20a%3D1%3B.html`,
    );
    expect(res.headers['content-type']).toBe('application/octet-stream');
  });

  it.each([
    ['another key', (u: URLSearchParams) => u.set('key', 'projects/2/report.html')],
    ['a longer expiry', (u: URLSearchParams) => u.set('exp', String(Number(u.get('exp')) + 3600))],
    ['another name', (u: URLSearchParams) => u.set('name', 'other.html')],
    ['a dropped name', (u: URLSearchParams) => u.delete('name')],
    ['a content type', (u: URLSearchParams) => u.set('type', 'text/html')],
    ['no signature', (u: URLSearchParams) => u.delete('sig')],
    ['no key', (u: URLSearchParams) => u.delete('key')],
    ['a repeated key', (u: URLSearchParams) => u.append('key', 'projects/1/report.html')],
    ['an upper-case signature', (u: URLSearchParams) => u.set('sig', u.get('sig')!.toUpperCase())],
    ['a short signature', (u: URLSearchParams) => u.set('sig', u.get('sig')!.slice(0, 32))],
    ['a non-numeric expiry', (u: URLSearchParams) => u.set('exp', '1e12')],
  ])('refuses a link with %s (403)', async (_label, tamper) => {
    const url = await link('projects/1/report.html', { fileName: 'r.html' });
    tamper(url.searchParams);
    const res = await get(url);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('STORAGE_SIGNATURE_INVALID');
  });

  it('refuses a link signed with another secret', async () => {
    const other = new FsStorage({ root, signingSecret: randomBytes(32).toString('hex'), publicBaseUrl: '' });
    const url = new URL(
      await other.signedUrl('projects/1/report.html', { expiresInSeconds: 60 }),
      'http://x',
    );
    expect(url.pathname).toBe('/api/v1/files');
    expect((await get(url)).statusCode).toBe(403);
  });

  it('answers 404 for a valid link to a deleted object', async () => {
    await storage.put('projects/1/gone.txt', Readable.from([Buffer.from('x')]));
    const url = await link('projects/1/gone.txt');
    await storage.delete('projects/1/gone.txt');
    const res = await get(url);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('STORAGE_NOT_FOUND');
  });
});

describe('verifyFileSignature', () => {
  it('accepts a link until its expiry second has passed, then refuses it', async () => {
    const url = await link('projects/1/report.html', { fileName: 'r.csv', contentType: 'text/csv', ttl: 30 });
    const exp = Number(url.searchParams.get('exp')) * 1000;
    const granted = { key: 'projects/1/report.html', fileName: 'r.csv', contentType: 'text/csv' };
    expect(verifyFileSignature(url.searchParams, secret, exp)).toEqual(granted);
    expect(verifyFileSignature(Object.fromEntries(url.searchParams), secret, exp)).toEqual(granted);
    expect(() => verifyFileSignature(url.searchParams, secret, exp + 1)).toThrow('expired');
  });

  it('refuses to work with a short secret', () => {
    expect(() => verifyFileSignature({}, 'short', 0)).toThrow(/at least 16/);
  });
});
