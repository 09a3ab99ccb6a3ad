import { describe, expect, it } from 'vitest';
import { MlError } from '../errors.ts';
import { Matrix } from '../matrix.ts';
import { Rng } from '../random.ts';
import { cholesky, choleskySolve, pseudoSolve } from './linalg.ts';
import { LinearRegression } from './linear-regression.ts';
import { LogisticRegression } from './logistic-regression.ts';

const XA = [0.5, 1.5, -0.7, 2.2, -1.4, 0.3, 1.1, -0.2, 0.9, -1.8, 0.0, 1.7];
const XB = [1.2, -0.3, 0.8, 1.9, -1.1, -2.0, 0.4, 1.7, -0.9, 0.2, 0.6, -1.4];
const X = Matrix.fromColumns([
  { name: 'a', kind: 'numeric', values: XA },
  { name: 'b', kind: 'numeric', values: XB },
]);
const NOISE = [0.3, -0.2, 0.1, 0.0, 0.5, -0.4, 0.2, -0.1, 0.05, -0.3, 0.25, -0.15];
const YR = XA.map((a, i) => 1.5 * a - 2 * XB[i] + NOISE[i]);

function expectClose(actual: ArrayLike<number>, expected: number[], digits: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], digits);
}

describe('linear algebra', () => {
  it('Cholesky solves SPD systems and reports non-SPD ones', () => {
    const A = Float64Array.of(4, 2, 2, 3);
    const L = cholesky(A, 2)!;
    expectClose(choleskySolve(L, 2, Float64Array.of(2, 1)), [0.5, 0], 12);
    expect(cholesky(Float64Array.of(1, 1, 1, 1), 2)).toBeNull();
  });

  it('pseudo-inverse gives the minimum-norm solution of a singular system', () => {
    const { x, rank } = pseudoSolve(Float64Array.of(1, 1, 1, 1), 2, Float64Array.of(2, 2));
    expect(rank).toBe(1);
    expectClose(x, [1, 1], 10);
  });
});

describe('LinearRegression', () => {
  it('OLS recovers an exact linear relation', () => {
    const y = XA.map((a, i) => 1 - 2 * a + 3 * XB[i]);
    const m = new LinearRegression().fit(X, y);
    expectClose(m.coef, [-2, 3], 10);
    expect(m.intercept).toBeCloseTo(1, 10);
    expectClose(m.predict(X), y, 9);
  });

  it('ridge matches the closed form (XcᵀXc + αI)⁻¹Xcᵀyc to 1e-6', () => {
    const alpha = 2.5;
    const n = XA.length;
    const ma = XA.reduce((s, v) => s + v, 0) / n;
    const mb = XB.reduce((s, v) => s + v, 0) / n;
    const my = YR.reduce((s, v) => s + v, 0) / n;
    let saa = alpha;
    let sbb = alpha;
    let sab = 0;
    let say = 0;
    let sby = 0;
    for (let i = 0; i < n; i++) {
      const a = XA[i] - ma;
      const b = XB[i] - mb;
      saa += a * a;
      sbb += b * b;
      sab += a * b;
      say += a * (YR[i] - my);
      sby += b * (YR[i] - my);
    }
    const det = saa * sbb - sab * sab;
    const wa = (sbb * say - sab * sby) / det;
    const wb = (saa * sby - sab * say) / det;
    const m = new LinearRegression({ penalty: 'l2', alpha }).fit(X, YR);
    expectClose(m.coef, [wa, wb], 6);
    expect(m.intercept).toBeCloseTo(my - wa * ma - wb * mb, 6);
  });

  it('lasso and elastic-net match scikit-learn', () => {
    const lasso = new LinearRegression({ penalty: 'l1', alpha: 0.5, tol: 1e-12, maxIter: 100_000 }).fit(
      X,
      YR,
    );
    expectClose(lasso.coef, [1.0842273944982042, -1.5756838568780178], 6);
    expect(lasso.intercept).toBeCloseTo(0.1239933270935985, 6);
    const enet = new LinearRegression({
      penalty: 'elasticnet',
      alpha: 0.3,
      l1Ratio: 0.7,
      tol: 1e-12,
      maxIter: 100_000,
    }).fit(X, YR);
    expectClose(enet.coef, [1.2195176604334748, -1.6800251174105432], 6);
    expect(enet.intercept).toBeCloseTo(0.08733376844786256, 6);
  });

  it('lasso on an orthogonal design is soft-thresholding', () => {
    const a = [1, -1, 1, -1];
    const b = [1, 1, -1, -1];
    const y = [3, -1, 2, 0.5];
    const Xo = Matrix.fromColumns([
      { name: 'a', kind: 'numeric', values: a },
      { name: 'b', kind: 'numeric', values: b },
    ]);
    const alpha = 0.4;
    const m = new LinearRegression({ penalty: 'l1', alpha, tol: 1e-12 }).fit(Xo, y);
    const soft = (z: number): number => Math.sign(z) * Math.max(Math.abs(z) - alpha, 0);
    const za = a.reduce((s, v, i) => s + v * y[i], 0) / 4;
    const zb = b.reduce((s, v, i) => s + v * y[i], 0) / 4;
    expectClose(m.coef, [soft(za), soft(zb)], 10);
  });

  it('collinear OLS falls back to the minimum-norm solution with a warning', () => {
    const Xc = Matrix.fromColumns([
      { name: 'a', kind: 'numeric', values: XA },
      { name: 'a2', kind: 'numeric', values: XA.map((v) => 2 * v) },
    ]);
    const y = XA.map((v) => 5 * v);
    const m = new LinearRegression().fit(Xc, y);
    expectClose(m.coef, [1, 2], 8);
    expect(m.warnings.map((w) => w.code)).toContain('ML_CONSTANT_FEATURE');
  });

  it('warns when coordinate descent does not converge', () => {
    const m = new LinearRegression({ penalty: 'l1', alpha: 0.01, maxIter: 1, tol: 1e-12 }).fit(X, YR);
    expect(m.warnings.map((w) => w.code)).toContain('ML_NOT_CONVERGED');
  });

  it('round-trips through JSON', () => {
    const m = new LinearRegression({ penalty: 'l2' }).fit(X, YR);
    expect(LinearRegression.fromJSON(JSON.parse(JSON.stringify(m.toJSON()))).predict(X)).toEqual(
      m.predict(X),
    );
  });
});

describe('LogisticRegression', () => {
  const yb = [1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1];
  const ym = [0, 1, 2, 1, 2, 0, 1, 2, 0, 2, 2, 0];

  it("binary L2 matches the exact optimum of scikit-learn's objective", () => {
    // scipy L-BFGS-B at gtol 1e-14 on Σ logloss + ½‖w‖²; scikit-learn's own fit stops ~1e-5 short.
    const m = new LogisticRegression({ tol: 1e-10, maxIter: 1000 }).fit(X, yb);
    expectClose(m.coef, [1.547999430095204, 0.1145751568118761], 8);
    expectClose(m.intercept, [-0.6162630603269368], 8);
    const p = m.predictProba(X);
    for (let i = 0; i < yb.length; i++) expect(p[2 * i] + p[2 * i + 1]).toBeCloseTo(1, 12);
  });

  it('multinomial L2 matches scikit-learn', () => {
    const m = new LogisticRegression({ C: 0.5, tol: 1e-10, maxIter: 1000 }).fit(X, ym);
    expectClose(
      m.coef,
      [
        0.22918674697927927, -0.47524611822272367, 0.6751658758277186, 0.22688068110976387,
        -0.9043526228069978, 0.24836543711296,
      ],
      5,
    );
    expectClose(m.intercept, [0.08841814208451118, -0.594137981570499, 0.5057198394859882], 5);
  });

  it('L1 matches scikit-learn and zeroes a coefficient', () => {
    const m = new LogisticRegression({ penalty: 'l1', tol: 1e-9, maxIter: 20_000 }).fit(X, yb);
    expectClose(m.coef, [2.0781714377299516, 0], 4);
    expect(m.coef[1]).toBe(0);
    expectClose(m.intercept, [-0.8467611612490211], 4);
  });

  it('separable data with a weak penalty still converges to a finite model', () => {
    const y = XA.map((a) => (a > 0 ? 'pos' : 'neg'));
    const m = new LogisticRegression({ C: 100, maxIter: 500 }).fit(X, y);
    expect(Array.from(m.coef).every(Number.isFinite)).toBe(true);
    expect(m.predictLabels(X)).toEqual(y);
  });

  it('reports non-convergence with a typed warning', () => {
    const m = new LogisticRegression({ maxIter: 1, tol: 1e-12 }).fit(X, yb);
    expect(m.warnings.map((w) => w.code)).toContain('ML_NOT_CONVERGED');
  });

  it('rejects categorical and non-finite features, and one-class targets', () => {
    const cat = Matrix.fromColumns([{ name: 'c', kind: 'categorical', values: ['x', 'y', 'x', 'y'] }]);
    expect(() => new LogisticRegression().fit(cat, [0, 1, 0, 1])).toThrow(
      expect.objectContaining({ code: 'ML_FEATURE_KIND_MISMATCH' }),
    );
    const nan = Matrix.fromColumns([{ name: 'a', kind: 'numeric', values: [1, Number.NaN, 3, 4] }]);
    expect(() => new LogisticRegression().fit(nan, [0, 1, 0, 1])).toThrow(
      expect.objectContaining({ code: 'ML_NON_FINITE' }),
    );
    expect(() => new LogisticRegression().fit(X, new Array(12).fill('only'))).toThrow(MlError);
    expect(() => new LogisticRegression({ C: 0 })).toThrow(expect.objectContaining({ code: 'ML_BAD_PARAM' }));
  });

  it('handles more features than rows', () => {
    const rng = new Rng(3);
    const cols = Array.from({ length: 40 }, (_, j) => ({
      name: `f${j}`,
      kind: 'numeric' as const,
      values: Float64Array.from({ length: 15 }, () => rng.normal()),
    }));
    const Xw = Matrix.fromColumns(cols);
    const y = Array.from(cols[0].values, (v) => (v > 0 ? 1 : 0));
    const m = new LogisticRegression().fit(Xw, y);
    expect(m.predict(Xw).filter((v, i) => v === y[i]).length).toBe(15);
  });

  it('round-trips through JSON', () => {
    const m = new LogisticRegression().fit(X, ym);
    expect(LogisticRegression.fromJSON(JSON.parse(JSON.stringify(m.toJSON()))).predictProba(X)).toEqual(
      m.predictProba(X),
    );
  });
});
