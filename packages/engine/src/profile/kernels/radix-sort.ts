/**
 * Sorting kernels for float64 columns. V8's `Float64Array.prototype.sort` is a comparison
 * sort; an LSD radix sort over the IEEE-754 bits is 2–3× faster on a million values, and a
 * counting sort is faster still for integer-valued columns with a small range (ages, counts,
 * codes), which are common in tables.
 *
 * Inputs must not contain NaN (callers filter non-finite values first); ±0 sort as equal.
 */

/** Integer-valued columns whose range is at most this many values use a counting sort. */
const COUNTING_SORT_MAX_RANGE = 1 << 20;
const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;

/** Reusable scratch buffers so that profiling many columns allocates them once. */
export class SortScratch {
  private words = new Uint32Array(0);
  private idx = new Uint32Array(0);
  private tmpIdx = new Uint32Array(0);
  readonly counts = new Uint32Array(BUCKETS * 4);

  /** A second buffer of 2n 32-bit words (the ping-pong partner of the values being sorted). */
  tmp(n: number): Uint32Array {
    if (this.words.length < 2 * n) this.words = new Uint32Array(2 * n);
    return this.words.subarray(0, 2 * n);
  }

  indexBuffers(n: number): [Uint32Array, Uint32Array] {
    if (this.idx.length < n) {
      this.idx = new Uint32Array(n);
      this.tmpIdx = new Uint32Array(n);
    }
    return [this.idx.subarray(0, n), this.tmpIdx.subarray(0, n)];
  }
}

/** Sorts finite values ascending in place and returns the same array. */
export function sortFloat64(values: Float64Array, scratch = new SortScratch()): Float64Array {
  const n = values.length;
  if (n < 2) return values;
  if (n < 256) return values.sort();
  if (countingSort(values)) return values;
  radix(values, scratch, undefined);
  return values;
}

/**
 * Row indices that order `values` ascending (stable: ties keep row order). `values` is left
 * untouched. Used to rank the correlation sample.
 */
export function argsortFloat64(values: Float64Array, scratch = new SortScratch()): Uint32Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  const copy = new Float64Array(values);
  radix(copy, scratch, order);
  return order;
}

/**
 * Counting sort when every value is an integer and max − min is small; returns false (and
 * leaves the array alone) otherwise.
 */
function countingSort(values: Float64Array): boolean {
  const n = values.length;
  let min = values[0];
  let max = values[0];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== Math.floor(v)) return false;
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  const range = max - min;
  if (!(range <= COUNTING_SORT_MAX_RANGE)) return false;
  const counts = new Uint32Array(range + 1);
  for (let i = 0; i < n; i++) counts[values[i] - min]++;
  let p = 0;
  for (let k = 0; k <= range; k++) {
    const v = min + k;
    for (let c = counts[k]; c > 0; c--) values[p++] = v;
  }
  return true;
}

/**
 * LSD radix sort on 64-bit keys, four 16-bit digits. The key of a double is its bit pattern
 * with the sign bit flipped (positives) or all bits flipped (negatives), which orders like the
 * numbers. Keys are written over the values themselves (as (lo, hi) word pairs) and scattered
 * back and forth between that buffer and one scratch buffer: 16 bytes per value in all.
 * Digits where every key falls in one bucket are skipped: integer-valued doubles leave the low
 * mantissa digits all zero. Each loop is its own small function so V8 optimises it alone.
 */
function radix(values: Float64Array, scratch: SortScratch, order: Uint32Array | undefined): void {
  const n = values.length;
  const own = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const counts = scratch.counts;
  counts.fill(0);
  toKeys(own, counts, n);
  let src = own;
  let dst = scratch.tmp(n);
  let idx: Uint32Array | undefined;
  let tmpIdx: Uint32Array | undefined;
  if (order) {
    [idx, tmpIdx] = scratch.indexBuffers(n);
    idx.set(order);
  }
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * BUCKETS;
    const word = pass >> 1;
    const shift = (pass & 1) * DIGIT_BITS;
    if (counts[base + ((src[word] >>> shift) & 0xffff)] === n) continue;
    prefixSums(counts, base);
    if (idx && tmpIdx) {
      scatterWithIndex(src, dst, word, shift, counts, base, idx, tmpIdx);
      [idx, tmpIdx] = [tmpIdx, idx];
    } else {
      scatter(src, dst, word, shift, counts, base);
    }
    [src, dst] = [dst, src];
  }
  if (src !== own) own.set(src);
  fromKeys(own, n);
  if (order && idx) order.set(idx);
}

/** Values → sortable keys in place, counting all four digits in one pass. */
function toKeys(w: Uint32Array, counts: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    let h = w[2 * i + 1];
    let l = w[2 * i];
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    w[2 * i] = l;
    w[2 * i + 1] = h;
    counts[l & 0xffff]++;
    counts[BUCKETS + (l >>> 16)]++;
    counts[2 * BUCKETS + (h & 0xffff)]++;
    counts[3 * BUCKETS + (h >>> 16)]++;
  }
}

function prefixSums(counts: Uint32Array, base: number): void {
  let sum = 0;
  for (let d = 0; d < BUCKETS; d++) {
    const c = counts[base + d];
    counts[base + d] = sum;
    sum += c;
  }
}

function scatter(
  src: Uint32Array,
  dst: Uint32Array,
  word: number,
  shift: number,
  counts: Uint32Array,
  base: number,
): void {
  const n = src.length >> 1;
  for (let i = 0; i < n; i++) {
    const p = counts[base + ((src[2 * i + word] >>> shift) & 0xffff)]++;
    dst[2 * p] = src[2 * i];
    dst[2 * p + 1] = src[2 * i + 1];
  }
}

function scatterWithIndex(
  src: Uint32Array,
  dst: Uint32Array,
  word: number,
  shift: number,
  counts: Uint32Array,
  base: number,
  idx: Uint32Array,
  outIdx: Uint32Array,
): void {
  const n = src.length >> 1;
  for (let i = 0; i < n; i++) {
    const p = counts[base + ((src[2 * i + word] >>> shift) & 0xffff)]++;
    dst[2 * p] = src[2 * i];
    dst[2 * p + 1] = src[2 * i + 1];
    outIdx[p] = idx[i];
  }
}

/** Sortable keys → values in place. */
function fromKeys(w: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const h = w[2 * i + 1];
    if (h & 0x80000000) {
      w[2 * i + 1] = h & 0x7fffffff;
    } else {
      w[2 * i + 1] = ~h >>> 0;
      w[2 * i] = ~w[2 * i] >>> 0;
    }
  }
}
