import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app.ts';
import { parseConfig } from '../config/config.ts';
import { createLogger } from '../logger.ts';
import { createPlatform, type Platform } from '../platform.ts';

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  platform: Platform;
  close(): Promise<void>;
}

/**
 * Start API + (embedded mode) in-process workers. `env` overrides process.env, which lets
 * tests start isolated servers on a temp data dir and port 0.
 */
export async function startServer(opts: { env?: Record<string, string | undefined>; webDist?: string } = {}) {
  const config = parseConfig({ ...process.env, ...opts.env });
  const logger = createLogger(config.LOG_LEVEL);
  const platform = await createPlatform(config, logger, { role: 'api' });
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(platform, { webDist: opts.webDist });
    await platform.startJobs();
    await app.listen({ host: config.HOST, port: config.PORT });
    // Load the data engine in a worker thread now, while nobody waits on it, rather than
    // during the first upload (where it took ~0.7 s of CPU from the upload itself).
    platform.jobs.warm();
  } catch (err) {
    await app?.close().catch(() => {});
    await platform.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  let closing: Promise<void> | undefined;
  const server: RunningServer = {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    app,
    platform,
    close: () => {
      closing ??= (async () => {
        await app.close();
        await platform.close();
      })();
      return closing;
    },
  };
  return server;
}

/** `uam serve`: run until SIGINT/SIGTERM, then drain and close. */
export async function serveCommand(): Promise<void> {
  const server = await startServer();
  const { logger, config } = server.platform;
  logger.info(
    { url: server.url, db: config.db.kind, queue: config.queue.kind, storage: config.storage.kind },
    `UAM is running at ${server.url}`,
  );
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
