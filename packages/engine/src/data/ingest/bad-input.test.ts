import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors.ts';
import { useEngine } from '../test-support/fixtures.ts';
import type { ParseOptions } from '../types.ts';
import { ingestFile } from './ingest-file.ts';

const t = useEngine();

async function ingest(
  name: string,
  content: string | Buffer,
  options: ParseOptions = {},
  signal?: AbortSignal,
) {
  return ingestFile(t.engine(), {
    input: t.file(name, content),
    output: t.out(`${name}.parquet`),
    options,
    signal,
  });
}

async function engineError(p: Promise<unknown>): Promise<EngineError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EngineError);
  return e as EngineError;
}

describe('bad input gets a typed error and leaves nothing behind', () => {
  it('a Parquet file cut short says so', async () => {
    const whole = t.file('whole.csv', 'a,b\n1,x\n2,y\n');
    await ingestFile(t.engine(), { input: whole, output: t.out('whole.parquet') });
    const cut = fs.readFileSync(t.out('whole.parquet')).subarray(0, 100);
    const e = await engineError(ingest('cut.parquet', cut));
    expect(e.code).toBe('DATASET_PARSE_ERROR');
    expect(e.message).toMatch(/not a whole Parquet file/);
  });

  it('empty file, whitespace only', async () => {
    expect((await engineError(ingest('empty.csv', ''))).code).toBe('DATASET_EMPTY');
    expect((await engineError(ingest('blank.csv', '\n  \n'))).code).toBe('DATASET_EMPTY');
    expect(fs.existsSync(t.out('empty.csv.parquet'))).toBe(false);
  });

  it('header only', async () => {
    const e = await engineError(ingest('header.csv', 'a,b,c\n'));
    expect(e.code).toBe('DATASET_HEADER_ONLY');
  });

  it('binary garbage renamed .csv', async () => {
    let seed = 7;
    const bytes = Buffer.alloc(8192);
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = seed & 0xff;
    }
    expect((await engineError(ingest('garbage.csv', bytes))).code).toBe('DATASET_BINARY');
  });

  it('foreign formats: PDF, a zip that is not a workbook', async () => {
    expect((await engineError(ingest('doc.csv', '%PDF-1.7\n...'))).code).toBe('DATASET_UNSUPPORTED_FORMAT');
    const { makeZip } = await import('../test-support/zip-writer.ts');
    const zip = makeZip([{ name: 'readme.txt', data: Buffer.from('hello') }]);
    expect((await engineError(ingest('archive.xlsx', zip))).code).toBe('DATASET_UNSUPPORTED_FORMAT');
  });

  it('ragged rows report their line numbers; skipBadLines skips and counts them', async () => {
    const text = 'a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n13,14,15\n';
    const e = await engineError(ingest('ragged.csv', text));
    expect(e.code).toBe('DATASET_PARSE_ERROR');
    expect(e.details).toMatchObject({ reason: 'ragged_rows', lines: [3, 5], badLineCount: 2 });
    const r = await ingest('ragged-skip.csv', text, { skipBadLines: true });
    expect(r.rowCount).toBe(3);
    expect(r.skippedRows).toBe(2);
    expect(r.warnings.find((w) => w.code === 'ROWS_SKIPPED')?.details).toMatchObject({ count: 2 });
  });

  it('lists each bad line once even when it breaks several rules', async () => {
    // Forced not to skip the title: every row has more fields than the one-name header.
    const text = 'Sales report\n\nregion,q1,q2\nNorth,10,5\nSouth,20,7\n';
    const e = await engineError(ingest('titled-forced.csv', text, { skipRows: 0 }));
    const lines = (e.details as { lines: number[] }).lines;
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines).size).toBe(lines.length);
    expect(e.message).toMatch(/^\d+ lines have|^A line has/);
  });

  it('an unterminated quote reports its line', async () => {
    const e = await engineError(ingest('quote.csv', 'a,b\n1,x\n2,"never closed\n3,y\n'));
    expect(e.code).toBe('DATASET_PARSE_ERROR');
    expect(e.details.reason).toBe('unterminated_quote');
    expect(e.details.lines).toContain(3);
  });

  it('duplicate, empty, 1,000-character and control-character names are cleaned and reported', async () => {
    const long = 'x'.repeat(1000);
    const r = await ingest('names.csv', `a,a,,A,${long}," b\tc "\n1,2,3,4,5,6\n`);
    const names = r.columns.map((c) => c.name);
    expect(names.slice(0, 4)).toEqual(['a', 'a_2', 'column_3', 'A_3']);
    expect(names[4]).toHaveLength(128);
    expect(names[5]).toBe('b c');
    expect(r.columns[4].sourceName).toBe(long);
    expect(r.warnings.filter((w) => w.code === 'COLUMN_RENAMED')).toHaveLength(5);
  });

  it('5,000 columns work; more than maxColumns is refused', async () => {
    const width = 5000;
    const header = Array.from({ length: width }, (_, i) => `c${i}`).join(',');
    const rows = Array.from({ length: 5 }, (_, r) =>
      Array.from({ length: width }, (_, i) => String(r * i)).join(','),
    );
    const text = `${header}\n${rows.join('\n')}\n`;
    const r = await ingest('wide.csv', text);
    expect(r.columnCount).toBe(width);
    expect(r.columns[width - 1]).toMatchObject({ name: 'c4999', storageType: 'integer' });
    expect((await engineError(ingest('wide2.csv', text, { maxColumns: 1000 }))).code).toBe(
      'DATASET_TOO_MANY_COLUMNS',
    );
  }, 60_000);

  it('a single 50 MB line fails fast with bounded memory', async () => {
    const file = t.out('long-line.csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, 'a,b\n1,');
    const block = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i < 50; i++) fs.writeSync(fd, block);
    fs.writeSync(fd, '\n2,y\n');
    fs.closeSync(fd);
    const before = process.memoryUsage().rss;
    const e = await engineError(ingestFile(t.engine(), { input: file, output: t.out('long.parquet') }));
    expect(e.code).toBe('DATASET_PARSE_ERROR');
    expect(e.details.reason).toBe('line_too_long');
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024);
    // The same bytes with no line break at all: the header itself is too long.
    const one = t.out('one-line.csv');
    fs.writeFileSync(one, Buffer.alloc(50 * 1024 * 1024, 'y'));
    const e2 = await engineError(ingestFile(t.engine(), { input: one, output: t.out('one.parquet') }));
    expect(e2.details).toMatchObject({ reason: 'line_too_long', lines: [1] });
  }, 60_000);

  it('invalid UTF-8 bytes become U+FFFD and are counted, in the sample or far after it', async () => {
    const bad = Buffer.concat([
      Buffer.from('name,n\ncafé,1\nna'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('ve,2\nthé,3\n'),
    ]);
    const r = await ingest('bad-utf8.csv', bad);
    expect(r.warnings.find((w) => w.code === 'INVALID_BYTES_REPLACED')?.details).toMatchObject({
      replacements: 2,
    });
    expect(r.rowCount).toBe(3);
    const filler = 'città,1\n'.repeat(200_000);
    const late = Buffer.concat([
      Buffer.from(`name,n\n${filler}`),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(',2\n'),
    ]);
    const r2 = await ingest('late-bad-utf8.csv', late);
    expect(r2.rowCount).toBe(200_001);
    expect(r2.warnings.map((w) => w.code)).toContain('INVALID_BYTES_REPLACED');
  }, 30_000);

  it('cancellation through AbortSignal stops the ingest and cleans up', async () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => `${i},${i * 1.5},name${i % 100}`).join('\n');
    const input = t.file('cancel.csv', `id,v,name\n${rows}\n`);
    const output = t.out('cancel.parquet');
    const ac = new AbortController();
    const p = ingestFile(t.engine(), {
      input,
      output,
      signal: ac.signal,
      onProgress: (f) => {
        if (f >= 0.25) ac.abort();
      },
    });
    expect((await engineError(p)).code).toBe('CANCELLED');
    expect(fs.existsSync(output)).toBe(false);
    const leftovers = fs.readdirSync(path.dirname(output)).filter((f) => f.startsWith('cancel.parquet'));
    expect(leftovers).toEqual([]);
    const pre = new AbortController();
    pre.abort();
    expect((await engineError(ingest('cancel2.csv', 'a\n1\n', {}, pre.signal))).code).toBe('CANCELLED');
  }, 30_000);

  it('bad options are refused, not ignored', async () => {
    const e = await engineError(ingest('opts.csv', 'a\n1\n', { delimiter: ';;' }));
    expect(e.code).toBe('INVALID_OPTIONS');
  });
});
