import type { BinnedMatrix } from '../gbdt/binning.ts';
import type { Rng } from '../random.ts';

/**
 * CART growth on binned features (the GBDT binning: ≤ 255 bins, missing values in the last
 * bin, so they act as a value above all others). Used by the decision tree, random forest and
 * extra trees.
 *
 * Classification maximises the Gini (or entropy) impurity decrease, regression the variance
 * decrease. Numeric and multiclass-categorical features split on bin order; for binary and
 * regression targets a categorical feature's bins are first sorted by the node's mean target,
 * which makes the best ordered split the best subset split (Breiman et al. 1984, §9.4).
 */
export type Criterion = 'gini' | 'entropy' | 'squared_error';

export interface CartParams {
  readonly criterion: Criterion;
  /** Outputs per leaf: number of classes, or 1 for regression. */
  readonly nOutputs: number;
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  /** Features tried per split (a soft limit: more are tried until one can split, as scikit-learn). */
  readonly maxFeatures: number;
  /** Extra trees: one random threshold per tried feature instead of the best one. */
  readonly randomSplits: boolean;
}

export interface CartData {
  readonly binned: BinnedMatrix;
  readonly nBins: Int32Array;
  readonly isCategorical: Uint8Array;
  /** Class code (classification) or value (regression) per row. */
  readonly y: Float64Array;
}

/**
 * A grown tree. Internal node: go left when `leftBins` (8 words per node) has the row's bin.
 * Leaf: `value[node * nOutputs ...]` holds class fractions or the mean.
 */
export interface CartTree {
  readonly nNodes: number;
  readonly nOutputs: number;
  readonly feature: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly leftBins: Uint32Array;
  readonly value: Float64Array;
  /** Weighted number of training rows per node. */
  readonly weight: Float64Array;
  readonly impurityDecrease: Float64Array;
}

interface Work {
  rows: Uint32Array;
  scratch: Uint32Array;
  w: Float64Array;
  hist: Float64Array;
  order: Int32Array;
  counts: Int32Array;
  left: Float64Array;
  right: Float64Array;
  featureOrder: Int32Array;
}

/** Grow one tree on the rows with positive weight in `w` (bootstrap multiplicities or 1). */
export function growCart(data: CartData, w: Float64Array, p: CartParams, rng: Rng): CartTree {
  const n = data.binned.nRows;
  let m = 0;
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) if (w[i] > 0) rows[m++] = i;
  const maxBins = Math.max(...data.nBins) + 1;
  const stat = p.criterion === 'squared_error' ? 3 : p.nOutputs;
  const work: Work = {
    rows,
    scratch: new Uint32Array(n),
    w,
    hist: new Float64Array(maxBins * stat),
    order: new Int32Array(maxBins),
    counts: new Int32Array(maxBins),
    left: new Float64Array(stat),
    right: new Float64Array(stat),
    featureOrder: Int32Array.from({ length: data.binned.nFeatures }, (_, f) => f),
  };
  const b = new Builder(p.nOutputs);
  build(data, p, rng, work, b, 0, m, 0);
  return b.freeze();
}

class Builder {
  feature: number[] = [];
  left: number[] = [];
  right: number[] = [];
  leftBins: number[] = [];
  value: number[] = [];
  weight: number[] = [];
  decrease: number[] = [];
  constructor(readonly nOutputs: number) {}

  add(value: Float64Array, weight: number): number {
    const id = this.feature.length;
    this.feature.push(-1);
    this.left.push(-1);
    this.right.push(-1);
    for (let k = 0; k < 8; k++) this.leftBins.push(0);
    for (let k = 0; k < this.nOutputs; k++) this.value.push(value[k]);
    this.weight.push(weight);
    this.decrease.push(0);
    return id;
  }

  freeze(): CartTree {
    return {
      nNodes: this.feature.length,
      nOutputs: this.nOutputs,
      feature: Int32Array.from(this.feature),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      leftBins: Uint32Array.from(this.leftBins),
      value: Float64Array.from(this.value),
      weight: Float64Array.from(this.weight),
      impurityDecrease: Float64Array.from(this.decrease),
    };
  }
}

/** Node statistics: class weights (classification) or [Σw, Σwy, Σwy²] (regression). */
function nodeStats(data: CartData, p: CartParams, work: Work, start: number, end: number): Float64Array {
  const reg = p.criterion === 'squared_error';
  const s = new Float64Array(reg ? 3 : p.nOutputs);
  for (let i = start; i < end; i++) {
    const r = work.rows[i];
    const wi = work.w[r];
    const yi = data.y[r];
    if (reg) {
      s[0] += wi;
      s[1] += wi * yi;
      s[2] += wi * yi * yi;
    } else s[yi] += wi;
  }
  return s;
}

/** Weighted impurity × weight (so children sums compare directly with the parent's). */
function impurityTimesWeight(p: CartParams, s: ArrayLike<number>, off: number, total: number): number {
  if (total <= 0) return 0;
  if (p.criterion === 'squared_error') return s[off + 2] - (s[off + 1] * s[off + 1]) / total;
  let acc = 0;
  if (p.criterion === 'gini') {
    for (let k = 0; k < p.nOutputs; k++) acc += s[off + k] * s[off + k];
    return total - acc / total;
  }
  for (let k = 0; k < p.nOutputs; k++) {
    const q = s[off + k] / total;
    if (q > 0) acc -= q * Math.log2(q);
  }
  return total * acc;
}

function leafValue(p: CartParams, s: Float64Array, total: number): Float64Array {
  const v = new Float64Array(p.nOutputs);
  if (p.criterion === 'squared_error') v[0] = total > 0 ? s[1] / total : 0;
  else for (let k = 0; k < p.nOutputs; k++) v[k] = total > 0 ? s[k] / total : 0;
  return v;
}

function build(
  data: CartData,
  p: CartParams,
  rng: Rng,
  work: Work,
  b: Builder,
  start: number,
  end: number,
  depth: number,
): number {
  const reg = p.criterion === 'squared_error';
  const s = nodeStats(data, p, work, start, end);
  const total = reg ? s[0] : s.reduce((a, v) => a + v, 0);
  const id = b.add(leafValue(p, s, total), total);
  const count = end - start;
  const parentImpurity = impurityTimesWeight(p, s, 0, total);
  if (
    depth >= p.maxDepth ||
    count < p.minSamplesSplit ||
    count < 2 * p.minSamplesLeaf ||
    parentImpurity <= 1e-12 * total
  ) {
    return id;
  }
  const best = findSplit(data, p, rng, work, start, end, s, total, parentImpurity);
  if (best === null) return id;
  // Partition rows[start, end) by the chosen bin set (stable).
  const F = data.binned.nFeatures;
  const bins = data.binned.bins;
  let nl = start;
  let nr = 0;
  for (let i = start; i < end; i++) {
    const r = work.rows[i];
    const bin = bins[r * F + best.feature];
    if (((best.bits[bin >>> 5] >>> (bin & 31)) & 1) === 1) work.rows[nl++] = r;
    else work.scratch[nr++] = r;
  }
  work.rows.set(work.scratch.subarray(0, nr), nl);
  b.feature[id] = best.feature;
  for (let k = 0; k < 8; k++) b.leftBins[id * 8 + k] = best.bits[k];
  b.decrease[id] = best.decrease;
  b.left[id] = build(data, p, rng, work, b, start, nl, depth + 1);
  b.right[id] = build(data, p, rng, work, b, nl, end, depth + 1);
  return id;
}

interface Split {
  feature: number;
  bits: Uint32Array;
  decrease: number;
}

function findSplit(
  data: CartData,
  p: CartParams,
  rng: Rng,
  work: Work,
  start: number,
  end: number,
  parent: Float64Array,
  total: number,
  parentImpurity: number,
): Split | null {
  const F = data.binned.nFeatures;
  const fo = work.featureOrder;
  let best: Split | null = null;
  let tried = 0;
  // Fisher–Yates drawn lazily: the j-th tried feature is a uniform pick of the untried ones.
  for (let j = 0; j < F; j++) {
    const pick = j + rng.nextInt(F - j);
    const f = fo[pick];
    fo[pick] = fo[j];
    fo[j] = f;
    const cand = splitFeature(data, p, rng, work, f, start, end, parent, total, parentImpurity);
    if (cand === 'constant') continue;
    tried++;
    if (cand !== null && (best === null || cand.decrease > best.decrease)) best = cand;
    if (tried >= p.maxFeatures && best !== null) break;
  }
  return best;
}

function splitFeature(
  data: CartData,
  p: CartParams,
  rng: Rng,
  work: Work,
  f: number,
  start: number,
  end: number,
  parent: Float64Array,
  total: number,
  parentImpurity: number,
): Split | null | 'constant' {
  const reg = p.criterion === 'squared_error';
  const S = reg ? 3 : p.nOutputs;
  const nb = data.nBins[f] + 1;
  const { hist, order, counts, left, right } = work;
  counts.fill(0, 0, nb);
  hist.fill(0, 0, nb * S);
  const F = data.binned.nFeatures;
  const bins = data.binned.bins;
  for (let i = start; i < end; i++) {
    const r = work.rows[i];
    const bin = bins[r * F + f];
    const wi = work.w[r];
    const yi = data.y[r];
    counts[bin]++;
    if (reg) {
      hist[bin * 3] += wi;
      hist[bin * 3 + 1] += wi * yi;
      hist[bin * 3 + 2] += wi * yi * yi;
    } else hist[bin * S + yi] += wi;
  }
  let used = 0;
  for (let bin = 0; bin < nb; bin++) if (counts[bin] > 0) order[used++] = bin;
  if (used < 2) return 'constant';
  const sortedCategories = data.isCategorical[f] === 1 && (reg || p.nOutputs === 2);
  if (sortedCategories) {
    // Sort present categories by mean target (class-1 share) so ordered splits cover the best subset.
    const key = (bin: number): number => {
      const wsum = reg ? hist[bin * 3] : hist[bin * S] + hist[bin * S + 1];
      return wsum > 0 ? (reg ? hist[bin * 3 + 1] : hist[bin * S + 1]) / wsum : 0;
    };
    const sorted = Array.from(order.subarray(0, used)).sort((a, c) => key(a) - key(c) || a - c);
    order.set(sorted);
  }
  left.fill(0);
  let nLeft = 0;
  let bestPos = -1;
  // As scikit-learn, an impure node splits even when no split lowers the impurity (the
  // children may still separate further down, e.g. an XOR pattern).
  let bestDecrease = Number.NEGATIVE_INFINITY;
  let bestNLeft = 0;
  const randomPos = p.randomSplits ? rng.nextInt(used - 1) : -1;
  for (let pos = 0; pos < used - 1; pos++) {
    const bin = order[pos];
    nLeft += counts[bin];
    for (let k = 0; k < S; k++) left[k] += hist[bin * S + k];
    if (p.randomSplits && pos !== randomPos) continue;
    const nRight = end - start - nLeft;
    if (nLeft < p.minSamplesLeaf || nRight < p.minSamplesLeaf) continue;
    const wl = reg ? left[0] : sum(left);
    for (let k = 0; k < S; k++) right[k] = parent[k] - left[k];
    const decrease =
      parentImpurity - impurityTimesWeight(p, left, 0, wl) - impurityTimesWeight(p, right, 0, total - wl);
    if (decrease > bestDecrease) {
      bestDecrease = decrease;
      bestPos = pos;
      bestNLeft = nLeft;
    }
  }
  if (bestPos < 0) return null;
  const bits = new Uint32Array(8);
  if (sortedCategories) {
    for (let pos = 0; pos <= bestPos; pos++) bits[order[pos] >>> 5] |= 1 << (order[pos] & 31);
  } else {
    // An ordered split is a threshold halfway between the last left and the first right bin
    // seen in this node (scikit-learn's midpoint between values), so bins no row of this node
    // fell in go to the nearer side.
    const cut = (order[bestPos] + order[bestPos + 1]) >> 1;
    for (let bin = 0; bin <= cut; bin++) bits[bin >>> 5] |= 1 << (bin & 31);
  }
  // What this node never saw (a category absent here, a level unseen in training, missing
  // values when none reached the node) follows the larger child, as scikit-learn sends
  // missing values. Otherwise an unseen level would always take the side the category sort
  // or the bin order happened to leave it on: with an ID-like column, the extreme one.
  const largerLeft = bestNLeft >= end - start - bestNLeft;
  const absent = (bin: number) => {
    if (largerLeft) bits[bin >>> 5] |= 1 << (bin & 31);
    else bits[bin >>> 5] &= ~(1 << (bin & 31));
  };
  if (data.isCategorical[f] === 1) {
    for (let bin = 0; bin < 256; bin++) if (bin >= nb || counts[bin] === 0) absent(bin);
  } else if (counts[nb - 1] === 0) absent(nb - 1);
  return { feature: f, bits, decrease: bestDecrease };
}

function sum(a: Float64Array): number {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += a[i];
  return t;
}

/** Leaf reached by row `i` of row-major bins. */
export function cartLeaf(t: CartTree, bins: Uint8Array, F: number, i: number): number {
  let node = 0;
  const base = i * F;
  while (t.left[node] >= 0) {
    const bin = bins[base + t.feature[node]];
    node = ((t.leftBins[node * 8 + (bin >>> 5)] >>> (bin & 31)) & 1) === 1 ? t.left[node] : t.right[node];
  }
  return node;
}
