import type { Logger } from '../../logger.ts';
import type { BusMessage, EventBus } from './event-bus.ts';

/**
 * The embedded bus: one process, no network. Messages are delivered asynchronously and as JSON
 * copies, so listeners see exactly what they would get from the Redis bus (no shared objects,
 * no Dates, no re-entrancy into the publisher).
 */
export class MemoryEventBus implements EventBus {
  private readonly listeners = new Set<(message: BusMessage) => void>();
  private closed = false;

  constructor(private readonly logger?: Logger) {}

  async publish(message: BusMessage): Promise<void> {
    if (this.closed) return;
    const json = JSON.stringify(message);
    // A microtask keeps publication order while letting publish() return first, like Redis.
    queueMicrotask(() => {
      for (const listener of this.listeners) deliver(listener, JSON.parse(json) as BusMessage, this.logger);
    });
  }

  subscribe(listener: (message: BusMessage) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }
}

/** One failing listener must not starve the others; its error is logged, not swallowed. */
export function deliver(listener: (message: BusMessage) => void, message: BusMessage, logger?: Logger): void {
  try {
    listener(message);
  } catch (err) {
    logger?.error({ err, kind: message.kind }, 'event bus listener failed');
  }
}
