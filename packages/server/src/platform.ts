import crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import { MemoryRateCounter } from './adapters/cache/memory-rate-counter.ts';
import type { RateCounter } from './adapters/cache/rate-counter.ts';
import { RedisRateCounter } from './adapters/cache/redis-rate-counter.ts';
import { type DatabaseHandle, type Db, migrateToLatest, openDatabase } from './adapters/db/database.ts';
import { createEventBus } from './adapters/events/create-event-bus.ts';
import type { EventBus } from './adapters/events/event-bus.ts';
import { ioredis } from './adapters/production-deps.ts';
import { createStorage } from './adapters/storage/create-storage.ts';
import type { Storage } from './adapters/storage/storage.ts';
import type { Config } from './config/config.ts';
import { createJobSystem, type JobSystem } from './jobs/job-system.ts';
import type { Logger } from './logger.ts';
import { AuditRepository } from './repositories/audit.repository.ts';
import { OrganizationRepository } from './repositories/organization.repository.ts';
import { ProjectRepository } from './repositories/project.repository.ts';
import { SettingsRepository } from './repositories/settings.repository.ts';
import { TokenRepository } from './repositories/token.repository.ts';
import { UserRepository } from './repositories/user.repository.ts';
import type { ArtifactService } from './services/artifact.service.ts';
import type { AskService } from './services/ask/ask.service.ts';
import { createAskService } from './services/ask/ask-module.ts';
import { AuditService } from './services/audit.service.ts';
import { AuthService } from './services/auth.service.ts';
import type { DatasetService } from './services/datasets/dataset.service.ts';
import { createDatasetModule } from './services/datasets/dataset-module.ts';
import type { DatasetQueryService } from './services/datasets/dataset-query.service.ts';
import type { DatasetUploadService } from './services/datasets/dataset-upload.service.ts';
import { JobAccess } from './services/job-access.ts';
import type { ModelService } from './services/models/model.service.ts';
import { createModelModule } from './services/models/model-module.ts';
import type { ProfileModule } from './services/profiles/profile-module.ts';
import { ProjectService } from './services/project.service.ts';
import type { SearchService } from './services/search.service.ts';
import { TokenSigner } from './services/token-signer.ts';
import { UserService } from './services/user.service.ts';
import { type ClosingStep, closeInReverse } from './shutdown.ts';

export interface Platform {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  storage: Storage;
  bus: EventBus;
  jobs: JobSystem;
  rateCounter: RateCounter;
  /** Shared Redis connection for rate limits (production mode only). */
  redis?: Redis;
  /** HMAC key for signed download URLs, derived from the JWT secret. */
  signingSecret: string;
  /**
   * Start running jobs: in embedded mode the API process is the worker; with Redis, `serve`
   * also consumes BullMQ jobs unless UAM_EMBEDDED_WORKER=false (API-only replicas).
   */
  startJobs(): Promise<void>;
  services: {
    auth: AuthService;
    users: UserService;
    projects: ProjectService;
    audit: AuditService;
    jobAccess: JobAccess;
    datasets: DatasetService;
    datasetUploads: DatasetUploadService;
    datasetQueries: DatasetQueryService;
    search: SearchService;
    artifacts: ArtifactService;
    /** Profiles, cleaning recipes, drift, recipe templates. */
    eda: ProfileModule;
    ask: AskService;
    models: ModelService;
  };
  /**
   * One pass of the periodic maintenance, also on a timer: dataset purge, stale versions, and
   * what uploads cut off by a crash left in storage (`abandoned`).
   */
  sweep(): Promise<{ purged: number; reconciled: number; abandoned: number }>;
  close(): Promise<void>;
}

/**
 * How old what an interrupted upload left in storage must be before the sweep removes it: older
 * than any upload still under way (S3 dates a multipart upload from its start; 2 GB over a slow
 * link takes hours), as S3 lifecycle rules for incomplete uploads usually are.
 */
const ABANDONED_PUT_AGE_MS = 24 * 60 * 60_000;

/**
 * Assemble the platform from config: embedded parts by default, production parts where
 * DATABASE_URL / REDIS_URL / S3_BUCKET say so. The same code path either way.
 */
export async function createPlatform(
  config: Config,
  logger: Logger,
  opts: { role: 'api' | 'worker' } = { role: 'api' },
): Promise<Platform> {
  const closers: ClosingStep[] = [];
  const close = () => closeInReverse(closers.splice(0), logger);
  try {
    const database = await openDatabase(config.db, logger);
    closers.push({ name: 'database', close: () => database.close() });
    await migrateToLatest(database.db);
    const db = database.db;

    const jwtSecret = await jwtSecretOf(db, config);
    const signingSecret = storageSigningSecret(jwtSecret);

    const storage = await createStorage(config.storage, {
      signingSecret,
      publicBaseUrl: config.UAM_PUBLIC_URL ?? '',
    });
    closers.push({ name: 'storage', close: () => storage.close() });
    const bus = await createEventBus(config.queue);
    closers.push({ name: 'event bus', close: () => bus.close() });
    let redis: Redis | undefined;
    let rateCounter: RateCounter;
    if (config.queue.kind === 'bullmq') {
      redis = new (ioredis().Redis)(config.queue.redisUrl, {
        maxRetriesPerRequest: 2,
        enableOfflineQueue: true,
      });
      closers.push({ name: 'redis', close: () => redis!.quit() });
      rateCounter = new RedisRateCounter(config.queue.redisUrl);
    } else {
      rateCounter = new MemoryRateCounter();
    }
    closers.push({ name: 'rate counter', close: () => rateCounter.close() });

    const jobs = createJobSystem({ config, db, bus, logger, role: opts.role });
    closers.push({ name: 'jobs', close: () => jobs.close() });
    const embeddedWorker =
      opts.role === 'api' && config.queue.kind === 'bullmq' && config.UAM_EMBEDDED_WORKER
        ? createJobSystem({ config, db, bus, logger, role: 'worker' })
        : undefined;
    if (embeddedWorker) closers.push({ name: 'embedded worker', close: () => embeddedWorker.close() });

    const users = new UserRepository(db);
    const tokens = new TokenRepository(db);
    const projects = new ProjectRepository(db);
    const projectService = new ProjectService(projects, users, async (projectId) => {
      try {
        await storage.deletePrefix(`projects/${projectId}/`);
      } catch (err) {
        logger.error({ err, projectId }, 'could not delete the files of a deleted project');
      }
    });
    const data = createDatasetModule({
      config,
      db,
      storage,
      jobs: jobs.service,
      projects: projectService,
      logger,
      warmWorkers: () => jobs.warm(),
      runTask: jobs.runTask,
    });
    closers.push({ name: 'data', close: () => data.close() });
    // Hooks go where jobs run: this process in embedded mode, and the embedded BullMQ worker.
    if (config.queue.kind === 'inprocess') data.installJobHooks(jobs.hooks);
    if (embeddedWorker) data.installJobHooks(embeddedWorker.hooks);
    const ml = createModelModule({
      config,
      db,
      storage,
      jobs: jobs.service,
      projects: projectService,
      logger,
      artifacts: data.artifacts,
    });
    if (config.queue.kind === 'inprocess') ml.installJobHooks(jobs.hooks);
    if (embeddedWorker) ml.installJobHooks(embeddedWorker.hooks);
    let sweepTimer: NodeJS.Timeout | undefined;
    closers.push({ name: 'sweep timer', close: async () => clearInterval(sweepTimer) });
    // Each part on its own: a failing store must not stop the purge, nor the other way round.
    const sweep = async () => {
      const done = { purged: 0, reconciled: 0, abandoned: 0 };
      try {
        Object.assign(done, await data.sweep());
      } catch (err) {
        logger.error({ err }, 'maintenance sweep failed');
      }
      try {
        done.abandoned = await storage.sweepAbandoned(new Date(Date.now() - ABANDONED_PUT_AGE_MS));
        if (done.abandoned > 0) logger.info({ count: done.abandoned }, 'removed uploads cut off by a crash');
      } catch (err) {
        logger.error({ err }, 'sweeping abandoned uploads failed');
      }
      return done;
    };
    const auth = new AuthService({
      users,
      orgs: new OrganizationRepository(db),
      tokens,
      signer: new TokenSigner(jwtSecret, config.UAM_ACCESS_TOKEN_TTL),
      signup: config.UAM_SIGNUP,
      defaultOrgName: config.UAM_DEFAULT_ORG,
      refreshTtlSeconds: config.UAM_REFRESH_TOKEN_TTL,
    });
    return {
      config,
      logger,
      database,
      storage,
      bus,
      jobs,
      rateCounter,
      redis,
      signingSecret,
      async startJobs() {
        await jobs.start();
        await embeddedWorker?.start();
        if (opts.role === 'api' && !sweepTimer) {
          sweepTimer = setInterval(() => void sweep(), config.UAM_PURGE_INTERVAL_MS);
          sweepTimer.unref();
        }
      },
      sweep,
      services: {
        auth,
        users: new UserService(users, tokens, auth),
        projects: projectService,
        audit: new AuditService(new AuditRepository(db), logger),
        jobAccess: new JobAccess(projects),
        datasets: data.datasets,
        datasetUploads: data.uploads,
        datasetQueries: data.queries,
        search: data.search,
        artifacts: data.artifacts,
        eda: data.eda,
        ask: createAskService({ config, db, data, projects: projectService, logger }),
        models: ml.models,
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The JWT secret: configured, or generated once and shared by every replica through the DB. */
export async function jwtSecretOf(db: Db, config: Config): Promise<string> {
  if (config.UAM_JWT_SECRET) return config.UAM_JWT_SECRET;
  return new SettingsRepository(db).getOrInsert('jwt_secret', crypto.randomBytes(48).toString('base64url'));
}

/** HMAC key for the filesystem store's download links, derived from the JWT secret. */
export function storageSigningSecret(jwtSecret: string): string {
  return crypto.createHmac('sha256', jwtSecret).update('uam-storage-signing-v1').digest('hex');
}
