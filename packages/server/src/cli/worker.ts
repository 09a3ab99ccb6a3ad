import { openDatabase } from '../adapters/db/database.ts';
import { createEventBus } from '../adapters/events/create-event-bus.ts';
import { createStorage } from '../adapters/storage/create-storage.ts';
import type { Config } from '../config/config.ts';
import { UamError } from '../errors/index.ts';
import { createJobSystem } from '../jobs/job-system.ts';
import type { Logger } from '../logger.ts';
import { jwtSecretOf, storageSigningSecret } from '../platform.ts';
import { ProjectRepository } from '../repositories/project.repository.ts';
import { UserRepository } from '../repositories/user.repository.ts';
import { createDatasetModule } from '../services/datasets/dataset-module.ts';
import { createModelModule } from '../services/models/model-module.ts';
import { ProjectService } from '../services/project.service.ts';
import { closeInReverse } from '../shutdown.ts';

export interface RunWorkerOptions {
  /** BullMQ Redis key prefix; must match the API's (tests use a unique one). */
  queuePrefix?: string;
  /** Stop like on SIGTERM when this aborts (tests, embedding). */
  signal?: AbortSignal;
}

/**
 * `uam worker`: consume BullMQ jobs until SIGTERM/SIGINT, then stop taking work, requeue the
 * jobs in flight (another worker resumes them) and close connections. A second signal exits
 * at once. Resolves after the graceful stop.
 */
export async function runWorker(
  config: Config,
  logger: Logger,
  options: RunWorkerOptions = {},
): Promise<void> {
  if (config.queue.kind !== 'bullmq' || config.db.kind !== 'postgres') {
    throw new UamError(
      'CONFIG_INVALID',
      'uam worker needs DATABASE_URL (PostgreSQL) and REDIS_URL (BullMQ): embedded PGlite can only be used by ' +
        'the process that owns it, and embedded jobs already run inside `uam serve`',
      { db: config.db.kind, queue: config.queue.kind },
    );
  }
  const db = await openDatabase(config.db, logger);
  // The bus channel follows the queue prefix, so isolated queues get isolated events too.
  const channel = options.queuePrefix ? `${options.queuePrefix}:events` : undefined;
  const bus = await createEventBus(config.queue, { logger, channel });
  const jobs = createJobSystem({
    config,
    db: db.db,
    bus,
    logger,
    role: 'worker',
    queuePrefix: options.queuePrefix,
  });
  // Jobs that end here write their outcome (e.g. a dataset version turning ready) here.
  const storage = await createStorage(config.storage, {
    signingSecret: storageSigningSecret(await jwtSecretOf(db.db, config)),
    publicBaseUrl: config.UAM_PUBLIC_URL ?? '',
  });
  const projects = new ProjectService(new ProjectRepository(db.db), new UserRepository(db.db));
  const data = createDatasetModule({ config, db: db.db, storage, jobs: jobs.service, projects, logger });
  data.installJobHooks(jobs.hooks);
  createModelModule({
    config,
    db: db.db,
    storage,
    jobs: jobs.service,
    projects,
    logger,
    artifacts: data.artifacts,
  }).installJobHooks(jobs.hooks);
  await jobs.start();
  logger.info({ pid: process.pid, concurrency: config.UAM_JOB_CONCURRENCY }, 'worker started');

  const stop = stopRequest(logger, options.signal);
  try {
    await stop.requested;
    logger.info('worker stopping; requeueing jobs in flight');
    // Closed from the end of the list: jobs first, then what they use, as before.
    await closeInReverse(
      [
        { name: 'database', close: () => db.close() },
        { name: 'event bus', close: () => bus.close() },
        { name: 'storage', close: () => storage.close() },
        { name: 'data', close: () => data.close() },
        { name: 'jobs', close: () => jobs.close() },
      ],
      logger,
    );
    logger.info('worker stopped');
  } finally {
    stop.dispose();
  }
}

/** Resolves on the first SIGTERM/SIGINT (or `signal`); a second one during shutdown exits. */
function stopRequest(logger: Logger, signal?: AbortSignal): { requested: Promise<void>; dispose(): void } {
  let stopping = false;
  let resolve!: () => void;
  const requested = new Promise<void>((r) => {
    resolve = r;
  });
  const onStop = (name: string) => {
    if (stopping && name !== 'abort') {
      logger.warn({ signal: name }, 'second signal; exiting now');
      process.exit(1);
    }
    stopping = true;
    resolve();
  };
  const onTerm = () => onStop('SIGTERM');
  const onInt = () => onStop('SIGINT');
  const onAbort = () => onStop('abort');
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    requested,
    dispose() {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}
