import { parseConfig } from '../config/config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { runWorker } from './worker.ts';

/**
 * Standalone entry for a worker process: `node --import tsx packages/server/src/cli/worker-main.ts`.
 * `uam worker` (cli/main.ts) calls runWorker the same way.
 */
let logger: Logger | undefined;
try {
  const config = parseConfig(process.env);
  logger = createLogger(config.LOG_LEVEL);
  await runWorker(config, logger);
  process.exit(0);
} catch (err) {
  if (logger) logger.fatal({ err }, 'worker failed');
  else process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
