// Runs after `npm install` (and before `npm start`): builds the web app and the embedded
// database template when they are missing (the template also when a migration is newer), so
// the two-command start needs nothing else.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args, cwd = root) => execFileSync(process.execPath, args, { cwd, stdio: 'inherit' });

const viteBin = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const webIndex = path.join(root, 'packages', 'web', 'dist', 'index.html');
if (!fs.existsSync(webIndex) && fs.existsSync(viteBin)) {
  run([viteBin, 'build', '--logLevel', 'warn'], path.join(root, 'packages', 'web'));
}

const template = path.join(root, 'node_modules', '.cache', 'uam', 'pglite-template.tar.gz');
const tsx = path.join(root, 'node_modules', 'tsx');
// Rebuilt when a migration is newer than it, so a template never lags the schema by much.
const migrationsDir = path.join(root, 'packages', 'server', 'src', 'adapters', 'db', 'migrations');
const newestMigration = Math.max(
  0,
  ...fs.readdirSync(migrationsDir).map((f) => fs.statSync(path.join(migrationsDir, f)).mtimeMs),
);
const stale = !fs.existsSync(template) || fs.statSync(template).mtimeMs < newestMigration;
if (stale && fs.existsSync(tsx)) {
  try {
    run(['--import', 'tsx', path.join(root, 'scripts', 'make-pglite-template.ts')]);
  } catch {
    // Only an optimisation: without the template the first start runs initdb instead.
    console.warn('uam: could not build the embedded database template; the first start will be slower');
  }
}
