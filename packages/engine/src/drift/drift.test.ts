import { describe, expect, it } from 'vitest';
import { useEngine } from '../data/test-support/fixtures.ts';
import { rng, type TestColumn, writeVersion } from '../profile/test-support.ts';
import { driftBetween } from './drift-between.ts';
import { chiSquareHomogeneity, chiSquareSf, kolmogorovQ, ksPValue, ksStatistic, psi } from './drift-stats.ts';

const { engine, out } = useEngine();

const rel = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.abs(b);

describe('drift statistics against scipy 1.10', () => {
  it('χ² upper tail and homogeneity test', () => {
    expect(rel(chiSquareSf(12.3, 4), 0.015254394655769615)).toBe(true);
    expect(rel(chiSquareSf(0.5, 1), 0.47950012218695337)).toBe(true);
    expect(rel(chiSquareSf(250, 200), 0.009379131668826098)).toBe(true);
    expect(rel(chiSquareSf(3, 2), 0.22313016014842982)).toBe(true);
    const t = chiSquareHomogeneity([30, 20, 50], [25, 35, 40])!;
    expect(rel(t.statistic, 5.656565656565656)).toBe(true);
    expect(t.df).toBe(2);
    expect(rel(t.pValue, 0.05911427592751336)).toBe(true);
  });

  it('Kolmogorov distribution and the two-sample KS test', () => {
    expect(rel(kolmogorovQ(1.0), 0.26999967167735456)).toBe(true);
    expect(rel(kolmogorovQ(0.5), 0.9639452436648751)).toBe(true);
    expect(rel(kolmogorovQ(1.5), 0.022217962616525127)).toBe(true);
    const a = Float64Array.from([1.2, 3.4, 2.2, 5.1, 0.3, 4.4, 2.8, 3.9, 1.1, 0.7, 6.2, 2.9]).sort();
    const b = Float64Array.from([2.1, 5.5, 6.1, 4.8, 3.3, 7.2, 5.9, 4.1, 6.6, 3.8, 5.0]).sort();
    const d = ksStatistic(a, b);
    expect(rel(d, 0.49242424242424243)).toBe(true);
    // scipy ks_2samp: exact p 0.07346, asymptotic 0.07266; Stephens' approximation lands close.
    expect(Math.abs(ksPValue(d, a.length, b.length) - 0.0735)).toBeLessThan(0.012);
  });

  it('PSI is 0 for identical shares and grows with the shift', () => {
    expect(psi([10, 20, 30], [20, 40, 60])).toBeCloseTo(0, 15);
    const p = psi([50, 50], [80, 20])!;
    expect(rel(p, (0.8 - 0.5) * Math.log(0.8 / 0.5) + (0.2 - 0.5) * Math.log(0.2 / 0.5))).toBe(true);
    expect(psi([0, 10], [10, 0])).toBeGreaterThan(10); // empty bins take ε = 1e-4
  });
});

function normalSample(seed: number, n: number, mean: number): number[] {
  const r = rng(seed);
  return Array.from(
    { length: n },
    () => mean + Math.sqrt(-2 * Math.log(r() + 1e-300)) * Math.cos(2 * Math.PI * r()),
  );
}

async function version(name: string, columns: TestColumn[]) {
  const path = out(`${name}.parquet`);
  return { parquetPath: path, columns: await writeVersion(engine(), path, columns) };
}

describe('driftBetween on known distributions', () => {
  it('finds no drift between two samples of one distribution', async () => {
    const n = 3000;
    const cities = (seed: number) => {
      const r = rng(seed);
      return Array.from({ length: n }, () => (r() < 0.5 ? 'Paris' : r() < 0.6 ? 'Rome' : 'Oslo'));
    };
    const from = await version('same-a', [
      { name: 'x', type: 'DOUBLE', values: normalSample(1, n, 0) },
      { name: 'city', type: 'VARCHAR', values: cities(3) },
    ]);
    const to = await version('same-b', [
      { name: 'x', type: 'DOUBLE', values: normalSample(2, n, 0) },
      { name: 'city', type: 'VARCHAR', values: cities(4) },
    ]);
    const d = await driftBetween(engine(), { from, to });
    expect(d.verdict).toBe('none');
    const [x, city] = d.columns;
    expect(x.psi!).toBeLessThan(0.02);
    expect(x.ks!.pValue).toBeGreaterThan(0.01);
    expect(city.chiSquare!.pValue).toBeGreaterThan(0.01);
    expect(city.newCategories).toEqual([]);
  });

  it('flags a shifted mean, a changed mix, new categories and schema changes', async () => {
    const n = 3000;
    const from = await version('shift-a', [
      { name: 'x', type: 'DOUBLE', values: normalSample(5, n, 0) },
      {
        name: 'city',
        type: 'VARCHAR',
        values: Array.from({ length: n }, (_, i) => (i % 2 ? 'Paris' : 'Rome')),
      },
      { name: 'gone', type: 'BIGINT', values: Array.from({ length: n }, (_, i) => i) },
      { name: 'kind', type: 'BIGINT', values: Array.from({ length: n }, () => 1) },
    ]);
    const to = await version('shift-b', [
      { name: 'x', type: 'DOUBLE', values: normalSample(6, n, 1) },
      {
        name: 'city',
        type: 'VARCHAR',
        values: Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 'Rome' : i % 4 === 1 ? 'Lima' : 'Paris')),
      },
      { name: 'kind', type: 'VARCHAR', values: Array.from({ length: n }, () => 'one') },
      { name: 'new', type: 'DOUBLE', values: Array.from({ length: n }, () => 0) },
    ]);
    const d = await driftBetween(engine(), { from, to });
    expect(d.schema).toEqual({
      added: ['new'],
      removed: ['gone'],
      typeChanged: [{ column: 'kind', from: 'integer', to: 'string' }],
    });
    expect(d.verdict).toBe('major');
    const x = d.columns.find((c) => c.column === 'x')!;
    expect(x.drift).toBe('major'); // a one-σ shift: PSI ≈ 1
    expect(x.ks!.statistic).toBeGreaterThan(0.3);
    expect(x.ks!.pValue).toBeLessThan(1e-10);
    const city = d.columns.find((c) => c.column === 'city')!;
    expect(city.newCategories).toEqual([{ value: 'Lima', count: 750 }]);
    expect(city.drift).toBe('major');
    expect(d.columns.find((c) => c.column === 'kind')!.kind).toBe('skipped');
    expect(d.summary.join(' ')).toMatch(/Columns removed: gone/);
  });
});
