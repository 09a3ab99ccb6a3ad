import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench [-- NAME...]`: every performance target, each measured side by side with the
 * reference it names, in its own process (so peak memory is its own). Benchmarks are the files
 * `bench/*.bench.ts` and `bench/<area>/*.bench.ts`; NAME filters by file name.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const files = [
  ...fs.readdirSync(here).map((f) => path.join(here, f)),
  ...fs
    .readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'lib')
    .flatMap((d) => fs.readdirSync(path.join(here, d.name)).map((f) => path.join(here, d.name, f))),
]
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();

const wanted = process.argv.slice(2);
const selected = wanted.length
  ? files.filter((f) => wanted.some((w) => path.basename(f).includes(w)))
  : files;
if (selected.length === 0) {
  console.error(
    `No benchmark matches ${wanted.join(' ')}. Available:\n${files.map((f) => `  ${path.relative(here, f)}`).join('\n')}`,
  );
  process.exit(2);
}
let failed = 0;
for (const f of selected) {
  console.log(`\n== ${path.relative(here, f)}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', f], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
