import fs from 'node:fs/promises';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../../packages/server/src/adapters/db/database.ts';

/**
 * Migrate one PGlite directory once per run; tests copy it instead of paying PGlite's ~5 s
 * cold start plus migrations in every file.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = path.resolve('.test-tmp', `pglite-template-${process.pid}`);
  await fs.rm(dir, { recursive: true, force: true });
  const h = await openDatabase({ kind: 'pglite', dir });
  await migrateToLatest(h.db);
  await h.close();
  process.env.UAM_TEST_PGLITE_TEMPLATE = dir;
  return async () => {
    await fs.rm(dir, { recursive: true, force: true });
  };
}
