import { checkParam, MlError, type MlWarning, mlWarning } from '../errors.ts';
import { stripUndefined } from '../gbdt/params.ts';
import { floatsFromJson, floatsToJson, type JsonFloat } from '../json-floats.ts';
import type { Matrix } from '../matrix.ts';
import { prepareRegression, type SupervisedFitOptions } from '../supervised.ts';
import type { TargetValues } from '../target.ts';
import { type Design, toDesign } from './design.ts';
import { cholesky, choleskySolve, pseudoSolve } from './linalg.ts';

export type LinearPenalty = 'none' | 'l2' | 'l1' | 'elasticnet';

/**
 * Objectives, as scikit-learn (so `alpha` means the same thing):
 *  - `none`: OLS, ‖y − Xw‖² (minimum-norm solution when X is rank deficient, as `lstsq`);
 *  - `l2`: ridge, ‖y − Xw‖² + α‖w‖²;
 *  - `l1` / `elasticnet`: (1/2n)‖y − Xw‖² + αρ‖w‖₁ + (α(1 − ρ)/2)‖w‖², by coordinate descent
 *    with scikit-learn's duality-gap stopping rule (ρ = `l1Ratio`, 1 for `l1`).
 * The intercept is never penalised (the problem is solved on weighted-centred data).
 */
export interface LinearRegressionParams {
  penalty: LinearPenalty;
  alpha: number;
  l1Ratio: number;
  fitIntercept: boolean;
  maxIter: number;
  tol: number;
}

const DEFAULTS: LinearRegressionParams = {
  penalty: 'none',
  alpha: 1,
  l1Ratio: 0.5,
  fitIntercept: true,
  maxIter: 1000,
  tol: 1e-4,
};

export interface LinearRegressionJson {
  kind: 'linear_regression';
  params: LinearRegressionParams;
  features: string[];
  coef: JsonFloat[];
  intercept: number;
  nIter: number;
  warnings: MlWarning[];
}

/**
 * Linear regression: OLS, ridge, lasso and elastic-net.
 *
 * ### Example
 * ```ts
 * const m = new LinearRegression({ penalty: 'l2', alpha: 1 }).fit(X, y);
 * m.coef; m.intercept; m.predict(Xnew);
 * ```
 */
export class LinearRegression {
  readonly params: LinearRegressionParams;
  private state: {
    features: string[];
    coef: Float64Array;
    intercept: number;
    nIter: number;
    warnings: MlWarning[];
  } | null = null;

  constructor(params: Partial<LinearRegressionParams> = {}) {
    const p = { ...DEFAULTS, ...stripUndefined(params) };
    checkParam(
      ['none', 'l2', 'l1', 'elasticnet'].includes(p.penalty),
      'penalty',
      "'none' | 'l2' | 'l1' | 'elasticnet'",
      p.penalty,
    );
    checkParam(p.alpha >= 0 && Number.isFinite(p.alpha), 'alpha', 'a finite number ≥ 0', p.alpha);
    checkParam(p.l1Ratio >= 0 && p.l1Ratio <= 1, 'l1Ratio', 'in [0, 1]', p.l1Ratio);
    checkParam(Number.isInteger(p.maxIter) && p.maxIter >= 1, 'maxIter', 'an integer ≥ 1', p.maxIter);
    checkParam(p.tol > 0, 'tol', '> 0', p.tol);
    this.params = p;
  }

  fit(X: Matrix, y: TargetValues, opts: SupervisedFitOptions = {}): this {
    const prep = prepareRegression(X, y, opts);
    const d = toDesign(prep.X);
    if (d.n === 0) throw new MlError('ML_NO_ROWS');
    const w = prep.weights ?? new Float64Array(d.n).fill(1);
    const { xMean, yMean } = weightedMeans(d, prep.y, w, this.params.fitIntercept);
    const warnings = [...prep.warnings];
    const penalty = this.params.penalty;
    let coef: Float64Array;
    let nIter = 0;
    if (penalty === 'none' || penalty === 'l2') {
      coef = solveNormalEquations(
        d,
        prep.y,
        w,
        xMean,
        yMean,
        penalty === 'l2' ? this.params.alpha : 0,
        warnings,
      );
    } else {
      const rho = penalty === 'l1' ? 1 : this.params.l1Ratio;
      const r = coordinateDescent(
        d,
        prep.y,
        w,
        xMean,
        yMean,
        this.params.alpha,
        rho,
        this.params.maxIter,
        this.params.tol,
      );
      coef = r.coef;
      nIter = r.nIter;
      if (!r.converged) {
        warnings.push(
          mlWarning('ML_NOT_CONVERGED', `Coordinate descent did not converge in ${r.nIter} iterations`, {
            dualityGap: r.gap,
            maxIter: this.params.maxIter,
          }),
        );
      }
    }
    let intercept = 0;
    if (this.params.fitIntercept) {
      intercept = yMean;
      for (let j = 0; j < d.p; j++) intercept -= xMean[j] * coef[j];
    }
    this.state = { features: [...d.names], coef, intercept, nIter, warnings };
    return this;
  }

  get coef(): Float64Array {
    return this.fitted().coef;
  }

  get intercept(): number {
    return this.fitted().intercept;
  }

  get featureNames(): string[] {
    return [...this.fitted().features];
  }

  get warnings(): readonly MlWarning[] {
    return this.state?.warnings ?? [];
  }

  get nIter(): number {
    return this.fitted().nIter;
  }

  predict(X: Matrix): Float64Array {
    const s = this.fitted();
    const d = toDesign(X, s.features);
    const out = new Float64Array(d.n).fill(s.intercept);
    for (let i = 0; i < d.n; i++) for (let j = 0; j < d.p; j++) out[i] += d.data[i * d.p + j] * s.coef[j];
    return out;
  }

  toJSON(): LinearRegressionJson {
    const s = this.fitted();
    return {
      kind: 'linear_regression',
      params: { ...this.params },
      features: [...s.features],
      coef: floatsToJson(s.coef),
      intercept: s.intercept,
      nIter: s.nIter,
      warnings: [...s.warnings],
    };
  }

  static fromJSON(j: LinearRegressionJson): LinearRegression {
    if (j?.kind !== 'linear_regression' || !Array.isArray(j.features)) {
      throw new MlError('ML_ARTIFACT_INVALID', 'Not a linear regression');
    }
    const m = new LinearRegression(j.params);
    const coef = floatsFromJson(j.coef, 'coef');
    if (coef.length !== j.features.length)
      throw new MlError('ML_ARTIFACT_INVALID', 'coef and features differ in length');
    m.state = {
      features: [...j.features],
      coef,
      intercept: j.intercept,
      nIter: j.nIter ?? 0,
      warnings: j.warnings ?? [],
    };
    return m;
  }

  private fitted(): NonNullable<LinearRegression['state']> {
    if (this.state === null) throw new MlError('ML_NOT_FITTED');
    return this.state;
  }
}

function weightedMeans(
  d: Design,
  y: Float64Array,
  w: Float64Array,
  fitIntercept: boolean,
): { xMean: Float64Array; yMean: number } {
  const xMean = new Float64Array(d.p);
  let yMean = 0;
  if (!fitIntercept) return { xMean, yMean };
  let sw = 0;
  for (let i = 0; i < d.n; i++) {
    sw += w[i];
    yMean += w[i] * y[i];
    for (let j = 0; j < d.p; j++) xMean[j] += w[i] * d.data[i * d.p + j];
  }
  for (let j = 0; j < d.p; j++) xMean[j] /= sw;
  return { xMean, yMean: yMean / sw };
}

/** (XcᵀWXc + αI) w = XcᵀW yc by Cholesky; minimum-norm pseudo-inverse when singular (α = 0). */
function solveNormalEquations(
  d: Design,
  y: Float64Array,
  w: Float64Array,
  xMean: Float64Array,
  yMean: number,
  alpha: number,
  warnings: MlWarning[],
): Float64Array {
  const { n, p, data } = d;
  const G = new Float64Array(p * p);
  const b = new Float64Array(p);
  const xc = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) xc[j] = data[i * p + j] - xMean[j];
    const wi = w[i];
    const yi = wi * (y[i] - yMean);
    for (let j = 0; j < p; j++) {
      b[j] += xc[j] * yi;
      const wx = wi * xc[j];
      for (let k = 0; k <= j; k++) G[j * p + k] += wx * xc[k];
    }
  }
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) G[k * p + j] = G[j * p + k];
    G[j * p + j] += alpha;
  }
  const L = cholesky(G, p);
  if (L !== null) return choleskySolve(L, p, b);
  const { x, rank } = pseudoSolve(G, p, b);
  warnings.push(
    mlWarning(
      'ML_CONSTANT_FEATURE',
      `The features are collinear (rank ${rank} of ${p}); the minimum-norm solution is used`,
      {
        rank,
        features: p,
      },
    ),
  );
  return x;
}

/**
 * Elastic-net coordinate descent on weighted-centred data (scikit-learn `enet_coordinate_descent`
 * in its unnormalised form: ½‖y − Xw‖²_W + a‖w‖₁ + (b/2)‖w‖² with a = αρΣw, b = α(1−ρ)Σw).
 */
function coordinateDescent(
  d: Design,
  y: Float64Array,
  sw: Float64Array,
  xMean: Float64Array,
  yMean: number,
  alpha: number,
  rho: number,
  maxIter: number,
  tol: number,
): { coef: Float64Array; nIter: number; converged: boolean; gap: number } {
  const { n, p, data } = d;
  let swSum = 0;
  for (let i = 0; i < n; i++) swSum += sw[i];
  // Weights are rescaled to sum to n (as scikit-learn), so alpha keeps its meaning.
  const ws = Float64Array.from(sw, (v) => (v * n) / swSum);
  const cols = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) cols[j * n + i] = data[i * p + j] - xMean[j];
  const yc = Float64Array.from(y, (v) => v - yMean);
  const a = alpha * rho * n;
  const b = alpha * (1 - rho) * n;
  const normSq = new Float64Array(p);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) normSq[j] += ws[i] * cols[j * n + i] ** 2;
  const w = new Float64Array(p);
  const r = Float64Array.from(yc);
  let yNorm = 0;
  for (let i = 0; i < n; i++) yNorm += ws[i] * yc[i] * yc[i];
  const tolAbs = tol * yNorm;
  let gap = Number.POSITIVE_INFINITY;
  for (let it = 1; it <= maxIter; it++) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < p; j++) {
      if (normSq[j] === 0) continue;
      const old = w[j];
      let rho_j = 0;
      const off = j * n;
      for (let i = 0; i < n; i++) rho_j += ws[i] * cols[off + i] * r[i];
      rho_j += normSq[j] * old;
      const next = (Math.sign(rho_j) * Math.max(Math.abs(rho_j) - a, 0)) / (normSq[j] + b);
      if (next !== old) {
        const delta = next - old;
        for (let i = 0; i < n; i++) r[i] -= delta * cols[off + i];
        w[j] = next;
      }
      dwMax = Math.max(dwMax, Math.abs(next - old));
      wMax = Math.max(wMax, Math.abs(next));
    }
    if (wMax === 0 || dwMax / wMax < tol || it === maxIter) {
      gap = dualityGap(cols, ws, yc, r, w, n, p, a, b);
      if (gap < tolAbs) return { coef: w, nIter: it, converged: true, gap };
    }
  }
  return { coef: w, nIter: maxIter, converged: false, gap };
}

function dualityGap(
  cols: Float64Array,
  ws: Float64Array,
  y: Float64Array,
  r: Float64Array,
  w: Float64Array,
  n: number,
  p: number,
  a: number,
  b: number,
): number {
  let dualNorm = 0;
  for (let j = 0; j < p; j++) {
    let xta = 0;
    for (let i = 0; i < n; i++) xta += ws[i] * cols[j * n + i] * r[i];
    dualNorm = Math.max(dualNorm, Math.abs(xta - b * w[j]));
  }
  let rNorm = 0;
  let ry = 0;
  for (let i = 0; i < n; i++) {
    rNorm += ws[i] * r[i] * r[i];
    ry += ws[i] * r[i] * y[i];
  }
  let wNorm = 0;
  let l1 = 0;
  for (let j = 0; j < p; j++) {
    wNorm += w[j] * w[j];
    l1 += Math.abs(w[j]);
  }
  let c = 1;
  let gap = rNorm;
  if (dualNorm > a) {
    c = a / dualNorm;
    gap = 0.5 * (rNorm + rNorm * c * c);
  }
  return gap + a * l1 - c * ry + 0.5 * b * (1 + c * c) * wNorm;
}
