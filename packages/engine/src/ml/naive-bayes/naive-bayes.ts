import { checkParam, MlError } from '../errors.ts';
import { floatsFromJson, floatsToJson, type JsonFloat } from '../json-floats.ts';
import type { Matrix } from '../matrix.ts';
import { levelIndex } from '../preprocess/categorical-step.ts';
import { prepareClassification } from '../supervised.ts';
import type { TargetValues } from '../target.ts';

export interface NaiveBayesParams {
  /** Added to every Gaussian variance, as a fraction of the largest feature variance. */
  varSmoothing: number;
  /** Laplace/Lidstone smoothing of categorical level counts. */
  alpha: number;
}

type FeatureModel =
  | { kind: 'gaussian'; name: string; mean: Float64Array; variance: Float64Array }
  | { kind: 'categorical'; name: string; levels: string[]; logProb: Float64Array };

export interface NaiveBayesJson {
  kind: 'naive_bayes';
  params: NaiveBayesParams;
  classes: string[];
  logPrior: JsonFloat[];
  features: Array<
    | { kind: 'gaussian'; name: string; mean: JsonFloat[]; variance: JsonFloat[] }
    | { kind: 'categorical'; name: string; levels: string[]; logProb: JsonFloat[] }
  >;
}

/**
 * Naive Bayes over mixed columns: Gaussian likelihoods for numeric columns (scikit-learn
 * `GaussianNB`), smoothed level frequencies for categorical ones (`CategoricalNB`). A missing
 * value simply contributes no evidence; an unseen level gets the smoothed zero-count probability.
 *
 * ### Example
 * ```ts
 * const nb = new NaiveBayesClassifier().fit(X, y);
 * nb.predictProba(Xnew);
 * ```
 */
export class NaiveBayesClassifier {
  readonly params: NaiveBayesParams;
  private state: { classes: readonly string[]; logPrior: Float64Array; features: FeatureModel[] } | null =
    null;

  constructor(params: Partial<NaiveBayesParams> = {}) {
    this.params = { varSmoothing: params.varSmoothing ?? 1e-9, alpha: params.alpha ?? 1 };
    checkParam(this.params.varSmoothing >= 0, 'varSmoothing', '≥ 0', this.params.varSmoothing);
    checkParam(this.params.alpha > 0, 'alpha', '> 0', this.params.alpha);
  }

  fit(X: Matrix, y: TargetValues): this {
    const prep = prepareClassification(X, y);
    const K = prep.classes.length;
    const n = prep.codes.length;
    const classCount = new Float64Array(K);
    for (let i = 0; i < n; i++) classCount[prep.codes[i]]++;
    const logPrior = Float64Array.from(classCount, (c) => Math.log(c / n));
    let maxVar = 0;
    const features: FeatureModel[] = prep.X.columns.map((c) => {
      if (c.kind === 'categorical') {
        const L = c.levels.length;
        const counts = new Float64Array(K * L);
        const totals = new Float64Array(K);
        for (let i = 0; i < n; i++) {
          if (c.codes[i] < 0) continue;
          counts[prep.codes[i] * L + c.codes[i]]++;
          totals[prep.codes[i]]++;
        }
        const logProb = new Float64Array(K * (L + 1));
        for (let k = 0; k < K; k++) {
          // As scikit-learn CategoricalNB (α per level of the dictionary); an unseen level gets α/denom.
          const denom = totals[k] + this.params.alpha * L;
          for (let l = 0; l < L; l++)
            logProb[k * (L + 1) + l] = Math.log((counts[k * L + l] + this.params.alpha) / denom);
          logProb[k * (L + 1) + L] = Math.log(this.params.alpha / denom);
        }
        return { kind: 'categorical', name: c.name, levels: [...c.levels], logProb };
      }
      const mean = new Float64Array(K);
      const sq = new Float64Array(K);
      const cnt = new Float64Array(K);
      for (let i = 0; i < n; i++) {
        const v = c.values[i];
        if (!Number.isFinite(v)) continue;
        const k = prep.codes[i];
        cnt[k]++;
        const d = v - mean[k];
        mean[k] += d / cnt[k];
        sq[k] += d * (v - mean[k]);
      }
      const variance = Float64Array.from(sq, (s, k) => (cnt[k] > 0 ? s / cnt[k] : 0));
      let all = 0;
      let allMean = 0;
      let allSq = 0;
      for (let i = 0; i < n; i++) {
        const v = c.values[i];
        if (!Number.isFinite(v)) continue;
        all++;
        const d = v - allMean;
        allMean += d / all;
        allSq += d * (v - allMean);
      }
      if (all > 0) maxVar = Math.max(maxVar, allSq / all);
      return { kind: 'gaussian', name: c.name, mean, variance };
    });
    const eps = this.params.varSmoothing * maxVar;
    for (const f of features)
      if (f.kind === 'gaussian') for (let k = 0; k < K; k++) f.variance[k] += eps > 0 ? eps : 1e-300;
    this.state = { classes: prep.classes, logPrior, features };
    return this;
  }

  get classes(): readonly string[] {
    if (this.state === null) throw new MlError('ML_NOT_FITTED');
    return this.state.classes;
  }

  toJSON(): NaiveBayesJson {
    if (this.state === null) throw new MlError('ML_NOT_FITTED');
    const s = this.state;
    return {
      kind: 'naive_bayes',
      params: { ...this.params },
      classes: [...s.classes],
      logPrior: floatsToJson(s.logPrior),
      features: s.features.map((f) =>
        f.kind === 'gaussian'
          ? { kind: f.kind, name: f.name, mean: floatsToJson(f.mean), variance: floatsToJson(f.variance) }
          : { kind: f.kind, name: f.name, levels: [...f.levels], logProb: floatsToJson(f.logProb) },
      ),
    };
  }

  static fromJSON(j: NaiveBayesJson): NaiveBayesClassifier {
    if (j?.kind !== 'naive_bayes' || !Array.isArray(j.classes) || !Array.isArray(j.features)) {
      throw new MlError('ML_ARTIFACT_INVALID', 'Not a naive Bayes model');
    }
    const m = new NaiveBayesClassifier(j.params);
    const features: FeatureModel[] = j.features.map((f) =>
      f.kind === 'gaussian'
        ? {
            kind: f.kind,
            name: f.name,
            mean: floatsFromJson(f.mean, 'mean'),
            variance: floatsFromJson(f.variance, 'variance'),
          }
        : {
            kind: f.kind,
            name: f.name,
            levels: [...f.levels],
            logProb: floatsFromJson(f.logProb, 'logProb'),
          },
    );
    m.state = { classes: [...j.classes], logPrior: floatsFromJson(j.logPrior, 'logPrior'), features };
    return m;
  }

  /** Joint log-likelihood log P(class) + Σ log P(x_j | class), row-major n × K. */
  jointLogLikelihood(X: Matrix): Float64Array {
    if (this.state === null) throw new MlError('ML_NOT_FITTED');
    const { logPrior, features } = this.state;
    const K = logPrior.length;
    const n = X.nRows;
    const out = new Float64Array(n * K);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) out[i * K + k] = logPrior[k];
    for (const f of features) {
      const c = X.column(f.name);
      if (f.kind === 'gaussian') {
        if (c.kind === 'categorical')
          throw new MlError('ML_FEATURE_KIND_MISMATCH', `Column "${f.name}" was numeric in training`);
        for (let i = 0; i < n; i++) {
          const v = c.values[i];
          if (!Number.isFinite(v)) continue;
          for (let k = 0; k < K; k++) {
            const vk = f.variance[k];
            out[i * K + k] += -0.5 * Math.log(2 * Math.PI * vk) - (v - f.mean[k]) ** 2 / (2 * vk);
          }
        }
      } else {
        if (c.kind !== 'categorical')
          throw new MlError('ML_FEATURE_KIND_MISMATCH', `Column "${f.name}" was categorical in training`);
        const L = f.levels.length;
        const idx = levelIndex(c, f.levels);
        for (let i = 0; i < n; i++) {
          const code = c.codes[i];
          if (code < 0) continue;
          const l = idx[code] < 0 ? L : idx[code];
          for (let k = 0; k < K; k++) out[i * K + k] += f.logProb[k * (L + 1) + l];
        }
      }
    }
    return out;
  }

  predictProba(X: Matrix): Float64Array {
    const jll = this.jointLogLikelihood(X);
    const K = this.classes.length;
    for (let i = 0; i < X.nRows; i++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < K; k++) max = Math.max(max, jll[i * K + k]);
      let s = 0;
      for (let k = 0; k < K; k++) {
        jll[i * K + k] = Math.exp(jll[i * K + k] - max);
        s += jll[i * K + k];
      }
      for (let k = 0; k < K; k++) jll[i * K + k] /= s;
    }
    return jll;
  }

  predict(X: Matrix): Int32Array {
    const p = this.predictProba(X);
    const K = this.classes.length;
    return Int32Array.from({ length: X.nRows }, (_, i) => {
      let best = 0;
      for (let k = 1; k < K; k++) if (p[i * K + k] > p[i * K + best]) best = k;
      return best;
    });
  }
}
