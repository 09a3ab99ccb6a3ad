import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Database } from './schema.ts';

/**
 * A fresh PGlite cluster costs 4–8 s to initialise (initdb in WebAssembly); loading a dump of
 * one costs about 1 s. `npm install` makes the dump once (scripts/prepare.mjs), so the first
 * `npm start` on a new data directory is fast. The dump already holds the migrations of its
 * day; later migrations still run at start as usual.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
export const PGLITE_TEMPLATE = path.resolve(
  here,
  '../../../../../node_modules/.cache/uam/pglite-template.tar.gz',
);

/** True when `dir` holds no cluster yet. */
export function isEmptyClusterDir(dir: string): boolean {
  return !fs.existsSync(path.join(dir, 'PG_VERSION'));
}

/**
 * Writes the template's files into `dir` (an empty cluster directory) and returns true, or
 * returns false when there is no template. Unpacking it ourselves, rather than through
 * PGlite's `loadDataDir`, spares a throwaway PGlite instance whose WebAssembly memory (~60 MB
 * resident) the process would keep. The tar is read as a stream; PG_VERSION, which marks a
 * cluster as present, is written last, so an interrupted unpack is simply redone.
 */
export async function unpackTemplate(dir: string, file = PGLITE_TEMPLATE): Promise<boolean> {
  if (!fs.existsSync(file)) return false;
  const root = path.resolve(dir);
  let pending: Buffer = Buffer.alloc(0);
  let entry: { target: string; left: number; pad: number; fd: number | null } | null = null;
  let versionFile: { target: string; chunks: Buffer[] } | null = null;
  let ended = false;
  for await (const chunk of fs.createReadStream(file).pipe(zlib.createGunzip())) {
    pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
    while (!ended) {
      if (entry) {
        const take = Math.min(entry.left, pending.length);
        if (take > 0) {
          const part = pending.subarray(0, take);
          if (entry.fd !== null) fs.writeSync(entry.fd, part);
          else versionFile?.chunks.push(Buffer.from(part));
          pending = pending.subarray(take);
          entry.left -= take;
        }
        if (entry.left > 0) break;
        if (pending.length < entry.pad) break;
        pending = pending.subarray(entry.pad);
        if (entry.fd !== null) fs.closeSync(entry.fd);
        entry = null;
        continue;
      }
      if (pending.length < 512) break;
      const header = pending.subarray(0, 512);
      pending = pending.subarray(512);
      if (header.every((b) => b === 0)) {
        ended = true;
        break;
      }
      const field = (at: number, len: number) =>
        header.toString('latin1', at, at + len).replace(/\0.*$/s, '');
      const prefix = field(257, 6).startsWith('ustar') ? field(345, 155) : '';
      const name = (prefix ? `${prefix}/` : '') + field(0, 100);
      const size = Number.parseInt(field(124, 12).trim() || '0', 8);
      const type = String.fromCharCode(header[156] || 48);
      const target = path.resolve(root, `.${path.posix.sep}${name.replace(/^\/+/, '')}`);
      if (target !== root && !target.startsWith(root + path.sep)) {
        throw new Error(`The PGlite template holds a path outside its folder: ${name}`);
      }
      const pad = (512 - (size % 512)) % 512;
      if (type === '5') {
        fs.mkdirSync(target, { recursive: true });
        entry = { target, left: 0, pad: 0, fd: null };
      } else if (type === '0') {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const isVersion = path.relative(root, target) === 'PG_VERSION';
        if (isVersion) versionFile = { target, chunks: [] };
        entry = { target, left: size, pad, fd: isVersion ? null : fs.openSync(target, 'w', 0o600) };
      } else {
        throw new Error(`The PGlite template holds an unsupported tar entry (type ${type}): ${name}`);
      }
    }
  }
  if (!ended || entry) throw new Error('The PGlite template is truncated');
  if (!versionFile) throw new Error('The PGlite template holds no PG_VERSION');
  fs.writeFileSync(versionFile.target, Buffer.concat(versionFile.chunks), { mode: 0o600 });
  return true;
}

/** Build the template: a migrated, empty cluster dumped as gzip tar, written atomically. */
export async function buildTemplate(
  migrate: (db: Kysely<Database>) => Promise<unknown>,
  file = PGLITE_TEMPLATE,
): Promise<void> {
  const pg = await PGlite.create('memory://');
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pg) });
  try {
    await migrate(db);
    const dump = await pg.dumpDataDir('gzip');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file);
  } finally {
    await db.destroy();
    if (!pg.closed) await pg.close();
  }
}
