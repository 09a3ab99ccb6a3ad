import type { Redis } from 'ioredis';
import { ioredis } from '../production-deps.ts';
import type { RateCounter } from './rate-counter.ts';

const PREFIX = 'uam:rate:';

export class RedisRateCounter implements RateCounter {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new (ioredis().Redis)(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  }

  async peek(key: string) {
    const [count, ttl] = await this.redis
      .multi()
      .get(PREFIX + key)
      .pttl(PREFIX + key)
      .exec()
      .then(unwrap);
    return { count: Number(count ?? 0), resetMs: Math.max(0, Number(ttl)) };
  }

  async hit(key: string, windowMs: number) {
    // NX on the expiry keeps the window fixed from the first hit.
    const [count, , ttl] = await this.redis
      .multi()
      .incr(PREFIX + key)
      .pexpire(PREFIX + key, windowMs, 'NX')
      .pttl(PREFIX + key)
      .exec()
      .then(unwrap);
    return { count: Number(count), resetMs: Math.max(0, Number(ttl)) };
  }

  async close() {
    await this.redis.quit();
  }
}

function unwrap(results: Array<[Error | null, unknown]> | null): unknown[] {
  if (!results) throw new Error('redis transaction aborted');
  return results.map(([err, v]) => {
    if (err) throw err;
    return v;
  });
}
