import { describe, expect, it } from 'vitest';
import { useEngine } from '../data/test-support/fixtures.ts';
import { profileVersion } from './profile-version.ts';
import { expectNumericMatches } from './test-expect.ts';
import { close, type TestColumn, writeVersion } from './test-support.ts';
import type { Profile } from './types.ts';

const { engine, out } = useEngine();

async function profileOf(name: string, columns: TestColumn[], target?: string): Promise<Profile> {
  const schema = await writeVersion(engine(), out(`${name}.parquet`), columns);
  const p = await profileVersion(engine(), {
    parquetPath: out(`${name}.parquet`),
    columns: schema,
    target,
    options: { now: new Date('2025-01-01T00:00:00Z') },
  });
  // A profile must survive JSON unchanged: no NaN, no Infinity, no undefined in arrays.
  expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  return p;
}

describe('degenerate inputs profile without error', () => {
  it('an empty table', async () => {
    const p = await profileOf('empty', [
      { name: 'x', type: 'DOUBLE', values: [] },
      { name: 's', type: 'VARCHAR', values: [] },
      { name: 'd', type: 'DATE', values: [] },
      { name: 'b', type: 'BOOLEAN', values: [] },
    ]);
    expect(p.dataset.rows).toBe(0);
    expect(p.quality.score).toBe(0);
    expect(p.alerts.map((a) => a.type)).toContain('empty_dataset');
    expect(p.columns[0].numeric?.mean).toBeNull();
    expect(p.insights.length).toBeGreaterThanOrEqual(5);
  });

  it('all-null columns and a single row', async () => {
    const p = await profileOf('nulls', [
      { name: 'x', type: 'DOUBLE', values: [null] },
      { name: 's', type: 'VARCHAR', values: [null] },
      { name: 'd', type: 'TIMESTAMP', values: [null] },
      { name: 'one', type: 'DOUBLE', values: [3.5] },
    ]);
    expect(p.columns.map((c) => c.missing)).toEqual([1, 1, 1, 0]);
    expect(p.alerts.filter((a) => a.type === 'all_missing').map((a) => a.columns[0])).toEqual([
      'x',
      's',
      'd',
    ]);
    const one = p.columns[3].numeric!;
    expect([one.min, one.max, one.mean, one.median, one.mad]).toEqual([3.5, 3.5, 3.5, 3.5, 0]);
    expect([one.std, one.variance, one.skewness, one.kurtosis]).toEqual([null, null, null, null]);
    expect(one.histogram?.rule).toBe('single');
  });

  it('NaN, ±Infinity and values near the double limit', async () => {
    const big = [1e308, -1e308, 1.5e308, 1e308, 0, -1.7976931348623157e308];
    const p = await profileOf('extremes', [
      { name: 'big', type: 'DOUBLE', values: big },
      {
        name: 'odd',
        type: 'DOUBLE',
        values: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1, 2, null],
      },
    ]);
    const b = p.columns[0].numeric!;
    expect(b.max).toBe(1.5e308);
    expect(b.min).toBe(-1.7976931348623157e308);
    expect(close(b.mean, (big.reduce((a, x) => a + x / 8, 0) / 6) * 8)).toBe(true);
    expect(b.std).not.toBeNull();
    expect(b.variance).toBeNull(); // ~1e616 does not fit a double
    expect(b.histogram!.counts.reduce((a, c) => a + c, 0)).toBe(6);
    const o = p.columns[1];
    expect(o.missing).toBe(2);
    expect(o.numeric!.infinities).toBe(2);
    expect(o.numeric!.nans).toBe(1);
    expectNumericMatches(o.numeric!, [1, 2]);
    expect(p.alerts.some((a) => a.type === 'infinite_values' && a.columns[0] === 'odd')).toBe(true);
  });

  it('unicode categories, quotes in names and a column called file_row_number', async () => {
    const cities = ['Zürich', '東京', 'São Paulo', 'Zürich', '🙂 smile', '東京', 'Zürich', 'ZÜRICH ', null];
    const p = await profileOf('unicode', [
      { name: 'city "name"', type: 'VARCHAR', values: cities },
      { name: 'file_row_number', type: 'BIGINT', values: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      { name: 'x; DROP TABLE t', type: 'DOUBLE', values: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
    ]);
    const t = p.columns[0].text!;
    expect(p.columns[0].distinct.value).toBe(5);
    expect(t.topValues[0]).toEqual({ value: 'Zürich', count: 3, share: 3 / 8 });
    expect(t.length.max).toBe(9); // 'São Paulo'
    expect(t.characterClasses.nonAscii).toBe(8);
    expect(t.caseVariants).toBe(1); // 'ZÜRICH ' next to 'Zürich'
    expect(t.untrimmed).toBe(1);
    expect(t.patterns.find((x) => x.pattern === 'Aaaaaa')?.count).toBe(3);
    expect(p.dataset.duplicates.count).toBe(0);
    expect(p.columns[2].numeric?.mean).toBe(5);
  });
});
