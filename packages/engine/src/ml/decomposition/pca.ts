import { checkParam, MlError } from '../errors.ts';
import { floatsFromJson, floatsToJson, type JsonFloat } from '../json-floats.ts';
import { toDesign } from '../linear/design.ts';
import { symmetricEigen } from '../linear/linalg.ts';
import { Matrix } from '../matrix.ts';

export interface PcaJson {
  kind: 'pca';
  nComponents: number | null;
  features: string[];
  mean: JsonFloat[];
  components: JsonFloat[];
  variance: JsonFloat[];
  total: number;
}

/**
 * Principal component analysis by eigen-decomposition of the covariance matrix (p × p, so for
 * up to a few hundred features). Components are sorted by explained variance and signed so
 * their largest-magnitude loading is positive (deterministic output).
 *
 * ### Example
 * ```ts
 * const pca = new PCA({ nComponents: 2 }).fit(Xscaled);
 * pca.explainedVarianceRatio; const Z = pca.transform(Xscaled); // columns pc1, pc2
 * ```
 */
export class PCA {
  readonly nComponents: number | null;
  private state: {
    features: string[];
    mean: Float64Array;
    components: Float64Array;
    variance: Float64Array;
    total: number;
  } | null = null;

  constructor(params: { nComponents?: number | null } = {}) {
    this.nComponents = params.nComponents ?? null;
    checkParam(
      this.nComponents === null || (Number.isInteger(this.nComponents) && this.nComponents >= 1),
      'nComponents',
      'null or an integer ≥ 1',
      this.nComponents,
    );
  }

  fit(X: Matrix): this {
    const d = toDesign(X);
    const { n, p, data } = d;
    if (n < 2) throw new MlError('ML_NO_ROWS', 'PCA needs at least 2 rows');
    const mean = new Float64Array(p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += data[i * p + j] / n;
    const cov = new Float64Array(p * p);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < p; a++) {
        const da = data[i * p + a] - mean[a];
        for (let b = 0; b <= a; b++) cov[a * p + b] += da * (data[i * p + b] - mean[b]);
      }
    }
    for (let a = 0; a < p; a++) {
      for (let b = 0; b <= a; b++) {
        cov[a * p + b] /= n - 1;
        cov[b * p + a] = cov[a * p + b];
      }
    }
    const { values, vectors } = symmetricEigen(cov, p);
    const order = Array.from({ length: p }, (_, i) => i).sort((a, b) => values[b] - values[a]);
    const m = Math.min(this.nComponents ?? Math.min(n, p), p);
    const components = new Float64Array(m * p);
    const variance = new Float64Array(m);
    let total = 0;
    for (let j = 0; j < p; j++) total += Math.max(values[j], 0);
    for (let c = 0; c < m; c++) {
      const k = order[c];
      variance[c] = Math.max(values[k], 0);
      let big = 0;
      for (let j = 0; j < p; j++) if (Math.abs(vectors[j * p + k]) > Math.abs(big)) big = vectors[j * p + k];
      const sign = big < 0 ? -1 : 1;
      for (let j = 0; j < p; j++) components[c * p + j] = sign * vectors[j * p + k];
    }
    this.state = { features: [...d.names], mean, components, variance, total };
    return this;
  }

  /** Row-major nComponents × p. */
  get components(): Float64Array {
    return this.fitted().components;
  }

  get explainedVariance(): Float64Array {
    return this.fitted().variance;
  }

  get explainedVarianceRatio(): Float64Array {
    const s = this.fitted();
    return Float64Array.from(s.variance, (v) => (s.total > 0 ? v / s.total : 0));
  }

  toJSON(): PcaJson {
    const s = this.fitted();
    return {
      kind: 'pca',
      nComponents: this.nComponents,
      features: [...s.features],
      mean: floatsToJson(s.mean),
      components: floatsToJson(s.components),
      variance: floatsToJson(s.variance),
      total: s.total,
    };
  }

  static fromJSON(j: PcaJson): PCA {
    if (j?.kind !== 'pca' || !Array.isArray(j.features))
      throw new MlError('ML_ARTIFACT_INVALID', 'Not a PCA model');
    const m = new PCA({ nComponents: j.nComponents });
    const mean = floatsFromJson(j.mean, 'mean');
    const components = floatsFromJson(j.components, 'components');
    const variance = floatsFromJson(j.variance, 'variance');
    if (mean.length !== j.features.length || components.length !== variance.length * mean.length) {
      throw new MlError('ML_ARTIFACT_INVALID', 'PCA components have the wrong shape');
    }
    m.state = { features: [...j.features], mean, components, variance, total: j.total };
    return m;
  }

  /** Projections as numeric columns `pc1`, `pc2`, ... */
  transform(X: Matrix): Matrix {
    const s = this.fitted();
    const d = toDesign(X, s.features);
    const m = s.variance.length;
    const cols = Array.from({ length: m }, () => new Float64Array(d.n));
    for (let i = 0; i < d.n; i++) {
      for (let c = 0; c < m; c++) {
        let z = 0;
        for (let j = 0; j < d.p; j++) z += (d.data[i * d.p + j] - s.mean[j]) * s.components[c * d.p + j];
        cols[c][i] = z;
      }
    }
    return Matrix.of(
      cols.map((values, c) => ({ name: `pc${c + 1}`, kind: 'numeric' as const, values })),
      d.n,
    );
  }

  private fitted(): NonNullable<PCA['state']> {
    if (this.state === null) throw new MlError('ML_NOT_FITTED');
    return this.state;
  }
}
