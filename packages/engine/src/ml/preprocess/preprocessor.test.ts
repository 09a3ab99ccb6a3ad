import { describe, expect, it } from 'vitest';
import { Matrix } from '../matrix.ts';
import { Preprocessor } from './preprocessor.ts';

const col = (X: Matrix, name: string): number[] =>
  Array.from((X.column(name) as { values: Float64Array }).values);

describe('Preprocessor: numeric', () => {
  const train = Matrix.fromColumns([
    { name: 'a', kind: 'numeric', values: [1, 2, null, 4, Number.POSITIVE_INFINITY] },
  ]);

  it('imputes the training median, adds an indicator and standardises', () => {
    const pre = new Preprocessor();
    const out = pre.fitTransform(train);
    expect(pre.outputNames).toEqual(['a', 'a__missing']);
    // Median of the finite values 1, 2, 4 is 2 (±Inf counts as missing): imputed 1, 2, 2, 4, 2
    // → mean 2.2, population sd √0.96.
    const sd = Math.sqrt(0.96);
    const expected = [1, 2, 2, 4, 2].map((v) => (v - 2.2) / sd);
    const got = col(out, 'a');
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(expected[i], 12);
    expect(col(out, 'a__missing')).toEqual([0, 0, 1, 0, 1]);
    // Test rows use training statistics only.
    const test = Matrix.fromColumns([{ name: 'a', kind: 'numeric', values: [null, 100] }]);
    const t = pre.transform(test);
    expect(col(t, 'a')[0]).toBeCloseTo((2 - 2.2) / sd, 12);
    expect(col(t, 'a')[1]).toBeCloseTo((100 - 2.2) / sd, 12);
  });

  it('robust scaling uses the median and IQR; constant columns scale by 1', () => {
    const X = Matrix.fromColumns([
      { name: 'a', kind: 'numeric', values: [1, 2, 3, 4, 100] },
      { name: 'c', kind: 'numeric', values: [7, 7, 7, 7, 7] },
    ]);
    const out = new Preprocessor({ scale: 'robust', missingIndicator: 'never' }).fitTransform(X);
    expect(col(out, 'a')).toEqual([-1, -0.5, 0, 0.5, 48.5]);
    expect(col(out, 'c')).toEqual([0, 0, 0, 0, 0]);
  });

  it('expands dates and keeps booleans as 0/1', () => {
    const X = Matrix.fromColumns([
      { name: 'd', kind: 'datetime', values: ['2024-03-15T10:00:00Z', '2023-12-31T23:00:00Z'] },
      { name: 'b', kind: 'boolean', values: [true, false] },
    ]);
    const pre = new Preprocessor({ scale: 'none', dateParts: ['year', 'month', 'dayOfWeek', 'hour'] });
    const out = pre.fitTransform(X);
    expect(pre.outputNames).toEqual(['d__year', 'd__month', 'd__dayOfWeek', 'd__hour', 'b']);
    expect(col(out, 'd__year')).toEqual([2024, 2023]);
    expect(col(out, 'd__month')).toEqual([3, 12]);
    expect(col(out, 'd__dayOfWeek')).toEqual([5, 0]);
    expect(col(out, 'd__hour')).toEqual([10, 23]);
    expect(col(out, 'b')).toEqual([1, 0]);
  });
});

describe('Preprocessor: categorical', () => {
  const train = Matrix.fromColumns([
    { name: 'c', kind: 'categorical', values: ['x', 'y', 'x', 'z', null, 'x', 'y'] },
  ]);

  it('one-hot encodes with rare-level grouping and a missing column', () => {
    const pre = new Preprocessor({ minFrequency: 2 });
    const out = pre.fitTransform(train);
    expect(pre.outputNames).toEqual(['c=x', 'c=y', 'c=__other__', 'c=__missing__']);
    expect(col(out, 'c=x')).toEqual([1, 0, 1, 0, 0, 1, 0]);
    expect(col(out, 'c=__other__')).toEqual([0, 0, 0, 1, 0, 0, 0]);
    expect(col(out, 'c=__missing__')).toEqual([0, 0, 0, 0, 1, 0, 0]);
  });

  it('applies the unknown-level policy', () => {
    const test = Matrix.fromColumns([{ name: 'c', kind: 'categorical', values: ['new', 'z'] }]);
    const ignore = new Preprocessor({ minFrequency: 2 }).fit(train).transform(test);
    expect(col(ignore, 'c=__other__')).toEqual([0, 1]);
    const other = new Preprocessor({ minFrequency: 2, unknown: 'other' }).fit(train).transform(test);
    expect(col(other, 'c=__other__')).toEqual([1, 1]);
    expect(() => new Preprocessor({ unknown: 'error' }).fit(train).transform(test)).toThrow(
      expect.objectContaining({ code: 'ML_UNKNOWN_CATEGORY' }),
    );
  });

  it('ordinal encodes in training-level order with −1 for missing/unseen', () => {
    const pre = new Preprocessor({ categorical: 'ordinal' }).fit(train);
    const test = Matrix.fromColumns([{ name: 'c', kind: 'categorical', values: ['z', 'x', null, 'new'] }]);
    expect(col(pre.transform(test), 'c')).toEqual([2, 0, -1, -1]);
  });

  it('target-encodes training rows out of fold, so an ID column cannot leak the target', () => {
    const n = 50;
    const ids = Array.from({ length: n }, (_, i) => `id${i}`);
    const y = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 'yes' : 'no'));
    const X = Matrix.fromColumns([{ name: 'id', kind: 'categorical', values: ids }]);
    const pre = new Preprocessor({ categorical: 'target', targetSmoothing: 1 });
    const oof = col(pre.fitTransform(X, y), 'id__target');
    // Each id is unseen in the other folds: every training row gets (roughly) the prior.
    for (const v of oof) expect(Math.abs(v - 0.5)).toBeLessThan(0.1);
    // In-sample (transform after fit) the encoding does see the row's own target.
    const inSample = col(pre.transform(X), 'id__target');
    expect(inSample[0]).toBeGreaterThan(0.7);
    expect(inSample[1]).toBeLessThan(0.3);
  });
});

describe('Preprocessor: policies and serialisation', () => {
  const X = Matrix.fromColumns([
    { name: 'a', kind: 'numeric', values: [1, null, 3] },
    { name: 'c', kind: 'categorical', values: ['p', 'q', 'p'] },
  ]);

  it('missing columns fail unless treated as missing; kind changes fail', () => {
    const pre = new Preprocessor().fit(X);
    expect(() => pre.transform(X.select(['a']))).toThrow(
      expect.objectContaining({ code: 'ML_FEATURE_NOT_FOUND' }),
    );
    const out = pre.transform(X.select(['a']), { missingColumns: 'as-missing' });
    expect(col(out, 'c=p')).toEqual([0, 0, 0]);
    const wrong = Matrix.fromColumns([
      { name: 'a', kind: 'categorical', values: ['1', '2', '3'] },
      { name: 'c', kind: 'categorical', values: ['p', 'q', 'p'] },
    ]);
    expect(() => pre.transform(wrong)).toThrow(expect.objectContaining({ code: 'ML_FEATURE_KIND_MISMATCH' }));
  });

  it('round-trips through JSON with identical output', () => {
    const pre = new Preprocessor({ scale: 'robust' }).fit(X);
    const copy = Preprocessor.fromJSON(JSON.parse(JSON.stringify(pre.toJSON())));
    expect(copy.transform(X)).toEqual(pre.transform(X));
    expect(() => new Preprocessor().transform(X)).toThrow(expect.objectContaining({ code: 'ML_NOT_FITTED' }));
  });
});
