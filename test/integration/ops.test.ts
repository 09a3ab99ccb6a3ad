import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../packages/server/src/api/plugins/static-web.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('operations endpoints', () => {
  it('answers /healthz and /readyz with every dependency checked', async () => {
    expect((await t.call('GET', '/healthz')).json()).toMatchObject({ status: 'ok' });
    const ready = await t.call('GET', '/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', queue: 'ok', storage: 'ok', workers: 'ok' },
    });
  });

  it('reports not ready, in the error shape, when a dependency is down', async () => {
    const original = t.platform.storage.ping.bind(t.platform.storage);
    t.platform.storage.ping = async () => {
      throw new Error('disk gone');
    };
    try {
      const r = await t.call('GET', '/readyz');
      expect(r.statusCode).toBe(503);
      expect(r.json().error).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        details: { checks: { storage: 'disk gone' } },
      });
    } finally {
      t.platform.storage.ping = original;
    }
  });

  it('serves OpenAPI generated from the request schemas, and its docs UI', async () => {
    const spec = (await t.call('GET', '/api/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/v1/auth/login',
      '/api/v1/projects',
      '/api/v1/projects/{id}',
      '/api/v1/jobs/{id}/cancel',
      '/api/v1/users/{id}',
      '/api/v1/audit',
      '/api/v1/api-keys',
    ]) {
      expect(Object.keys(spec.paths), p).toContain(p);
    }
    const login = spec.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'password']),
    );
    const docs = await t.call('GET', '/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });

  it('sends security headers and a request id', async () => {
    const r = await t.call('GET', '/healthz');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(r.headers['x-frame-options']).toBeDefined();
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows CORS only for configured origins', async () => {
    const c = await createTestApp({ UAM_CORS_ORIGINS: 'https://ok.example' });
    try {
      const ok = await c.call('GET', '/healthz', { headers: { origin: 'https://ok.example' } });
      expect(ok.headers['access-control-allow-origin']).toBe('https://ok.example');
      const bad = await c.call('GET', '/healthz', { headers: { origin: 'https://evil.example' } });
      expect(bad.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await c.close();
    }
  });

  it.skipIf(!fs.existsSync(path.join(WEB_DIST, 'index.html')))(
    'serves the web app with a SPA fallback, but JSON 404s under /api',
    async () => {
      const root = await t.call('GET', '/');
      expect(root.statusCode).toBe(200);
      expect(root.headers['content-type']).toMatch(/text\/html/);
      const deep = await t.call('GET', '/projects/123');
      expect(deep.statusCode).toBe(200);
      expect(deep.body).toBe(root.body);
      const api = await t.call('GET', '/api/v1/nothing-here');
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe('ROUTE_NOT_FOUND');
    },
  );

  it('never writes passwords or tokens to the logs', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../../packages/server/src/logger.ts');
    const logger = createLogger('info', { write: (s: string) => lines.push(s) } as never);
    logger.info(
      {
        password: 'hunter22',
        body: { refreshToken: 'uamr_x', password: 'p' },
        req: { headers: { authorization: 'Bearer abc' } },
      },
      'x',
    );
    expect(lines.join('')).not.toMatch(/hunter22|uamr_x|Bearer abc/);
  });
});
