#!/usr/bin/env -S node --max-semi-space-size=4
// The `uam` command. Loads the TypeScript sources through tsx in this same process (so signals
// reach the server directly); worker threads add `--import tsx` to their own execArgv. The small
// young generation is the server's (see worker-pool.ts and docs/deployment.md).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
await import(pathToFileURL(path.join(here, '..', 'src', 'cli', 'main.ts')).href);
