import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { UamError } from '../errors/index.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/**
 * Every setting UAM reads from the environment, with its embedded default. Setting
 * DATABASE_URL, REDIS_URL or S3_BUCKET switches that part to production mode; nothing else does.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65535).default(8080),
  UAM_DATA_DIR: z.string().min(1).default('./.uam-data'),
  UAM_PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: int(1, 200).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),

  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ACCESS_KEY: z.string().min(1).optional(),
  S3_SECRET_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_FORCE_PATH_STYLE: bool.default(true),

  UAM_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  UAM_ACCESS_TOKEN_TTL: int(30, 900).default(900),
  UAM_REFRESH_TOKEN_TTL: int(300).default(30 * 24 * 3600),
  UAM_SIGNUP: z.enum(['open', 'invite', 'closed']).default('open'),
  UAM_DEFAULT_ORG: z.string().min(1).max(100).default('Default'),

  UAM_CORS_ORIGINS: csv.default([]),
  UAM_TRUST_PROXY: bool.default(false),
  UAM_BODY_LIMIT: int(1024).default(1024 * 1024),
  UAM_MAX_UPLOAD_BYTES: int(1024).default(2 * 1024 * 1024 * 1024),
  UAM_AUTH_RATE_LIMIT: int(1).default(10),
  UAM_RATE_LIMIT: int(1).default(1200),
  UAM_SIGNED_URL_TTL: int(5, 7 * 24 * 3600).default(300),

  UAM_WORKER_THREADS: int(1, 64).default(Math.max(1, os.availableParallelism() - 1)),
  UAM_JOB_CONCURRENCY: int(1, 64).default(2),
  UAM_JOB_MAX_ATTEMPTS: int(1, 20).default(3),
  UAM_JOB_BACKOFF_MS: int(0).default(2000),
  UAM_QUEUE_LOCK_MS: int(500).default(30_000),
  UAM_QUEUE_STALLED_MS: int(500).default(30_000),
  UAM_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, _ . -')
    .default('uam'),
  UAM_EMBEDDED_WORKER: bool.default(true),

  UAM_DATASET_RETENTION_DAYS: int(0, 3650).default(7),
  UAM_PURGE_INTERVAL_MS: int(1000).default(60 * 60_000),
  UAM_INGEST_TIMEOUT_MS: int(1000).default(2 * 60 * 60_000),
  UAM_QUERY_TIMEOUT_MS: int(100).default(30_000),
  UAM_QUERY_CONCURRENCY: int(1, 64).default(4),
  UAM_ENGINE_MEMORY_LIMIT: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, "must be a size like '1GB'")
    .default('1GB'),
  UAM_ENGINE_THREADS: int(1, 256).default(Math.max(1, os.availableParallelism())),
  UAM_CACHE_MAX_BYTES: int(0).default(20 * 1024 ** 3),

  // Ask your data: the built-in question parser always works; an OpenAI-compatible chat API
  // (UAM_LLM_URL, e.g. http://localhost:11434/v1) may plan questions first, validated the same way.
  UAM_LLM_URL: z.url().optional(),
  UAM_LLM_API_KEY: z.string().min(1).optional(),
  UAM_LLM_MODEL: z.string().min(1).max(200).default('gpt-4o-mini'),
  UAM_LLM_TIMEOUT_MS: int(100, 120_000).default(20_000),
  UAM_ASK_MAX_QUESTION: int(10, 10_000).default(500),
  UAM_ASK_ROW_CAP: int(1, 100_000).default(1000),
  UAM_ASK_RATE_LIMIT: int(1).default(60),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  /** Absolute data directory (PGlite files, local storage, caches). */
  dataDir: string;
  db: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string; poolSize: number };
  /** `prefix` namespaces BullMQ keys and the event channel, so installations can share a Redis. */
  queue: { kind: 'inprocess' } | { kind: 'bullmq'; redisUrl: string; prefix: string };
  storage:
    | { kind: 'fs'; root: string }
    | {
        kind: 's3';
        endpoint?: string;
        bucket: string;
        region: string;
        accessKeyId?: string;
        secretAccessKey?: string;
        forcePathStyle: boolean;
      };
}

/** Parse and validate `env`; throws CONFIG_INVALID naming every bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new UamError('CONFIG_INVALID', `Invalid configuration: ${problems.join('; ')}`, { problems });
  }
  const e = parsed.data;
  const s3Given = [e.S3_BUCKET, e.S3_ENDPOINT, e.S3_ACCESS_KEY, e.S3_SECRET_KEY].some(Boolean);
  if (s3Given && !e.S3_BUCKET) {
    throw new UamError('CONFIG_INVALID', 'Invalid configuration: S3_BUCKET: required when any S3_* is set', {
      problems: ['S3_BUCKET: required when any S3_* is set'],
    });
  }
  const dataDir = path.resolve(e.UAM_DATA_DIR);
  return {
    ...e,
    dataDir,
    db: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dir: path.join(dataDir, 'db') },
    queue: e.REDIS_URL
      ? { kind: 'bullmq', redisUrl: e.REDIS_URL, prefix: e.UAM_QUEUE_PREFIX }
      : { kind: 'inprocess' },
    storage: e.S3_BUCKET
      ? {
          kind: 's3',
          endpoint: e.S3_ENDPOINT,
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          accessKeyId: e.S3_ACCESS_KEY,
          secretAccessKey: e.S3_SECRET_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        }
      : { kind: 'fs', root: path.join(dataDir, 'files') },
  };
}

let cached: Config | undefined;

/** The process-wide config, parsed once. */
export function loadConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests: forget the cached config. */
export function resetConfig(): void {
  cached = undefined;
}
