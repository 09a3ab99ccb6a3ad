import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 3000;

/** Liveness, readiness (DB + queue + storage reachable) and Prometheus metrics. */
export function opsRoutes(deps: { checks: ReadinessCheck[]; metrics: Registry; version: string }) {
  return async (app: FastifyInstance) => {
    const config = { public: true };
    app.get('/healthz', { config, schema: { tags: ['ops'], summary: 'Liveness' } }, async () => ({
      status: 'ok',
      version: deps.version,
    }));

    app.get(
      '/readyz',
      { config, schema: { tags: ['ops'], summary: 'Readiness of DB, queue and storage' } },
      async (_req, reply) => {
        const results = await Promise.all(deps.checks.map(runCheck));
        const ok = results.every((r) => r.ok);
        const checks = Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : r.error]));
        if (ok) return { status: 'ready', checks };
        return reply.status(503).send({
          error: {
            code: 'SERVICE_UNAVAILABLE',
            message: 'Not ready: a dependency is unreachable',
            details: { checks },
          },
        });
      },
    );

    app.get('/metrics', { config, schema: { hide: true } }, async (_req, reply) => {
      reply.header('Content-Type', deps.metrics.contentType);
      return deps.metrics.metrics();
    });
  };
}

async function runCheck(c: ReadinessCheck): Promise<{ name: string; ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      c.check(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { name: c.name, ok: true };
  } catch (e) {
    return { name: c.name, ok: false, error: e instanceof Error ? e.message.slice(0, 200) : 'failed' };
  } finally {
    clearTimeout(timer);
  }
}
