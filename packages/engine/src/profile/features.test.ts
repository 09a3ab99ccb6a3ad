import { describe, expect, it } from 'vitest';
import { useEngine } from '../data/test-support/fixtures.ts';
import { EngineError } from '../errors.ts';
import { profileVersion } from './profile-version.ts';
import { QUALITY_WEIGHTS } from './quality-score.ts';
import { rng, type TestColumn, writeVersion } from './test-support.ts';
import type { Profile } from './types.ts';

const { engine, out } = useEngine();
const NOW = new Date('2025-06-01T00:00:00Z');

let n = 0;
async function profileOf(
  columns: TestColumn[],
  opts: { target?: string; exactDistinctUpTo?: number } = {},
): Promise<Profile> {
  const path = out(`f${++n}.parquet`);
  const schema = await writeVersion(engine(), path, columns);
  return profileVersion(engine(), {
    parquetPath: path,
    columns: schema,
    target: opts.target,
    options: { now: NOW, exactDistinctUpTo: opts.exactDistinctUpTo },
  });
}
const types = (p: Profile, column?: string) =>
  p.alerts.filter((a) => !column || a.columns.includes(column)).map((a) => a.type);

describe('datetime columns', () => {
  it('granularity, gaps, calendar counts, future values and the series', async () => {
    const hours = [0, 1, 2, 3, 6, 7, 7, 8].map((h) => `2025-05-31 ${String(h).padStart(2, '0')}:00:00`);
    const p = await profileOf([
      { name: 'ts', type: 'TIMESTAMP', values: [...hours, '2025-07-01 00:00:00', null] },
      {
        name: 'month',
        type: 'DATE',
        values: [
          '2024-01-01',
          '2024-02-01',
          '2024-04-01',
          '2024-04-01',
          '2024-05-01',
          null,
          null,
          null,
          null,
          null,
        ],
      },
      {
        name: 't',
        type: 'TIME',
        values: ['08:30:00', '17:45:00', null, null, null, null, null, null, null, null],
      },
    ]);
    const ts = p.columns[0].datetime!;
    expect(ts.min).toBe('2025-05-31T00:00:00Z');
    expect(ts.future).toBe(1);
    expect(ts.granularity).toEqual({ unit: 'hour', step: 1 });
    expect(ts.byHour[7].count).toBe(2);
    expect(ts.byWeekday.find((w) => w.key === 6)?.count).toBe(8); // 31 May 2025 was a Saturday
    expect(types(p, 'ts')).toContain('future_dates');
    const m = p.columns[1].datetime!;
    expect(m.granularity).toEqual({ unit: 'month', step: 1 });
    expect(m.gaps).toMatchObject({ regular: true, expectedPeriods: 5, presentPeriods: 4, missingPeriods: 1 });
    expect(m.gaps!.largest).toEqual([{ from: '2024-02-01', to: '2024-04-01', periods: 1 }]);
    expect(m.series.unit).toBe('day');
    expect(m.byMonth.map((x) => x.count)).toEqual([1, 1, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0]);
    const t = p.columns[2].datetime!;
    expect([t.min, t.max]).toEqual(['08:30:00', '17:45:00']);
    expect(t.granularity?.unit).toBe('minute');
    expect(t.byYear).toEqual([]);
  });
});

describe('dataset sections', () => {
  it('duplicates with examples and missing-value patterns', async () => {
    const p = await profileOf([
      { name: 'a', type: 'BIGINT', values: [1, 1, 1, 2, 2, 3, null, null] },
      { name: 'b', type: 'VARCHAR', values: ['x', 'x', 'x', 'y', 'y', 'z', null, 'w'] },
      { name: 'c', type: 'DOUBLE', values: [0.5, 0.5, 0.5, 1, 1, Number.NaN, null, 2] },
    ]);
    expect(p.dataset.duplicates).toMatchObject({ count: 3, groups: 2 });
    expect(p.dataset.duplicates.examples).toEqual([
      { row: { a: 1, b: 'x', c: 0.5 }, occurrences: 3 },
      { row: { a: 2, b: 'y', c: 1 }, occurrences: 2 },
    ]);
    expect(types(p)).toContain('duplicates');
    const m = p.missing;
    expect(m.columns).toEqual(['a', 'c', 'b']);
    expect(m.cooccurrence).toEqual([
      [2, 1, 1],
      [1, 2, 1],
      [1, 1, 1],
    ]);
    expect(m.rowsWithMissing).toBe(3);
    expect(m.patterns.map((x) => [x.missing, x.count])).toEqual([
      [['a'], 1],
      [['c'], 1],
      [['a', 'b', 'c'], 1],
    ]);
  });

  it('the quality score follows its documented formula', async () => {
    const p = await profileOf([
      { name: 'a', type: 'VARCHAR', values: ['x', 'X', 'N/A', 'y', null, 'y'] },
      { name: 'b', type: 'DOUBLE', values: [1, 2, 3, 5, 4, 5] },
    ]);
    // 12 cells; 1 missing; invalid: 1 placeholder ('N/A'); inconsistent: 'X' is a case variant of 'x'
    // (its count does not exceed x's, ties keep the first) → 1; duplicates: the last two rows → 1.
    const q = p.quality;
    expect(q.counts).toEqual({
      cells: 12,
      missingCells: 1,
      invalidCells: 1,
      duplicateRows: 1,
      inconsistentCells: 1,
    });
    const w = QUALITY_WEIGHTS;
    const raw =
      w.completeness * (11 / 12) +
      w.validity * (11 / 12) +
      w.uniqueness * (5 / 6) +
      w.consistency * (11 / 12);
    expect(q.score).toBe(Math.round(1000 * raw) / 10);
  });
});

describe('target analysis and alerts', () => {
  it('finds leakage, imbalance and the strongest predictor', async () => {
    const r = rng(11);
    const rows = 2000;
    const y: number[] = [];
    const leak: number[] = [];
    const signal: number[] = [];
    const noise: number[] = [];
    for (let i = 0; i < rows; i++) {
      const t = r() < 0.05 ? 1 : 0;
      y.push(t);
      leak.push(t * 10 + r());
      signal.push(t + 2 * r());
      noise.push(r());
    }
    const p = await profileOf(
      [
        { name: 'y', type: 'BIGINT', values: y, semanticType: 'boolean' },
        { name: 'leak', type: 'DOUBLE', values: leak },
        { name: 'signal', type: 'DOUBLE', values: signal },
        { name: 'noise', type: 'DOUBLE', values: noise },
      ],
      { target: 'y' },
    );
    const t = p.target!;
    expect(t.task).toBe('classification');
    expect(t.classBalance![0].value).toBe(false);
    expect(t.leakageSuspects.map((s) => s.column)).toEqual(['leak']);
    expect(t.associations[0].column).toBe('leak');
    expect(t.associations.at(-1)!.column).toBe('noise');
    expect(types(p)).toEqual(expect.arrayContaining(['possible_leakage', 'imbalance']));
    expect(p.alerts[0].severity).toBe('critical');
    expect(p.insights[2]).toMatch(/may leak the target/);
  });

  it('raises each column alert on data made to trigger it', async () => {
    const rows = 60;
    const r = rng(3);
    const col = (f: (i: number) => number | string | null) => Array.from({ length: rows }, (_, i) => f(i));
    const p = await profileOf([
      { name: 'const', type: 'BIGINT', values: col(() => 7) },
      { name: 'mostly', type: 'VARCHAR', values: col((i) => (i === 0 ? 'b' : 'a')) },
      { name: 'id', type: 'BIGINT', values: col((i) => 1000 + i) },
      { name: 'gappy', type: 'DOUBLE', values: col((i) => (i % 2 ? null : (i % 7) * 0.37)) },
      { name: 'skew', type: 'DOUBLE', values: col((i) => (i < 55 ? 0 : 10 ** (i - 54))) },
      { name: 'codes', type: 'DOUBLE', values: col((i) => (i < 3 ? -999 : r() * 10)) },
      { name: 'text_num', type: 'VARCHAR', values: col((i) => String((i % 20) * 1.5)) },
      {
        name: 'text_date',
        type: 'VARCHAR',
        values: col((i) => `2024-01-${String((i % 28) + 1).padStart(2, '0')}`),
      },
      { name: 'mixed', type: 'VARCHAR', values: col((i) => (i % 3 ? `${i}` : `item ${i % 4}`)) },
      {
        name: 'sloppy',
        type: 'VARCHAR',
        values: col((i) => (['Paris', 'paris', ' Paris', '?'] as const)[i % 4]),
      },
      { name: 'twin', type: 'BIGINT', values: col((i) => 2000 + 2 * i) },
    ]);
    const expectAlert = (column: string, type: string) =>
      expect(types(p, column), `${column}`).toContain(type);
    expectAlert('const', 'constant');
    expectAlert('mostly', 'near_constant');
    expectAlert('id', 'id_like');
    expectAlert('gappy', 'high_missing');
    expectAlert('skew', 'skewed');
    expectAlert('skew', 'zeros_heavy');
    expectAlert('skew', 'outliers');
    expectAlert('codes', 'placeholders');
    expectAlert('text_num', 'numbers_as_text');
    expectAlert('text_date', 'dates_as_text');
    expectAlert('mixed', 'mixed_types');
    expectAlert('sloppy', 'inconsistent_text');
    expectAlert('sloppy', 'placeholders');
    expect(p.alerts.some((a) => a.type === 'high_correlation' && a.columns.includes('twin'))).toBe(false); // ids are not correlated
    for (const a of p.alerts) expect(a.message.length).toBeGreaterThan(10);
    const kinds = p.suggestions.map((s) => `${s.kind}:${s.columns.join(',')}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'drop:const',
        'drop:id',
        'log_transform:skew',
        'parse_type:text_num',
        'impute:gappy',
        'one_hot:sloppy',
      ]),
    );
    expect(p.insights.length).toBeGreaterThanOrEqual(5);
    expect(p.insights.length).toBeLessThanOrEqual(10);
  });
});

describe('charts, sampling and the large-data path', () => {
  it('emits valid Vega-Lite specs with inlined data, sampled scatter plots, deterministic output', async () => {
    const r = rng(5);
    const x = Array.from({ length: 3000 }, () => r());
    const columns: TestColumn[] = [
      { name: 'x', type: 'DOUBLE', values: x },
      { name: 'y', type: 'DOUBLE', values: x.map((v) => 2 * v + r() * 0.1) },
      { name: 'g', type: 'VARCHAR', values: x.map((v) => (v > 0.5 ? 'hi' : 'lo')) },
      {
        name: 'd',
        type: 'DATE',
        values: x.map((_, i) => `2024-01-${String((i % 28) + 1).padStart(2, '0')}`),
      },
    ];
    const path = out('charts.parquet');
    const schema = await writeVersion(engine(), path, columns);
    const run = () =>
      profileVersion(engine(), {
        parquetPath: path,
        columns: schema,
        options: { now: NOW, sampleForCorrelation: 1000 },
      });
    const [p, again] = [await run(), await run()];
    expect(again.insights).toEqual(p.insights);
    expect({ ...again.correlations }).toEqual({ ...p.correlations });
    expect(p.correlations.sampled).toBe(true);
    expect(Math.abs(p.correlations.sampleSize - 1000)).toBeLessThan(150);
    const kinds = new Set(p.charts.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['bar', 'boxplot', 'heatmap', 'histogram', 'scatter', 'timeseries']);
    for (const c of p.charts) {
      expect(c.spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
      expect(Array.isArray((c.spec.data as { values: unknown[] }).values)).toBe(true);
      expect('mark' in c.spec || 'layer' in c.spec).toBe(true);
    }
    const scatter = p.charts.find((c) => c.kind === 'scatter')!;
    expect((scatter.spec.data as { values: unknown[] }).values.length).toBeLessThanOrEqual(5000);
    expect(scatter.title).toMatch(/sampled rows/);
    expect(p.notes.sampling[0]).toMatch(/uniform sample/);
  });

  it('above exactDistinctUpTo rows: HyperLogLog distinct counts and t-digest quantiles, stated', async () => {
    const r = rng(9);
    const v = Array.from({ length: 5000 }, () => Math.floor(r() * 2000) / 4);
    const p = await profileOf([{ name: 'v', type: 'DOUBLE', values: v }], { exactDistinctUpTo: 1000 });
    const c = p.columns[0];
    expect(c.distinct.exact).toBe(false);
    expect(c.distinct.relativeError).toBeGreaterThan(0);
    expect(Math.abs(c.distinct.value / new Set(v).size - 1)).toBeLessThan(0.5);
    const s = c.numeric!;
    expect(s.approximate?.quantiles).toBe(true);
    const sorted = [...v].sort((a, b) => a - b);
    expect(Math.abs(s.median! - sorted[2500])).toBeLessThan(20);
    expect(s.mean).toBeCloseTo(v.reduce((a, b) => a + b, 0) / v.length, 9);
    expect(s.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(p.notes.sampling.join(' ')).toMatch(/HyperLogLog/);
  });

  it('reports progress and stops on abort', async () => {
    const path = out('abort.parquet');
    const schema = await writeVersion(engine(), path, [{ name: 'x', type: 'DOUBLE', values: [1, 2, 3] }]);
    const seen: number[] = [];
    await profileVersion(engine(), { parquetPath: path, columns: schema, onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
    const ac = new AbortController();
    ac.abort();
    await expect(
      profileVersion(engine(), { parquetPath: path, columns: schema, signal: ac.signal }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(
      profileVersion(engine(), { parquetPath: out('missing.parquet'), columns: schema }),
    ).rejects.toBeInstanceOf(EngineError);
    await expect(
      profileVersion(engine(), { parquetPath: path, columns: schema, target: 'nope' }),
    ).rejects.toMatchObject({ code: 'COLUMN_NOT_FOUND' });
  });
});
