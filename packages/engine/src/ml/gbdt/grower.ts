import type { Rng } from '../random.ts';
import type { BinnedMatrix } from './binning.ts';
import {
  type FeatureSet,
  gatherGradients,
  type HistLayout,
  histogramSize,
  orderedRowKernel,
  type RowKernel,
  rowKernel,
  subtractHistogram,
  unitHessians,
} from './histogram.ts';
import type { FitPool, PartitionSide } from './parallel.ts';
import { PARTITION_CHUNK, partitionChunk, placeChunks } from './partition.ts';
import {
  findBestSplit,
  leafWeight,
  nodeLoss,
  type SplitConstraints,
  type SplitInfo,
  setBit,
} from './split.ts';
import { TreeBuilder } from './tree.ts';

export interface GrowerParams extends SplitConstraints {
  readonly maxLeaves: number;
  /** Depth limit (root = 0); `Infinity` for none. */
  readonly maxDepth: number;
  readonly learningRate: number;
  /** Fraction of the tree's features considered at each node (1 = all). */
  readonly featureFractionByNode: number;
}

/** Per-fit state shared by every tree: the binned data, its layout and reusable buffers. */
export class GrowerContext {
  readonly rows: Uint32Array;
  /** Partition buffers (see `partition.ts`). */
  readonly scratch: Uint32Array;
  readonly nLeft: Int32Array;
  private readonly pool: Float64Array[] = [];
  readonly histSize: number;
  /** Worker threads sharing histograms and partitions, when the fit runs on several threads. */
  workers: FitPool | null = null;
  private kernelFs: FeatureSet | null = null;
  private kernel: RowKernel | null = null;
  private ordered: RowKernel | null = null;
  /** Gradients of a chunk's child rows in row-list order (see `orderedRowKernel`). */
  private readonly gBuf = new Float32Array(PARTITION_CHUNK);
  private readonly hBuf = new Float32Array(PARTITION_CHUNK);

  constructor(
    readonly data: BinnedMatrix,
    readonly layout: HistLayout,
    readonly isCategorical: Uint8Array,
    readonly hasMissing: Uint8Array,
    /** Raw-value upper bound of each numeric bin, for readable thresholds. */
    readonly thresholds: readonly Float64Array[],
    shared = false,
  ) {
    const n = data.nRows;
    const u32 = (len: number): Uint32Array =>
      shared ? new Uint32Array(new SharedArrayBuffer(len * 4)) : new Uint32Array(len);
    this.rows = u32(n);
    this.scratch = u32(n);
    const nChunks = Math.ceil(n / PARTITION_CHUNK) + 1;
    this.nLeft = shared ? new Int32Array(new SharedArrayBuffer(nChunks * 4)) : new Int32Array(nChunks);
    this.histSize = histogramSize(layout);
  }

  /** The histogram kernel of a feature set (generated once per set, see `rowKernel`). */
  private kernelFor(fs: FeatureSet): RowKernel {
    if (fs !== this.kernelFs) {
      this.kernel = rowKernel(this.data.nFeatures, fs.ids, fs.slot3, fs.all);
      this.ordered = orderedRowKernel(this.data.nFeatures, fs.ids, fs.slot3);
      this.kernelFs = fs;
    }
    return this.kernel!;
  }

  /** `orderedRowKernel` of a feature set (with `kernelFor`). */
  private orderedFor(fs: FeatureSet): RowKernel {
    this.kernelFor(fs);
    return this.ordered!;
  }

  acquireHistogram(): Float64Array {
    const h = this.pool.pop();
    if (h === undefined) return new Float64Array(this.histSize);
    h.fill(0);
    return h;
  }

  releaseHistogram(h: Float64Array): void {
    this.pool.push(h);
  }

  /** Histogram of node rows[start, end); `whole` = the node is every row 0..n-1 in order. */
  histogram(
    whole: boolean,
    start: number,
    end: number,
    g: Float32Array,
    h: Float32Array | null,
    fs: FeatureSet,
  ): Float64Array {
    const hist = this.acquireHistogram();
    const { data } = this;
    const rows = whole ? null : this.rows;
    const gOff = g.byteOffset >> 2;
    const hOff = h === null ? -1 : h.byteOffset >> 2;
    const kernel = this.kernelFor(fs);
    const shared = this.workers?.build(whole, start, end, gOff, hOff, fs, kernel, hist) ?? false;
    if (!shared) kernel(data.bins, rows, start, end, g, h, hist);
    if (h === null) unitHessians(hist);
    return hist;
  }

  /**
   * The workers' gradients for every row (see `FitPool.gradients`) with the histogram of all
   * rows 0..n-1 built on the way; null when the pool cannot compute gradients (nothing was done,
   * `overlap` included). `overlap`: see `FitPool.gradients`.
   */
  gradientsWithRootHistogram(
    g: Float32Array,
    h: Float32Array | null,
    fs: FeatureSet,
    overlap?: () => void,
  ): Float64Array | null {
    const pool = this.workers;
    if (pool === null) return null;
    const hist = this.acquireHistogram();
    const gOff = g.byteOffset >> 2;
    const hOff = h === null ? -1 : h.byteOffset >> 2;
    if (!pool.gradients({ gOff, hOff, fs, kernel: this.kernelFor(fs), hist }, overlap)) {
      this.releaseHistogram(hist);
      return null;
    }
    if (h === null) unitHessians(hist);
    return hist;
  }

  /**
   * Stable in-place partition of rows[start, end) by a split; returns the first right position.
   * With `side` 1 (left) or 2 (right), `hist` (zeroed) receives that child's histogram, built
   * chunk by chunk right after each chunk is partitioned: the chunk's rows are then still in
   * cache, so the child's rows are not fetched a second time. Rows are accumulated in the
   * child's order, so the sums are those of `histogram` on the child.
   */
  partition(
    start: number,
    end: number,
    s: SplitInfo,
    missingBin: number,
    missingLeft: boolean,
    side: PartitionSide,
    g: Float32Array,
    h: Float32Array | null,
    fs: FeatureSet,
    hist: Float64Array | null,
  ): number {
    const { rows, scratch, nLeft } = this;
    // Straight from the row-major bins. A column-major copy made partitions about twice as fast
    // but cost a byte per value of peak memory, and the column histogram kernel it also served
    // was no faster than the row-major one: single-threaded, fits took the same time without it.
    const F = this.data.nFeatures;
    const bins = this.data.bins;
    const f = s.feature;
    const bits = s.isCategorical ? s.catBitset! : null;
    const mb = missingLeft ? missingBin : -1;
    const gOff = g.byteOffset >> 2;
    const hOff = h === null ? -1 : h.byteOffset >> 2;
    const kernel = this.kernelFor(fs);
    const ordered = this.orderedFor(fs);
    this.workers?.checkScratchFree();
    const shared =
      this.workers?.partition(start, end, f, bits, s.bin, mb, side, gOff, hOff, fs, kernel, hist, ordered) ??
      false;
    if (!shared) {
      // As `runChunks` does (parallel.ts): gradients gathered first on nodes of < ¼ of the rows.
      const sparse = (end - start) * 4 < rows.length;
      const { gBuf, hBuf } = this;
      for (let k = 0, a = start; a < end; k++, a += PARTITION_CHUNK) {
        const b = Math.min(end, a + PARTITION_CHUNK);
        const nl = partitionChunk(bins, F, rows, scratch, a, b, f, bits, s.bin, mb);
        nLeft[k] = nl;
        if (side === 0) continue;
        const list = side === 1 ? rows : scratch;
        const to = side === 1 ? a + nl : b - nl;
        if (sparse) {
          gatherGradients(list, a, to, g, h, gBuf, hBuf);
          ordered(bins, list, a, to, gBuf, h === null ? null : hBuf, hist!);
        } else kernel(bins, list, a, to, g, h, hist!);
      }
    }
    if (side !== 0 && h === null) unitHessians(hist!);
    return placeChunks(rows, scratch, start, end, PARTITION_CHUNK, nLeft);
  }
}

interface OpenNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  hist: Float64Array | null;
  split: SplitInfo | null;
}

export interface GrownTree {
  readonly builder: TreeBuilder;
  /** Leaf node ids and their row ranges in `ctx.rows`. */
  readonly leaves: Int32Array;
  readonly leafStart: Int32Array;
  readonly leafEnd: Int32Array;
}

/**
 * Grow one tree leaf-wise (best-first) on gradients `g` and hessians `h` (null = all 1), over
 * the rows `sample` (sorted; null = all rows) and the features `fs`. Mirrors
 * scikit-learn's TreeGrower: the split with the largest gain is applied next, the smaller child's
 * histogram is built from rows and the larger one's by subtraction from the parent. `rootHist`:
 * the histogram of all rows, when already built (see `gradientsWithRootHistogram`; only
 * without `sample`); the tree takes it over.
 */
export function growTree(
  ctx: GrowerContext,
  g: Float32Array,
  h: Float32Array | null,
  sample: Uint32Array | null,
  fs: FeatureSet,
  p: GrowerParams,
  rng: Rng,
  rootHist: Float64Array | null = null,
): GrownTree {
  const features = fs.ids;
  const n = sample === null ? ctx.data.nRows : sample.length;
  const rows = ctx.rows;
  if (sample === null) for (let i = 0; i < n; i++) rows[i] = i;
  else rows.set(sample);
  const sumG = halvesSum(g, sample, n);
  const sumH = h === null ? n : halvesSum(h, sample, n);
  const tb = new TreeBuilder(Math.max(8, 2 * p.maxLeaves));
  const lr = p.learningRate;
  const leafValue = (gg: number, hh: number): number => lr * leafWeight(gg, hh, p.l1, p.l2);
  const root: OpenNode = {
    id: tb.addNode(leafValue(sumG, sumH), sumH, n),
    start: 0,
    end: n,
    depth: 0,
    g: sumG,
    h: sumH,
    hist: null,
    split: null,
  };
  const leaves: OpenNode[] = [];
  const open: OpenNode[] = [];
  const nodeFeatures = new Int32Array(features.length);

  const canSplitNode = (count: number, depth: number, hh: number): boolean =>
    count >= 2 * p.minSamplesLeaf && depth < p.maxDepth && hh >= p.minChildWeight;
  const canSplit = (node: OpenNode): boolean => canSplitNode(node.end - node.start, node.depth, node.h);

  const findSplit = (node: OpenNode): void => {
    let nf = features.length;
    if (p.featureFractionByNode < 1) {
      nf = Math.max(1, Math.round(features.length * p.featureFractionByNode));
      nodeFeatures.set(features);
      for (let i = 0; i < nf; i++) {
        const j = i + rng.nextInt(features.length - i);
        const t = nodeFeatures[i];
        nodeFeatures[i] = nodeFeatures[j];
        nodeFeatures[j] = t;
      }
    }
    node.split = findBestSplit(
      node.hist!,
      ctx.layout,
      ctx.isCategorical,
      ctx.hasMissing,
      p.featureFractionByNode < 1 ? nodeFeatures : features,
      nf,
      node.g,
      node.h,
      node.end - node.start,
      p,
      // scikit-learn scores root candidates against a parent loss of 0 (its root value is 0);
      // the same candidates win either way, and matching it keeps exact ties identical.
      node === root ? 0 : nodeLoss(node.g, node.h, p.l1, p.l2),
    );
    if (node.split === null) {
      ctx.releaseHistogram(node.hist!);
      node.hist = null;
      leaves.push(node);
    } else open.push(node);
  };

  if (rootHist !== null && sample !== null) throw new Error('a root histogram was given with a sample');
  if (canSplit(root) && p.maxLeaves >= 2) {
    root.hist = rootHist ?? ctx.histogram(sample === null, 0, n, g, h, fs);
    findSplit(root);
  } else {
    if (rootHist !== null) ctx.releaseHistogram(rootHist);
    leaves.push(root);
  }

  let nLeaves = 1;
  while (open.length > 0) {
    let bi = 0;
    for (let i = 1; i < open.length; i++) if (open[i].split!.gain > open[bi].split!.gain) bi = i;
    const node = open[bi];
    open.splice(bi, 1);
    const s = node.split!;
    const f = s.feature;
    const missingCode = ctx.layout.nBins[f];
    // A feature without missing values in training sends them to the larger child at predict time.
    const missingLeft = ctx.hasMissing[f] === 1 ? s.missingLeft : s.nLeft > s.nRight;
    if (s.isCategorical) {
      if (missingLeft) setBit(s.catBitset!, missingCode);
      else s.catBitset![missingCode >>> 5] &= ~(1 << (missingCode & 31));
    }
    // Whether a child will need its histogram is known from the split's counts, so the smaller
    // child's histogram is built during the partition (see `GrowerContext.partition`).
    const splitL = canSplitNode(s.nLeft, node.depth + 1, s.hLeft);
    const splitR = canSplitNode(s.nRight, node.depth + 1, s.hRight);
    const last = nLeaves + 1 >= p.maxLeaves;
    const leftSmaller = s.nLeft < s.nRight;
    const side: PartitionSide = last || !(splitL || splitR) ? 0 : leftSmaller ? 1 : 2;
    const smallHist = side === 0 ? null : ctx.acquireHistogram();
    const mid = ctx.partition(node.start, node.end, s, missingCode, missingLeft, side, g, h, fs, smallHist);
    if (mid - node.start !== s.nLeft)
      throw new Error(`partition gave ${mid - node.start} rows, not ${s.nLeft}`);
    recordSplit(tb, node.id, s, missingLeft, missingCode, ctx.thresholds[f]);
    if (node === root) tb.gain[node.id] += nodeLoss(node.g, node.h, p.l1, p.l2);
    const left = childNode(tb, node, node.start, mid, s.gLeft, s.hLeft, leafValue);
    const right = childNode(tb, node, mid, node.end, s.gRight, s.hRight, leafValue);
    tb.left[node.id] = left.id;
    tb.right[node.id] = right.id;
    nLeaves++;
    if (last) {
      ctx.releaseHistogram(node.hist!);
      leaves.push(left, right);
      for (const o of open) {
        ctx.releaseHistogram(o.hist!);
        leaves.push(o);
      }
      open.length = 0;
      break;
    }
    if (smallHist !== null) {
      const small = leftSmaller ? left : right;
      const large = leftSmaller ? right : left;
      small.hist = smallHist;
      large.hist = node.hist!;
      subtractHistogram(node.hist!, small.hist, large.hist);
      node.hist = null;
      for (const child of [left, right]) {
        if (child === left ? splitL : splitR) findSplit(child);
        else {
          ctx.releaseHistogram(child.hist!);
          child.hist = null;
          leaves.push(child);
        }
      }
    } else {
      ctx.releaseHistogram(node.hist!);
      node.hist = null;
      leaves.push(left, right);
    }
  }
  leaves.sort((a, b) => a.id - b.id);
  return {
    builder: tb,
    leaves: Int32Array.from(leaves, (l) => l.id),
    leafStart: Int32Array.from(leaves, (l) => l.start),
    leafEnd: Int32Array.from(leaves, (l) => l.end),
  };
}

function childNode(
  tb: TreeBuilder,
  parent: OpenNode,
  start: number,
  end: number,
  g: number,
  h: number,
  leafValue: (g: number, h: number) => number,
): OpenNode {
  return {
    id: tb.addNode(leafValue(g, h), h, end - start),
    start,
    end,
    depth: parent.depth + 1,
    g,
    h,
    hist: null,
    split: null,
  };
}

function recordSplit(
  tb: TreeBuilder,
  id: number,
  s: SplitInfo,
  missingLeft: boolean,
  missingCode: number,
  thresholds: Float64Array,
): void {
  tb.feature[id] = s.feature;
  tb.gain[id] = s.gain;
  if (s.isCategorical) {
    tb.isCategorical[id] = 1;
    tb.catBits.set(s.catBitset!, id * 8);
    tb.bin[id] = -1;
    tb.threshold[id] = Number.NaN;
  } else {
    tb.bin[id] = s.bin;
    tb.missingBin[id] = missingLeft ? missingCode : -1;
    tb.threshold[id] = s.bin < thresholds.length ? thresholds[s.bin] : Number.POSITIVE_INFINITY;
  }
}

/**
 * Σ a[rows[i]] over i < n, accumulated as two halves then added. Slightly more accurate than one
 * running sum, and the same rounding as scikit-learn's two-thread reduction, so node sums agree
 * to the last bit and exact ties resolve alike.
 */
function halvesSum(a: Float32Array, rows: Uint32Array | null, n: number): number {
  const half = (n + 1) >>> 1;
  let s0 = 0;
  let s1 = 0;
  if (rows === null) {
    for (let i = 0; i < half; i++) s0 += a[i];
    for (let i = half; i < n; i++) s1 += a[i];
  } else {
    for (let i = 0; i < half; i++) s0 += a[rows[i]];
    for (let i = half; i < n; i++) s1 += a[rows[i]];
  }
  return s0 + s1;
}
