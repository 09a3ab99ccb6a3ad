import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readParquet, useEngine } from '../test-support/fixtures.ts';
import { ingestFile, planCsvHead } from './ingest-file.ts';

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
