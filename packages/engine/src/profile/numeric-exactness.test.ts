import { describe, expect, it } from 'vitest';
import { useEngine } from '../data/test-support/fixtures.ts';
import { profileVersion } from './profile-version.ts';
import { expectNumericMatches } from './test-expect.ts';
import { rng, writeVersion } from './test-support.ts';

const { engine, out } = useEngine();

describe('numeric statistics are exact', () => {
  it('match hand-computed values', async () => {
    const columns = await writeVersion(engine(), out('hand.parquet'), [
      { name: 'x', type: 'DOUBLE', values: [2, 4, 4, 4, 5, 5, 7, 9] },
    ]);
    const p = await profileVersion(engine(), { parquetPath: out('hand.parquet'), columns });
    const s = p.columns[0].numeric!;
    expect(s.mean).toBe(5);
    expect(s.median).toBe(4.5);
    expect(s.variance).toBeCloseTo(32 / 7, 14);
    expect(s.q1).toBe(4);
    expect(s.q3).toBe(5.5);
    expect(s.mad).toBe(0.5); // deviations from 4.5: 2.5, 0.5 ×5, 2.5, 4.5 → median 0.5
    expect(s.sum).toBe(40);
    expect(p.columns[0].distinct).toEqual({ value: 5, exact: true });
    expect(s.topValues[0]).toEqual({ value: 4, count: 3, share: 3 / 8 });
    expect(s.histogram?.rule).toBe('integer');
    expect(s.histogram?.counts).toEqual([1, 0, 3, 2, 0, 1, 0, 1]);
    expectNumericMatches(s, [2, 4, 4, 4, 5, 5, 7, 9]);
  });

  it('match the reference on generated data with missing values, infinities and a large offset', async () => {
    const r = rng(7);
    const n = 4000;
    const normal = () => Math.sqrt(-2 * Math.log(r() + 1e-300)) * Math.cos(2 * Math.PI * r());
    const shifted: (number | null)[] = [];
    const skewed: (number | null)[] = [];
    const counts: (number | null)[] = [];
    for (let i = 0; i < n; i++) {
      const u = r();
      shifted.push(
        u < 0.03
          ? null
          : u < 0.04
            ? Number.NaN
            : u < 0.045
              ? Number.POSITIVE_INFINITY
              : 1e6 + 1000 * normal(),
      );
      skewed.push(Math.exp(2 * normal()) * (r() < 0.1 ? 0 : 1));
      counts.push(Math.floor(-Math.log(r()) * 3));
    }
    const columns = await writeVersion(engine(), out('gen.parquet'), [
      { name: 'shifted', type: 'DOUBLE', values: shifted },
      { name: 'skewed', type: 'DOUBLE', values: skewed },
      { name: 'counts', type: 'BIGINT', values: counts },
    ]);
    const p = await profileVersion(engine(), { parquetPath: out('gen.parquet'), columns });
    const finite = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null && Number.isFinite(x));
    const [a, b, c] = p.columns;
    expectNumericMatches(a.numeric!, finite(shifted));
    expectNumericMatches(b.numeric!, finite(skewed));
    expectNumericMatches(c.numeric!, finite(counts));
    expect(a.missing).toBe(shifted.filter((x) => x === null || Number.isNaN(x)).length);
    expect(a.numeric!.nans).toBe(shifted.filter((x) => Number.isNaN(x)).length);
    expect(a.numeric!.infinities).toBe(shifted.filter((x) => x === Number.POSITIVE_INFINITY).length);
    expect(a.distinct.value).toBe(new Set(finite(shifted)).size);
    expect(c.distinct.value).toBe(new Set(counts).size);
    expect(b.numeric!.zeros).toBeGreaterThan(300);
  });
});
