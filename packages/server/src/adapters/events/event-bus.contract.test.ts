import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasService, TEST_SERVICES } from '../../../../../test/support/services.ts';
import { createEventBus } from './create-event-bus.ts';
import type { BusMessage, EventBus, JobEvent } from './event-bus.ts';

/** A publisher and a subscriber: the same instance in memory, two connections over Redis. */
interface BusPair {
  publisher: EventBus;
  subscriber: EventBus;
  close(): Promise<void>;
}

const redisUp = await hasService('redis');

const implementations: Array<{ name: string; enabled: boolean; open(): Promise<BusPair> }> = [
  {
    name: 'memory',
    enabled: true,
    async open() {
      const bus = await createEventBus({ kind: 'inprocess' });
      return { publisher: bus, subscriber: bus, close: () => bus.close() };
    },
  },
  {
    name: 'redis',
    enabled: redisUp,
    async open() {
      const queue = { kind: 'bullmq', redisUrl: TEST_SERVICES.redis.url, prefix: 'uam' } as const;
      const channel = `uam-test:${crypto.randomUUID()}:events`;
      const publisher = await createEventBus(queue, { channel });
      const subscriber = await createEventBus(queue, { channel });
      return {
        publisher,
        subscriber,
        close: async () => {
          await publisher.close();
          await subscriber.close();
        },
      };
    },
  },
];

function jobEvent(id: string, progress: number): JobEvent {
  return {
    id,
    type: 'echo',
    status: 'running',
    progress,
    message: `at ${progress}`,
    result: { nested: [1, 'two', null] },
    error: null,
    orgId: null,
    projectId: null,
    createdBy: null,
    attempts: 1,
    createdAt: new Date(0).toISOString(),
    updatedAt: new Date(0).toISOString(),
    startedAt: null,
    finishedAt: null,
  };
}

/** Collects messages until `count` arrived (or fails after `timeoutMs`). */
function collect(bus: EventBus, count: number, timeoutMs = 3000): Promise<BusMessage[]> {
  const got: BusMessage[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`got ${got.length} of ${count} messages`));
    }, timeoutMs);
    const off = bus.subscribe((m) => {
      got.push(m);
      if (got.length === count) {
        clearTimeout(timer);
        off();
        resolve(got);
      }
    });
  });
}

for (const impl of implementations) {
  describe.skipIf(!impl.enabled)(`EventBus contract: ${impl.name}`, () => {
    let pair: BusPair;
    beforeAll(async () => {
      pair = await impl.open();
    });
    afterAll(async () => {
      await pair?.close();
    });

    it('delivers messages of both kinds, in publication order, as JSON', async () => {
      const received = collect(pair.subscriber, 21);
      for (let i = 0; i < 20; i++)
        await pair.publisher.publish({ kind: 'job.updated', job: jobEvent('a', i / 20) });
      await pair.publisher.publish({ kind: 'job.cancel', jobId: 'a' });
      const got = await received;
      expect(got.slice(0, 20).map((m) => (m.kind === 'job.updated' ? m.job.progress : -1))).toEqual(
        Array.from({ length: 20 }, (_, i) => i / 20),
      );
      expect(got[0]).toEqual({ kind: 'job.updated', job: jobEvent('a', 0) });
      expect(got[20]).toEqual({ kind: 'job.cancel', jobId: 'a' });
    });

    it('gives every subscriber its own copy and stops after unsubscribe', async () => {
      const message: BusMessage = { kind: 'job.updated', job: jobEvent('b', 0.5) };
      const first = collect(pair.subscriber, 1);
      const second = collect(pair.subscriber, 1);
      const dropped: BusMessage[] = [];
      const off = pair.subscriber.subscribe((m) => dropped.push(m));
      off();
      await pair.publisher.publish(message);
      const [a, b] = await Promise.all([first, second]);
      expect(a[0]).toEqual(message);
      expect(b[0]).toEqual(message);
      expect(a[0]).not.toBe(b[0]);
      expect(a[0]).not.toBe(message);
      expect(dropped).toEqual([]);
    });

    it('keeps delivering to other listeners when one throws', async () => {
      const off = pair.subscriber.subscribe(() => {
        throw new Error('listener bug');
      });
      const received = collect(pair.subscriber, 1);
      await pair.publisher.publish({ kind: 'job.cancel', jobId: 'c' });
      expect(await received).toEqual([{ kind: 'job.cancel', jobId: 'c' }]);
      off();
    });
  });
}
