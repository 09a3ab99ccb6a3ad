import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readParquet, useEngine } from '../test-support/fixtures.ts';
import type { CsvPlan } from './ingest-context.ts';
import { ingestCsvStream, ingestFile, planCsvHead } from './ingest-file.ts';

const t = useEngine();
// Small limits so a test file of a few hundred KB has a head longer than a line may be.
const options = { maxLineBytes: 4096, sampleRows: 1000 };

/** 5,000 rows of mixed columns; past row 3,000 `late` holds text, which the sample never sees. */
function csv(rows = 5000): string {
  const lines = ['id,price,when,city,flag,late,note'];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(
      [
        i,
        i % 17 === 0 ? 'NA' : (i * 1.25).toFixed(2),
        `2024-03-${day}`,
        ['Paris', 'Lyon', 'Nice'][i % 3],
        i % 2 === 0 ? 'yes' : 'no',
        i < 3000 ? String(i % 7) : `x${i}`,
        `"note ${i}, with a comma"`,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The first `bytes` of `text`, cut after its last line end, as an upload's head would be. */
function head(text: string, bytes: number): string {
  const part = text.slice(0, bytes);
  return part.slice(0, part.lastIndexOf('\n') + 1);
}

describe('planCsvHead', () => {
  it("plans from a file's head exactly what the whole file would get", async () => {
    const text = csv();
    const input = t.file('whole.csv', text);
    const plan = await planCsvHead(t.engine(), {
      head: t.file('head.csv', head(text, 100_000)),
      options,
      hint: { fileName: 'whole.csv' },
    });
    expect(plan).not.toBeNull();
    const planned = await ingestFile(t.engine(), {
      input,
      output: t.out('planned.parquet'),
      options,
      hint: { fileName: 'whole.csv' },
      csvPlan: plan!,
    });
    const own = await ingestFile(t.engine(), {
      input,
      output: t.out('own.parquet'),
      options,
      hint: { fileName: 'whole.csv' },
    });
    const { durationMs: _a, ...a } = planned;
    const { durationMs: _b, ...b } = own;
    expect(a).toEqual(b);
    expect(a.rowCount).toBe(5000);
    // The text after the sample still widens `late` (the write re-checks every row).
    expect(a.columns.find((c) => c.name === 'late')?.storageType).toBe('string');
    expect(await readParquet(t.engine(), t.out('planned.parquet'))).toEqual(
      await readParquet(t.engine(), t.out('own.parquet')),
    );
  });

  it('skips sniffing and inference when given a plan', async () => {
    const text = csv();
    const plan = await planCsvHead(t.engine(), { head: t.file('h2.csv', head(text, 100_000)), options });
    // A source name this file's own inference could not produce: the plan is used as given.
    const forged = {
      ...plan!,
      sniff: { ...plan!.sniff, header: true },
      columns: plan!.columns.map((c) => (c.name === 'id' ? { ...c, sourceName: 'ID from the plan' } : c)),
    };
    const r = await ingestFile(t.engine(), {
      input: t.file('w2.csv', text),
      output: t.out('w2.parquet'),
      options,
      csvPlan: forged,
    });
    expect(r.columns.find((c) => c.name === 'id')?.sourceName).toBe('ID from the plan');
  });

  it('declines a head that cannot stand for the file', async () => {
    const text = csv();
    const plan = (name: string, content: string | Buffer, opts: object = options) =>
      planCsvHead(t.engine(), { head: t.file(name, content), options: opts, hint: { fileName: name } });
    // Fewer rows than a full sample.
    expect(await plan('short.csv', head(text, 20_000))).toBeNull();
    // No more bytes than one line may hold: the sniffer could read past the head.
    expect(await plan('tiny.csv', head(text, 4000))).toBeNull();
    // Compressed, another encoding, another format.
    expect(await plan('h.csv.gz', gzipSync(head(text, 100_000)))).toBeNull();
    expect(
      await plan('latin.csv', Buffer.from(head(text, 100_000).replace('Paris', 'Bézier'), 'latin1')),
    ).toBeNull();
    const json = `[${Array.from({ length: 3000 }, (_, i) => `{"a": ${i}, "b": "text ${i}"}`).join(',\n')}]`;
    expect(await plan('rows.json', json)).toBeNull();
  });
});

/**
 * A named pipe carrying `content` in small pieces, as an upload feeds it: opened read-write and
 * non-blocking, so neither side waits for the other to open it, and `stop` ends it early.
 */
function pipeOf(name: string, content: string): { path: string; fed: Promise<void>; stop(): void } {
  const p = t.out(name);
  execFileSync('mkfifo', [p]);
  const sink = new net.Socket({
    fd: fs.openSync(p, fs.constants.O_RDWR | fs.constants.O_NONBLOCK),
    readable: false,
  });
  sink.on('error', () => {});
  const bytes = Buffer.from(content);
  const fed = (async () => {
    for (let at = 0; at < bytes.length && !sink.destroyed; at += 64 * 1024) {
      await new Promise<void>((resolve) => sink.write(bytes.subarray(at, at + 64 * 1024), () => resolve()));
    }
    sink.destroy();
  })();
  return { path: p, fed, stop: () => sink.destroy() };
}

/** The plan of `text`'s head, as the upload path makes it. */
async function planOf(name: string, text: string) {
  const plan = await planCsvHead(t.engine(), {
    head: t.file(`${name}-head.csv`, head(text, 100_000)),
    options,
  });
  expect(plan).not.toBeNull();
  return plan!;
}

/** `ingestCsvStream` reading `content` through a pipe, into `${name}.parquet`. */
async function throughPipe(
  name: string,
  content: string,
  request: { options: typeof options & { skipBadLines?: boolean }; csvPlan: CsvPlan },
) {
  const pipe = pipeOf(`${name}.fifo`, content);
  try {
    return await ingestCsvStream(t.engine(), {
      input: pipe.path,
      output: t.out(`${name}.parquet`),
      ...request,
    });
  } finally {
    // A declined read stops early: end the feed too.
    pipe.stop();
    await pipe.fed;
  }
}

describe('ingestCsvStream', () => {
  /** Like csv(), but `late` stays numeric throughout: the single pass can finish on a pipe. */
  const clean = (rows = 5000) => csv(rows).replace(/,x(\d+),/g, ',$1,');

  it('writes from a pipe, read once, the version ingestFile writes from the stored file', async () => {
    const text = clean();
    const streamed = await throughPipe('s', text, { options, csvPlan: await planOf('s', text) });
    const own = await ingestFile(t.engine(), {
      input: t.file('s.csv', text),
      output: t.out('s-own.parquet'),
      options,
    });
    expect(streamed).not.toBeNull();
    const { durationMs: _a, ...a } = streamed!;
    const { durationMs: _b, ...b } = own;
    expect(a).toEqual(b);
    expect(a.rowCount).toBe(5000);
    expect(a.columns.find((c) => c.name === 'late')?.storageType).toBe('integer');
    expect(await readParquet(t.engine(), t.out('s.parquet'))).toEqual(
      await readParquet(t.engine(), t.out('s-own.parquet')),
    );
  });

  it('declines, leaving nothing, when a value past the sample does not fit its plan', async () => {
    const text = csv();
    expect(await throughPipe('d', text, { options, csvPlan: await planOf('d', text) })).toBeNull();
    expect(fs.existsSync(t.out('d.parquet'))).toBe(false);
  });

  it('declines what only a stored file allows, before reading the pipe', async () => {
    const text = clean();
    const plan = await planOf('o', text);
    // Skipping bad lines needs DuckDB's rejects tables (a second look); a plan with failures in
    // its sample needs the counting pass.
    const withFailures = {
      ...plan,
      columns: plan.columns.map((c) =>
        c.name === 'id' ? { ...c, sampleFailures: { count: 1, examples: ['?'] } } : c,
      ),
    };
    expect(
      await throughPipe('o1', text, { options: { ...options, skipBadLines: true }, csvPlan: plan }),
    ).toBeNull();
    expect(await throughPipe('o2', text, { options, csvPlan: withFailures })).toBeNull();
  });

  it('reports a cut-off file the way the stored file would be (a pipe ending early is not trusted)', async () => {
    // The caller only keeps a result when every byte was fed; here the engine still must not
    // invent rows from a line cut in the middle of a quoted field.
    const text = clean(3000);
    const cut = `${text}9999,1.5,2024-03-01,Paris,yes,3,"cut off`;
    expect(await throughPipe('c', cut, { options, csvPlan: await planOf('c', text) })).toBeNull();
  });
});
