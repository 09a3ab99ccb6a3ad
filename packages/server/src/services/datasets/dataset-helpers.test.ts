import { describe, expect, it } from 'vitest';
import { toPrefixQuery } from '../../repositories/search.repository.ts';
import { withoutPaths } from './dataset-errors.ts';
import { parseSort } from './dataset-query.service.ts';
import { datasetNameFrom, exportFileName, MAX_FILE_NAME, sanitizeFileName } from './file-name.ts';
import { canonicalOptions, parseOptionsField } from './parse-options.ts';
import { Semaphore } from './semaphore.ts';

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\sales.csv', 'sales.csv'],
    ['a\u0000b\u0007c\u202e.csv', 'abc.csv'],
    ['...hidden.csv', 'hidden.csv'],
    ['  spaced   name .csv ', 'spaced name .csv'],
    ['', null],
    ['../..', null],
    [undefined, null],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('caps the length and keeps the extension', () => {
    const name = sanitizeFileName(`${'x'.repeat(5000)}.csv.gz`)!;
    expect(name.length).toBe(MAX_FILE_NAME);
    expect(name.endsWith('.gz')).toBe(true);
  });

  it('derives dataset and download names', () => {
    expect(datasetNameFrom('sales 2024.csv.gz')).toBe('sales 2024');
    expect(datasetNameFrom(null)).toBe('Untitled dataset');
    expect(exportFileName('Q1: "best" <sales>', 3, 'csv')).toBe('Q1_ _best_ _sales_-v3.csv');
  });
});

describe('parse options field', () => {
  it('accepts the engine options and rejects unknown keys, bad JSON and bad values', () => {
    expect(parseOptionsField(undefined)).toEqual({});
    expect(parseOptionsField('{"delimiter":";","skipBadLines":true}')).toEqual({
      delimiter: ';',
      skipBadLines: true,
    });
    expect(() => parseOptionsField('{"delim":";"}')).toThrow(/options/);
    expect(() => parseOptionsField('{oops')).toThrow(/JSON/);
    expect(() => parseOptionsField('{"sampleRows":5}')).toThrow(/sampleRows/);
  });

  it('canonicalises options so equal options hash equal', () => {
    expect(canonicalOptions({ header: true, delimiter: ',' })).toBe(
      canonicalOptions({ delimiter: ',', header: true }),
    );
    expect(canonicalOptions({})).toBe('{}');
  });
});

describe('withoutPaths', () => {
  it("keeps the server's folders out of DuckDB's messages", () => {
    expect(withoutPaths('Malformed JSON in file "/var/lib/uam/cache/raw-ab12", at byte 8')).toBe(
      'Malformed JSON in the file, at byte 8',
    );
    expect(withoutPaths("No magic bytes found at end of file '/data/x.parquet'")).toBe(
      'No magic bytes found at end of the file',
    );
    expect(withoutPaths('Could not write "C:\\uam\\tmp" nor "abc"')).toBe('Could not write a file nor "abc"');
  });
});

describe('parseSort', () => {
  it('reads col:dir lists, defaulting to ascending', () => {
    expect(parseSort('age:desc, name ,a:b:ASC')).toEqual([
      { column: 'age', direction: 'desc' },
      { column: 'name', direction: 'asc' },
      { column: 'a:b', direction: 'asc' },
    ]);
    expect(parseSort(undefined)).toEqual([]);
  });
});

describe('toPrefixQuery', () => {
  it('keeps only words, so no tsquery syntax can be injected', () => {
    expect(toPrefixQuery('customer_id Sales')).toBe('customer:* & id:* & sales:*');
    expect(toPrefixQuery("x' | !y & (z) <-> :*")).toBe('x:* & y:* & z:*');
    expect(toPrefixQuery('!!! ***')).toBeUndefined();
    expect(toPrefixQuery('Zürich')).toBe('zürich:*');
  });
});

describe('Semaphore', () => {
  it('runs at most `limit` tasks and fails waiters past their budget with QUERY_BUSY', async () => {
    const s = new Semaphore(1);
    let release!: () => void;
    const first = s.run(1000, () => new Promise<void>((r) => (release = r)));
    await expect(s.run(20, async () => 'late')).rejects.toMatchObject({ code: 'QUERY_BUSY' });
    const queued = s.run(1000, async () => 'next');
    release();
    await first;
    await expect(queued).resolves.toBe('next');
  });
});
