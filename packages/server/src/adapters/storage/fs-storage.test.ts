import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UamError } from '../../errors/index.ts';
import { FsStorage } from './fs-storage.ts';

// Behaviour only the filesystem store has; the shared behaviour is in storage.contract.test.ts.
let root: string;
let storage: FsStorage;
const signingSecret = randomBytes(32).toString('hex');

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'uam-fs-only-'));
  storage = new FsStorage({ root, signingSecret, publicBaseUrl: 'https://uam.example.com/' });
  await storage.init();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('FsStorage', () => {
  it('writes to a temp file and renames, so readers never see a partial object', async () => {
    const body = new PassThrough();
    const put = storage.put('atomic/a.bin', body);
    body.write(Buffer.alloc(100_000, 1));
    await new Promise((r) => setTimeout(r, 50));
    expect(await storage.exists('atomic/a.bin')).toBe(false);
    expect(await readdir(path.join(root, '.tmp'))).toHaveLength(1);
    body.end(Buffer.alloc(10, 2));
    expect((await put).bytes).toBe(100_010);
    expect(await storage.exists('atomic/a.bin')).toBe(true);
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
    expect((await readFile(path.join(root, 'atomic/a.bin'))).length).toBe(100_010);
  });

  it('signs links to the files route of the public base URL', async () => {
    const url = new URL(
      await storage.signedUrl('atomic/a.bin', {
        expiresInSeconds: 60,
        fileName: 'a b.bin',
        contentType: 'text/csv',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://uam.example.com/api/v1/files');
    expect([...url.searchParams.keys()]).toEqual(['key', 'exp', 'name', 'type', 'sig']);
    expect(url.searchParams.get('name')).toBe('a b.bin');
    expect(Number(url.searchParams.get('exp'))).toBeCloseTo(Date.now() / 1000 + 60, -1);
    expect(url.searchParams.get('sig')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports a key under an existing file as STORAGE_ERROR (S3 allows it, a filesystem cannot)', async () => {
    await storage.put('clash', Readable.from([Buffer.from('file')]));
    await expect(storage.put('clash/inner', Readable.from([Buffer.from('x')]))).rejects.toMatchObject({
      code: 'STORAGE_ERROR',
    });
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
  });

  it('fails ping with STORAGE_ERROR when the root is gone', async () => {
    const gone = new FsStorage({ root: path.join(root, 'nope'), signingSecret, publicBaseUrl: '' });
    await expect(gone.ping()).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
  });

  it('refuses a weak signing secret at construction', () => {
    expect(() => new FsStorage({ root, signingSecret: 'short', publicBaseUrl: '' })).toThrow(UamError);
  });
});
