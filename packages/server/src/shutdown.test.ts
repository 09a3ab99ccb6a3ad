import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { closeInReverse } from './shutdown.ts';

function capture() {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (s: string) => lines.push(s) });
  return { logger, logged: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('closeInReverse', () => {
  it('closes parts newest first, going on past one that fails', async () => {
    const { logger, logged } = capture();
    const order: string[] = [];
    const step = (name: string, fail = false) => ({
      name,
      close: async () => {
        order.push(name);
        if (fail) throw new Error(`${name} broke`);
      },
    });
    await closeInReverse([step('database'), step('queue', true), step('engine')], logger);
    expect(order).toEqual(['engine', 'queue', 'database']);
    expect(logged().find((l) => l.step === 'queue')?.msg).toBe('error while closing');
  });

  it('goes on without a part that never closes, and names it', async () => {
    const { logger, logged } = capture();
    const closed: string[] = [];
    const started = performance.now();
    await closeInReverse(
      [
        { name: 'database', close: async () => closed.push('database') },
        { name: 'jobs', close: () => new Promise(() => {}) },
      ],
      logger,
      50,
    );
    expect(closed).toEqual(['database']);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(logged().find((l) => l.step === 'jobs')).toMatchObject({
      msg: 'a part did not close in time; going on without it',
      waitedMs: 50,
    });
  });
});
