import type { Tree } from './tree.ts';

/**
 * QuickScorer's leaf masks for one tree of at most 32 leaves (see `leaf-tables.ts`, which
 * compiles them for a whole ensemble). Leaves are numbered left to right; for a feature f the
 * tree splits on and a bin code x, `mask[x]` keeps the bits of the leaves a row with bin x on f
 * can still reach. The AND of a row's masks over the tree's features has exactly one bit left,
 * the leaf it reaches: leaf k is bit 31 − clz32.
 */

/** Rows scored per block by `addTreeByMasks` (the block's masks and bins stay in L1). */
const BLOCK = 1024;

/** In-order leaf numbering: every node's leaves are the range [lo, hi). */
export function leafRanges(t: Tree): { lo: Int32Array; hi: Int32Array; nLeaves: number } {
  const lo = new Int32Array(t.nNodes);
  const hi = new Int32Array(t.nNodes);
  let next = 0;
  // Iterative post-order (trees can be deep): visit left, right, then close the node.
  const stack: number[] = [0];
  const state = new Uint8Array(t.nNodes);
  while (stack.length > 0) {
    const v = stack[stack.length - 1];
    if (t.left[v] < 0) {
      lo[v] = next;
      hi[v] = ++next;
      stack.pop();
    } else if (state[v] === 0) {
      state[v] = 1;
      stack.push(t.right[v], t.left[v]);
    } else {
      lo[v] = lo[t.left[v]];
      hi[v] = hi[t.right[v]];
      stack.pop();
    }
  }
  return { lo, hi, nLeaves: next };
}

/** The internal nodes of `t` grouped by feature, features ascending. */
export function nodesByFeature(t: Tree): { features: number[]; nodes: number[][] } {
  const byFeature = new Map<number, number[]>();
  for (let v = 0; v < t.nNodes; v++) {
    if (t.left[v] < 0) continue;
    const list = byFeature.get(t.feature[v]);
    if (list === undefined) byFeature.set(t.feature[v], [v]);
    else list.push(v);
  }
  const features = [...byFeature.keys()].sort((a, b) => a - b);
  return { features, nodes: features.map((f) => byFeature.get(f)!) };
}

/** Fill `mask` (one entry per bin code of the feature, missing included) for its `nodes`. */
export function fillMask(
  t: Tree,
  nodes: readonly number[],
  lo: Int32Array,
  hi: Int32Array,
  live: number,
  mask: Int32Array,
): void {
  mask.fill(live);
  for (const v of nodes) {
    const l = t.left[v];
    const r = t.right[v];
    const dropRight = ~rangeBits(lo[r], hi[r]);
    const dropLeft = ~rangeBits(lo[l], hi[l]);
    for (let x = 0; x < mask.length; x++) mask[x] &= goesLeft(t, v, x) ? dropRight : dropLeft;
  }
}

/** Bits of leaves 0..n-1 (all 32 when n = 32). */
export function liveLeaves(n: number): number {
  return n === 32 ? -1 : (1 << n) - 1;
}

/**
 * out[off + i] += the value of the leaf row i of row-major `bins` (F per row) reaches, for
 * i < nRows; `nCodes[f]` is the number of bin codes of feature f (missing included). Returns
 * false (and adds nothing) when the tree has more than 32 leaves. The same sums as a
 * traversal (`addTreePrediction`), without its unpredictable branch at every level: used to
 * score the early-stopping rows after each tree.
 */
export function addTreeByMasks(
  t: Tree,
  nCodes: ArrayLike<number>,
  bins: Uint8Array,
  nRows: number,
  F: number,
  out: Float64Array,
  off: number,
): boolean {
  const { lo, hi, nLeaves } = leafRanges(t);
  if (nLeaves > 32) return false;
  const value = new Float64Array(32);
  for (let v = 0; v < t.nNodes; v++) if (t.left[v] < 0) value[31 - lo[v]] = t.value[v];
  const { features, nodes } = nodesByFeature(t);
  const nf = features.length;
  const start = new Int32Array(nf);
  let size = 0;
  for (let q = 0; q < nf; q++) {
    start[q] = size;
    size += nCodes[features[q]];
  }
  const masks = new Int32Array(size);
  const live = liveLeaves(nLeaves);
  for (let q = 0; q < nf; q++) {
    fillMask(t, nodes[q], lo, hi, live, masks.subarray(start[q], start[q] + nCodes[features[q]]));
  }
  // A feature at a time over a block of rows: each inner loop has its table start and column
  // fixed, which V8 keeps in registers (a loop over the features inside each row did not).
  const w = new Int32Array(Math.min(nRows, BLOCK));
  for (let a = 0; a < nRows; a += BLOCK) {
    const m = Math.min(BLOCK, nRows - a);
    w.fill(live);
    for (let q = 0; q < nf; q++) {
      const s = start[q];
      const base = a * F + features[q];
      for (let i = 0; i < m; i++) w[i] &= masks[s + bins[base + i * F]];
    }
    for (let i = 0; i < m; i++) out[off + a + i] += value[Math.clz32(w[i])];
  }
  return true;
}

function rangeBits(a: number, b: number): number {
  let m = 0;
  for (let k = a; k < b; k++) m |= 1 << k;
  return m;
}

/** The split rule of `Tree` (see tree.ts) for bin code x at internal node v. */
function goesLeft(t: Tree, v: number, x: number): boolean {
  if (t.isCategorical[v] === 1) return ((t.catBits[v * 8 + (x >>> 5)] >>> (x & 31)) & 1) === 1;
  return x <= t.bin[v] || x === t.missingBin[v];
}
