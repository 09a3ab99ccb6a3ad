import { checkParam, MlError } from '../errors.ts';
import { stripUndefined } from '../gbdt/params.ts';
import { floatsFromJson, floatsToJson, type JsonFloat } from '../json-floats.ts';
import { toDesign } from '../linear/design.ts';
import type { Matrix } from '../matrix.ts';
import { Rng } from '../random.ts';
import { quantileSorted } from '../stats.ts';

export interface IsolationForestParams {
  nEstimators: number;
  /** Rows per tree (ψ); capped at the data size. */
  maxSamples: number;
  /** `auto`: anomaly when score > 0.5 (Liu et al.); a number: that share of training rows is flagged. */
  contamination: 'auto' | number;
  seed: number;
}

export interface IsolationForestJson {
  kind: 'isolation_forest';
  params: IsolationForestParams;
  features: string[];
  psi: number;
  threshold: number;
  trees: Array<{ feature: number[]; split: JsonFloat[]; left: number[]; right: number[]; size: number[] }>;
}

const DEFAULTS: IsolationForestParams = { nEstimators: 100, maxSamples: 256, contamination: 'auto', seed: 0 };

/** Average path length of an unsuccessful BST search among m points: c(m) = 2H(m−1) − 2(m−1)/m. */
function c(m: number): number {
  if (m <= 1) return 0;
  if (m === 2) return 1;
  return 2 * (Math.log(m - 1) + 0.5772156649015329) - (2 * (m - 1)) / m;
}

interface ITree {
  feature: Int32Array;
  split: Float64Array;
  left: Int32Array;
  right: Int32Array;
  size: Int32Array;
}

/**
 * Isolation forest (Liu, Ting & Zhou 2008): anomalies are isolated by few random splits.
 * `scoreSamples` gives s = 2^(−E[h(x)]/c(ψ)) in (0, 1]; higher is more anomalous.
 *
 * ### Example
 * ```ts
 * const iso = new IsolationForest({ contamination: 0.01 }).fit(Xnumeric);
 * const flags = iso.predict(Xnumeric); // 1 = anomaly
 * ```
 */
export class IsolationForest {
  readonly params: IsolationForestParams;
  private state: { features: string[]; trees: ITree[]; psi: number; threshold: number } | null = null;

  constructor(params: Partial<IsolationForestParams> = {}) {
    const p = { ...DEFAULTS, ...stripUndefined(params) };
    checkParam(
      Number.isInteger(p.nEstimators) && p.nEstimators >= 1,
      'nEstimators',
      'an integer ≥ 1',
      p.nEstimators,
    );
    checkParam(
      Number.isInteger(p.maxSamples) && p.maxSamples >= 2,
      'maxSamples',
      'an integer ≥ 2',
      p.maxSamples,
    );
    checkParam(
      p.contamination === 'auto' || (p.contamination > 0 && p.contamination <= 0.5),
      'contamination',
      "'auto' or in (0, 0.5]",
      p.contamination,
    );
    this.params = p;
  }

  fit(X: Matrix): this {
    const d = toDesign(X);
    if (d.n < 2) throw new MlError('ML_NO_ROWS', 'An isolation forest needs at least 2 rows');
    const psi = Math.min(this.params.maxSamples, d.n);
    const maxDepth = Math.ceil(Math.log2(psi));
    const rng = new Rng(this.params.seed);
    const trees: ITree[] = [];
    for (let t = 0; t < this.params.nEstimators; t++)
      trees.push(growITree(d.data, d.p, rng.sample(d.n, psi), maxDepth, rng));
    this.state = { features: [...d.names], trees, psi, threshold: 0.5 };
    if (this.params.contamination !== 'auto') {
      const s = this.scoreSamples(X).sort();
      this.state.threshold = quantileSorted(s, 1 - this.params.contamination);
    }
    return this;
  }

  scoreSamples(X: Matrix): Float64Array {
    if (this.state === null) throw new MlError('ML_NOT_FITTED');
    const { trees, psi, features } = this.state;
    const d = toDesign(X, features);
    const out = new Float64Array(d.n);
    const cPsi = c(psi);
    for (let i = 0; i < d.n; i++) {
      let h = 0;
      for (const t of trees) {
        let node = 0;
        let depth = 0;
        while (t.left[node] >= 0) {
          node = d.data[i * d.p + t.feature[node]] < t.split[node] ? t.left[node] : t.right[node];
          depth++;
        }
        h += depth + c(t.size[node]);
      }
      out[i] = 2 ** (-(h / trees.length) / cPsi);
    }
    return out;
  }

  /** The score above which `predict` flags a row (0.5 with `contamination: 'auto'`). */
  get threshold(): number {
    if (this.state === null) throw new MlError('ML_NOT_FITTED');
    return this.state.threshold;
  }

  toJSON(): IsolationForestJson {
    if (this.state === null) throw new MlError('ML_NOT_FITTED');
    const s = this.state;
    return {
      kind: 'isolation_forest',
      params: { ...this.params },
      features: [...s.features],
      psi: s.psi,
      threshold: s.threshold,
      trees: s.trees.map((t) => ({
        feature: Array.from(t.feature),
        split: floatsToJson(t.split),
        left: Array.from(t.left),
        right: Array.from(t.right),
        size: Array.from(t.size),
      })),
    };
  }

  static fromJSON(j: IsolationForestJson): IsolationForest {
    if (j?.kind !== 'isolation_forest' || !Array.isArray(j.trees)) {
      throw new MlError('ML_ARTIFACT_INVALID', 'Not an isolation forest');
    }
    const m = new IsolationForest(j.params);
    const trees = j.trees.map((t) => ({
      feature: Int32Array.from(t.feature),
      split: floatsFromJson(t.split, 'split'),
      left: Int32Array.from(t.left),
      right: Int32Array.from(t.right),
      size: Int32Array.from(t.size),
    }));
    m.state = { features: [...j.features], trees, psi: j.psi, threshold: j.threshold };
    return m;
  }

  /** 1 for anomalies, 0 otherwise. */
  predict(X: Matrix): Uint8Array {
    const s = this.scoreSamples(X);
    const thr = this.state!.threshold;
    return Uint8Array.from(s, (v) => (v > thr ? 1 : 0));
  }
}

function growITree(data: Float64Array, p: number, rows: Uint32Array, maxDepth: number, rng: Rng): ITree {
  const feature: number[] = [];
  const split: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const size: number[] = [];
  const build = (idx: Uint32Array, depth: number): number => {
    const id = feature.length;
    feature.push(-1);
    split.push(0);
    left.push(-1);
    right.push(-1);
    size.push(idx.length);
    if (depth >= maxDepth || idx.length <= 1) return id;
    // A random feature among those not constant here, then a uniform split between min and max.
    const order = rng.permutation(p);
    for (const f of order) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const r of idx) {
        const v = data[r * p + f];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (!(hi > lo)) continue;
      const s = lo + rng.next() * (hi - lo);
      const l = idx.filter((r) => data[r * p + f] < s);
      const rr = idx.filter((r) => data[r * p + f] >= s);
      feature[id] = f;
      split[id] = s;
      left[id] = build(l, depth + 1);
      right[id] = build(rr, depth + 1);
      return id;
    }
    return id;
  };
  build(rows, 0);
  return {
    feature: Int32Array.from(feature),
    split: Float64Array.from(split),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    size: Int32Array.from(size),
  };
}
