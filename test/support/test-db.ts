import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  type DatabaseHandle,
  migrateToLatest,
  openDatabase,
} from '../../packages/server/src/adapters/db/database.ts';
import type { Config } from '../../packages/server/src/config/config.ts';
import { TEST_SERVICES } from './services.ts';

export interface TestDatabase {
  config: Config['db'];
  handle: DatabaseHandle;
  /** Close the handle and drop the database or directory. */
  destroy(): Promise<void>;
}

/** A fresh, migrated PGlite in a temp directory (copied from the run's template when present). */
export async function createPgliteTestDb(): Promise<TestDatabase> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'uam-pglite-'));
  const template = process.env.UAM_TEST_PGLITE_TEMPLATE;
  if (template) await fs.cp(template, dir, { recursive: true });
  const config = { kind: 'pglite', dir } as const;
  const handle = await openDatabase(config);
  await migrateToLatest(handle.db);
  return {
    config,
    handle,
    async destroy() {
      await handle.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** An empty PostgreSQL database on the test server, for a whole server to migrate itself. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `uam_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_SERVICES.postgres.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_SERVICES.postgres.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_SERVICES.postgres.url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A fresh, migrated PostgreSQL database on the test server; dropped by destroy(). */
export async function createPostgresTestDb(): Promise<TestDatabase> {
  const name = `uam_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_SERVICES.postgres.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_SERVICES.postgres.url);
  url.pathname = `/${name}`;
  const config = { kind: 'postgres', url: url.toString(), poolSize: 5 } as const;
  const handle = await openDatabase(config);
  await migrateToLatest(handle.db);
  return {
    config,
    handle,
    async destroy() {
      await handle.close();
      const c = new pg.Client({ connectionString: TEST_SERVICES.postgres.url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
