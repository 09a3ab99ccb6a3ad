import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useEngine } from '../test-support/fixtures.ts';
import type { IngestResult } from '../types.ts';
import { ingestFile } from './ingest-file.ts';

const t = useEngine();
const here = path.dirname(fileURLToPath(import.meta.url));
/** Read-only public datasets shipped beside the repository (see shared/data/README.md). */
const sharedData = path.resolve(here, '../../../../../../shared/data');
/** vega-datasets (a devDependency) wherever npm hoisted it. */
const vega = (() => {
  for (let dir = here; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', 'vega-datasets', 'data');
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
})();

const byName = (r: IngestResult) =>
  Object.fromEntries(r.columns.map((c) => [c.name, `${c.storageType}/${c.semanticType}`]));
const ingest = (input: string) =>
  ingestFile(t.engine(), { input, output: t.out(`${path.basename(input)}.parquet`) });

describe.skipIf(!fs.existsSync(sharedData))('shared data sets', () => {
  it('breast-cancer: ordinal ranges, categorical text, small-integer categories', async () => {
    const r = await ingest(path.join(sharedData, 'breast-cancer.csv'));
    expect(r.rowCount).toBe(286);
    const s = byName(r);
    expect(s.age).toBe('string/ordinal');
    expect(s['tumor-size']).toBe('string/ordinal');
    expect(s.menopause).toBe('string/categorical');
    expect(s['deg-malig']).toBe('integer/categorical');
    expect(r.columns.find((c) => c.name === 'age')?.ordinalLevels?.[0]).toBe('20-29');
  });

  it('every file ingests with its documented row count and no failures', async () => {
    const rows: Record<string, number> = {
      'glass.csv': 214,
      'vote.csv': 435,
      'soybean.csv': 683,
      'labor.csv': 57,
      'cpu.csv': 209,
      'sklearn_wine.csv': 178,
      'sklearn_digits.csv': 1797,
    };
    for (const [file, n] of Object.entries(rows)) {
      const r = await ingest(path.join(sharedData, file));
      expect(r.rowCount, file).toBe(n);
      expect(
        r.columns.every((c) => c.failures.count === 0),
        file,
      ).toBe(true);
    }
    const vote = byName(await ingest(path.join(sharedData, 'vote.csv')));
    expect(vote['handicapped-infants']).toBe('boolean/boolean');
    const wine = byName(await ingest(path.join(sharedData, 'sklearn_wine.csv')));
    expect(wine.alcohol).toBe('float/numeric');
    expect(wine.target).toBe('integer/categorical');
  }, 30_000);
});

describe.skipIf(!vega)('vega-datasets', () => {
  const v = (f: string) => path.join(vega as string, f);

  it('cars.json: numbers, ISO dates, categories', async () => {
    const s = byName(await ingest(v('cars.json')));
    expect(s.Name).toMatch(/^string\/(free_text|categorical)$/);
    expect(s).toMatchObject({
      Miles_per_Gallon: 'float/numeric',
      Cylinders: 'integer/categorical',
      Year: 'date/datetime',
      Origin: 'string/categorical',
    });
  });

  it('movies.json: month-name dates, money as integers, ratings as floats', async () => {
    const r = await ingest(v('movies.json'));
    const s = byName(r);
    expect(s['Release Date']).toBe('date/datetime');
    expect(s['US Gross']).toMatch(/^(integer|float)\/numeric$/);
    expect(s['IMDB Rating']).toBe('float/numeric');
    expect(s.Title).toMatch(/identifier|free_text|categorical/);
  });

  it('seattle-weather.csv and stocks.csv', async () => {
    expect(byName(await ingest(v('seattle-weather.csv')))).toEqual({
      date: 'date/datetime',
      precipitation: 'float/numeric',
      temp_max: 'float/numeric',
      temp_min: 'float/numeric',
      wind: 'float/numeric',
      weather: 'string/categorical',
    });
    const stocks = await ingest(v('stocks.csv'));
    expect(byName(stocks)).toEqual({
      symbol: 'string/categorical',
      date: 'date/datetime',
      price: 'float/numeric',
    });
  });

  it('airports.csv and zipcodes.csv: coordinates and postal codes', async () => {
    expect(byName(await ingest(v('airports.csv')))).toMatchObject({
      latitude: 'float/latitude',
      longitude: 'float/longitude',
    });
    expect(byName(await ingest(v('zipcodes.csv')))).toMatchObject({
      zip_code: 'string/postal_code',
      latitude: 'float/latitude',
    });
  });
});
