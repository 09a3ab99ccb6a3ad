import { describe, expect, it } from 'vitest';
import { Matrix } from '../matrix.ts';
import { Rng } from '../random.ts';
import { IsolationForest } from './isolation-forest.ts';

const num = (cols: Record<string, number[]>): Matrix =>
  Matrix.fromColumns(
    Object.entries(cols).map(([name, values]) => ({ name, kind: 'numeric' as const, values })),
  );

describe('isolation forest', () => {
  it('scores an outlier above the inliers', () => {
    const rng = new Rng(5);
    const xs = Array.from({ length: 300 }, () => rng.normal());
    const ys = Array.from({ length: 300 }, () => rng.normal());
    xs.push(8);
    ys.push(-8);
    const X = num({ x: xs, y: ys });
    const iso = new IsolationForest({ seed: 2 }).fit(X);
    const s = iso.scoreSamples(X);
    const max = Math.max(...Array.from(s.subarray(0, 300)));
    expect(s[300]).toBeGreaterThan(max);
    expect(s[300]).toBeGreaterThan(0.6);
    expect(iso.predict(X)[300]).toBe(1);
    const flagged = new IsolationForest({ contamination: 0.01, seed: 2 }).fit(X).predict(X);
    expect(flagged.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4);
  });
});
