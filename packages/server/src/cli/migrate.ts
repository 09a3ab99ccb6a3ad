import { migrateToLatest, openDatabase } from '../adapters/db/database.ts';
import { parseConfig } from '../config/config.ts';

/** `uam migrate`: bring the metadata DB to the latest schema and report what ran. */
export async function migrateCommand(): Promise<void> {
  const config = parseConfig(process.env);
  const db = await openDatabase(config.db);
  try {
    const result = await migrateToLatest(db.db);
    const ran = result.results ?? [];
    if (ran.length === 0) console.log(`Database (${config.db.kind}) is up to date.`);
    for (const r of ran) console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`);
  } finally {
    await db.close();
  }
}
