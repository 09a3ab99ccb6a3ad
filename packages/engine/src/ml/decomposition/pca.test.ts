import { describe, expect, it } from 'vitest';
import { Matrix } from '../matrix.ts';
import { PCA } from './pca.ts';

const num = (cols: Record<string, number[]>): Matrix =>
  Matrix.fromColumns(
    Object.entries(cols).map(([name, values]) => ({ name, kind: 'numeric' as const, values })),
  );

describe('PCA', () => {
  it('matches scikit-learn explained variance and components (up to sign)', () => {
    const X = num({ a: [1, 2, 3, 6, 7, 8], b: [2, 1.5, 4, 7, 8.5, 8] });
    const pca = new PCA().fit(X);
    const r = pca.explainedVarianceRatio;
    expect(r[0]).toBeCloseTo(0.9851647779737015, 10);
    expect(r[1]).toBeCloseTo(0.014835222026298391, 10);
    const c = pca.components;
    expect(Math.abs(c[0])).toBeCloseTo(0.6827613207959019, 10);
    expect(Math.abs(c[1])).toBeCloseTo(0.7306414844676119, 10);
    const Z = pca.transform(X);
    expect(Z.names).toEqual(['pc1', 'pc2']);
    const z1 = (Z.column('pc1') as { values: Float64Array }).values;
    expect(z1.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 10);
  });
});
