import { checkParam, MlError, type MlWarning, mlWarning } from '../errors.ts';
import { stripUndefined } from '../gbdt/params.ts';
import { floatsFromJson, floatsToJson, type JsonFloat } from '../json-floats.ts';
import { toDesign } from '../linear/design.ts';
import type { Matrix } from '../matrix.ts';
import { Rng } from '../random.ts';

export interface KMeansParams {
  k: number;
  /** Independent k-means++ starts; the lowest inertia wins. */
  nInit: number;
  maxIter: number;
  /** Stop when the centres move less than tol × (mean feature variance), as scikit-learn. */
  tol: number;
  seed: number;
}

export interface KMeansJson {
  kind: 'kmeans';
  params: KMeansParams;
  features: string[];
  /** Row-major k × p. */
  centers: JsonFloat[];
  inertia: number;
  nIter: number;
}

const DEFAULTS: KMeansParams = { k: 8, nInit: 1, maxIter: 300, tol: 1e-4, seed: 0 };

/**
 * k-means (Lloyd's algorithm) with greedy k-means++ seeding (Arthur & Vassilvitskii 2007; 2 + ⌊ln k⌋
 * candidate centres per step, as scikit-learn). Needs finite numeric features.
 *
 * ### Example
 * ```ts
 * const km = new KMeans({ k: 4, seed: 1 }).fit(Xscaled);
 * km.labels; km.inertia; silhouetteScore(...);
 * ```
 */
export class KMeans {
  readonly params: KMeansParams;
  private state: {
    features: string[];
    centers: Float64Array;
    labels: Int32Array;
    inertia: number;
    nIter: number;
    warnings: MlWarning[];
  } | null = null;

  constructor(params: Partial<KMeansParams> = {}) {
    const p = { ...DEFAULTS, ...stripUndefined(params) };
    checkParam(Number.isInteger(p.k) && p.k >= 1, 'k', 'an integer ≥ 1', p.k);
    checkParam(Number.isInteger(p.nInit) && p.nInit >= 1, 'nInit', 'an integer ≥ 1', p.nInit);
    checkParam(Number.isInteger(p.maxIter) && p.maxIter >= 1, 'maxIter', 'an integer ≥ 1', p.maxIter);
    checkParam(p.tol >= 0, 'tol', '≥ 0', p.tol);
    this.params = p;
  }

  fit(X: Matrix): this {
    const d = toDesign(X);
    const { n, p, data } = d;
    const k = this.params.k;
    if (n < k) throw new MlError('ML_BAD_PARAM', `k = ${k} clusters need at least ${k} rows (got ${n})`);
    let meanVar = 0;
    for (let j = 0; j < p; j++) {
      let m = 0;
      let s = 0;
      for (let i = 0; i < n; i++) m += data[i * p + j];
      m /= n;
      for (let i = 0; i < n; i++) s += (data[i * p + j] - m) ** 2;
      meanVar += s / n / p;
    }
    const tol = this.params.tol * meanVar;
    const rng = new Rng(this.params.seed);
    let best: {
      centers: Float64Array;
      labels: Int32Array;
      inertia: number;
      nIter: number;
      converged: boolean;
    } | null = null;
    for (let run = 0; run < this.params.nInit; run++) {
      const r = lloyd(data, n, p, plusPlus(data, n, p, k, rng.fork()), k, this.params.maxIter, tol);
      if (best === null || r.inertia < best.inertia) best = r;
    }
    const warnings: MlWarning[] = [];
    if (!best!.converged)
      warnings.push(
        mlWarning('ML_NOT_CONVERGED', `k-means did not converge in ${this.params.maxIter} iterations`),
      );
    this.state = { features: [...d.names], ...best!, warnings };
    return this;
  }

  /** Row-major k × p. */
  get centers(): Float64Array {
    return this.fitted().centers;
  }

  get labels(): Int32Array {
    return this.fitted().labels;
  }

  /** Sum of squared distances of rows to their centre. */
  get inertia(): number {
    return this.fitted().inertia;
  }

  get nIter(): number {
    return this.fitted().nIter;
  }

  get warnings(): readonly MlWarning[] {
    return this.state?.warnings ?? [];
  }

  /** Centres and feature names (training labels are not kept: `predict` recomputes them). */
  toJSON(): KMeansJson {
    const s = this.fitted();
    return {
      kind: 'kmeans',
      params: { ...this.params },
      features: [...s.features],
      centers: floatsToJson(s.centers),
      inertia: s.inertia,
      nIter: s.nIter,
    };
  }

  static fromJSON(j: KMeansJson): KMeans {
    if (j?.kind !== 'kmeans' || !Array.isArray(j.features))
      throw new MlError('ML_ARTIFACT_INVALID', 'Not a k-means model');
    const m = new KMeans(j.params);
    const centers = floatsFromJson(j.centers, 'centers');
    if (centers.length !== m.params.k * j.features.length) {
      throw new MlError('ML_ARTIFACT_INVALID', 'k-means centres have the wrong shape');
    }
    m.state = {
      features: [...j.features],
      centers,
      labels: new Int32Array(0),
      inertia: j.inertia,
      nIter: j.nIter,
      warnings: [],
    };
    return m;
  }

  predict(X: Matrix): Int32Array {
    const s = this.fitted();
    const d = toDesign(X, s.features);
    const labels = new Int32Array(d.n);
    assign(d.data, d.n, d.p, s.centers, this.params.k, labels);
    return labels;
  }

  private fitted(): NonNullable<KMeans['state']> {
    if (this.state === null) throw new MlError('ML_NOT_FITTED');
    return this.state;
  }
}

function sqDist(a: Float64Array, ai: number, b: Float64Array, bi: number, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) {
    const d = a[ai + j] - b[bi + j];
    s += d * d;
  }
  return s;
}

function plusPlus(data: Float64Array, n: number, p: number, k: number, rng: Rng): Float64Array {
  const centers = new Float64Array(k * p);
  const first = rng.nextInt(n);
  centers.set(data.subarray(first * p, first * p + p), 0);
  const closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = sqDist(data, i * p, centers, 0, p);
  const trials = 2 + Math.floor(Math.log(k));
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += closest[i];
    let bestCand = -1;
    let bestPot = Number.POSITIVE_INFINITY;
    for (let t = 0; t < trials; t++) {
      // Sample a row with probability ∝ its squared distance to the nearest chosen centre.
      let r = rng.next() * total;
      let cand = n - 1;
      for (let i = 0; i < n; i++) {
        r -= closest[i];
        if (r <= 0) {
          cand = i;
          break;
        }
      }
      let pot = 0;
      for (let i = 0; i < n; i++) pot += Math.min(closest[i], sqDist(data, i * p, data, cand * p, p));
      if (pot < bestPot) {
        bestPot = pot;
        bestCand = cand;
      }
    }
    centers.set(data.subarray(bestCand * p, bestCand * p + p), c * p);
    for (let i = 0; i < n; i++) closest[i] = Math.min(closest[i], sqDist(data, i * p, centers, c * p, p));
  }
  return centers;
}

function assign(
  data: Float64Array,
  n: number,
  p: number,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
): number {
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const d = sqDist(data, i * p, centers, c * p, p);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    labels[i] = best;
    inertia += bestD;
  }
  return inertia;
}

function lloyd(
  data: Float64Array,
  n: number,
  p: number,
  init: Float64Array,
  k: number,
  maxIter: number,
  tol: number,
): { centers: Float64Array; labels: Int32Array; inertia: number; nIter: number; converged: boolean } {
  let centers = init;
  const labels = new Int32Array(n);
  for (let it = 1; it <= maxIter; it++) {
    assign(data, n, p, centers, k, labels);
    const next = new Float64Array(k * p);
    const count = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      count[labels[i]]++;
      for (let j = 0; j < p; j++) next[labels[i] * p + j] += data[i * p + j];
    }
    for (let c = 0; c < k; c++) {
      if (count[c] === 0)
        next.set(centers.subarray(c * p, c * p + p), c * p); // keep an empty cluster's centre
      else for (let j = 0; j < p; j++) next[c * p + j] /= count[c];
    }
    let shift = 0;
    for (let i = 0; i < k * p; i++) shift += (next[i] - centers[i]) ** 2;
    centers = next;
    if (shift <= tol) {
      const inertia = assign(data, n, p, centers, k, labels);
      return { centers, labels, inertia, nIter: it, converged: true };
    }
  }
  const inertia = assign(data, n, p, centers, k, labels);
  return { centers, labels, inertia, nIter: maxIter, converged: false };
}
