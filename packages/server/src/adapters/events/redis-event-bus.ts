import type { Redis } from 'ioredis';
import { UamError } from '../../errors/index.ts';
import type { Logger } from '../../logger.ts';
import { ioredis } from '../production-deps.ts';
import type { BusMessage, EventBus } from './event-bus.ts';
import { deliver } from './memory-event-bus.ts';

export const DEFAULT_EVENT_CHANNEL = 'uam:events';

/**
 * Redis pub/sub bus shared by API replicas and `uam worker` processes. A connection in
 * subscriber mode cannot publish, hence two connections. Pub/sub is fire-and-forget: a
 * message sent while a subscriber is reconnecting is lost, which is fine because messages are
 * hints and the jobs table stays the truth.
 */
export class RedisEventBus implements EventBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly listeners = new Set<(message: BusMessage) => void>();
  private readonly ready: Promise<void>;

  constructor(
    redisUrl: string,
    private readonly channel = DEFAULT_EVENT_CHANNEL,
    private readonly logger?: Logger,
  ) {
    // A bounded retry count makes start-up fail with a clear error when Redis is down instead
    // of hanging; once connected, ioredis reconnects and re-subscribes by itself.
    this.pub = new (ioredis().Redis)(redisUrl, { maxRetriesPerRequest: 3 });
    this.sub = new (ioredis().Redis)(redisUrl, { maxRetriesPerRequest: 3 });
    for (const c of [this.pub, this.sub])
      c.on('error', (err) => this.logger?.warn({ err }, 'event bus redis error'));
    this.sub.on('message', (ch: string, raw: string) => this.onMessage(ch, raw));
    this.ready = this.sub.subscribe(this.channel).then(() => undefined);
    // Surface a failed subscribe through waitUntilReady/publish, not as an unhandled rejection.
    this.ready.catch(() => {});
  }

  /** Resolves once this instance's own subscription is live. */
  async waitUntilReady(): Promise<void> {
    try {
      await this.ready;
    } catch (err) {
      throw new UamError(
        'SERVICE_UNAVAILABLE',
        `Event bus could not subscribe: ${String(err)}`,
        {},
        { cause: err },
      );
    }
  }

  async publish(message: BusMessage): Promise<void> {
    await this.waitUntilReady();
    await this.pub.publish(this.channel, JSON.stringify(message));
  }

  subscribe(listener: (message: BusMessage) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }

  private onMessage(channel: string, raw: string): void {
    if (channel !== this.channel) return;
    for (const listener of this.listeners) {
      // Parsed per listener, as in the memory bus: no listener sees another's mutations.
      let message: BusMessage;
      try {
        message = JSON.parse(raw) as BusMessage;
      } catch (err) {
        this.logger?.warn({ err }, 'event bus dropped a message that is not JSON');
        return;
      }
      deliver(listener, message, this.logger);
    }
  }
}
