import { describe, expect, it } from 'vitest';
import { ingestFile } from '../ingest/ingest-file.ts';
import { useEngine } from '../test-support/fixtures.ts';
import type { ColumnSchema } from '../types.ts';
import { nameTokens } from './semantic-type.ts';

const t = useEngine();

/** Ingests a CSV of named columns (same length) and returns each column's schema by name. */
async function ingest(columns: Record<string, string[]>): Promise<Record<string, ColumnSchema>> {
  const file = `sem-${Math.random().toString(36).slice(2)}.csv`;
  const names = Object.keys(columns);
  const rows = columns[names[0]].map((_, i) => names.map((n) => columns[n][i]).join(','));
  const text = `${names.map((n) => JSON.stringify(n)).join(',')}\n${rows.join('\n')}\n`;
  const r = await ingestFile(t.engine(), {
    input: t.file(file, text),
    output: t.out(`${file}.parquet`),
    options: {},
  });
  return Object.fromEntries(r.columns.map((c) => [c.name, c]));
}

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
const types = (c: ColumnSchema) => [c.storageType, c.semanticType];

describe('column names match by whole word', () => {
  it('splits names on non-letters and camelCase', () => {
    expect(nameTokens('Long-term debt')).toEqual(['long', 'term', 'debt']);
    expect(nameTokens('pickupLatitude')).toEqual(['pickup', 'latitude']);
    expect(nameTokens('customerID')).toEqual(['customer', 'id']);
    expect(nameTokens('IDNumber')).toEqual(['id', 'number']);
    expect(nameTokens('geometry.coordinates_2')).toEqual(['geometry', 'coordinates']);
  });

  it('long as an adjective is not a longitude; lon, lng, long as the last word are', async () => {
    const values = range(17, (i) => String(10 + i * 10));
    const cols = await ingest({
      'Long-term debt': values,
      'a very long header name': values,
      start_lng: values,
      pickupLongitude: values,
      'Lat/Long': values,
    });
    expect(cols['Long-term debt'].semanticType).toBe('numeric');
    expect(cols['a very long header name'].semanticType).toBe('numeric');
    expect(cols.start_lng.semanticType).toBe('longitude');
    expect(cols.pickupLongitude.semanticType).toBe('longitude');
    expect(cols['Lat/Long'].semanticType).toBe('longitude');
  });

  it('postal and id names are words, not parts of words', async () => {
    const cols = await ingest({
      exceptions: range(40, (i) => String(1000 + i)),
      guidance_score: range(40, (i) => String(500 + i)),
      zipCode: range(40, (i) => String(10000 + i)),
      customerId: range(40, (i) => String(500 + i)),
    });
    expect(cols.exceptions.semanticType).toBe('numeric');
    expect(cols.guidance_score.semanticType).toBe('numeric');
    expect(cols.zipCode.semanticType).toBe('postal_code');
    expect(cols.customerId.semanticType).toBe('identifier');
  });

  it('a row index pandas wrote (`Unnamed: 0`, `index`) is an identifier, not a feature', async () => {
    const cols = await ingest({
      'Unnamed: 0': range(40, (i) => String(i)),
      index: range(40, (i) => String(i + 1)),
      'price index': range(40, (i) => String(100 + i)),
    });
    expect(cols['Unnamed: 0'].semanticType).toBe('identifier');
    expect(cols.index.semanticType).toBe('identifier');
    expect(cols['price index'].semanticType).toBe('numeric');
  });
});

describe('phone numbers need phone formatting or a phone name', () => {
  it('plain digit runs (zero-padded, GTIN, SAP numbers) and IPv4 addresses are identifiers', async () => {
    const cols = await ingest({
      order: range(200, (i) => String(i + 1).padStart(8, '0')),
      gtin: range(200, (i) => `0${String(132341274917 + i * 7919)}`),
      document: range(200, (i) => String(12345 + i * 13).padStart(10, '0')),
      ip: range(200, (i) => `192.168.${i % 4}.${10 + i}`),
      event: range(200, (i) => (i % 8 === 0 ? `1000ch${i.toString(36)}` : String(37868143 + i * 8))),
    });
    for (const name of ['order', 'gtin', 'document', 'ip', 'event'])
      expect([name, ...types(cols[name])]).toEqual([name, 'string', 'identifier']);
  });

  it('keeps formatted phones, and plain digits under a phone name', async () => {
    const cols = await ingest({
      contact: range(30, (i) => ['+33 1 23 45 67 89', '(555) 123-4567', '555-987-6543'][i % 3] + i),
      mobile: range(30, (i) => `06${String(12345678 + i * 31)}`),
      fax: range(30, (i) => `030${1234567 + i}`),
      hotel: range(30, (i) => `0${String(1234567 + i * 31)}`),
    });
    expect(types(cols.contact)).toEqual(['string', 'phone']);
    expect(types(cols.mobile)).toEqual(['string', 'phone']);
    expect(types(cols.fax)).toEqual(['string', 'phone']);
    // `tel` inside `hotel` is not a phone name.
    expect(types(cols.hotel)).toEqual(['string', 'identifier']);
  });
});

describe('UUIDs', () => {
  it('a column of UUIDs is an identifier however few rows it has', async () => {
    const cols = await ingest({
      ref: [
        '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
        '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
        'A987FBC9-4BED-3078-CF07-9141BA07C9F3',
        '{0e3a1b7c-1d2e-4f50-8a6b-7c8d9e0f1a2b}',
      ],
    });
    expect(types(cols.ref)).toEqual(['string', 'identifier']);
  });
});

describe('numbers held as text by a few placeholders', () => {
  // `--` is a missing marker; `n.a.` and `see note` are not, and keep 4 % of values unparsed.
  const note = (i: number) => (i % 2 === 0 ? 'n.a.' : 'see note');
  it('are numeric, not identifiers', async () => {
    const cols = await ingest({
      score: range(100, (i) => (i % 33 === 0 ? note(i) : (i * 1.37 + 0.01).toFixed(2))),
      rating: range(100, (i) => (i % 33 === 0 ? note(i) : String((i % 5) + 1))),
      order_id: range(100, (i) => (i % 33 === 0 ? note(i) : String(1000 + i))),
    });
    expect(types(cols.score)).toEqual(['string', 'numeric']);
    // A few distinct numbers are a scale, as for integers; an id name keeps its meaning.
    expect(types(cols.rating)).toEqual(['string', 'categorical']);
    expect(types(cols.order_id)).toEqual(['string', 'identifier']);
  });
});
