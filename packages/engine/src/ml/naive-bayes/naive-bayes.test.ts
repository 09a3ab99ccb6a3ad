import { describe, expect, it } from 'vitest';
import { Matrix } from '../matrix.ts';
import { NaiveBayesClassifier } from './naive-bayes.ts';

const num = (cols: Record<string, number[]>): Matrix =>
  Matrix.fromColumns(
    Object.entries(cols).map(([name, values]) => ({ name, kind: 'numeric' as const, values })),
  );

describe('naive Bayes', () => {
  it('Gaussian likelihoods match scikit-learn GaussianNB', () => {
    const X = num({ a: [1, 2, 3, 6, 7, 8], b: [2, 1.5, 4, 7, 8.5, 8] });
    const nb = new NaiveBayesClassifier().fit(X, [0, 0, 0, 1, 1, 1]);
    const p = nb.predictProba(num({ a: [4, 2.5], b: [5, 2.5] }));
    expect(p[0]).toBeCloseTo(0.9999804702243302, 10);
    expect(p[1]).toBeCloseTo(1.9529775669252392e-5, 10);
  });

  it('categorical likelihoods match scikit-learn CategoricalNB', () => {
    const X = Matrix.fromColumns([
      { name: 'f0', kind: 'categorical', values: ['0', '0', '1', '2', '2', '1'] },
      { name: 'f1', kind: 'categorical', values: ['1', '0', '1', '0', '1', '0'] },
    ]);
    const nb = new NaiveBayesClassifier().fit(X, [0, 0, 0, 1, 1, 1]);
    const q = Matrix.fromColumns([
      { name: 'f0', kind: 'categorical', values: ['0', '2'] },
      { name: 'f1', kind: 'categorical', values: ['1', '0'] },
    ]);
    const p = nb.predictProba(q);
    expect(p[0]).toBeCloseTo(0.818181818181818, 12);
    expect(p[2]).toBeCloseTo(0.18181818181818182, 12);
  });
});
