import type { Config } from '../../config/config.ts';
import type { Logger } from '../../logger.ts';
import type { EventBus } from './event-bus.ts';
import { MemoryEventBus } from './memory-event-bus.ts';
import { RedisEventBus } from './redis-event-bus.ts';

export interface EventBusOptions {
  logger?: Logger;
  /** Redis channel; tests use a unique one so parallel runs do not hear each other. */
  channel?: string;
}

/**
 * The bus that matches the queue: in-memory when jobs run in-process, Redis pub/sub when
 * BullMQ workers live in other processes. Resolves once the Redis subscription is live, so a
 * message published right after start-up is not missed by this process.
 */
export async function createEventBus(
  queue: Config['queue'],
  options: EventBusOptions = {},
): Promise<EventBus> {
  if (queue.kind === 'inprocess') return new MemoryEventBus(options.logger);
  const bus = new RedisEventBus(queue.redisUrl, options.channel ?? `${queue.prefix}:events`, options.logger);
  try {
    await bus.waitUntilReady();
  } catch (err) {
    await bus.close();
    throw err;
  }
  return bus;
}
