import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../packages/server/src/api/app.ts';
import { parseConfig } from '../../packages/server/src/config/config.ts';
import { createLogger } from '../../packages/server/src/logger.ts';
import { createPlatform, type Platform } from '../../packages/server/src/platform.ts';

export interface TestApp {
  app: FastifyInstance;
  platform: Platform;
  dataDir: string;
  /** `app.inject` with JSON body and an optional bearer token. */
  call(
    method: InjectOptions['method'],
    url: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  /** Register (or log in) a user; returns the session body. */
  signUp(email: string, password?: string, name?: string): Promise<Session>;
  login(email: string, password?: string): Promise<Session>;
  close(): Promise<void>;
}

export interface Session {
  user: { id: string; email: string; role: string; orgId: string };
  accessToken: string;
  refreshToken: string;
}

export const PASSWORD = 'correct horse battery';

/**
 * A whole platform + API in-process on embedded parts (PGlite copied from the run's migrated
 * template), driven with `app.inject`. `env` switches parts or settings like production would.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'uam-app-'));
  const template = process.env.UAM_TEST_PGLITE_TEMPLATE;
  if (template && !env.DATABASE_URL) await fs.cp(template, path.join(dataDir, 'db'), { recursive: true });
  const config = parseConfig({ UAM_DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
  const platform = await createPlatform(config, createLogger(config.LOG_LEVEL));
  const app = await buildApp(platform);
  await app.ready();
  await platform.startJobs();

  const call: TestApp['call'] = (method, url, opts = {}) =>
    app.inject({
      method,
      url,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { payload: JSON.stringify(opts.body) } : {}),
    });

  const expectOk = (r: LightMyRequestResponse): Session => {
    if (r.statusCode >= 300) throw new Error(`auth failed ${r.statusCode}: ${r.body}`);
    return r.json() as Session;
  };

  return {
    app,
    platform,
    dataDir,
    call,
    signUp: async (email, password = PASSWORD, name = email.split('@')[0]!) =>
      expectOk(await call('POST', '/api/v1/auth/register', { body: { email, password, name } })),
    login: async (email, password = PASSWORD) =>
      expectOk(await call('POST', '/api/v1/auth/login', { body: { email, password } })),
    async close() {
      await app.close();
      await platform.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
