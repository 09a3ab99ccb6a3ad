import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { PLAN_HEAD_BYTES, tapHead } from './head-plan.ts';

function lines(bytes: number): Buffer {
  const row = 'a,b,c,0123456789\n';
  return Buffer.from(row.repeat(Math.ceil(bytes / row.length)).slice(0, bytes));
}

describe('tapHead', () => {
  it('passes every byte through and plans once, from a head cut after a line end', async () => {
    const data = lines(PLAN_HEAD_BYTES + 3_000_000);
    const heads: Uint8Array[] = [];
    const { stream, headPlan } = tapHead(
      Readable.from([data.subarray(0, 5_000_000), data.subarray(5_000_000)]),
      '{}',
      async (head) => {
        heads.push(head);
        return { planned: true };
      },
      () => {},
    );
    expect((await buffer(stream)).equals(data)).toBe(true);
    expect(heads).toHaveLength(1);
    const head = Buffer.from(heads[0]!);
    expect(head.length).toBeLessThanOrEqual(PLAN_HEAD_BYTES);
    expect(head.length).toBeGreaterThan(PLAN_HEAD_BYTES - 20);
    expect(head.at(-1)).toBe(0x0a);
    expect(head.equals(data.subarray(0, head.length))).toBe(true);
    expect(await headPlan.take('{"delimiter":";"}')).toBeUndefined();
    expect(await headPlan.take('{}')).toEqual({ planned: true });
  });

  it('does not plan a file no longer than the head, nor keep a declined plan', async () => {
    let calls = 0;
    const small = tapHead(
      Readable.from([lines(1000)]),
      '{}',
      async () => ++calls,
      () => {},
    );
    await buffer(small.stream);
    expect(calls).toBe(0);
    expect(await small.headPlan.take('{}')).toBeUndefined();
    const declined = tapHead(
      Readable.from([lines(PLAN_HEAD_BYTES + 10)]),
      '{}',
      async () => null,
      () => {},
    );
    await buffer(declined.stream);
    expect(await declined.headPlan.take('{}')).toBeUndefined();
  });

  it('passes a source error on, and cancel aborts the planner', async () => {
    const source = new PassThrough();
    let signal: AbortSignal | undefined;
    const { stream, headPlan } = tapHead(
      source,
      '{}',
      (_head, s) => {
        signal = s;
        return new Promise(() => {});
      },
      () => {},
    );
    const consumed = buffer(stream);
    source.write(lines(PLAN_HEAD_BYTES + 100));
    const hangUp = new Error('client went away');
    source.destroy(hangUp);
    await expect(consumed).rejects.toBe(hangUp);
    expect(signal?.aborted).toBe(false);
    headPlan.cancel();
    expect(signal?.aborted).toBe(true);
  });
});
