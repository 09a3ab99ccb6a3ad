import os from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  type FeatureSet,
  gatherGradients,
  histogramKernelSource,
  type orderedRowKernel,
  type RowKernel,
  type rowKernel,
} from './histogram.ts';
import type { GradientKernel, TargetArray } from './objectives.ts';
import { PARTITION_CHUNK, partitionChunk } from './partition.ts';

/**
 * Histogram building, row partitions, raw-score updates and gradients split across worker threads. A task's rows are cut
 * into chunks that the calling thread and the workers claim one at a time (an atomic counter).
 * A histogram task accumulates one private histogram per thread, which the caller adds up at
 * the end; a partition task records each chunk's left count for `placeChunks` (and may build
 * the smaller child's histogram on the way, see `FitPool.partition`). Claiming chunks keeps the
 * split fair when threads run at different speeds (a busy machine), and the caller never waits
 * for a worker that has not started: a task is open until the caller finishes its chunks, and
 * only workers that joined before that are waited for. The kernels are the very same functions
 * as the single-threaded path, shipped to the workers as source. Everything the workers read
 * lives in SharedArrayBuffers, and tasks are handed over through a shared control block with
 * Atomics.wait/notify.
 *
 * Partitions are identical on any number of threads. Histogram summation order depends on
 * which thread took which chunk, so sums can differ in the last bits between runs with more
 * than one thread.
 */

// Control block slots (`runChunks` and the worker loop use the same numbers literally).
const SEQ = 0;
/** 1 (the caller) + workers still working; 0 = the task is closed to late workers. */
const ACTIVE = 1;
const STOP = 2;
const READY = 3;
const FAILED = 4;
const T_KIND = 5;
const T_START = 6;
const T_END = 7;
const T_GOFF = 8;
const T_HOFF = 9;
const T_NF = 10;
const T_ALL = 11;
const NEXT = 12;
const CHUNK = 13;
const T_FEATURE = 14;
const T_BIN = 15;
const T_MISSING = 16;
const T_CAT = 17;
const T_SIDE = 18;
const T_WHOLE = 19;
/** Bumped whenever the feature set changes: workers then generate its kernel (`rowKernel`). */
const T_KERNEL = 20;
const T_RAW_OFF = 21;
const T_LEAVES = 22;
/** 1: a tree's leaf values wait in `leafOf`/`leafValue` to be added to `raw` by the next gradient task. */
const T_PENDING = 23;
/** JOINED[w] = the sequence number of the task worker w last joined. */
const JOINED = 24;
const KIND_HIST = 1;
const KIND_PARTITION = 2;
const KIND_LEAF_VALUES = 3;
const KIND_GRADIENTS = 4;
const KIND_ASSIGN_LEAVES = 5;
/**
 * Rows per chunk of the per-row tasks (a few ns per row; ~40 when the gradient pass builds the
 * root histogram): small enough that the caller, joining late after `overlap`, and the worker
 * finish close together.
 */
const ROW_CHUNK = 8192;
const CHUNK_ROWS = 4096;

/** Rows below which a histogram is built on the calling thread only (hand-off costs more). */
const MIN_PARALLEL_ROWS = 8192;
/** The same for a partition that builds no histogram (less work per row). */
const MIN_PARALLEL_PARTITION = 16_384;

export function defaultThreads(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 8));
}

/** The arrays a fit shares with its workers (all in SharedArrayBuffers). */
export interface SharedFitData {
  readonly bins: Uint8Array;
  readonly nFeatures: number;
  /** Node row lists, `scratch` for partitions and per-chunk left counts (`partition.ts`). */
  readonly rows: Uint32Array;
  readonly scratch: Uint32Array;
  readonly nLeft: Int32Array;
  /** Gradients and hessians of every output. */
  readonly g: Float32Array;
  readonly h: Float32Array;
  readonly histSize: number;
  /** Raw scores of every output (class-major). */
  readonly raw: Float64Array;
  /** Training target and weights, and the objective's row kernel; null: gradients stay serial. */
  readonly y: TargetArray | null;
  readonly w: Float64Array | null;
  readonly gradients: GradientKernel | null;
  /** Most leaves a tree can have (sizes the leaf table of `addLeafValues`). */
  readonly maxLeaves: number;
}

/** Which child's histogram a partition builds: none, the left rows or the right ones. */
export type PartitionSide = 0 | 1 | 2;

/** What `runChunks` reads besides the control block (a worker's own views of shared arrays). */
interface ChunkEnv {
  ctrl: Int32Array;
  bins: Uint8Array;
  F: number;
  rows: Uint32Array;
  scratch: Uint32Array;
  nLeft: Int32Array;
  g: Float32Array;
  h: Float32Array;
  ids: Int32Array;
  slot3: Int32Array;
  bits: Uint32Array;
  raw: Float64Array;
  y: TargetArray | null;
  w: Float64Array | null;
  /** [start, end, value] of each leaf's positions in `rows`. */
  leaves: Float64Array;
  /** Leaf of every row in the last tree, and each leaf's value (see `FitPool.assignLeaves`). */
  leafOf: Uint8Array | null;
  leafValue: Float64Array;
  /** This thread's gradients of a chunk's child rows, in row-list order (not shared). */
  gBuf: Float32Array;
  hBuf: Float32Array;
}

export class FitPool {
  private readonly workers: Worker[] = [];
  private readonly ctrl: Int32Array;
  private readonly env: ChunkEnv;
  private readonly out: Float64Array;
  private lastFs: FeatureSet | null = null;
  private kernel: RowKernel | null = null;
  private ordered: RowKernel | null = null;
  private broken = false;

  private constructor(
    private readonly data: SharedFitData,
    nWorkers: number,
  ) {
    const F = data.nFeatures;
    this.ctrl = new Int32Array(new SharedArrayBuffer((JOINED + nWorkers) * 4));
    this.env = {
      ctrl: this.ctrl,
      bins: data.bins,
      F,
      rows: data.rows,
      scratch: data.scratch,
      nLeft: data.nLeft,
      g: data.g,
      h: data.h,
      ids: new Int32Array(new SharedArrayBuffer(F * 4)),
      slot3: new Int32Array(new SharedArrayBuffer(F * 4)),
      bits: new Uint32Array(new SharedArrayBuffer(8 * 4)),
      raw: data.raw,
      y: data.y,
      w: data.w,
      leaves: new Float64Array(new SharedArrayBuffer(3 * data.maxLeaves * 8)),
      // A byte per row: only with pooled gradients (which apply the values) and ≤ 256 leaves.
      // The first n bytes of the partition scratch: it is idle from the end of one tree's
      // partitions until the next tree's, which is when the leaves wait there (assignLeaves to
      // the next gradients or flushLeaves), and the fit's peak memory counts every buffer.
      leafOf:
        data.gradients !== null && data.y !== null && data.maxLeaves <= 256
          ? new Uint8Array(data.scratch.buffer, data.scratch.byteOffset, data.rows.length)
          : null,
      leafValue: new Float64Array(new SharedArrayBuffer(data.maxLeaves * 8)),
      // Copied into each worker's own env (structured clone): one pair per thread.
      gBuf: new Float32Array(PARTITION_CHUNK),
      hBuf: new Float32Array(PARTITION_CHUNK),
    };
    this.out = new Float64Array(new SharedArrayBuffer(Math.max(1, nWorkers) * data.histSize * 8));
    const code = [
      "const { workerData } = require('node:worker_threads');",
      histogramKernelSource(),
      partitionChunk.toString(),
      runChunks.toString(),
      `const gradientKernel = ${data.gradients === null ? 'null' : data.gradients.toString()};`,
      `(${workerLoop.toString()})(workerData, runChunks, rowKernel, orderedRowKernel, gatherGradients, partitionChunk, gradientKernel);`,
    ].join('\n');
    for (let w = 0; w < nWorkers; w++) {
      const worker = new Worker(code, {
        eval: true,
        // The workers allocate next to nothing (views per task): a small young generation keeps
        // each one's resident memory down (the fit's peak memory counts them).
        resourceLimits: { maxYoungGenerationSizeMb: 1 },
        workerData: { index: w, env: this.env, out: this.out, histSize: data.histSize },
      });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /**
   * A pool of `threads − 1` workers (the caller is the last thread), or null when one thread is
   * asked for or workers cannot start here.
   */
  static create(threads: number, data: SharedFitData): FitPool | null {
    if (threads <= 1) return null;
    let pool: FitPool | null = null;
    try {
      pool = new FitPool(data, threads - 1);
      // Wait (bounded) for every worker to report ready; otherwise fall back to one thread.
      const deadline = Date.now() + 10_000;
      while (Atomics.load(pool.ctrl, READY) < threads - 1 && Atomics.load(pool.ctrl, FAILED) === 0) {
        if (Date.now() > deadline) throw new Error('fit workers did not start');
        Atomics.wait(pool.ctrl, READY, Atomics.load(pool.ctrl, READY), 50);
      }
      if (Atomics.load(pool.ctrl, FAILED) !== 0) throw new Error('a fit worker failed to start');
      return pool;
    } catch {
      pool?.close();
      return null;
    }
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Build the histogram of rows[start, end) (rows 0..end-1 in order when `whole`) into `hist`
   * (zeroed). `gOff`/`hOff` locate the current output's gradients in the shared arrays
   * (`hOff` −1: unit hessians). Returns false when the node is too small to share (or the pool
   * broke), in which case the caller builds it alone. `kernel` is `rowKernel` for `fs`.
   */
  build(
    whole: boolean,
    start: number,
    end: number,
    gOff: number,
    hOff: number,
    fs: FeatureSet,
    kernel: RowKernel,
    hist: Float64Array,
  ): boolean {
    if (this.broken || end - start < MIN_PARALLEL_ROWS) return false;
    this.setGradients(gOff, hOff, fs, kernel);
    const { ctrl } = this;
    ctrl[T_KIND] = KIND_HIST;
    ctrl[T_WHOLE] = whole ? 1 : 0;
    ctrl[CHUNK] = CHUNK_ROWS;
    return this.run(start, end, hist);
  }

  /**
   * Chunk-wise partition of rows[start, end) on feature `f` (see `partitionChunk`; `bits` for a
   * categorical split, else threshold `t` and missing bin `mb`), leaving each chunk's left
   * count in `nLeft` for `placeChunks`. With `side` 1 or 2 the histogram of the chunks' left or
   * right rows is accumulated into `hist` (zeroed) from the gradients at `gOff`/`hOff` as in
   * `build`; `ordered` (`orderedRowKernel` for `fs`) serves nodes of under a quarter of the
   * rows. Returns false when the node is too small to share (nothing was done).
   */
  partition(
    start: number,
    end: number,
    f: number,
    bits: Uint32Array | null,
    t: number,
    mb: number,
    side: PartitionSide,
    gOff: number,
    hOff: number,
    fs: FeatureSet,
    kernel: RowKernel,
    hist: Float64Array | null,
    ordered: RowKernel | null = null,
  ): boolean {
    this.checkScratchFree();
    const min = side === 0 ? MIN_PARALLEL_PARTITION : MIN_PARALLEL_ROWS;
    if (this.broken || end - start < min) return false;
    const { ctrl } = this;
    if (side !== 0) this.setGradients(gOff, hOff, fs, kernel, ordered);
    ctrl[T_KIND] = KIND_PARTITION;
    ctrl[T_FEATURE] = f;
    ctrl[T_CAT] = bits === null ? 0 : 1;
    if (bits !== null) this.env.bits.set(bits);
    ctrl[T_BIN] = t;
    ctrl[T_MISSING] = mb;
    ctrl[T_SIDE] = side;
    ctrl[CHUNK] = PARTITION_CHUNK;
    return this.run(start, end, side === 0 ? null : hist);
  }

  /**
   * raw[rawOff + rows[i]] += the value of the leaf holding position i, for the positions of
   * every leaf (`leafStart/leafEnd[l]`, value `values[l]`). False when it was not done.
   */
  addLeafValues(rawOff: number, leafStart: Int32Array, leafEnd: Int32Array, values: Float64Array): boolean {
    const nLeaves = leafStart.length;
    if (this.broken || nLeaves > this.data.maxLeaves) return false;
    const L = this.env.leaves;
    let end = 0;
    for (let l = 0; l < nLeaves; l++) {
      L[3 * l] = leafStart[l];
      L[3 * l + 1] = leafEnd[l];
      L[3 * l + 2] = values[l];
      end = Math.max(end, leafEnd[l]);
    }
    const { ctrl } = this;
    ctrl[T_KIND] = KIND_LEAF_VALUES;
    ctrl[T_RAW_OFF] = rawOff;
    ctrl[T_LEAVES] = nLeaves;
    ctrl[CHUNK] = ROW_CHUNK;
    return this.run(0, end, null);
  }

  /** Whether `assignLeaves` can stand in for `addLeafValues` (single-output fits). */
  get defersLeafValues(): boolean {
    return this.env.leafOf !== null;
  }

  /**
   * Like `addLeafValues` for output 0, but deferred: each row's leaf goes to a byte array (a
   * random write into n bytes, which stay in cache, instead of a random read-modify-write of
   * the 8n-byte raw scores), and the next `gradients` adds the values while it streams through
   * the rows anyway. False when it was not done (then nothing is pending).
   */
  assignLeaves(leafStart: Int32Array, leafEnd: Int32Array, values: Float64Array): boolean {
    const nLeaves = leafStart.length;
    if (this.broken || this.env.leafOf === null || nLeaves > this.data.maxLeaves) return false;
    const L = this.env.leaves;
    let end = 0;
    for (let l = 0; l < nLeaves; l++) {
      L[3 * l] = leafStart[l];
      L[3 * l + 1] = leafEnd[l];
      this.env.leafValue[l] = values[l];
      end = Math.max(end, leafEnd[l]);
    }
    // Every row must get its leaf, or it would add a stale value.
    if (end !== this.data.rows.length) return false;
    const { ctrl } = this;
    ctrl[T_KIND] = KIND_ASSIGN_LEAVES;
    ctrl[T_LEAVES] = nLeaves;
    ctrl[CHUNK] = ROW_CHUNK;
    this.run(0, end, null);
    ctrl[T_PENDING] = 1;
    return true;
  }

  /**
   * The objective's gradients and hessians of every row (after adding the leaf values
   * `assignLeaves` left pending); false when they must be done serially. With `root`, the
   * histogram of all rows is accumulated into `root.hist` (zeroed) on the way, from the
   * gradients at `gOff`/`hOff` as in `build`, while each chunk's gradients are still in cache.
   * `overlap` runs on the calling thread while the workers start on the rows (it must not touch
   * what they do: raw scores, gradients, rows); the caller then joins them.
   */
  gradients(
    root?: { gOff: number; hOff: number; fs: FeatureSet; kernel: RowKernel; hist: Float64Array },
    overlap?: () => void,
  ): boolean {
    if (this.broken || this.data.gradients === null || this.env.y === null) return false;
    const { ctrl } = this;
    if (root !== undefined) this.setGradients(root.gOff, root.hOff, root.fs, root.kernel);
    ctrl[T_KIND] = KIND_GRADIENTS;
    ctrl[T_SIDE] = root === undefined ? 0 : 1;
    ctrl[CHUNK] = ROW_CHUNK;
    this.run(0, this.env.y.length, root?.hist ?? null, overlap);
    ctrl[T_PENDING] = 0;
    return true;
  }

  /** Throws while leaf values wait in the partition scratch (see `assignLeaves`). */
  checkScratchFree(): void {
    if (this.ctrl[T_PENDING] === 1)
      throw new Error('a partition while leaf values are pending in its scratch');
  }

  /** Add the pending leaf values to `raw` now (when it is read before the next `gradients`). */
  flushLeaves(): void {
    if (this.ctrl[T_PENDING] === 0) return;
    this.ctrl[T_KIND] = KIND_GRADIENTS;
    this.ctrl[T_SIDE] = 2;
    this.ctrl[CHUNK] = ROW_CHUNK;
    this.run(0, this.data.rows.length, null);
    this.ctrl[T_PENDING] = 0;
  }

  private setGradients(
    gOff: number,
    hOff: number,
    fs: FeatureSet,
    kernel: RowKernel,
    ordered: RowKernel | null = null,
  ): void {
    const { ctrl } = this;
    if (fs !== this.lastFs) {
      this.env.ids.set(fs.ids);
      this.env.slot3.set(fs.slot3);
      this.lastFs = fs;
      ctrl[T_KERNEL]++;
    }
    this.kernel = kernel;
    this.ordered = ordered;
    ctrl[T_GOFF] = gOff;
    ctrl[T_HOFF] = hOff;
    ctrl[T_NF] = fs.ids.length;
    ctrl[T_ALL] = fs.all ? 1 : 0;
  }

  /** Open the task set up in the control block, work on it, close it and collect histograms. */
  private run(start: number, end: number, hist: Float64Array | null, overlap?: () => void): boolean {
    const { ctrl } = this;
    ctrl[T_START] = start;
    ctrl[T_END] = end;
    Atomics.store(ctrl, NEXT, 0);
    // The new sequence number before the task opens: a worker that joins (ACTIVE > 0) and then
    // still reads the sequence number it woke up for has joined that very task. (Opening first
    // let a worker that woke for the previous task join this one under the old number: the
    // caller then dropped its histogram chunks.)
    const seq = Atomics.add(ctrl, SEQ, 1) + 1;
    Atomics.store(ctrl, ACTIVE, 1);
    Atomics.notify(ctrl, SEQ);
    let failure: { error: unknown } | null = null;
    if (overlap !== undefined) {
      try {
        overlap();
      } catch (error) {
        failure = { error }; // thrown once the task is closed: the workers may be on it
      }
    }
    runChunks(
      this.env,
      hist,
      this.kernel,
      partitionChunk,
      this.data.gradients,
      this.ordered,
      gatherGradients,
    );
    // Close the task, then wait for the workers that joined it.
    let active = Atomics.sub(ctrl, ACTIVE, 1) - 1;
    while (active > 0) {
      Atomics.wait(ctrl, ACTIVE, active, 1000);
      active = Atomics.load(ctrl, ACTIVE);
    }
    if (Atomics.load(ctrl, FAILED) !== 0) {
      // A partition may have been left half done: the rows of this node are lost, so the
      // fit cannot go on (histograms alone could be rebuilt, but a broken pool is a bug).
      this.broken = true;
      throw new Error('a fit worker failed');
    }
    if (failure !== null) throw failure.error;
    if (hist === null) return true;
    const out = this.out;
    const size = this.data.histSize;
    for (let w = 0; w < this.workers.length; w++) {
      if (Atomics.load(ctrl, JOINED + w) !== seq) continue;
      const off = w * size;
      for (let k = 0; k < size; k++) hist[k] += out[off + k];
    }
    return true;
  }

  close(): void {
    Atomics.store(this.ctrl, STOP, 1);
    Atomics.add(this.ctrl, SEQ, 1);
    Atomics.notify(this.ctrl, SEQ);
    for (const w of this.workers) void w.terminate();
    this.workers.length = 0;
  }
}

/**
 * Claim and process chunks of the open task until none is left (the caller and every worker
 * run this). Shipped as source: it may only use its arguments.
 */
function runChunks(
  e: ChunkEnv,
  hist: Float64Array | null,
  hk: RowKernel | null,
  pk: typeof partitionChunk,
  gk: GradientKernel | null,
  ok: RowKernel | null,
  gather: typeof gatherGradients,
): void {
  const c = e.ctrl;
  const kind = c[5];
  const start = c[6];
  const end = c[7];
  const chunk = c[13];
  const side = kind === 1 ? -1 : c[18];
  const n = e.rows.length;
  const g = e.g.subarray(c[8], c[8] + n);
  const h = c[9] < 0 ? null : e.h.subarray(c[9], c[9] + n);
  if (kind === 3) {
    const off = c[21]; // T_RAW_OFF
    const nLeaves = c[22]; // T_LEAVES
    const L = e.leaves;
    for (;;) {
      const a = start + Atomics.add(c, 12, 1) * chunk;
      if (a >= end) return;
      const b = Math.min(end, a + chunk);
      for (let l = 0; l < nLeaves; l++) {
        const v = L[3 * l + 2];
        const to = Math.min(b, L[3 * l + 1]);
        for (let i = Math.max(a, L[3 * l]); i < to; i++) e.raw[off + e.rows[i]] += v;
      }
    }
  }
  if (kind === 5) {
    const nLeaves = c[22]; // T_LEAVES
    const L = e.leaves;
    const of = e.leafOf!;
    for (;;) {
      const a = start + Atomics.add(c, 12, 1) * chunk;
      if (a >= end) return;
      const b = Math.min(end, a + chunk);
      for (let l = 0; l < nLeaves; l++) {
        const to = Math.min(b, L[3 * l + 1]);
        for (let i = Math.max(a, L[3 * l]); i < to; i++) of[e.rows[i]] = l;
      }
    }
  }
  if (kind === 4) {
    // T_PENDING: first add the last tree's leaf values; T_SIDE 1: then the root histogram,
    // 2: only the leaf values.
    const pending = c[23] === 1;
    for (;;) {
      const a = start + Atomics.add(c, 12, 1) * chunk;
      if (a >= end) return;
      const b = Math.min(end, a + chunk);
      if (pending) {
        const of = e.leafOf!;
        const v = e.leafValue;
        for (let i = a; i < b; i++) e.raw[i] += v[of[i]];
      }
      if (side === 2) continue;
      gk!(e.y!, e.raw, e.w, e.g, e.h, a, b);
      if (side === 1) hk!(e.bins, null, a, b, g, h, hist!);
    }
  }
  if (kind === 1) {
    const rows = c[19] === 1 ? null : e.rows;
    for (;;) {
      const a = start + Atomics.add(c, 12, 1) * chunk; // NEXT
      if (a >= end) return;
      hk!(e.bins, rows, a, Math.min(end, a + chunk), g, h, hist!);
    }
  }
  const f = c[14];
  const bits = c[17] === 1 ? e.bits : null;
  // A node of under a quarter of the rows: gradients gathered first (see `orderedRowKernel`).
  const sparse = ok !== null && (end - start) * 4 < n;
  const t = c[15];
  const mb = c[16];
  for (;;) {
    const k = Atomics.add(c, 12, 1); // NEXT
    const a = start + k * chunk;
    if (a >= end) return;
    const b = Math.min(end, a + chunk);
    const nl = pk(e.bins, e.F, e.rows, e.scratch, a, b, f, bits, t, mb);
    e.nLeft[k] = nl;
    if (side === 0) continue;
    // The child's rows of this chunk: rows[a, a + nl) (left) or scratch[a, b − nl) (right).
    const list = side === 1 ? e.rows : e.scratch;
    const to = side === 1 ? a + nl : b - nl;
    if (sparse) {
      gather(list, a, to, g, h, e.gBuf, e.hBuf);
      ok!(e.bins, list, a, to, e.gBuf, h === null ? null : e.hBuf, hist!);
    } else hk!(e.bins, list, a, to, g, h, hist!);
  }
}

/** Runs inside each worker (shipped as source: it may only use its arguments). */
function workerLoop(
  d: { index: number; env: ChunkEnv; out: Float64Array; histSize: number },
  run: typeof runChunks,
  makeKernel: typeof rowKernel,
  makeOrdered: typeof orderedRowKernel,
  gather: typeof gatherGradients,
  pk: typeof partitionChunk,
  gk: GradientKernel | null,
): void {
  const ctrl = d.env.ctrl;
  let kernel: RowKernel | null = null;
  let ordered: RowKernel | null = null;
  let kernelVersion = 0;
  let joined = -1;
  const hist = d.out.subarray(d.index * d.histSize, (d.index + 1) * d.histSize);
  Atomics.add(ctrl, 3, 1); // READY
  Atomics.notify(ctrl, 3);
  let seq = Atomics.load(ctrl, 0);
  for (;;) {
    Atomics.wait(ctrl, 0, seq);
    seq = Atomics.load(ctrl, 0);
    if (Atomics.load(ctrl, 2) === 1) return; // STOP
    // The caller's notify can arrive after this worker already joined (and even finished) the
    // task on its own; joining again would zero its histogram.
    if (seq === joined) continue;
    // Join the task unless the caller has already closed it (ACTIVE = 0).
    let active = Atomics.load(ctrl, 1);
    while (active > 0) {
      const seen = Atomics.compareExchange(ctrl, 1, active, active + 1);
      if (seen === active) break;
      active = seen;
    }
    if (active === 0 || Atomics.load(ctrl, 0) !== seq) {
      if (active > 0 && Atomics.sub(ctrl, 1, 1) === 1) Atomics.notify(ctrl, 1);
      continue;
    }
    Atomics.store(ctrl, 24 + d.index, seq); // JOINED
    joined = seq;
    try {
      // A histogram task, or a partition or gradient task that builds one (T_KIND 1, or
      // T_KIND 2 or 4 with T_SIDE 1 or 2; T_SIDE 2 of a gradient task builds nothing).
      const kind = ctrl[5];
      const builds =
        kind === 1 || ((kind === 2 || kind === 4) && ctrl[18] !== 0 && !(kind === 4 && ctrl[18] === 2));
      if (builds && (kernel === null || ctrl[20] !== kernelVersion)) {
        // T_KERNEL changed: the feature set's kernel (copies: the shared ids get reused).
        const nf = ctrl[10];
        const ids = d.env.ids.slice(0, nf);
        const slot3 = d.env.slot3.slice(0, nf);
        kernel = makeKernel(d.env.F, ids, slot3, ctrl[11] === 1);
        ordered = makeOrdered(d.env.F, ids, slot3);
        kernelVersion = ctrl[20];
      }
      if (builds) hist.fill(0);
      run(d.env, builds ? hist : null, kernel, pk, gk, ordered, gather);
    } catch {
      Atomics.store(ctrl, 4, 1); // FAILED
    }
    if (Atomics.sub(ctrl, 1, 1) === 1) Atomics.notify(ctrl, 1); // last one out wakes the caller
  }
}
