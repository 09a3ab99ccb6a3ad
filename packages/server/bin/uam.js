#!/usr/bin/env node
// The `uam` command. Loads the TypeScript sources through tsx in this same process (so signals
// reach the server directly); worker threads add `--import tsx` to their own execArgv.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
await import(pathToFileURL(path.join(here, '..', 'src', 'cli', 'main.ts')).href);
