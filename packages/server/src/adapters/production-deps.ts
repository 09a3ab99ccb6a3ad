import { createRequire } from 'node:module';
import type * as Bullmq from 'bullmq';
import type * as IoRedis from 'ioredis';
import type Pg from 'pg';

/**
 * The client libraries only production mode uses (Redis, BullMQ, PostgreSQL), loaded on first
 * use: an embedded install never needs them, and loading them up front cost the API process
 * ~30 MB of its resident memory. `require`, because their callers are synchronous
 * constructors; each library is loaded through this one file only, so no second copy of its
 * classes (BullMQ's DelayedError is checked with instanceof) can appear.
 */
const load = createRequire(import.meta.url);

export function ioredis(): typeof IoRedis {
  return load('ioredis') as typeof IoRedis;
}

export function bullmq(): typeof Bullmq {
  return load('bullmq') as typeof Bullmq;
}

export function pg(): typeof Pg {
  return load('pg') as typeof Pg;
}
