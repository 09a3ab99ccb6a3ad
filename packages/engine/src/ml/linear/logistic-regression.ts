import { checkParam, MlError, type MlWarning, mlWarning } from '../errors.ts';
import { stripUndefined } from '../gbdt/params.ts';
import { floatsFromJson, floatsToJson, type JsonFloat } from '../json-floats.ts';
import type { Matrix } from '../matrix.ts';
import { type ClassWeight, prepareClassification, type SupervisedFitOptions } from '../supervised.ts';
import type { TargetValues } from '../target.ts';
import { type Design, toDesign } from './design.ts';
import { lbfgs } from './lbfgs.ts';

export type LogisticPenalty = 'l2' | 'l1' | 'elasticnet' | 'none';

/**
 * Objective (scikit-learn's, so `C` means the same):
 *   Σᵢ sᵢ · logloss_i(W) + (1/C) · (ρ‖W‖₁ + ½(1 − ρ)‖W‖²)
 * with ρ = 0 for `l2`, 1 for `l1`, `l1Ratio` for `elasticnet`, and no penalty for `none`.
 * Binary targets use one coefficient vector (logit of the second class); more classes use the
 * symmetric multinomial (softmax) model. Intercepts are not penalised. Smooth problems are solved
 * by L-BFGS, L1/elastic-net by FISTA (accelerated proximal gradient).
 */
export interface LogisticRegressionParams {
  penalty: LogisticPenalty;
  C: number;
  l1Ratio: number;
  fitIntercept: boolean;
  maxIter: number;
  tol: number;
  classWeight: ClassWeight;
}

const DEFAULTS: LogisticRegressionParams = {
  penalty: 'l2',
  C: 1,
  l1Ratio: 0.5,
  fitIntercept: true,
  maxIter: 100,
  tol: 1e-4,
  classWeight: null,
};

export interface LogisticRegressionJson {
  kind: 'logistic_regression';
  params: LogisticRegressionParams;
  features: string[];
  classes: string[];
  /** Row-major nOutputs × p. */
  coef: JsonFloat[];
  intercept: JsonFloat[];
  nIter: number;
  warnings: MlWarning[];
}

interface State {
  features: string[];
  classes: readonly string[];
  coef: Float64Array;
  intercept: Float64Array;
  nIter: number;
  warnings: MlWarning[];
}

/**
 * Logistic regression, binary or multinomial.
 *
 * ### Example
 * ```ts
 * const lr = new LogisticRegression({ C: 0.5 }).fit(Xscaled, y);
 * const p = lr.predictProba(Xnew); // row-major n × lr.classes.length
 * ```
 */
export class LogisticRegression {
  readonly params: LogisticRegressionParams;
  private state: State | null = null;

  constructor(params: Partial<LogisticRegressionParams> = {}) {
    const p = { ...DEFAULTS, ...stripUndefined(params) };
    checkParam(
      ['l2', 'l1', 'elasticnet', 'none'].includes(p.penalty),
      'penalty',
      "'l2' | 'l1' | 'elasticnet' | 'none'",
      p.penalty,
    );
    checkParam(p.C > 0 && Number.isFinite(p.C), 'C', 'a finite number > 0', p.C);
    checkParam(p.l1Ratio >= 0 && p.l1Ratio <= 1, 'l1Ratio', 'in [0, 1]', p.l1Ratio);
    checkParam(Number.isInteger(p.maxIter) && p.maxIter >= 1, 'maxIter', 'an integer ≥ 1', p.maxIter);
    checkParam(p.tol > 0, 'tol', '> 0', p.tol);
    this.params = p;
  }

  fit(X: Matrix, y: TargetValues, opts: SupervisedFitOptions = {}): this {
    const prep = prepareClassification(X, y, {
      sampleWeight: opts.sampleWeight,
      classWeight: this.params.classWeight,
    });
    const d = toDesign(prep.X);
    const K = prep.classes.length;
    const nOut = K === 2 ? 1 : K;
    const s = prep.weights ?? new Float64Array(d.n).fill(1);
    const problem = new LogLoss(d, prep.codes, s, nOut, this.params.fitIntercept);
    const { penalty, C } = this.params;
    const rho = penalty === 'l1' ? 1 : penalty === 'elasticnet' ? this.params.l1Ratio : 0;
    const l2 = penalty === 'none' ? 0 : (1 - rho) / C;
    const l1 = penalty === 'none' ? 0 : rho / C;
    const x0 = new Float64Array(problem.size);
    let result: { x: Float64Array; iterations: number; converged: boolean };
    if (l1 === 0) {
      result = lbfgs((x, g) => problem.value(x, g, l2), x0, {
        maxIter: this.params.maxIter,
        gtol: this.params.tol,
      });
    } else {
      result = fista(problem, x0, l1, l2, this.params.maxIter, this.params.tol);
    }
    const warnings = [...prep.warnings];
    if (!result.converged) {
      warnings.push(
        mlWarning(
          'ML_NOT_CONVERGED',
          `Logistic regression did not converge in ${result.iterations} iterations`,
          {
            maxIter: this.params.maxIter,
          },
        ),
      );
    }
    const { coef, intercept } = problem.unpack(result.x);
    this.state = {
      features: [...d.names],
      classes: prep.classes,
      coef,
      intercept,
      nIter: result.iterations,
      warnings,
    };
    return this;
  }

  get classes(): readonly string[] {
    return this.fitted().classes;
  }

  /** Row-major nOutputs × p (one row for binary problems). */
  get coef(): Float64Array {
    return this.fitted().coef;
  }

  get intercept(): Float64Array {
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

  /** Linear scores, row-major n × nOutputs. */
  decisionFunction(X: Matrix): Float64Array {
    const s = this.fitted();
    const d = toDesign(X, s.features);
    const nOut = s.intercept.length;
    const out = new Float64Array(d.n * nOut);
    for (let i = 0; i < d.n; i++) {
      for (let k = 0; k < nOut; k++) {
        let z = s.intercept[k];
        for (let j = 0; j < d.p; j++) z += d.data[i * d.p + j] * s.coef[k * d.p + j];
        out[i * nOut + k] = z;
      }
    }
    return out;
  }

  predictProba(X: Matrix): Float64Array {
    const z = this.decisionFunction(X);
    const K = this.fitted().classes.length;
    const n = X.nRows;
    const out = new Float64Array(n * K);
    if (K === 2) {
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-z[i]));
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      }
      return out;
    }
    for (let i = 0; i < n; i++) softmaxInto(z, i * K, K, out, i * K);
    return out;
  }

  /** Most probable class code per row (index into `classes`). */
  predict(X: Matrix): Int32Array {
    const p = this.predictProba(X);
    const K = this.fitted().classes.length;
    const out = new Int32Array(X.nRows);
    for (let i = 0; i < out.length; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (p[i * K + k] > p[i * K + best]) best = k;
      out[i] = best;
    }
    return out;
  }

  predictLabels(X: Matrix): string[] {
    const classes = this.fitted().classes;
    return Array.from(this.predict(X), (k) => classes[k]);
  }

  toJSON(): LogisticRegressionJson {
    const s = this.fitted();
    return {
      kind: 'logistic_regression',
      params: { ...this.params },
      features: [...s.features],
      classes: [...s.classes],
      coef: floatsToJson(s.coef),
      intercept: floatsToJson(s.intercept),
      nIter: s.nIter,
      warnings: [...s.warnings],
    };
  }

  static fromJSON(j: LogisticRegressionJson): LogisticRegression {
    if (j?.kind !== 'logistic_regression' || !Array.isArray(j.classes) || j.classes.length < 2) {
      throw new MlError('ML_ARTIFACT_INVALID', 'Not a logistic regression');
    }
    const m = new LogisticRegression(j.params);
    const coef = floatsFromJson(j.coef, 'coef');
    const intercept = floatsFromJson(j.intercept, 'intercept');
    const nOut = j.classes.length === 2 ? 1 : j.classes.length;
    if (intercept.length !== nOut || coef.length !== nOut * j.features.length) {
      throw new MlError('ML_ARTIFACT_INVALID', 'Logistic regression coefficients have the wrong shape');
    }
    m.state = {
      features: [...j.features],
      classes: [...j.classes],
      coef,
      intercept,
      nIter: j.nIter ?? 0,
      warnings: j.warnings ?? [],
    };
    return m;
  }

  private fitted(): State {
    if (this.state === null) throw new MlError('ML_NOT_FITTED');
    return this.state;
  }
}

function softmaxInto(z: Float64Array, zOff: number, K: number, out: Float64Array, off: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < K; k++) max = Math.max(max, z[zOff + k]);
  let s = 0;
  for (let k = 0; k < K; k++) {
    out[off + k] = Math.exp(z[zOff + k] - max);
    s += out[off + k];
  }
  for (let k = 0; k < K; k++) out[off + k] /= s;
}

/**
 * The weighted log-loss Σ sᵢ ℓᵢ and its gradient. Parameters are packed as nOut × (p + 1):
 * coefficients of output k at k(p+1)..k(p+1)+p−1, its intercept last.
 */
class LogLoss {
  readonly size: number;
  private readonly z: Float64Array;

  constructor(
    private readonly d: Design,
    private readonly y: Int32Array,
    private readonly s: Float64Array,
    private readonly nOut: number,
    private readonly fitIntercept: boolean,
  ) {
    this.size = nOut * (d.p + 1);
    this.z = new Float64Array(nOut);
  }

  /** Smooth part of the objective: loss + (l2/2)‖W‖²; writes its gradient into `g`. */
  value(x: Float64Array, g: Float64Array, l2: number): number {
    const { d, y, s, nOut, z } = this;
    const { n, p, data } = d;
    const stride = p + 1;
    g.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const row = i * p;
      for (let k = 0; k < nOut; k++) {
        let zk = this.fitIntercept ? x[k * stride + p] : 0;
        for (let j = 0; j < p; j++) zk += data[row + j] * x[k * stride + j];
        z[k] = zk;
      }
      const si = s[i];
      if (nOut === 1) {
        const zi = z[0];
        const yi = y[i];
        // log(1 + e^z) − y z without overflow.
        loss += si * ((zi > 0 ? zi + Math.log1p(Math.exp(-zi)) : Math.log1p(Math.exp(zi))) - yi * zi);
        const r = si * (1 / (1 + Math.exp(-zi)) - yi);
        for (let j = 0; j < p; j++) g[j] += r * data[row + j];
        g[p] += r;
      } else {
        let max = Number.NEGATIVE_INFINITY;
        for (let k = 0; k < nOut; k++) max = Math.max(max, z[k]);
        let sum = 0;
        for (let k = 0; k < nOut; k++) sum += Math.exp(z[k] - max);
        const lse = max + Math.log(sum);
        loss += si * (lse - z[y[i]]);
        for (let k = 0; k < nOut; k++) {
          const r = si * (Math.exp(z[k] - lse) - (y[i] === k ? 1 : 0));
          const off = k * stride;
          for (let j = 0; j < p; j++) g[off + j] += r * data[row + j];
          g[off + p] += r;
        }
      }
    }
    if (!this.fitIntercept) for (let k = 0; k < nOut; k++) g[k * stride + p] = 0;
    if (l2 > 0) {
      for (let k = 0; k < nOut; k++) {
        for (let j = 0; j < p; j++) {
          const w = x[k * stride + j];
          loss += 0.5 * l2 * w * w;
          g[k * stride + j] += l2 * w;
        }
      }
    }
    return loss;
  }

  /** Whether parameter index `idx` is an intercept (never penalised). */
  isIntercept(idx: number): boolean {
    return idx % (this.d.p + 1) === this.d.p;
  }

  unpack(x: Float64Array): { coef: Float64Array; intercept: Float64Array } {
    const { p } = this.d;
    const coef = new Float64Array(this.nOut * p);
    const intercept = new Float64Array(this.nOut);
    for (let k = 0; k < this.nOut; k++) {
      for (let j = 0; j < p; j++) coef[k * p + j] = x[k * (p + 1) + j];
      intercept[k] = this.fitIntercept ? x[k * (p + 1) + p] : 0;
    }
    return { coef, intercept };
  }
}

/**
 * FISTA (Beck & Teboulle 2009) with backtracking on the step size for
 * smooth(x) + l1‖W‖₁; stops when the largest parameter change, relative to the largest
 * parameter, falls below `tol`.
 */
function fista(
  problem: LogLoss,
  x0: Float64Array,
  l1: number,
  l2: number,
  maxIter: number,
  tol: number,
): { x: Float64Array; iterations: number; converged: boolean } {
  const m = x0.length;
  let x = Float64Array.from(x0);
  let yk = Float64Array.from(x0);
  let t = 1;
  let L = 1;
  const g = new Float64Array(m);
  const gTmp = new Float64Array(m);
  const next = new Float64Array(m);
  for (let it = 1; it <= maxIter; it++) {
    const fy = problem.value(yk, g, l2);
    for (;;) {
      for (let i = 0; i < m; i++) {
        const v = yk[i] - g[i] / L;
        const thr = problem.isIntercept(i) ? 0 : l1 / L;
        next[i] = Math.sign(v) * Math.max(Math.abs(v) - thr, 0);
      }
      const fNext = problem.value(next, gTmp, l2);
      let q = fy;
      for (let i = 0; i < m; i++) {
        const dlt = next[i] - yk[i];
        q += g[i] * dlt + 0.5 * L * dlt * dlt;
      }
      if (fNext <= q + 1e-12 * Math.abs(q)) break;
      L *= 2;
    }
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    let dMax = 0;
    let xMax = 0;
    for (let i = 0; i < m; i++) {
      dMax = Math.max(dMax, Math.abs(next[i] - x[i]));
      xMax = Math.max(xMax, Math.abs(next[i]));
      yk[i] = next[i] + ((t - 1) / tNext) * (next[i] - x[i]);
    }
    x = Float64Array.from(next);
    t = tNext;
    if (dMax <= tol * Math.max(xMax, 1)) return { x, iterations: it, converged: true };
    yk = yk.slice();
  }
  return { x, iterations: maxIter, converged: false };
}
