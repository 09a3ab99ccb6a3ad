import { describe, expect, it } from 'vitest';
import { MlError } from '../errors.ts';
import { Matrix } from '../matrix.ts';
import { accuracy, rmse, rocAuc } from '../metrics/index.ts';
import { Rng } from '../random.ts';
import { GbdtClassifier } from './gbdt-classifier.ts';
import { GbdtRegressor } from './gbdt-regressor.ts';

function numericMatrix(cols: Record<string, ArrayLike<number>>): Matrix {
  return Matrix.fromColumns(
    Object.entries(cols).map(([name, values]) => ({
      name,
      kind: 'numeric' as const,
      values: Float64Array.from(values),
    })),
  );
}

function range(n: number, from = 0): number[] {
  return Array.from({ length: n }, (_, i) => from + i);
}

describe('GbdtClassifier', () => {
  it('learns an XOR interaction no single feature explains', () => {
    const rng = new Rng(1);
    const n = 2000;
    const a = Float64Array.from({ length: n }, () => rng.next() * 2 - 1);
    const b = Float64Array.from({ length: n }, () => rng.next() * 2 - 1);
    const y = Array.from({ length: n }, (_, i) => (a[i] > 0 !== b[i] > 0 ? 1 : 0));
    const X = numericMatrix({ a, b });
    const train = range(1500);
    const test = range(500, 1500);
    const clf = new GbdtClassifier().fit(
      X.take(train),
      train.map((i) => y[i]),
    );
    const pred = clf.predict(X.take(test));
    expect(
      accuracy(
        Int32Array.from(test, (i) => y[i]),
        pred,
      ),
    ).toBeGreaterThan(0.95);
  });

  it('learns where missing values go when missingness is predictive', () => {
    const rng = new Rng(2);
    const n = 3000;
    const a = new Float64Array(n);
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      a[i] = rng.next();
      if (rng.next() < 0.3) {
        a[i] = Number.NaN;
        y.push(rng.next() < 0.9 ? 1 : 0);
      } else y.push(a[i] > 0.8 ? 1 : 0);
    }
    const clf = new GbdtClassifier({ maxIter: 30 }).fit(numericMatrix({ a }), y);
    const probe = clf.predictProba(numericMatrix({ a: [Number.NaN, 0.1, 0.95] }));
    expect(probe[1]).toBeGreaterThan(0.8); // missing → high
    expect(probe[3]).toBeLessThan(0.1); // low value → low
    expect(probe[5]).toBeGreaterThan(0.9);
  });

  it('sends missing values unseen in training to the larger child', () => {
    const a = Float64Array.from(range(200), (i) => (i < 150 ? i : 1000 + i));
    const y = range(200).map((i) => (i < 150 ? 0 : 1));
    const clf = new GbdtClassifier({ maxIter: 5 }).fit(numericMatrix({ a }), y);
    const p = clf.predictProba(numericMatrix({ a: [Number.NaN] }));
    expect(p[1]).toBeLessThan(0.5);
  });

  it('native categorical splits beat the same codes used as numbers', () => {
    const rng = new Rng(3);
    const n = 4000;
    const levels = range(40).map((k) => `L${String(k).padStart(2, '0')}`);
    const effect = levels.map(() => (rng.next() < 0.5 ? -1.5 : 1.5));
    const codes = new Int32Array(n);
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      codes[i] = rng.nextInt(levels.length);
      y.push(rng.next() < 1 / (1 + Math.exp(-effect[codes[i]])) ? 1 : 0);
    }
    const native = Matrix.fromColumns([{ name: 'c', kind: 'categorical', values: codes, levels }]);
    const ordinal = numericMatrix({ c: Float64Array.from(codes) });
    const train = range(3000);
    const test = range(1000, 3000);
    const yTest = test.map((i) => y[i]);
    const params = { maxIter: 3, maxLeaves: 4 };
    const auc = (X: Matrix): number => {
      const clf = new GbdtClassifier(params).fit(
        X.take(train),
        train.map((i) => y[i]),
      );
      const p = clf.predictProba(X.take(test));
      return rocAuc(
        yTest,
        test.map((_, j) => p[2 * j + 1]),
      );
    };
    const nativeAuc = auc(native);
    expect(nativeAuc).toBeGreaterThan(auc(ordinal) + 0.03);
    expect(nativeAuc).toBeGreaterThan(0.75);
  });

  it('multiclass probabilities sum to 1 and labels round-trip', () => {
    const rng = new Rng(4);
    const n = 600;
    const a = Float64Array.from({ length: n }, () => rng.next() * 3);
    const y = Array.from(a, (v) => ['red', 'green', 'blue'][Math.min(2, Math.floor(v))]);
    const X = numericMatrix({ a });
    const clf = new GbdtClassifier({ maxIter: 20 }).fit(X, y);
    expect(clf.classes).toEqual(['blue', 'green', 'red']);
    const p = clf.predictProba(X);
    for (let i = 0; i < n; i++) expect(p[3 * i] + p[3 * i + 1] + p[3 * i + 2]).toBeCloseTo(1, 12);
    const labels = clf.predictLabels(X);
    expect(labels.filter((l, i) => l === y[i]).length / n).toBeGreaterThan(0.97);
  });

  it('is deterministic for a seed, including row and feature subsampling', () => {
    const rng = new Rng(5);
    const n = 800;
    const cols: Record<string, Float64Array> = {};
    for (const c of ['a', 'b', 'c', 'd']) cols[c] = Float64Array.from({ length: n }, () => rng.normal());
    const y = range(n).map((i) => (cols.a[i] + cols.b[i] * cols.c[i] + rng.normal() > 0 ? 1 : 0));
    const X = numericMatrix(cols);
    const params = { maxIter: 20, subsample: 0.7, featureFraction: 0.75, featureFractionByNode: 0.7 };
    const p1 = new GbdtClassifier({ ...params, seed: 11 }).fit(X, y).predictProba(X);
    const p2 = new GbdtClassifier({ ...params, seed: 11 }).fit(X, y).predictProba(X);
    const p3 = new GbdtClassifier({ ...params, seed: 12 }).fit(X, y).predictProba(X);
    expect(p1).toEqual(p2);
    expect(p1).not.toEqual(p3);
  });

  it('stops early on a validation split when more iterations stop helping', () => {
    const rng = new Rng(6);
    const n = 12_000;
    const a = Float64Array.from({ length: n }, () => rng.normal());
    const y = Array.from(a, (v) => (rng.next() < 1 / (1 + Math.exp(-v)) ? 1 : 0));
    const seen: number[] = [];
    const clf = new GbdtClassifier({ maxIter: 300 }).fit(numericMatrix({ a }), y, {
      onIteration: (info) => seen.push(info.iteration),
    });
    const info = clf.fitInfo;
    expect(info.nIterations).toBeLessThan(300);
    expect(info.validationLoss.length).toBe(info.nIterations + 1);
    expect(seen.at(-1)).toBe(info.nIterations);
    expect(clf.model.trees.length).toBe(info.nIterations);
    // Early stopping is off by default at or below 10 000 rows.
    const small = new GbdtClassifier({ maxIter: 15 }).fit(
      numericMatrix({ a: a.subarray(0, 1000) }),
      y.slice(0, 1000),
    );
    expect(small.fitInfo.nIterations).toBe(15);
    expect(small.fitInfo.validationLoss).toEqual([]);
  });

  it('balanced class weights raise the minority class probability', () => {
    const rng = new Rng(7);
    const n = 2000;
    const a = Float64Array.from({ length: n }, () => rng.normal());
    const y = Array.from(a, (v) => (rng.next() < 0.05 + 0.05 * (v > 1 ? 1 : 0) ? 'yes' : 'no'));
    const X = numericMatrix({ a });
    const mean = (p: Float64Array): number => p.filter((_, i) => i % 2 === 1).reduce((s, v) => s + v, 0) / n;
    const plain = mean(new GbdtClassifier({ maxIter: 10 }).fit(X, y).predictProba(X));
    const weighted = mean(
      new GbdtClassifier({ maxIter: 10, classWeight: 'balanced' }).fit(X, y).predictProba(X),
    );
    expect(weighted).toBeGreaterThan(plain + 0.2);
  });

  it('ranks the informative feature first by gain and counts splits', () => {
    const rng = new Rng(8);
    const n = 1000;
    const signal = Float64Array.from({ length: n }, () => rng.normal());
    const noise = Float64Array.from({ length: n }, () => rng.normal());
    const y = Array.from(signal, (v) => (v > 0 ? 1 : 0));
    const clf = new GbdtClassifier({ maxIter: 10 }).fit(numericMatrix({ noise, signal }), y);
    const gain = clf.featureImportance('gain');
    expect(gain.map((g) => g.feature)).toEqual(['noise', 'signal']);
    expect(gain[1].importance).toBeGreaterThan(0.9);
    expect(gain[0].importance + gain[1].importance).toBeCloseTo(1, 12);
    expect(clf.featureImportance('split')[1].importance).toBeGreaterThanOrEqual(10);
  });

  it('round-trips through JSON with identical predictions', () => {
    const rng = new Rng(9);
    const n = 500;
    const a = Float64Array.from({ length: n }, () => (rng.next() < 0.1 ? Number.NaN : rng.normal()));
    const c = Array.from({ length: n }, () => ['x', 'y', 'z', null][rng.nextInt(4)]);
    const y = range(n).map((i) =>
      c[i] === 'x' || (a[i] > 0 && c[i] !== 'z') ? 'a' : i % 3 === 0 ? 'b' : 'c',
    );
    const X = Matrix.fromColumns([
      { name: 'a', kind: 'numeric', values: a },
      { name: 'c', kind: 'categorical', values: c },
    ]);
    const clf = new GbdtClassifier({ maxIter: 15 }).fit(X, y);
    const copy = GbdtClassifier.fromJSON(JSON.parse(JSON.stringify(clf)));
    expect(copy.predictProba(X)).toEqual(clf.predictProba(X));
    expect(copy.classes).toEqual(clf.classes);
    expect(() => GbdtClassifier.fromJSON({ kind: 'nope' } as never)).toThrow(MlError);
  });
});

describe('GbdtRegressor', () => {
  const rng = new Rng(10);
  const n = 1500;
  const a = Float64Array.from({ length: n }, () => rng.next() * 4);
  const b = Float64Array.from({ length: n }, () => rng.normal());
  const X = numericMatrix({ a, b });
  const train = range(1000);
  const test = range(500, 1000);

  for (const objective of ['squared_error', 'absolute_error', 'huber', 'poisson'] as const) {
    it(`${objective} reduces the training loss and beats a constant`, () => {
      const y = Array.from(a, (v, i) =>
        objective === 'poisson'
          ? Math.round(Math.exp(0.5 * v) + (i % 3))
          : Math.sin(2 * v) * 3 + b[i] + rng.normal() * 0.3,
      );
      const reg = new GbdtRegressor({ objective, maxIter: 40 }).fit(
        X.take(train),
        train.map((i) => y[i]),
        { recordTrainLoss: true },
      );
      const loss = reg.fitInfo.trainLoss;
      expect(loss.at(-1)!).toBeLessThan(loss[0]);
      for (let i = 1; i < loss.length; i++)
        expect(loss[i]).toBeLessThanOrEqual(loss[i - 1] + 1e-9 + (objective === 'huber' ? 1 : 0));
      const yt = test.map((i) => y[i]);
      const pred = reg.predict(X.take(test));
      const mean = yt.reduce((s, v) => s + v, 0) / yt.length;
      expect(rmse(yt, pred)).toBeLessThan(0.5 * rmse(yt, new Float64Array(yt.length).fill(mean)));
      if (objective === 'poisson') expect(pred.every((v) => v > 0)).toBe(true);
    });
  }

  it('round-trips through JSON', () => {
    const y = Array.from(a, (v) => v * v);
    const reg = new GbdtRegressor({ maxIter: 10, objective: 'huber' }).fit(X, y);
    const copy = GbdtRegressor.fromJSON(JSON.parse(JSON.stringify(reg.toJSON())));
    expect(copy.predict(X)).toEqual(reg.predict(X));
  });
});

describe('GBDT bad input', () => {
  const X = numericMatrix({ a: [1, 2, 3, 4] });

  it('rejects single-class, all-missing and non-numeric targets', () => {
    expect(() => new GbdtClassifier().fit(X, ['a', 'a', 'a', 'a'])).toThrow(
      expect.objectContaining({ code: 'ML_TARGET_ONE_CLASS' }),
    );
    expect(() => new GbdtClassifier().fit(X, [null, null, null, null])).toThrow(
      expect.objectContaining({ code: 'ML_TARGET_ALL_MISSING' }),
    );
    expect(() => new GbdtRegressor().fit(X, ['a', 'b', 'c', 'd'])).toThrow(
      expect.objectContaining({ code: 'ML_TARGET_NOT_NUMERIC' }),
    );
    expect(() => new GbdtClassifier().fit(X, [0, 1])).toThrow(
      expect.objectContaining({ code: 'ML_SHAPE_MISMATCH' }),
    );
    expect(() => new GbdtRegressor({ objective: 'poisson' }).fit(X, [-1, 2, 3, 4])).toThrow(
      expect.objectContaining({ code: 'ML_TARGET_INVALID' }),
    );
  });

  it('rejects bad and unknown parameters', () => {
    expect(() => new GbdtClassifier({ maxLeaves: 1 })).toThrow(
      expect.objectContaining({ code: 'ML_BAD_PARAM' }),
    );
    expect(() => new GbdtClassifier({ learningRate: 0 })).toThrow(MlError);
    expect(() => new GbdtClassifier({ maxBins: 300 })).toThrow(MlError);
    expect(() => new GbdtClassifier({ nope: 1 } as never)).toThrow(MlError);
  });

  it('drops rows with a missing target and says so', () => {
    const clf = new GbdtClassifier({ maxIter: 2 }).fit(X, ['a', null, 'b', 'b']);
    expect(clf.warnings.map((w) => w.code)).toContain('ML_ROWS_DROPPED');
  });

  it('fits a constant model on constant features, one row, or NaN/Inf features', () => {
    const constant = new GbdtRegressor({ maxIter: 5 }).fit(numericMatrix({ a: [7, 7, 7, 7] }), [1, 2, 3, 4]);
    expect(Array.from(constant.predict(X))).toEqual([2.5, 2.5, 2.5, 2.5]);
    expect(constant.warnings.map((w) => w.code)).toContain('ML_CONSTANT_FEATURE');
    const empty = new GbdtRegressor({ maxIter: 5 }).fit(
      numericMatrix({ a: [1, 2, 3, 4], gone: [Number.NaN, Number.NaN, Number.NaN, Number.NaN] }),
      [1, 2, 3, 4],
    );
    expect(empty.warnings.find((w) => w.code === 'ML_CONSTANT_FEATURE')?.details).toEqual({
      columns: ['gone'],
    });
    const one = new GbdtRegressor().fit(numericMatrix({ a: [1] }), [5]);
    expect(Array.from(one.predict(X))).toEqual([5, 5, 5, 5]);
    expect(() => new GbdtClassifier().fit(numericMatrix({ a: [1] }), ['x'])).toThrow(
      expect.objectContaining({ code: 'ML_TARGET_ONE_CLASS' }),
    );
    const weird = numericMatrix({ a: [Number.NEGATIVE_INFINITY, Number.NaN, 1, Number.POSITIVE_INFINITY] });
    const p = new GbdtRegressor({ minSamplesLeaf: 1, maxIter: 5 }).fit(weird, [0, 1, 2, 3]).predict(weird);
    expect(p.every(Number.isFinite)).toBe(true);
  });

  it('fits more features than rows', () => {
    const rng = new Rng(11);
    const cols: Record<string, Float64Array> = {};
    for (let j = 0; j < 200; j++) cols[`f${j}`] = Float64Array.from({ length: 50 }, () => rng.normal());
    const y = range(50).map((i) => (cols.f0[i] > 0 ? 1 : 0));
    const clf = new GbdtClassifier({ minSamplesLeaf: 5, maxIter: 10 }).fit(numericMatrix(cols), y);
    expect(accuracy(y, clf.predict(numericMatrix(cols)))).toBeGreaterThan(0.9);
  });

  it('handles missing columns, unknown categories and kind mismatches at predict time', () => {
    const train = Matrix.fromColumns([
      { name: 'a', kind: 'numeric', values: range(100) },
      { name: 'c', kind: 'categorical', values: range(100).map((i) => (i < 50 ? 'lo' : 'hi')) },
    ]);
    const y = range(100).map((i) => (i < 50 ? 0 : 1));
    const clf = new GbdtClassifier({ maxIter: 5 }).fit(train, y);
    const onlyA = train.select(['a']);
    expect(() => clf.predict(onlyA)).toThrow(expect.objectContaining({ code: 'ML_FEATURE_NOT_FOUND' }));
    expect(clf.predict(onlyA, { missingColumns: 'as-missing' }).length).toBe(100);
    const unseen = Matrix.fromColumns([
      { name: 'c', kind: 'categorical', values: ['never-seen', 'hi'] },
      { name: 'a', kind: 'numeric', values: [10, 90] },
    ]);
    expect(clf.predict(unseen).length).toBe(2);
    const wrongKind = Matrix.fromColumns([
      { name: 'a', kind: 'numeric', values: [1] },
      { name: 'c', kind: 'numeric', values: [1] },
    ]);
    expect(() => clf.predict(wrongKind)).toThrow(
      expect.objectContaining({ code: 'ML_FEATURE_KIND_MISMATCH' }),
    );
  });

  it('groups the rarest of 10 000 categories into one bin', () => {
    const n = 20_000;
    const values = range(n).map((i) => `user${i % 10_000}`);
    const y = range(n).map((i) => (i % 10_000 < 100 ? 1 : i % 2));
    const X = Matrix.fromColumns([{ name: 'u', kind: 'categorical', values }]);
    const clf = new GbdtClassifier({ maxIter: 3, earlyStopping: false }).fit(X, y);
    expect(clf.warnings.map((w) => w.code)).toContain('ML_CATEGORIES_GROUPED');
  });

  it('refuses to predict before fit', () => {
    expect(() => new GbdtClassifier().predict(X)).toThrow(expect.objectContaining({ code: 'ML_NOT_FITTED' }));
  });
});
