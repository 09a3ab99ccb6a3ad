import { MlError } from '../errors.ts';
import { quantileSorted, weightedMedian } from '../stats.ts';

/** Training targets: float64, or class codes (bytes up to 256 classes, else float32; exact). */
export type TargetArray = Float64Array | Float32Array | Uint8Array;

export type ObjectiveName =
  | 'binary'
  | 'multiclass'
  | 'squared_error'
  | 'absolute_error'
  | 'huber'
  | 'poisson';

/**
 * A boosting loss. Raw predictions and gradients are class-major: output k of row i lives at
 * `k * n + i`. `y` holds class codes (0..K-1) for classification, values for regression.
 * Weights `w` (null = all 1) scale gradients and hessians.
 */
export interface Objective {
  readonly name: ObjectiveName;
  readonly nOutputs: number;
  /** Hessians are all 1 when unweighted, so histograms can skip them. */
  readonly unitHessian: boolean;
  /** Best constant raw prediction per output. */
  init(y: TargetArray, w: Float64Array | null): Float64Array;
  gradients(
    y: TargetArray,
    raw: Float64Array,
    w: Float64Array | null,
    g: Float32Array,
    h: Float32Array,
  ): void;
  /**
   * `gradients` restricted to rows [from, to), when the objective has such a kernel: worker
   * threads then share the work (`parallel.ts` ships it to them as source, so it uses nothing
   * from outside its body).
   */
  readonly rowGradients?: GradientKernel;
  /** Mean (weighted) loss, lower is better; used for early stopping and training curves. */
  loss(y: TargetArray, raw: Float64Array, w: Float64Array | null): number;
  /** Re-estimated leaf value from the rows of a leaf (absolute error: median residual). */
  leafValue?(
    y: TargetArray,
    raw: Float64Array,
    w: Float64Array | null,
    rows: Uint32Array,
    start: number,
    end: number,
  ): number;
}

export type GradientKernel = (
  y: TargetArray,
  raw: Float64Array,
  w: Float64Array | null,
  g: Float32Array,
  h: Float32Array,
  from: number,
  to: number,
) => void;

export interface ObjectiveOptions {
  nClasses?: number;
  /** Huber: the residual quantile that sets δ each iteration (default 0.9). */
  huberQuantile?: number;
}

export function makeObjective(name: ObjectiveName, opts: ObjectiveOptions = {}): Objective {
  switch (name) {
    case 'binary':
      return binary;
    case 'multiclass':
      return multiclass(opts.nClasses ?? 0);
    case 'squared_error':
      return squaredError;
    case 'absolute_error':
      return absoluteError;
    case 'huber':
      return huber(opts.huberQuantile ?? 0.9);
    case 'poisson':
      return poisson;
    default:
      throw new MlError('ML_BAD_PARAM', `Unknown objective "${String(name)}"`);
  }
}

function weightedMean(y: TargetArray, w: Float64Array | null): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w === null ? 1 : w[i];
    s += wi * y[i];
    sw += wi;
  }
  return sw > 0 ? s / sw : 0;
}

function mean(terms: (i: number) => number, n: number, w: Float64Array | null): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const wi = w === null ? 1 : w[i];
    s += wi * terms(i);
    sw += wi;
  }
  return sw > 0 ? s / sw : 0;
}

const EPS = 2.220446049250313e-16;

export function sigmoid(x: number): number {
  // One exponential: e^{−|x|} is e^{−x} for x ≥ 0 and e^{x} otherwise (both never overflow).
  const e = Math.exp(-Math.abs(x));
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/** Binary log-loss gradients of rows [from, to) (sigmoid inlined: shipped to workers). */
function binaryGradients(
  y: TargetArray,
  raw: Float64Array,
  w: Float64Array | null,
  g: Float32Array,
  h: Float32Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    const x = raw[i];
    const e = Math.exp(-Math.abs(x));
    const p = x >= 0 ? 1 / (1 + e) : e / (1 + e);
    const wi = w === null ? 1 : w[i];
    g[i] = wi * (p - y[i]);
    h[i] = wi * p * (1 - p);
  }
}

/** Binary log loss on the logit: g = p − y, h = p(1 − p). */
const binary: Objective = {
  name: 'binary',
  nOutputs: 1,
  unitHessian: false,
  init(y, w) {
    const p = Math.min(1 - EPS, Math.max(EPS, weightedMean(y, w)));
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  gradients(y, raw, w, g, h) {
    binaryGradients(y, raw, w, g, h, 0, y.length);
  },
  rowGradients: binaryGradients,
  loss(y, raw, w) {
    // log(1 + e^z) − y z, computed without overflow.
    return mean(
      (i) => {
        const z = raw[i];
        return (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
      },
      y.length,
      w,
    );
  },
};

/** Softmax cross-entropy, one tree per class per iteration: g_k = p_k − [y = k], h_k = p_k(1 − p_k). */
function multiclass(K: number): Objective {
  if (!(K >= 3)) throw new MlError('ML_BAD_PARAM', `multiclass needs at least 3 classes (got ${K})`);
  return {
    name: 'multiclass',
    nOutputs: K,
    unitHessian: false,
    init(y, w) {
      const prior = new Float64Array(K);
      let total = 0;
      for (let i = 0; i < y.length; i++) {
        const wi = w === null ? 1 : w[i];
        prior[y[i]] += wi;
        total += wi;
      }
      // Symmetric multinomial logit log(p_k / gmean(p)), computed as scikit-learn does.
      const p = new Float64Array(K);
      let meanLog = 0;
      for (let k = 0; k < K; k++) {
        p[k] = Math.min(1 - EPS, Math.max(EPS, prior[k] / total));
        meanLog += Math.log(p[k]);
      }
      const gmean = Math.exp(meanLog / K);
      const out = new Float64Array(K);
      for (let k = 0; k < K; k++) out[k] = Math.log(p[k] / gmean);
      return out;
    },
    gradients(y, raw, w, g, h) {
      softmaxGradients(y, raw, w, g, h, 0, y.length);
    },
    rowGradients: softmaxGradients,
    loss(y, raw, w) {
      const n = y.length;
      return mean(
        (i) => {
          let max = Number.NEGATIVE_INFINITY;
          for (let k = 0; k < K; k++) max = Math.max(max, raw[k * n + i]);
          let s = 0;
          for (let k = 0; k < K; k++) s += Math.exp(raw[k * n + i] - max);
          return max + Math.log(s) - raw[y[i] * n + i];
        },
        n,
        w,
      );
    },
  };
}

/**
 * Softmax cross-entropy gradients of rows [from, to) for K = raw.length / n classes
 * (`softmaxRow` inlined: shipped to workers).
 */
function softmaxGradients(
  y: TargetArray,
  raw: Float64Array,
  w: Float64Array | null,
  g: Float32Array,
  h: Float32Array,
  from: number,
  to: number,
): void {
  const n = y.length;
  const K = Math.round(raw.length / n);
  const p = new Float64Array(K);
  for (let i = from; i < to; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < K; k++) if (raw[k * n + i] > max) max = raw[k * n + i];
    let s = 0;
    for (let k = 0; k < K; k++) {
      p[k] = Math.exp(raw[k * n + i] - max);
      s += p[k];
    }
    for (let k = 0; k < K; k++) p[k] /= s;
    const wi = w === null ? 1 : w[i];
    const yi = y[i];
    for (let k = 0; k < K; k++) {
      g[k * n + i] = wi * (p[k] - (yi === k ? 1 : 0));
      h[k * n + i] = wi * p[k] * (1 - p[k]);
    }
  }
}

/** Softmax of row i of class-major raw scores into `out`. */
export function softmaxRow(raw: Float64Array, i: number, n: number, K: number, out: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < K; k++) if (raw[k * n + i] > max) max = raw[k * n + i];
  let s = 0;
  for (let k = 0; k < K; k++) {
    out[k] = Math.exp(raw[k * n + i] - max);
    s += out[k];
  }
  for (let k = 0; k < K; k++) out[k] /= s;
}

function squaredErrorGradients(
  y: TargetArray,
  raw: Float64Array,
  w: Float64Array | null,
  g: Float32Array,
  h: Float32Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    const wi = w === null ? 1 : w[i];
    g[i] = wi * (raw[i] - y[i]);
    h[i] = wi;
  }
}

/** Half squared error: g = ŷ − y, h = 1. */
const squaredError: Objective = {
  name: 'squared_error',
  nOutputs: 1,
  unitHessian: true,
  init: (y, w) => Float64Array.of(weightedMean(y, w)),
  gradients(y, raw, w, g, h) {
    squaredErrorGradients(y, raw, w, g, h, 0, y.length);
  },
  rowGradients: squaredErrorGradients,
  loss: (y, raw, w) => mean((i) => 0.5 * (raw[i] - y[i]) ** 2, y.length, w),
};

/** Absolute error: g = sign(ŷ − y), h = 1; leaves are re-set to the median residual (as scikit-learn). */
const absoluteError: Objective = {
  name: 'absolute_error',
  nOutputs: 1,
  unitHessian: true,
  init: (y, w) =>
    Float64Array.of(weightedMedian(Float64Array.from(y), w === null ? null : Float64Array.from(w))),
  gradients(y, raw, w, g, h) {
    for (let i = 0; i < y.length; i++) {
      const wi = w === null ? 1 : w[i];
      g[i] = wi * Math.sign(raw[i] - y[i]);
      h[i] = wi;
    }
  },
  loss: (y, raw, w) => mean((i) => Math.abs(raw[i] - y[i]), y.length, w),
  leafValue: residualMedian,
};

function residualMedian(
  y: TargetArray,
  raw: Float64Array,
  w: Float64Array | null,
  rows: Uint32Array,
  start: number,
  end: number,
): number {
  const m = end - start;
  const r = new Float64Array(m);
  const ww = w === null ? null : new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const i = rows[start + j];
    r[j] = y[i] - raw[i];
    if (ww !== null) ww[j] = w![i];
  }
  return weightedMedian(r, ww);
}

/**
 * Huber loss with δ set each iteration to the `q`-quantile of |y − ŷ| (scikit-learn's
 * GradientBoostingRegressor rule, so δ adapts to the target's scale): quadratic inside δ,
 * linear outside; h = 1 (LightGBM's choice) keeps leaf values stable.
 */
function huber(q: number): Objective {
  if (!(q > 0 && q < 1)) throw new MlError('ML_BAD_PARAM', `huberQuantile must be in (0, 1) (got ${q})`);
  let delta = 1;
  const updateDelta = (y: TargetArray, raw: Float64Array): void => {
    const a = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) a[i] = Math.abs(y[i] - raw[i]);
    a.sort();
    delta = Math.max(quantileSorted(a, q), EPS);
  };
  return {
    name: 'huber',
    nOutputs: 1,
    unitHessian: true,
    init: (y, w) =>
      Float64Array.of(weightedMedian(Float64Array.from(y), w === null ? null : Float64Array.from(w))),
    gradients(y, raw, w, g, h) {
      updateDelta(y, raw);
      for (let i = 0; i < y.length; i++) {
        const r = raw[i] - y[i];
        const wi = w === null ? 1 : w[i];
        g[i] = wi * (Math.abs(r) <= delta ? r : delta * Math.sign(r));
        h[i] = wi;
      }
    },
    loss: (y, raw, w) =>
      mean(
        (i) => {
          const a = Math.abs(raw[i] - y[i]);
          return a <= delta ? 0.5 * a * a : delta * (a - 0.5 * delta);
        },
        y.length,
        w,
      ),
  };
}

/** Poisson deviance with log link: ŷ = e^raw, g = e^raw − y, h = e^raw. Needs y ≥ 0, Σy > 0. */
const poisson: Objective = {
  name: 'poisson',
  nOutputs: 1,
  unitHessian: false,
  init(y, w) {
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      if (y[i] < 0)
        throw new MlError('ML_TARGET_INVALID', 'Poisson regression needs a target ≥ 0', { row: i });
      s += y[i];
    }
    if (s <= 0)
      throw new MlError('ML_TARGET_INVALID', 'Poisson regression needs some positive target values');
    return Float64Array.of(Math.log(weightedMean(y, w)));
  },
  gradients(y, raw, w, g, h) {
    for (let i = 0; i < y.length; i++) {
      const mu = Math.exp(raw[i]);
      const wi = w === null ? 1 : w[i];
      g[i] = wi * (mu - y[i]);
      h[i] = wi * mu;
    }
  },
  loss: (y, raw, w) => mean((i) => Math.exp(raw[i]) - y[i] * raw[i], y.length, w),
};
