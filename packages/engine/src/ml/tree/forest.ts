import type { Matrix } from '../matrix.ts';
import { TreeEnsemble, type TreeEnsembleJson, type TreeEnsembleParams } from './tree-ensemble.ts';

const CLASSIFIER_DEFAULTS: TreeEnsembleParams = {
  nEstimators: 100,
  criterion: 'gini',
  maxDepth: null,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  maxFeatures: 'sqrt',
  bootstrap: true,
  oobScore: false,
  randomSplits: false,
  classWeight: null,
  maxBins: 255,
  seed: 0,
};

const REGRESSOR_DEFAULTS: TreeEnsembleParams = {
  ...CLASSIFIER_DEFAULTS,
  criterion: 'squared_error',
  maxFeatures: 'all',
};

/** Shared classifier surface of the forests and the decision tree. */
export abstract class TreeClassifierBase extends TreeEnsemble {
  get classes(): readonly string[] {
    return this.fitted().classes!;
  }

  /** Class probabilities, row-major n × K (mean of the trees' leaf class fractions). */
  predictProba(X: Matrix): Float64Array {
    return this.predictMean(X);
  }

  predict(X: Matrix): Int32Array {
    const p = this.predictMean(X);
    const K = this.classes.length;
    const out = new Int32Array(X.nRows);
    for (let i = 0; i < out.length; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (p[i * K + k] > p[i * K + best]) best = k;
      out[i] = best;
    }
    return out;
  }

  predictLabels(X: Matrix): string[] {
    return Array.from(this.predict(X), (k) => this.classes[k]);
  }
}

export abstract class TreeRegressorBase extends TreeEnsemble {
  predict(X: Matrix): Float64Array {
    return this.predictMean(X);
  }
}

/**
 * Random forest classifier (Breiman 2001): bootstrap samples, best split among √p random
 * features, fully grown trees; scikit-learn's defaults.
 *
 * ### Example
 * ```ts
 * const rf = new RandomForestClassifier({ nEstimators: 300, oobScore: true }).fit(X, y);
 * rf.oobScore; rf.predictProba(Xnew);
 * ```
 */
export class RandomForestClassifier extends TreeClassifierBase {
  constructor(params: Partial<TreeEnsembleParams> = {}) {
    super('classification', 'random_forest_classifier', params, CLASSIFIER_DEFAULTS);
  }

  static fromJSON(j: TreeEnsembleJson): RandomForestClassifier {
    const m = new RandomForestClassifier(j.params);
    m.loadJson(j);
    return m;
  }
}

export class RandomForestRegressor extends TreeRegressorBase {
  constructor(params: Partial<TreeEnsembleParams> = {}) {
    super('regression', 'random_forest_regressor', params, REGRESSOR_DEFAULTS);
  }

  static fromJSON(j: TreeEnsembleJson): RandomForestRegressor {
    const m = new RandomForestRegressor(j.params);
    m.loadJson(j);
    return m;
  }
}

/** Extremely randomised trees (Geurts et al. 2006): random thresholds, no bootstrap by default. */
export class ExtraTreesClassifier extends TreeClassifierBase {
  constructor(params: Partial<TreeEnsembleParams> = {}) {
    super('classification', 'extra_trees_classifier', params, {
      ...CLASSIFIER_DEFAULTS,
      bootstrap: false,
      randomSplits: true,
    });
  }

  static fromJSON(j: TreeEnsembleJson): ExtraTreesClassifier {
    const m = new ExtraTreesClassifier(j.params);
    m.loadJson(j);
    return m;
  }
}

export class ExtraTreesRegressor extends TreeRegressorBase {
  constructor(params: Partial<TreeEnsembleParams> = {}) {
    super('regression', 'extra_trees_regressor', params, {
      ...REGRESSOR_DEFAULTS,
      bootstrap: false,
      randomSplits: true,
    });
  }

  static fromJSON(j: TreeEnsembleJson): ExtraTreesRegressor {
    const m = new ExtraTreesRegressor(j.params);
    m.loadJson(j);
    return m;
  }
}

export { CLASSIFIER_DEFAULTS as FOREST_CLASSIFIER_DEFAULTS, REGRESSOR_DEFAULTS as FOREST_REGRESSOR_DEFAULTS };
