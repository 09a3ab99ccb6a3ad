import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../data/ingest/ingest-file.ts';
import { readParquet, useEngine } from '../data/test-support/fixtures.ts';
import type { ColumnSchema } from '../data/types.ts';
import { profileVersion } from './profile-version.ts';
import { expectNumericMatches } from './test-expect.ts';
import * as ref from './test-reference.ts';
import { close } from './test-support.ts';
import type { Profile } from './types.ts';

const { engine, out } = useEngine();
// The package exports only its JS entry (build/index.js); the data folder sits beside build/.
const dataDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('vega-datasets')),
  '..',
  'data',
);

interface Loaded {
  profile: Profile;
  columns: ColumnSchema[];
  /** Column values as stored in the Parquet version (the reference reads them back). */
  values: Map<string, unknown[]>;
}

async function load(file: string, target?: string): Promise<Loaded> {
  const parquet = out(`${file}.parquet`);
  const r = await ingestFile(engine(), {
    input: path.join(dataDir, file),
    output: parquet,
    hint: { fileName: file },
  });
  const rows = await readParquet(engine(), parquet);
  const values = new Map(r.columns.map((c, i) => [c.name, rows.map((row) => row[i])]));
  const profile = await profileVersion(engine(), {
    parquetPath: parquet,
    columns: r.columns,
    target,
    options: { now: new Date('2026-01-01T00:00:00Z') },
  });
  return { profile, columns: r.columns, values };
}

const numbers = (vs: unknown[]) =>
  vs
    .filter((v) => v !== null)
    .map(Number)
    .filter(Number.isFinite);
const strings = (vs: unknown[]) => vs.filter((v): v is string => typeof v === 'string');

function checkTextColumn(p: Profile, name: string, vs: unknown[]): void {
  const c = p.columns.find((x) => x.name === name)!;
  const s = strings(vs);
  const counts = new Map<string, number>();
  for (const v of s) counts.set(v, (counts.get(v) ?? 0) + 1);
  expect(c.count).toBe(s.length);
  expect(c.distinct.value).toBe(counts.size);
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 20);
  expect(c.text!.topValues.map((t) => [t.value, t.count])).toEqual(top);
  expect(close(c.text!.entropy, ref.entropyBits(s))).toBe(true);
  const lengths = ref.sorted(s.map((v) => [...v].length));
  expect(c.text!.length.min).toBe(lengths[0]);
  expect(c.text!.length.max).toBe(lengths[lengths.length - 1]);
  expect(close(c.text!.length.mean, ref.mean(lengths))).toBe(true);
  expect(close(c.text!.length.median, ref.quantile(lengths, 0.5))).toBe(true);
}

describe('profiles of vega-datasets match independent references', () => {
  it('cars.json: numeric statistics, text statistics and every correlation', async () => {
    const { profile: p, values } = await load('cars.json');
    for (const c of p.columns) {
      if (c.kind === 'numeric') expectNumericMatches(c.numeric!, numbers(values.get(c.name)!));
    }
    checkTextColumn(p, 'Origin', values.get('Origin')!);
    checkTextColumn(p, 'Name', values.get('Name')!);
    expect(p.correlations.sampled).toBe(false);
    const num = (n: string) => values.get(n)!.map((v) => (v === null ? Number.NaN : Number(v)));
    const cat = (n: string) => values.get(n)!.map((v) => (v === null ? null : String(v)));
    for (const pair of p.correlations.pairs) {
      const want =
        pair.method === 'pearson'
          ? ref.pearsonRef(num(pair.a), num(pair.b))
          : pair.method === 'spearman'
            ? ref.spearmanRef(num(pair.a), num(pair.b))
            : pair.method === 'cramers_v'
              ? ref.cramersVRef(cat(pair.a), cat(pair.b))
              : p.columns.find((c) => c.name === pair.a)!.kind === 'text'
                ? ref.etaRef(cat(pair.a), num(pair.b))
                : ref.etaRef(cat(pair.b), num(pair.a));
      expect(
        close(pair.value, want),
        `${pair.method}(${pair.a}, ${pair.b}) = ${pair.value}, want ${want}`,
      ).toBe(true);
    }
    expect(p.correlations.pairs.some((x) => x.method === 'eta')).toBe(true);
  });

  it('penguins.json: categorical target, class balance and associations', async () => {
    const { profile: p, values } = await load('penguins.json', 'Species');
    for (const c of p.columns)
      if (c.kind === 'numeric') expectNumericMatches(c.numeric!, numbers(values.get(c.name)!));
    checkTextColumn(p, 'Species', values.get('Species')!);
    const t = p.target!;
    expect(t.task).toBe('classification');
    expect(t.classBalance!.map((b) => b.value)).toEqual(['Adelie', 'Gentoo', 'Chinstrap']);
    expect(t.classBalance!.reduce((a, b) => a + b.count, 0)).toBe(344);
    const island = t.associations.find((a) => a.column === 'Island')!;
    const species = values.get('Species')!.map((v) => (v === null ? null : String(v)));
    expect(
      close(
        island.value,
        ref.cramersVRef(
          values.get('Island')!.map((v) => (v === null ? null : String(v))),
          species,
        ),
      ),
    ).toBe(true);
  });

  it('seattle-weather.csv: dates, weekdays and a daily grid without gaps', async () => {
    const { profile: p, values } = await load('seattle-weather.csv');
    const date = p.columns.find((c) => c.name === 'date')!;
    const days = strings(values.get('date')!.map((v) => (v === null ? null : String(v))));
    const sortedDays = [...days].sort();
    expect(date.datetime!.min).toBe(sortedDays[0]);
    expect(date.datetime!.max).toBe(sortedDays[sortedDays.length - 1]);
    expect(date.datetime!.granularity).toEqual({ unit: 'day', step: 1 });
    expect(date.datetime!.gaps!.missingPeriods).toBe(0);
    const weekdays = new Array(7).fill(0);
    for (const d of days) weekdays[(new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7]++;
    expect(date.datetime!.byWeekday.map((w) => w.count)).toEqual(weekdays);
    expect(date.datetime!.byYear.map((y) => y.key)).toEqual([2012, 2013, 2014, 2015]);
    for (const c of p.columns)
      if (c.kind === 'numeric') expectNumericMatches(c.numeric!, numbers(values.get(c.name)!));
    checkTextColumn(p, 'weather', values.get('weather')!);
  });

  it('movies.json: many missing values and mixed text', async () => {
    const { profile: p, values } = await load('movies.json');
    for (const c of p.columns) {
      if (c.kind === 'numeric') expectNumericMatches(c.numeric!, numbers(values.get(c.name)!));
      expect(c.missing).toBe(values.get(c.name)!.filter((v) => v === null).length);
    }
    expect(p.missing.rowsWithMissing).toBe(
      values.get('Title')!.filter((_, i) => [...values.values()].some((col) => col[i] === null)).length,
    );
    expect(p.insights.length).toBeGreaterThanOrEqual(5);
    expect(p.insights.length).toBeLessThanOrEqual(10);
  });
});
