import type { Config } from '../../config/config.ts';
import type { Logger } from '../../logger.ts';
import { BullmqQueue } from './bullmq-queue.ts';
import { InProcessQueue } from './in-process-queue.ts';
import type { JobQueue } from './queue.ts';

export interface JobQueueOptions {
  /** BullMQ Redis key prefix (default `uam`); tests and shared Redis servers set their own. */
  prefix?: string;
}

/** In-process queue by default; BullMQ on Redis when REDIS_URL is set. */
export function createJobQueue(config: Config, logger: Logger, options: JobQueueOptions = {}): JobQueue {
  if (config.queue.kind === 'inprocess') {
    return new InProcessQueue({ concurrency: config.UAM_JOB_CONCURRENCY, logger });
  }
  return new BullmqQueue({
    redisUrl: config.queue.redisUrl,
    prefix: options.prefix ?? config.queue.prefix,
    concurrency: config.UAM_JOB_CONCURRENCY,
    lockDurationMs: config.UAM_QUEUE_LOCK_MS,
    stalledIntervalMs: config.UAM_QUEUE_STALLED_MS,
    logger,
  });
}
