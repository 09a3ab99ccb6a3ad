import type { FeatureBinning } from '../gbdt/binning.ts';
import type { CartTree } from './cart.ts';
import { TreeClassifierBase, TreeRegressorBase } from './forest.ts';
import type { TreeEnsembleJson, TreeEnsembleParams } from './tree-ensemble.ts';

export type DecisionTreeParams = Pick<
  TreeEnsembleParams,
  'criterion' | 'maxDepth' | 'minSamplesSplit' | 'minSamplesLeaf' | 'classWeight' | 'maxBins' | 'seed'
>;

/** One root-to-leaf path in readable form. */
export interface TreeRule {
  readonly conditions: string[];
  /** Class label (classifier) or value (regressor). */
  readonly prediction: string | number;
  /** Classifier: the predicted class's share of the leaf's training rows. */
  readonly probability?: number;
  /** Weighted number of training rows in the leaf. */
  readonly samples: number;
}

const SINGLE_TREE = {
  nEstimators: 1,
  bootstrap: false,
  maxFeatures: 'all' as const,
  randomSplits: false,
  oobScore: false,
};

/**
 * A single CART classification tree, readable as rules.
 *
 * ### Example
 * ```ts
 * const dt = new DecisionTreeClassifier({ maxDepth: 3 }).fit(X, y);
 * dt.rulesText(); // ["if age <= 42.5 and plan in {basic} then churned = yes (p = 0.81, n = 120)", ...]
 * ```
 */
export class DecisionTreeClassifier extends TreeClassifierBase {
  constructor(params: Partial<DecisionTreeParams> = {}) {
    super(
      'classification',
      'decision_tree_classifier',
      { ...params, ...SINGLE_TREE },
      {
        criterion: 'gini',
        maxDepth: null,
        minSamplesSplit: 2,
        minSamplesLeaf: 1,
        classWeight: null,
        maxBins: 255,
        seed: 0,
        ...SINGLE_TREE,
      },
    );
  }

  rules(): TreeRule[] {
    const t = this.trees[0];
    const classes = this.classes;
    return treeRules(t, this.fitted().features, (leaf) => {
      let best = 0;
      for (let k = 1; k < classes.length; k++)
        if (t.value[leaf * classes.length + k] > t.value[leaf * classes.length + best]) best = k;
      return { prediction: classes[best], probability: t.value[leaf * classes.length + best] };
    });
  }

  rulesText(target = 'class'): string[] {
    return this.rules().map(
      (r) =>
        `if ${r.conditions.join(' and ') || 'always'} then ${target} = ${r.prediction} (p = ${r.probability!.toFixed(2)}, n = ${round(r.samples)})`,
    );
  }

  static fromJSON(j: TreeEnsembleJson): DecisionTreeClassifier {
    const m = new DecisionTreeClassifier(j.params);
    m.loadJson(j);
    return m;
  }
}

export class DecisionTreeRegressor extends TreeRegressorBase {
  constructor(params: Partial<DecisionTreeParams> = {}) {
    super(
      'regression',
      'decision_tree_regressor',
      { ...params, ...SINGLE_TREE },
      {
        criterion: 'squared_error',
        maxDepth: null,
        minSamplesSplit: 2,
        minSamplesLeaf: 1,
        classWeight: null,
        maxBins: 255,
        seed: 0,
        ...SINGLE_TREE,
      },
    );
  }

  rules(): TreeRule[] {
    const t = this.trees[0];
    return treeRules(t, this.fitted().features, (leaf) => ({ prediction: t.value[leaf] }));
  }

  rulesText(target = 'value'): string[] {
    return this.rules().map(
      (r) =>
        `if ${r.conditions.join(' and ') || 'always'} then ${target} = ${formatNumber(r.prediction as number)} (n = ${round(r.samples)})`,
    );
  }

  static fromJSON(j: TreeEnsembleJson): DecisionTreeRegressor {
    const m = new DecisionTreeRegressor(j.params);
    m.loadJson(j);
    return m;
  }
}

function treeRules(
  t: CartTree,
  features: readonly FeatureBinning[],
  leafInfo: (leaf: number) => { prediction: string | number; probability?: number },
): TreeRule[] {
  const out: TreeRule[] = [];
  const walk = (node: number, conds: string[]): void => {
    if (t.left[node] < 0) {
      out.push({ conditions: conds, samples: t.weight[node], ...leafInfo(node) });
      return;
    }
    const [l, r] = describeSplit(t, node, features[t.feature[node]]);
    walk(t.left[node], [...conds, l]);
    walk(t.right[node], [...conds, r]);
  };
  walk(0, []);
  return out;
}

/** The left and right conditions of a node in raw values / level names. */
function describeSplit(t: CartTree, node: number, fb: FeatureBinning): [string, string] {
  const has = (b: number): boolean => ((t.leftBins[node * 8 + (b >>> 5)] >>> (b & 31)) & 1) === 1;
  const name = fb.name;
  if (fb.kind === 'numeric') {
    let maxLeft = -1;
    for (let b = 0; b < fb.nBins; b++) if (has(b)) maxLeft = b;
    if (maxLeft >= fb.nBins - 1) return [`${name} is not missing`, `${name} is missing`];
    const thr = formatNumber(fb.thresholds[maxLeft]);
    return [`${name} <= ${thr}`, `(${name} > ${thr} or missing)`];
  }
  const labelOf = new Map<number, string[]>();
  for (let k = 0; k < fb.levels.length; k++) {
    const b = fb.levelBins[k];
    if (b >= 0) labelOf.set(b, [...(labelOf.get(b) ?? []), fb.levels[k]]);
  }
  const leftLabels: string[] = [];
  const rightLabels: string[] = [];
  for (let b = 0; b <= fb.nBins; b++) {
    const labels =
      b === fb.nBins ? ['(missing)'] : (labelOf.get(b) ?? (b === fb.unknownBin ? ['(unseen)'] : []));
    (has(b) ? leftLabels : rightLabels).push(...labels);
  }
  return [`${name} in {${leftLabels.join(', ')}}`, `${name} in {${rightLabels.join(', ')}}`];
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

function round(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
