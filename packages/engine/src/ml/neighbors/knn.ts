import { checkParam, MlError } from '../errors.ts';
import { stripUndefined } from '../gbdt/params.ts';
import { floatsFromJson, floatsToJson, type JsonFloat } from '../json-floats.ts';
import { toDesign } from '../linear/design.ts';
import type { Matrix } from '../matrix.ts';
import { prepareClassification, prepareRegression } from '../supervised.ts';
import type { TargetValues } from '../target.ts';

export interface KnnParams {
  k: number;
  /** `distance`: neighbours vote with weight 1/d (an exact match takes all the weight). */
  weights: 'uniform' | 'distance';
  metric: 'euclidean' | 'manhattan';
}

const DEFAULTS: KnnParams = { k: 5, weights: 'uniform', metric: 'euclidean' };

export interface KnnJson {
  kind: 'knn_classifier' | 'knn_regressor';
  params: KnnParams;
  features: string[];
  /** Row-major n × p training design. */
  data: JsonFloat[];
  y: JsonFloat[];
  classes?: string[];
}

interface Fitted {
  features: string[];
  data: Float64Array;
  p: number;
  n: number;
  y: Float64Array;
}

/**
 * Brute-force k nearest neighbours on finite numeric features (scale them first, e.g. with a
 * Preprocessor: distances mix units otherwise). Ties in distance keep training-row order.
 */
abstract class KnnBase {
  readonly params: KnnParams;
  protected state: Fitted | null = null;

  constructor(params: Partial<KnnParams>) {
    const p = { ...DEFAULTS, ...stripUndefined(params) };
    checkParam(Number.isInteger(p.k) && p.k >= 1, 'k', 'an integer ≥ 1', p.k);
    checkParam(
      p.weights === 'uniform' || p.weights === 'distance',
      'weights',
      "'uniform' | 'distance'",
      p.weights,
    );
    checkParam(
      p.metric === 'euclidean' || p.metric === 'manhattan',
      'metric',
      "'euclidean' | 'manhattan'",
      p.metric,
    );
    this.params = p;
  }

  protected stateJson(kind: KnnJson['kind']): KnnJson {
    if (this.state === null) throw new MlError('ML_NOT_FITTED');
    const s = this.state;
    return {
      kind,
      params: { ...this.params },
      features: [...s.features],
      data: floatsToJson(s.data),
      y: floatsToJson(s.y),
    };
  }

  protected loadState(j: KnnJson): void {
    const data = floatsFromJson(j.data, 'data');
    const y = floatsFromJson(j.y, 'y');
    const p = j.features?.length ?? 0;
    if (p === 0 || data.length !== y.length * p) {
      throw new MlError('ML_ARTIFACT_INVALID', 'kNN training data has the wrong shape');
    }
    this.state = { features: [...j.features], data, p, n: y.length, y };
  }

  protected store(X: Matrix, y: Float64Array): void {
    const d = toDesign(X);
    this.state = { features: [...d.names], data: d.data, p: d.p, n: d.n, y };
  }

  /** For each query row: the k nearest training rows and their weights, through `visit`. */
  protected neighbours(
    X: Matrix,
    visit: (i: number, idx: Int32Array, w: Float64Array, k: number) => void,
  ): void {
    if (this.state === null) throw new MlError('ML_NOT_FITTED');
    const s = this.state;
    const q = toDesign(X, s.features);
    const k = Math.min(this.params.k, s.n);
    const idx = new Int32Array(k);
    const dist = new Float64Array(k);
    const w = new Float64Array(k);
    const manhattan = this.params.metric === 'manhattan';
    for (let i = 0; i < q.n; i++) {
      let m = 0;
      for (let r = 0; r < s.n; r++) {
        let d = 0;
        for (let j = 0; j < s.p; j++) {
          const diff = q.data[i * q.p + j] - s.data[r * s.p + j];
          d += manhattan ? Math.abs(diff) : diff * diff;
        }
        // Insertion into the sorted top-k (k is small).
        if (m < k || d < dist[m - 1]) {
          let pos = m < k ? m++ : m - 1;
          while (pos > 0 && dist[pos - 1] > d) {
            dist[pos] = dist[pos - 1];
            idx[pos] = idx[pos - 1];
            pos--;
          }
          dist[pos] = d;
          idx[pos] = r;
        }
      }
      const exact = dist[0] === 0;
      for (let t = 0; t < k; t++) {
        const dd = manhattan ? dist[t] : Math.sqrt(dist[t]);
        w[t] = this.params.weights === 'uniform' ? 1 : exact ? (dist[t] === 0 ? 1 : 0) : 1 / dd;
      }
      visit(i, idx, w, k);
    }
  }
}

/**
 * ### Example
 * ```ts
 * const knn = new KNeighborsClassifier({ k: 7, weights: 'distance' }).fit(Xscaled, y);
 * ```
 */
export class KNeighborsClassifier extends KnnBase {
  private classList: readonly string[] = [];

  constructor(params: Partial<KnnParams> = {}) {
    super(params);
  }

  fit(X: Matrix, y: TargetValues): this {
    const prep = prepareClassification(X, y);
    this.store(prep.X, Float64Array.from(prep.codes));
    this.classList = prep.classes;
    return this;
  }

  get classes(): readonly string[] {
    if (this.state === null) throw new MlError('ML_NOT_FITTED');
    return this.classList;
  }

  predictProba(X: Matrix): Float64Array {
    const K = this.classes.length;
    const out = new Float64Array(X.nRows * K);
    const y = this.state!.y;
    this.neighbours(X, (i, idx, w, k) => {
      let total = 0;
      for (let t = 0; t < k; t++) {
        out[i * K + y[idx[t]]] += w[t];
        total += w[t];
      }
      for (let c = 0; c < K; c++) out[i * K + c] /= total;
    });
    return out;
  }

  toJSON(): KnnJson {
    return { ...this.stateJson('knn_classifier'), classes: [...this.classes] };
  }

  static fromJSON(j: KnnJson): KNeighborsClassifier {
    if (j?.kind !== 'knn_classifier' || !Array.isArray(j.classes)) {
      throw new MlError('ML_ARTIFACT_INVALID', 'Not a kNN classifier');
    }
    const m = new KNeighborsClassifier(j.params);
    m.loadState(j);
    m.classList = [...j.classes];
    return m;
  }

  predict(X: Matrix): Int32Array {
    const p = this.predictProba(X);
    const K = this.classes.length;
    return Int32Array.from({ length: X.nRows }, (_, i) => {
      let best = 0;
      for (let c = 1; c < K; c++) if (p[i * K + c] > p[i * K + best]) best = c;
      return best;
    });
  }
}

export class KNeighborsRegressor extends KnnBase {
  constructor(params: Partial<KnnParams> = {}) {
    super(params);
  }

  fit(X: Matrix, y: TargetValues): this {
    const prep = prepareRegression(X, y);
    this.store(prep.X, prep.y);
    return this;
  }

  toJSON(): KnnJson {
    return this.stateJson('knn_regressor');
  }

  static fromJSON(j: KnnJson): KNeighborsRegressor {
    if (j?.kind !== 'knn_regressor') throw new MlError('ML_ARTIFACT_INVALID', 'Not a kNN regressor');
    const m = new KNeighborsRegressor(j.params);
    m.loadState(j);
    return m;
  }

  predict(X: Matrix): Float64Array {
    const out = new Float64Array(X.nRows);
    const y = this.state?.y;
    this.neighbours(X, (i, idx, w, k) => {
      let s = 0;
      let total = 0;
      for (let t = 0; t < k; t++) {
        s += w[t] * y![idx[t]];
        total += w[t];
      }
      out[i] = s / total;
    });
    return out;
  }
}
