import { checkParam, MlError, type MlWarning } from '../errors.ts';
import {
  type BinnedMatrix,
  binMatrix,
  columnBinners,
  type FeatureBinning,
  fitBinning,
} from '../gbdt/binning.ts';
import { ensembleFromJson, ensembleToJson, type GbdtEnsembleJson } from '../gbdt/ensemble.ts';
import { stripUndefined } from '../gbdt/params.ts';
import { floatsFromJson, floatsToJson, type JsonFloat } from '../json-floats.ts';
import type { Matrix } from '../matrix.ts';
import { accuracy, r2Score } from '../metrics/index.ts';
import { Rng } from '../random.ts';
import {
  type ClassWeight,
  prepareClassification,
  prepareRegression,
  type SupervisedFitOptions,
} from '../supervised.ts';
import type { TargetValues } from '../target.ts';
import { type CartParams, type CartTree, type Criterion, cartLeaf, growCart } from './cart.ts';

export interface TreeEnsembleParams {
  nEstimators: number;
  criterion: Criterion;
  /** null = grow until leaves are pure or too small. */
  maxDepth: number | null;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** Features tried per split: 'sqrt', 'log2', 'all', a fraction in (0, 1], or a count ≥ 1. */
  maxFeatures: 'sqrt' | 'log2' | 'all' | number;
  bootstrap: boolean;
  /** Score each row with the trees that did not see it (needs `bootstrap`). */
  oobScore: boolean;
  /** Random thresholds (extra trees) instead of the best ones. */
  randomSplits: boolean;
  classWeight: ClassWeight;
  maxBins: number;
  seed: number;
}

export interface TreeEnsembleJson {
  kind: string;
  params: TreeEnsembleParams;
  task: 'classification' | 'regression';
  classes: string[] | null;
  /** Feature binning, stored through the GBDT ensemble codec (trees empty). */
  binning: GbdtEnsembleJson;
  trees: {
    feature: number[];
    left: number[];
    right: number[];
    leftBins: number[];
    value: JsonFloat[];
    weight: number[];
    impurityDecrease: number[];
  }[];
  oobScore: number | null;
  warnings: MlWarning[];
}

interface State {
  features: FeatureBinning[];
  trees: CartTree[];
  classes: readonly string[] | null;
  oobScore: number | null;
  warnings: MlWarning[];
}

/**
 * Bagged CART trees: random forest (bootstrap + best split among random features) and extra
 * trees (random thresholds). Probabilities are the mean of the trees' leaf class fractions, as
 * scikit-learn. Categorical and missing values are handled by the binning (see `cart.ts`).
 */
export abstract class TreeEnsemble {
  readonly params: TreeEnsembleParams;
  protected state: State | null = null;

  protected constructor(
    readonly task: 'classification' | 'regression',
    readonly kind: string,
    params: Partial<TreeEnsembleParams>,
    defaults: TreeEnsembleParams,
  ) {
    const p = { ...defaults, ...stripUndefined(params) };
    const int = Number.isInteger;
    checkParam(int(p.nEstimators) && p.nEstimators >= 1, 'nEstimators', 'an integer ≥ 1', p.nEstimators);
    checkParam(
      p.maxDepth === null || (int(p.maxDepth) && p.maxDepth >= 1),
      'maxDepth',
      'null or an integer ≥ 1',
      p.maxDepth,
    );
    checkParam(
      int(p.minSamplesSplit) && p.minSamplesSplit >= 2,
      'minSamplesSplit',
      'an integer ≥ 2',
      p.minSamplesSplit,
    );
    checkParam(
      int(p.minSamplesLeaf) && p.minSamplesLeaf >= 1,
      'minSamplesLeaf',
      'an integer ≥ 1',
      p.minSamplesLeaf,
    );
    checkParam(
      ['sqrt', 'log2', 'all'].includes(p.maxFeatures as string) ||
        (typeof p.maxFeatures === 'number' && p.maxFeatures > 0),
      'maxFeatures',
      "'sqrt' | 'log2' | 'all' | a number > 0",
      p.maxFeatures,
    );
    const criteria = task === 'classification' ? ['gini', 'entropy'] : ['squared_error'];
    checkParam(criteria.includes(p.criterion), 'criterion', criteria.join(' | '), p.criterion);
    checkParam(!p.oobScore || p.bootstrap, 'oobScore', 'used with bootstrap', p.oobScore);
    checkParam(
      int(p.maxBins) && p.maxBins >= 2 && p.maxBins <= 255,
      'maxBins',
      'an integer in [2, 255]',
      p.maxBins,
    );
    this.params = p;
  }

  fit(X: Matrix, y: TargetValues, opts: SupervisedFitOptions = {}): this {
    const p = this.params;
    let Xk: Matrix;
    let yv: Float64Array;
    let base: Float64Array | null;
    let classes: readonly string[] | null = null;
    const warnings: MlWarning[] = [];
    if (this.task === 'classification') {
      const prep = prepareClassification(X, y, {
        sampleWeight: opts.sampleWeight,
        classWeight: p.classWeight,
      });
      Xk = prep.X;
      yv = Float64Array.from(prep.codes);
      base = prep.weights;
      classes = prep.classes;
      warnings.push(...prep.warnings);
    } else {
      const prep = prepareRegression(X, y, opts);
      Xk = prep.X;
      yv = prep.y;
      base = prep.weights;
      warnings.push(...prep.warnings);
    }
    const n = Xk.nRows;
    const binning = fitBinning(Xk, { maxBins: p.maxBins, subsample: Math.max(n, 1000), seed: p.seed });
    warnings.push(...binning.warnings);
    const binned = binMatrix(Xk, binning.features);
    const data = {
      binned,
      nBins: Int32Array.from(binning.features, (f) => f.nBins),
      isCategorical: Uint8Array.from(binning.features, (f) => (f.kind === 'categorical' ? 1 : 0)),
      y: yv,
    };
    const F = binning.features.length;
    const cart: CartParams = {
      criterion: p.criterion,
      nOutputs: classes === null ? 1 : classes.length,
      maxDepth: p.maxDepth ?? Number.POSITIVE_INFINITY,
      minSamplesSplit: p.minSamplesSplit,
      minSamplesLeaf: p.minSamplesLeaf,
      maxFeatures: resolveMaxFeatures(p.maxFeatures, F),
      randomSplits: p.randomSplits,
    };
    const rng = new Rng(p.seed);
    const trees: CartTree[] = [];
    const oob = p.oobScore ? new Float64Array(n * cart.nOutputs) : null;
    const oobCount = p.oobScore ? new Float64Array(n) : null;
    for (let t = 0; t < p.nEstimators; t++) {
      const treeRng = rng.fork();
      const w = new Float64Array(n);
      if (p.bootstrap) for (let i = 0; i < n; i++) w[treeRng.nextInt(n)]++;
      else w.fill(1);
      if (base !== null) for (let i = 0; i < n; i++) w[i] *= base[i];
      const tree = growCart(data, w, cart, treeRng);
      trees.push(tree);
      if (oob !== null) addOob(tree, binned, w, oob, oobCount!);
    }
    this.state = {
      features: binning.features,
      trees,
      classes,
      oobScore: oob === null ? null : oobScoreOf(oob, oobCount!, yv, cart.nOutputs, classes !== null),
      warnings,
    };
    return this;
  }

  /** Out-of-bag score (accuracy for classifiers, R² for regressors), when `oobScore` was set. */
  get oobScore(): number | null {
    return this.fitted().oobScore;
  }

  get warnings(): readonly MlWarning[] {
    return this.state?.warnings ?? [];
  }

  get featureNames(): string[] {
    return this.fitted().features.map((f) => f.name);
  }

  get trees(): readonly CartTree[] {
    return this.fitted().trees;
  }

  /** Mean decrease in impurity, each tree normalised to 1 then averaged (scikit-learn). */
  featureImportance(): { feature: string; importance: number }[] {
    const s = this.fitted();
    const acc = new Float64Array(s.features.length);
    for (const t of s.trees) {
      const per = new Float64Array(s.features.length);
      let total = 0;
      for (let node = 0; node < t.nNodes; node++) {
        if (t.left[node] < 0) continue;
        per[t.feature[node]] += t.impurityDecrease[node];
        total += t.impurityDecrease[node];
      }
      if (total > 0) for (let f = 0; f < per.length; f++) acc[f] += per[f] / total;
    }
    return s.features.map((f, j) => ({ feature: f.name, importance: acc[j] / s.trees.length }));
  }

  /** Mean of the trees' leaf values, row-major n × outputs. */
  protected predictMean(X: Matrix): Float64Array {
    const s = this.fitted();
    const F = s.features.length;
    const binners = columnBinners(X, s.features);
    const n = X.nRows;
    const K = s.classes === null ? 1 : s.classes.length;
    const out = new Float64Array(n * K);
    const chunkRows = 4096;
    const chunk = new Uint8Array(chunkRows * F);
    for (let c0 = 0; c0 < n; c0 += chunkRows) {
      const m = Math.min(chunkRows, n - c0);
      for (let f = 0; f < F; f++) binners[f](null, c0, c0 + m, chunk, f, F);
      for (const t of s.trees) {
        for (let i = 0; i < m; i++) {
          const leaf = cartLeaf(t, chunk, F, i);
          for (let k = 0; k < K; k++) out[(c0 + i) * K + k] += t.value[leaf * K + k];
        }
      }
    }
    for (let i = 0; i < out.length; i++) out[i] /= s.trees.length;
    return out;
  }

  protected fitted(): State {
    if (this.state === null) throw new MlError('ML_NOT_FITTED');
    return this.state;
  }

  toJSON(): TreeEnsembleJson {
    const s = this.fitted();
    return {
      kind: this.kind,
      params: { ...this.params },
      task: this.task,
      classes: s.classes === null ? null : [...s.classes],
      binning: ensembleToJson({
        objective: 'squared_error',
        nOutputs: 1,
        baseline: new Float64Array(1),
        features: s.features,
        trees: [],
      }),
      trees: s.trees.map((t) => ({
        feature: Array.from(t.feature),
        left: Array.from(t.left),
        right: Array.from(t.right),
        leftBins: Array.from(t.leftBins),
        value: floatsToJson(t.value),
        weight: Array.from(t.weight),
        impurityDecrease: Array.from(t.impurityDecrease),
      })),
      oobScore: s.oobScore,
      warnings: [...s.warnings],
    };
  }

  protected loadJson(j: TreeEnsembleJson): void {
    if (j?.kind !== this.kind || !Array.isArray(j.trees))
      throw new MlError('ML_ARTIFACT_INVALID', `Not a ${this.kind}`);
    const features = [...ensembleFromJson(j.binning).features];
    const K = j.classes === null ? 1 : j.classes.length;
    const trees = j.trees.map((t): CartTree => {
      const nNodes = t.feature.length;
      for (let i = 0; i < nNodes; i++) {
        if (
          t.left[i] >= 0 &&
          (t.left[i] <= i ||
            t.right[i] <= i ||
            t.left[i] >= nNodes ||
            t.right[i] >= nNodes ||
            t.feature[i] >= features.length)
        ) {
          throw new MlError('ML_ARTIFACT_INVALID', 'A tree has an invalid node');
        }
      }
      return {
        nNodes,
        nOutputs: K,
        feature: Int32Array.from(t.feature),
        left: Int32Array.from(t.left),
        right: Int32Array.from(t.right),
        leftBins: Uint32Array.from(t.leftBins),
        value: floatsFromJson(t.value, 'tree values'),
        weight: Float64Array.from(t.weight),
        impurityDecrease: Float64Array.from(t.impurityDecrease),
      };
    });
    this.state = { features, trees, classes: j.classes, oobScore: j.oobScore, warnings: j.warnings ?? [] };
  }
}

function resolveMaxFeatures(m: TreeEnsembleParams['maxFeatures'], F: number): number {
  if (m === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(F)));
  if (m === 'log2') return Math.max(1, Math.floor(Math.log2(F)));
  if (m === 'all') return F;
  return m <= 1 ? Math.max(1, Math.floor(m * F)) : Math.min(F, Math.floor(m));
}

function addOob(
  tree: CartTree,
  binned: BinnedMatrix,
  w: Float64Array,
  oob: Float64Array,
  count: Float64Array,
): void {
  const K = tree.nOutputs;
  for (let i = 0; i < binned.nRows; i++) {
    if (w[i] > 0) continue;
    const leaf = cartLeaf(tree, binned.bins, binned.nFeatures, i);
    for (let k = 0; k < K; k++) oob[i * K + k] += tree.value[leaf * K + k];
    count[i]++;
  }
}

function oobScoreOf(
  oob: Float64Array,
  count: Float64Array,
  y: Float64Array,
  K: number,
  classify: boolean,
): number {
  const truth: number[] = [];
  const pred: number[] = [];
  for (let i = 0; i < count.length; i++) {
    if (count[i] === 0) continue;
    truth.push(y[i]);
    if (classify) {
      let best = 0;
      for (let k = 1; k < K; k++) if (oob[i * K + k] > oob[i * K + best]) best = k;
      pred.push(best);
    } else pred.push(oob[i] / count[i]);
  }
  if (truth.length === 0) return Number.NaN;
  return classify ? accuracy(truth, pred) : r2Score(truth, pred);
}
