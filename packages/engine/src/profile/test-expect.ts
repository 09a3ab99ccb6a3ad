import { expect } from 'vitest';
import type { NumericStats } from './column-types.ts';
import * as ref from './test-reference.ts';
import { close } from './test-support.ts';

/** Every numeric statistic against the plain-JS reference, 1e-9 relative. */
export function expectNumericMatches(s: NumericStats, finite: number[]): void {
  const sorted = ref.sorted(finite);
  const q = (p: number) => ref.quantile(sorted, p);
  const n = finite.length;
  const checks: [string, number | null, number][] = [
    ['min', s.min, sorted[0]],
    ['max', s.max, sorted[n - 1]],
    ['mean', s.mean, ref.mean(finite)],
    ['median', s.median, q(0.5)],
    ['q1', s.q1, q(0.25)],
    ['q3', s.q3, q(0.75)],
    ['p1', s.p1, q(0.01)],
    ['p5', s.p5, q(0.05)],
    ['p95', s.p95, q(0.95)],
    ['p99', s.p99, q(0.99)],
    ['iqr', s.iqr, q(0.75) - q(0.25)],
    ['variance', s.variance, ref.varianceDdof1(finite)],
    ['std', s.std, Math.sqrt(ref.varianceDdof1(finite))],
    ['mad', s.mad, ref.medianAbsoluteDeviation(finite)],
    ['skewness', s.skewness, ref.pandasSkew(finite)],
    ['kurtosis', s.kurtosis, ref.pandasKurt(finite)],
    ['sum', s.sum, finite.reduce((a, b) => a + b, 0)],
  ];
  for (const [name, got, want] of checks) {
    expect(close(got, want), `${name}: got ${got}, want ${want}`).toBe(true);
  }
  expect(s.zeros).toBe(finite.filter((x) => x === 0).length);
  expect(s.negatives).toBe(finite.filter((x) => x < 0).length);
  expect(s.histogram?.counts).toEqual(ref.histogramCounts(finite, s.histogram?.edges ?? []));
  expect(s.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(n);
  expect(s.histogram!.edges.length - 1).toBeLessThanOrEqual(30);
  const iqr = s.outliers!.iqr;
  expect(iqr.count).toBe(finite.filter((x) => x < iqr.lower || x > iqr.upper).length);
  const med = q(0.5);
  const mad = ref.medianAbsoluteDeviation(finite);
  if (mad > 0) {
    expect(s.outliers!.robustZ.count).toBe(
      finite.filter((x) => Math.abs((0.6745 * (x - med)) / mad) > 3.5).length,
    );
  }
}
