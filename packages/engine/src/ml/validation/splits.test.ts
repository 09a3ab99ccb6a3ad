import { describe, expect, it } from 'vitest';
import { MlError } from '../errors.ts';
import { groupKFold, holdoutSplit, kFold, stratifiedKFold, timeSeriesSplit } from './index.ts';

function coversOnce(folds: { train: Uint32Array; test: Uint32Array }[], n: number): void {
  const seen = new Int32Array(n);
  for (const f of folds) {
    expect(f.train.length + f.test.length).toBe(n);
    const trainSet = new Set(f.train);
    for (const t of f.test) {
      seen[t]++;
      expect(trainSet.has(t)).toBe(false);
    }
  }
  expect(Array.from(seen).every((c) => c === 1)).toBe(true);
}

describe('k-fold', () => {
  it('partitions rows, sizes as scikit-learn, deterministic by seed', () => {
    const folds = kFold(11, { k: 3, seed: 7 });
    coversOnce(folds, 11);
    expect(folds.map((f) => f.test.length)).toEqual([4, 4, 3]);
    expect(kFold(11, { k: 3, seed: 7 })).toEqual(folds);
    expect(kFold(11, { k: 3, seed: 8 })).not.toEqual(folds);
    expect(Array.from(kFold(6, { k: 3, shuffle: false })[0].test)).toEqual([0, 1]);
  });

  it('rejects bad k', () => {
    expect(() => kFold(3, { k: 5 })).toThrow(MlError);
    expect(() => kFold(10, { k: 1 })).toThrow(MlError);
  });
});

describe('stratified k-fold', () => {
  it('keeps class proportions within one row per fold', () => {
    const y = Array.from({ length: 103 }, (_, i) => (i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 2));
    const folds = stratifiedKFold(y, { k: 5, seed: 0 });
    coversOnce(folds, 103);
    for (let c = 0; c < 3; c++) {
      const counts = folds.map((f) => Array.from(f.test).filter((i) => y[i] === c).length);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(stratifiedKFold(y, { k: 5, seed: 0 })).toEqual(folds);
  });
});

describe('group k-fold', () => {
  it('never splits a group', () => {
    const groups = Array.from({ length: 50 }, (_, i) => `g${i % 7}`);
    const folds = groupKFold(groups, { k: 3 });
    coversOnce(folds, 50);
    for (const f of folds) {
      const testGroups = new Set(Array.from(f.test, (i) => groups[i]));
      for (const i of f.train) expect(testGroups.has(groups[i])).toBe(false);
    }
    expect(() => groupKFold(['a', 'b'], { k: 3 })).toThrow(MlError);
  });
});

describe('holdout', () => {
  it('stratified holdout keeps proportions', () => {
    const y = Array.from({ length: 100 }, (_, i) => (i < 80 ? 0 : 1));
    const s = holdoutSplit(100, { testFraction: 0.25, stratify: y, seed: 3 });
    expect(s.test.length).toBe(25);
    expect(Array.from(s.test).filter((i) => y[i] === 1).length).toBe(5);
    expect(new Set([...s.train, ...s.test]).size).toBe(100);
  });

  it('unshuffled holdout takes the last rows', () => {
    expect(Array.from(holdoutSplit(10, { testFraction: 0.3, shuffle: false }).test)).toEqual([7, 8, 9]);
  });
});

describe('time-series split', () => {
  it('matches scikit-learn TimeSeriesSplit', () => {
    const s = timeSeriesSplit(6, { nSplits: 5 });
    expect(s.map((f) => Array.from(f.train))).toEqual([
      [0],
      [0, 1],
      [0, 1, 2],
      [0, 1, 2, 3],
      [0, 1, 2, 3, 4],
    ]);
    expect(s.map((f) => Array.from(f.test))).toEqual([[1], [2], [3], [4], [5]]);
    const g = timeSeriesSplit(12, { nSplits: 3, testSize: 2, gap: 2 });
    expect(Array.from(g[0].train)).toEqual([0, 1, 2, 3]);
    expect(Array.from(g[0].test)).toEqual([6, 7]);
    expect(() => timeSeriesSplit(3, { nSplits: 5 })).toThrow(MlError);
  });
});
