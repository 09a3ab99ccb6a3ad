import { MlError } from '../errors.ts';
import { floatsFromJson, floatsToJson, type JsonFloat } from '../json-floats.ts';

/**
 * One regression tree over binned features, stored as parallel arrays indexed by node id
 * (root = 0). A node is a leaf when `left[node] < 0`. Split rule at an internal node on
 * feature f with bin code b:
 *   - categorical: go left when bit b of the node's 256-bit set is on (missing included);
 *   - numeric: go left when b ≤ `bin[node]`, or when b is f's missing code and
 *     `missingLeft[node]` (encoded as `missingBin[node] = b`, −1 otherwise).
 * `threshold[node]` is the raw-value equivalent of the numeric rule (x ≤ threshold), kept for
 * export and explanation. `value` is the (shrunk) prediction of every node, `cover` its
 * training Σh and `count` its training rows.
 */
export interface Tree {
  readonly nNodes: number;
  readonly feature: Int32Array;
  readonly bin: Int32Array;
  readonly missingBin: Int32Array;
  readonly isCategorical: Uint8Array;
  /** 8 words per node (zeros for numeric nodes). */
  readonly catBits: Uint32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly gain: Float64Array;
  readonly cover: Float64Array;
  readonly count: Float64Array;
}

/** Growable node storage used while a tree is grown; `freeze` trims it to a `Tree`. */
export class TreeBuilder {
  private cap: number;
  n = 0;
  feature: Int32Array;
  bin: Int32Array;
  missingBin: Int32Array;
  isCategorical: Uint8Array;
  catBits: Uint32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  gain: Float64Array;
  cover: Float64Array;
  count: Float64Array;

  constructor(capacity = 64) {
    this.cap = capacity;
    this.feature = new Int32Array(capacity);
    this.bin = new Int32Array(capacity);
    this.missingBin = new Int32Array(capacity);
    this.isCategorical = new Uint8Array(capacity);
    this.catBits = new Uint32Array(capacity * 8);
    this.threshold = new Float64Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.gain = new Float64Array(capacity);
    this.cover = new Float64Array(capacity);
    this.count = new Float64Array(capacity);
  }

  /** Append a leaf and return its id. */
  addNode(value: number, cover: number, count: number): number {
    if (this.n === this.cap) this.grow();
    const id = this.n++;
    this.feature[id] = -1;
    this.left[id] = -1;
    this.right[id] = -1;
    this.missingBin[id] = -1;
    this.value[id] = value;
    this.cover[id] = cover;
    this.count[id] = count;
    return id;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const re = <T extends Int32Array | Uint8Array | Uint32Array | Float64Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.feature = re(this.feature, cap);
    this.bin = re(this.bin, cap);
    this.missingBin = re(this.missingBin, cap);
    this.isCategorical = re(this.isCategorical, cap);
    this.catBits = re(this.catBits, cap * 8);
    this.threshold = re(this.threshold, cap);
    this.left = re(this.left, cap);
    this.right = re(this.right, cap);
    this.value = re(this.value, cap);
    this.gain = re(this.gain, cap);
    this.cover = re(this.cover, cap);
    this.count = re(this.count, cap);
    this.cap = cap;
  }

  freeze(): Tree {
    const n = this.n;
    return {
      nNodes: n,
      feature: this.feature.slice(0, n),
      bin: this.bin.slice(0, n),
      missingBin: this.missingBin.slice(0, n),
      isCategorical: this.isCategorical.slice(0, n),
      catBits: this.catBits.slice(0, n * 8),
      threshold: this.threshold.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n),
      gain: this.gain.slice(0, n),
      cover: this.cover.slice(0, n),
      count: this.count.slice(0, n),
    };
  }
}

/**
 * Add `scale ×` the tree's prediction for rows [0, nRows) to `out[outOffset + i * outStride]`.
 * The bin of row i, feature f is `bins[f * fStride + i * rStride]`, so one function serves
 * column-major (fStride = nRows, rStride = 1) and row-major (fStride = 1, rStride = F) data.
 */
export function addTreePrediction(
  tree: Tree,
  bins: Uint8Array,
  nRows: number,
  fStride: number,
  rStride: number,
  out: Float64Array,
  outOffset: number,
  outStride: number,
): void {
  const { feature, bin, missingBin, isCategorical, catBits, left, right, value } = tree;
  for (let i = 0; i < nRows; i++) {
    let node = 0;
    const rowBase = i * rStride;
    while (left[node] >= 0) {
      const b = bins[feature[node] * fStride + rowBase];
      let goLeft: boolean;
      if (isCategorical[node] === 1) goLeft = ((catBits[node * 8 + (b >>> 5)] >>> (b & 31)) & 1) === 1;
      else goLeft = b <= bin[node] || b === missingBin[node];
      node = goLeft ? left[node] : right[node];
    }
    out[outOffset + i * outStride] += value[node];
  }
}

/** Leaf id reached by each row (same data layout arguments as `addTreePrediction`). */
export function applyTree(
  tree: Tree,
  bins: Uint8Array,
  nRows: number,
  fStride: number,
  rStride: number,
): Int32Array {
  const out = new Int32Array(nRows);
  const { feature, bin, missingBin, isCategorical, catBits, left, right } = tree;
  for (let i = 0; i < nRows; i++) {
    let node = 0;
    while (left[node] >= 0) {
      const b = bins[feature[node] * fStride + i * rStride];
      const goLeft =
        isCategorical[node] === 1
          ? ((catBits[node * 8 + (b >>> 5)] >>> (b & 31)) & 1) === 1
          : b <= bin[node] || b === missingBin[node];
      node = goLeft ? left[node] : right[node];
    }
    out[i] = node;
  }
  return out;
}

export interface TreeJson {
  feature: number[];
  bin: number[];
  missingBin: number[];
  isCategorical: number[];
  catBits: number[];
  threshold: JsonFloat[];
  left: number[];
  right: number[];
  value: JsonFloat[];
  gain: number[];
  cover: number[];
  count: number[];
}

export function treeToJson(t: Tree): TreeJson {
  // Categorical bitsets are only stored for categorical nodes, in node order.
  const catBits: number[] = [];
  for (let i = 0; i < t.nNodes; i++) {
    if (t.isCategorical[i] === 1) for (let w = 0; w < 8; w++) catBits.push(t.catBits[i * 8 + w]);
  }
  return {
    feature: Array.from(t.feature),
    bin: Array.from(t.bin),
    missingBin: Array.from(t.missingBin),
    isCategorical: Array.from(t.isCategorical),
    catBits,
    threshold: floatsToJson(t.threshold),
    left: Array.from(t.left),
    right: Array.from(t.right),
    value: floatsToJson(t.value),
    gain: Array.from(t.gain),
    cover: Array.from(t.cover),
    count: Array.from(t.count),
  };
}

export function treeFromJson(j: TreeJson): Tree {
  const n = j.feature?.length;
  if (!Number.isInteger(n) || n < 1) throw new MlError('ML_ARTIFACT_INVALID', 'A tree has no nodes');
  for (const key of ['bin', 'missingBin', 'isCategorical', 'threshold', 'left', 'right', 'value'] as const) {
    if (j[key]?.length !== n)
      throw new MlError('ML_ARTIFACT_INVALID', `Tree field "${key}" has the wrong length`);
  }
  const catBits = new Uint32Array(n * 8);
  let c = 0;
  for (let i = 0; i < n; i++) {
    if (j.isCategorical[i] === 1) for (let w = 0; w < 8; w++) catBits[i * 8 + w] = j.catBits[c++];
    const l = j.left[i];
    if (l >= n || j.right[i] >= n || (l >= 0 && (l <= i || j.right[i] <= i))) {
      throw new MlError('ML_ARTIFACT_INVALID', 'A tree has an invalid child index');
    }
  }
  return {
    nNodes: n,
    feature: Int32Array.from(j.feature),
    bin: Int32Array.from(j.bin),
    missingBin: Int32Array.from(j.missingBin),
    isCategorical: Uint8Array.from(j.isCategorical),
    catBits,
    threshold: floatsFromJson(j.threshold, 'tree threshold'),
    left: Int32Array.from(j.left),
    right: Int32Array.from(j.right),
    value: floatsFromJson(j.value, 'tree value'),
    gain: Float64Array.from(j.gain ?? new Array(n).fill(0)),
    cover: Float64Array.from(j.cover ?? new Array(n).fill(0)),
    count: Float64Array.from(j.count ?? new Array(n).fill(0)),
  };
}
