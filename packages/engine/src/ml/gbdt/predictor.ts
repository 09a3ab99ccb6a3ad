import type { Matrix } from '../matrix.ts';
import { type ColumnBinner, columnBinners, type FeatureBinning } from './binning.ts';
import { LeafTableKernel } from './leaf-tables.ts';
import type { Tree } from './tree.ts';

/**
 * A flattened, prediction-only form of an ensemble. Every internal node, numeric or
 * categorical, becomes one 256-bit set over bin codes ("go left when bit b is set"), and the
 * two children of a node are adjacent (right = left + 1), so a step down the tree is
 *
 *   node = child[node] + 1 − bit(bits[node], bin)
 *
 * with no branch on the split type or outcome. Leaves point to themselves with an all-ones set,
 * so every row can take exactly `depth` steps: eight rows walk a tree in lock-step, their
 * independent load chains overlap, and no branch depends on the data. All trees share the
 * same arrays.
 */
export class CompiledEnsemble {
  /** Feature of each node (0 for leaves, which loop onto themselves). */
  private readonly feature: Int32Array;
  private readonly child: Int32Array;
  private readonly bits: Uint32Array;
  private readonly value: Float64Array;
  private readonly roots: Int32Array;
  private readonly depths: Int32Array;
  /** The table predictor (trees of ≤ 32 leaves), preferred when it could be built. */
  private readonly tables: LeafTableKernel | null;

  constructor(
    trees: readonly Tree[],
    private readonly features: readonly FeatureBinning[],
    private readonly nOutputs: number,
    private readonly baseline: Float64Array,
  ) {
    let total = 0;
    for (const t of trees) total += t.nNodes;
    this.feature = new Int32Array(total);
    this.child = new Int32Array(total);
    this.bits = new Uint32Array(total * 8);
    this.value = new Float64Array(total);
    this.roots = new Int32Array(trees.length);
    this.depths = new Int32Array(trees.length);
    let next = 0;
    for (let t = 0; t < trees.length; t++) {
      this.roots[t] = next;
      const placed = this.place(trees[t], next);
      next = placed.next;
      this.depths[t] = placed.depth;
    }
    this.tables = LeafTableKernel.tryCreate(trees, features, nOutputs, baseline);
  }

  /** Copy one tree breadth-first so siblings are adjacent; returns the next free slot. */
  private place(t: Tree, start: number): { next: number; depth: number } {
    const queue: [number, number, number][] = [[0, start, 0]];
    let next = start + 1;
    let depth = 0;
    for (let q = 0; q < queue.length; q++) {
      const [src, dst, d] = queue[q];
      const l = t.left[src];
      if (l < 0) {
        this.feature[dst] = 0;
        this.child[dst] = dst;
        this.bits.fill(0xffffffff, dst * 8, dst * 8 + 8);
        this.value[dst] = t.value[src];
        depth = Math.max(depth, d);
        continue;
      }
      const f = t.feature[src];
      this.feature[dst] = f;
      this.child[dst] = next;
      queue.push([l, next, d + 1], [t.right[src], next + 1, d + 1]);
      next += 2;
      const w = dst * 8;
      if (t.isCategorical[src] === 1) {
        for (let k = 0; k < 8; k++) this.bits[w + k] = t.catBits[src * 8 + k];
      } else {
        // Numeric: bins 0..bin go left, and the missing bin when missing values go left.
        for (let b = 0; b <= t.bin[src]; b++) this.bits[w + (b >>> 5)] |= 1 << (b & 31);
        const mb = t.missingBin[src];
        if (mb >= 0) this.bits[w + (mb >>> 5)] |= 1 << (mb & 31);
      }
    }
    return { next, depth };
  }

  /** Raw scores of every row of `X`, row-major n × nOutputs, scored in chunks of binned rows. */
  predictRaw(X: Matrix, missingColumns: 'error' | 'as-missing' = 'error'): Float64Array {
    const binners = columnBinners(X, this.features, { missingColumns });
    if (this.tables !== null) return this.tables.predict(binners, X.nRows);
    const n = X.nRows;
    const K = this.nOutputs;
    const out = new Float64Array(n * K);
    const chunkRows = 2048;
    const F = this.features.length;
    const chunk = new Uint8Array(chunkRows * F);
    for (let c0 = 0; c0 < n; c0 += chunkRows) {
      const m = Math.min(chunkRows, n - c0);
      binChunk(binners, c0, m, chunk, F);
      for (let i = 0; i < m; i++) for (let k = 0; k < K; k++) out[(c0 + i) * K + k] = this.baseline[k];
      for (let t = 0; t < this.roots.length; t++) {
        this.addTree(this.roots[t], this.depths[t], chunk, m, F, out, c0 * K + (t % K), K);
      }
    }
    return out;
  }

  private addTree(
    root: number,
    depth: number,
    bins: Uint8Array,
    m: number,
    F: number,
    out: Float64Array,
    off: number,
    K: number,
  ): void {
    const { feature, child, bits, value } = this;
    let i = 0;
    for (; i + 7 < m; i += 8) {
      const b0 = i * F;
      const b1 = b0 + F;
      const b2 = b1 + F;
      const b3 = b2 + F;
      const b4 = b3 + F;
      const b5 = b4 + F;
      const b6 = b5 + F;
      const b7 = b6 + F;
      let n0 = root;
      let n1 = root;
      let n2 = root;
      let n3 = root;
      let n4 = root;
      let n5 = root;
      let n6 = root;
      let n7 = root;
      for (let d = 0; d < depth; d++) {
        const x0 = bins[b0 + feature[n0]];
        const x1 = bins[b1 + feature[n1]];
        const x2 = bins[b2 + feature[n2]];
        const x3 = bins[b3 + feature[n3]];
        const x4 = bins[b4 + feature[n4]];
        const x5 = bins[b5 + feature[n5]];
        const x6 = bins[b6 + feature[n6]];
        const x7 = bins[b7 + feature[n7]];
        n0 = child[n0] + 1 - ((bits[(n0 << 3) + (x0 >>> 5)] >>> (x0 & 31)) & 1);
        n1 = child[n1] + 1 - ((bits[(n1 << 3) + (x1 >>> 5)] >>> (x1 & 31)) & 1);
        n2 = child[n2] + 1 - ((bits[(n2 << 3) + (x2 >>> 5)] >>> (x2 & 31)) & 1);
        n3 = child[n3] + 1 - ((bits[(n3 << 3) + (x3 >>> 5)] >>> (x3 & 31)) & 1);
        n4 = child[n4] + 1 - ((bits[(n4 << 3) + (x4 >>> 5)] >>> (x4 & 31)) & 1);
        n5 = child[n5] + 1 - ((bits[(n5 << 3) + (x5 >>> 5)] >>> (x5 & 31)) & 1);
        n6 = child[n6] + 1 - ((bits[(n6 << 3) + (x6 >>> 5)] >>> (x6 & 31)) & 1);
        n7 = child[n7] + 1 - ((bits[(n7 << 3) + (x7 >>> 5)] >>> (x7 & 31)) & 1);
      }
      out[off + (i + 0) * K] += value[n0];
      out[off + (i + 1) * K] += value[n1];
      out[off + (i + 2) * K] += value[n2];
      out[off + (i + 3) * K] += value[n3];
      out[off + (i + 4) * K] += value[n4];
      out[off + (i + 5) * K] += value[n5];
      out[off + (i + 6) * K] += value[n6];
      out[off + (i + 7) * K] += value[n7];
    }
    for (; i < m; i++) {
      const base = i * F;
      let node = root;
      for (let d = 0; d < depth; d++) {
        const x = bins[base + feature[node]];
        node = child[node] + 1 - ((bits[(node << 3) + (x >>> 5)] >>> (x & 31)) & 1);
      }
      out[off + i * K] += value[node];
    }
  }
}

function binChunk(binners: ColumnBinner[], c0: number, m: number, chunk: Uint8Array, F: number): void {
  for (let f = 0; f < F; f++) binners[f](null, c0, c0 + m, chunk, f, F);
}
