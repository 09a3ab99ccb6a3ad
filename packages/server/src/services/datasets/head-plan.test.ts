import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LINE_BYTES } from '../../../../engine/src/data/detect/sniff-text.ts';
import { DEFAULT_SAMPLE_ROWS } from '../../../../engine/src/data/ingest/ingest-file.ts';
import { EARLY_HEAD_BYTES, PLAN_HEAD_BYTES, tapHead } from './head-plan.ts';
import { ENGINE_DEFAULTS } from './parse-options.ts';

function lines(bytes: number, row = 'a,b,c,0123456789\n'): Buffer {
  return Buffer.from(row.repeat(Math.ceil(bytes / row.length)).slice(0, bytes));
}

/** 64 KB chunks, as a socket delivers them. */
function chunks(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += 65536) out.push(data.subarray(i, i + 65536));
  return out;
}

/** The head `tapHead` plans `data` from, given the rows the plan samples. */
async function headOf(data: Buffer, sampleRows?: number): Promise<Buffer | undefined> {
  let head: Buffer | undefined;
  const tapped = tapHead(
    Readable.from(chunks(data)),
    '{}',
    async (h) => {
      head = Buffer.from(h);
      return { planned: true };
    },
    () => {},
    undefined,
    sampleRows,
  );
  expect((await buffer(tapped.stream)).equals(data)).toBe(true);
  return head;
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

  it('plans from a 3 MB head when it holds the sample, else waits for the full head', async () => {
    const narrow = await headOf(lines(PLAN_HEAD_BYTES + 1_000_000), 10_000);
    expect(narrow!.length).toBeGreaterThan(EARLY_HEAD_BYTES - 100);
    expect(narrow!.length).toBeLessThanOrEqual(EARLY_HEAD_BYTES + 65536);
    expect(narrow!.at(-1)).toBe(0x0a);
    // 400-byte rows: 3 MB holds ~7,900 of the 10,000 rows, so the plan waits for 8 MB.
    const wide = await headOf(lines(PLAN_HEAD_BYTES + 1_000_000, `${'x'.repeat(399)}\n`), 10_000);
    expect(wide!.length).toBeGreaterThan(PLAN_HEAD_BYTES - 400);
    // Without a sample size (e.g. a sniffer that may read past 3 MB), the full head as before.
    expect((await headOf(lines(PLAN_HEAD_BYTES + 1_000_000)))!.length).toBeGreaterThan(PLAN_HEAD_BYTES - 20);
  });

  it("keeps the upload path's copy of the engine defaults equal to the engine's", () => {
    expect(ENGINE_DEFAULTS).toEqual({
      sampleRows: DEFAULT_SAMPLE_ROWS,
      maxLineBytes: DEFAULT_MAX_LINE_BYTES,
    });
    expect(ENGINE_DEFAULTS.maxLineBytes).toBeLessThan(EARLY_HEAD_BYTES);
  });
});
