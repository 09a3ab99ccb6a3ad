import { describe, expect, it } from 'vitest';
import { Matrix } from '../matrix.ts';
import { KNeighborsClassifier, KNeighborsRegressor } from './knn.ts';

const num = (cols: Record<string, number[]>): Matrix =>
  Matrix.fromColumns(
    Object.entries(cols).map(([name, values]) => ({ name, kind: 'numeric' as const, values })),
  );

describe('k nearest neighbours', () => {
  const X = num({ x: [0, 1, 2, 10, 11, 12] });
  it('votes and averages over the k nearest rows', () => {
    const clf = new KNeighborsClassifier({ k: 3 }).fit(X, ['a', 'a', 'a', 'b', 'b', 'b']);
    expect(clf.predict(num({ x: [1.4, 9] })).map((k) => k)).toEqual(Int32Array.of(0, 1));
    const p = clf.predictProba(num({ x: [6.4] }));
    expect(p[0]).toBeCloseTo(1 / 3, 12); // neighbours 10, 11 (b) and 2 (a)
    const reg = new KNeighborsRegressor({ k: 2 }).fit(X, [0, 1, 2, 10, 11, 12]);
    expect(Array.from(reg.predict(num({ x: [0.4, 11.6] })))).toEqual([0.5, 11.5]);
    const dist = new KNeighborsRegressor({ k: 2, weights: 'distance' }).fit(X, [0, 1, 2, 10, 11, 12]);
    expect(dist.predict(num({ x: [0.25] }))[0]).toBeCloseTo(
      (0 / 0.25 + 1 / 0.75) / (1 / 0.25 + 1 / 0.75),
      12,
    );
    expect(dist.predict(num({ x: [11] }))[0]).toBe(11);
  });
});
