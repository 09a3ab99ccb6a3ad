import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { isEmptyClusterDir, PGLITE_TEMPLATE, unpackTemplate } from './pglite-template.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'uam-tpl-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A gzip tar of `entries` (ustar headers; `null` content = folder). */
function tarGz(entries: Array<[string, string | null]>, opts: { truncate?: boolean } = {}): string {
  const parts: Buffer[] = [];
  for (const [name, content] of entries) {
    const h = Buffer.alloc(512);
    h.write(name, 0, 'latin1');
    h.write('0000600\0', 100);
    const size = content === null ? 0 : Buffer.byteLength(content);
    h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
    h.write(content === null ? '5' : '0', 156);
    h.write('ustar\0', 257);
    parts.push(h);
    if (content !== null) {
      const body = Buffer.alloc(Math.ceil(size / 512) * 512);
      body.write(content);
      parts.push(body);
    }
  }
  if (!opts.truncate) parts.push(Buffer.alloc(1024));
  const file = path.join(tempDir(), 'template.tar.gz');
  const tar = Buffer.concat(parts);
  fs.writeFileSync(file, zlib.gzipSync(opts.truncate ? tar.subarray(0, tar.length - 100) : tar));
  return file;
}

describe('unpackTemplate', () => {
  it('unpacks the built template into a cluster PGlite opens with the migrations applied', async () => {
    expect(fs.existsSync(PGLITE_TEMPLATE)).toBe(true);
    const dir = tempDir();
    expect(isEmptyClusterDir(dir)).toBe(true);
    expect(await unpackTemplate(dir)).toBe(true);
    expect(isEmptyClusterDir(dir)).toBe(false);
    const pg = await PGlite.create(dir);
    try {
      const { rows } = await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM uam_migrations');
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await pg.close();
    }
  });

  it('writes files and folders with their content, PG_VERSION included', async () => {
    const file = tarGz([
      ['/base', null],
      ['/base/1/ab', 'x'.repeat(700)],
      ['/PG_VERSION', '17\n'],
    ]);
    const dir = tempDir();
    expect(await unpackTemplate(dir, file)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'base/1/ab'), 'utf8')).toBe('x'.repeat(700));
    expect(fs.readFileSync(path.join(dir, 'PG_VERSION'), 'utf8')).toBe('17\n');
  });

  it('returns false without a template, and refuses paths that leave the folder', async () => {
    const dir = tempDir();
    expect(await unpackTemplate(dir, path.join(dir, 'missing.tar.gz'))).toBe(false);
    const evil = tarGz([
      ['/../escaped', 'boom'],
      ['/PG_VERSION', '17\n'],
    ]);
    await expect(unpackTemplate(dir, evil)).rejects.toThrow(/outside its folder/);
    expect(fs.existsSync(path.join(path.dirname(dir), 'escaped'))).toBe(false);
  });

  it('leaves no cluster marker behind when the template is cut short', async () => {
    const dir = tempDir();
    const cut = tarGz(
      [
        ['/PG_VERSION', '17\n'],
        ['/base/big', 'y'.repeat(2000)],
      ],
      { truncate: true },
    );
    await expect(unpackTemplate(dir, cut)).rejects.toThrow(/truncated/);
    expect(isEmptyClusterDir(dir)).toBe(true);
  });
});
