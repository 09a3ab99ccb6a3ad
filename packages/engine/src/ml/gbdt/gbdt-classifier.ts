import { MlError } from '../errors.ts';
import type { Matrix } from '../matrix.ts';
import { type ClassWeight, prepareClassification } from '../supervised.ts';
import type { TargetValues } from '../target.ts';
import type { PredictOptions } from './ensemble.ts';
import { fitEnsemble } from './ensemble.ts';
import { GbdtBase, type GbdtFitOptions, type GbdtStateJson } from './gbdt-base.ts';
import { makeObjective, sigmoid } from './objectives.ts';
import { type GbdtParams, resolveGbdtParams } from './params.ts';

export interface GbdtClassifierParams extends GbdtParams {
  classWeight: ClassWeight;
}

export interface GbdtClassifierJson extends GbdtStateJson {
  kind: 'gbdt_classifier';
  classes: string[];
  classWeight: ClassWeight;
}

/**
 * Histogram gradient-boosted trees for classification: binary log-loss for two classes, softmax
 * (one tree per class per iteration) for more. Categorical columns split natively, missing
 * values learn their direction.
 *
 * ### Example
 * ```ts
 * const clf = new GbdtClassifier({ seed: 1 }).fit(X, y);
 * const p = clf.predictProba(Xnew);   // row-major n × clf.classes.length
 * const labels = clf.predictLabels(Xnew);
 * ```
 */
export class GbdtClassifier extends GbdtBase {
  readonly classWeight: ClassWeight;
  private classList: readonly string[] = [];

  constructor(params: Partial<GbdtClassifierParams> = {}) {
    const { classWeight, ...rest } = params;
    super(resolveGbdtParams(rest));
    this.classWeight = classWeight ?? null;
  }

  fit(X: Matrix, y: TargetValues, opts: GbdtFitOptions = {}): this {
    const prep = prepareClassification(X, y, {
      sampleWeight: opts.sampleWeight,
      classWeight: this.classWeight,
    });
    const K = prep.classes.length;
    const objective = makeObjective(K === 2 ? 'binary' : 'multiclass', { nClasses: K });
    // Class codes go in as they are: only the training rows are widened to float64.
    const r = fitEnsemble(prep.X, prep.codes, prep.weights, objective, this.params, prep.codes, opts);
    this.ensemble = r.ensemble;
    this.classList = prep.classes;
    this.info = {
      nIterations: r.history.nIterations,
      validationLoss: r.history.validationLoss,
      trainLoss: r.history.trainLoss,
      warnings: [...prep.warnings, ...r.warnings],
    };
    return this;
  }

  get classes(): readonly string[] {
    this.fitted();
    return this.classList;
  }

  /** Class probabilities, row-major n×K (rows sum to 1). */
  predictProba(X: Matrix, opts: PredictOptions = {}): Float64Array {
    const raw = this.predictRaw(X, opts);
    const K = this.classList.length;
    const n = X.nRows;
    const out = new Float64Array(n * K);
    if (K === 2) {
      for (let i = 0; i < n; i++) {
        const p = sigmoid(raw[i]);
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      }
      return out;
    }
    for (let i = 0; i < n; i++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < K; k++) max = Math.max(max, raw[i * K + k]);
      let s = 0;
      for (let k = 0; k < K; k++) {
        out[i * K + k] = Math.exp(raw[i * K + k] - max);
        s += out[i * K + k];
      }
      for (let k = 0; k < K; k++) out[i * K + k] /= s;
    }
    return out;
  }

  /** Most probable class code per row (index into `classes`). */
  predict(X: Matrix, opts: PredictOptions = {}): Int32Array {
    const p = this.predictProba(X, opts);
    const K = this.classList.length;
    const out = new Int32Array(X.nRows);
    for (let i = 0; i < out.length; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (p[i * K + k] > p[i * K + best]) best = k;
      out[i] = best;
    }
    return out;
  }

  predictLabels(X: Matrix, opts: PredictOptions = {}): string[] {
    return Array.from(this.predict(X, opts), (k) => this.classList[k]);
  }

  toJSON(): GbdtClassifierJson {
    return {
      kind: 'gbdt_classifier',
      classes: [...this.classes],
      classWeight: this.classWeight,
      ...this.stateToJson(),
    };
  }

  static fromJSON(j: GbdtClassifierJson): GbdtClassifier {
    if (j?.kind !== 'gbdt_classifier' || !Array.isArray(j.classes) || j.classes.length < 2) {
      throw new MlError('ML_ARTIFACT_INVALID', 'Not a GBDT classifier');
    }
    const m = new GbdtClassifier({ ...j.params, classWeight: j.classWeight });
    m.loadState(j);
    m.classList = j.classes;
    return m;
  }
}
