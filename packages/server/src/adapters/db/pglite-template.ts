import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** The template as a Blob, or undefined when it was never built (then PGlite runs initdb). */
export function loadTemplate(file = PGLITE_TEMPLATE): Blob | undefined {
  try {
    return new Blob([fs.readFileSync(file)]);
  } catch {
    return undefined;
  }
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
