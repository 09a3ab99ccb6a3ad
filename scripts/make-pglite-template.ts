// Builds the PGlite template that makes the first start fast (see pglite-template.ts).
import { migrateToLatest } from '../packages/server/src/adapters/db/database.ts';
import { buildTemplate, PGLITE_TEMPLATE } from '../packages/server/src/adapters/db/pglite-template.ts';

await buildTemplate(migrateToLatest);
console.log(`uam: embedded database template ready (${PGLITE_TEMPLATE})`);
