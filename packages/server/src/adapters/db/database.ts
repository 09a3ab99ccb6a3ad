import fs from 'node:fs/promises';
import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type MigrationResultSet, Migrator, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Config } from '../../config/config.ts';
import { UamError } from '../../errors/index.ts';
import type { Logger } from '../../logger.ts';
import { pg } from '../production-deps.ts';
import { migrations } from './migrations/index.ts';
import { isEmptyClusterDir, unpackTemplate } from './pglite-template.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Cheap round trip, used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Open the metadata DB: PGlite files under `dir` (embedded) or a PostgreSQL pool (production).
 * `dir: 'memory://'` gives a throwaway in-memory PGlite for tests.
 */
/**
 * The embedded database holds metadata only (small rows, one writer): PostgreSQL's default
 * 128 MB of shared buffers would be most of the platform's resident memory for nothing, and
 * the bulk data lives in DuckDB, which needs that memory more.
 */
const EMBEDDED_SETTINGS = ['-c', 'shared_buffers=16MB', '-c', 'work_mem=2MB', '-c', 'temp_buffers=2MB'];

export async function openDatabase(
  cfg: Config['db'],
  logger?: Pick<Logger, 'warn'>,
): Promise<DatabaseHandle> {
  if (cfg.kind === 'postgres') {
    // Timestamps come back as Date, bigint ids as string: the same shapes PGlite gives.
    const pool = new (pg().Pool)({ connectionString: cfg.url, max: cfg.poolSize });
    // An idle client whose server connection ends (PostgreSQL restarted, an admin terminated
    // it, a failover) emits 'error'; unheard, that would crash the process. The pool has
    // already dropped the client and the next query opens a new connection.
    pool.on('error', (err) =>
      logger?.warn({ err }, 'metadata DB: an idle connection closed; the pool reconnects'),
    );
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return handle(db, 'postgres');
  }
  useBaselineWasmOnly();
  const startParams = [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS];
  if (!cfg.dir.startsWith('memory://')) {
    await fs.mkdir(cfg.dir, { recursive: true });
    // Without a template (never built) PGlite runs initdb itself, which only takes longer.
    if (isEmptyClusterDir(cfg.dir)) await unpackTemplate(cfg.dir);
  }
  const pglite = await PGlite.create(cfg.dir, { startParams });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  const h = handle(db, 'pglite');
  return {
    ...h,
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * PGlite is PostgreSQL compiled to WebAssembly. V8 compiles such a module twice, a baseline
 * (Liftoff) at once and an optimised one (TurboFan) in the background, and keeps both: ~60 MB
 * more resident memory and seconds of compile CPU, for metadata queries that take about a
 * millisecond either way. Baseline only: the embedded server idles ~60 MB lower and its first
 * queries run sooner. The flag is process-wide; PGlite is the only WebAssembly the platform
 * runs (argon2 and DuckDB are native addons).
 */
function useBaselineWasmOnly(): void {
  v8.setFlagsFromString('--liftoff-only');
}

function handle(db: Db, kind: DatabaseHandle['kind']): DatabaseHandle {
  return {
    db,
    kind,
    async ping() {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/** Bring the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'uam_migrations',
    migrationLockTableName: 'uam_migrations_lock',
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new UamError('INTERNAL_ERROR', `Migration ${failed ?? '?'} failed: ${String(result.error)}`, {
      migration: failed,
    });
  }
  return result;
}
