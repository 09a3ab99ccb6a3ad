/**
 * Stable row partition by a split, in chunks. Each chunk rows[a, b) is split on its own: its
 * left rows are compacted in place to rows[a, a + nl) and its right rows copied to
 * scratch[a, a + nr); `placeChunks` then moves the chunks' parts to their final places in chunk
 * order. The result is the same stable partition whatever the chunks and whichever thread
 * handled each one, so threads can claim chunks freely (see `parallel.ts`).
 *
 * The kernel reads the row-major bins (`bins[row * F + f]`) of scattered rows, so its cost is
 * the cache line of each row; the grower builds the smaller child's histogram from a chunk
 * right after partitioning it, while those lines are still in cache.
 */

/** Rows per chunk: a chunk's cache lines (4096 × 64 B) stay in L2 for the fused histogram. */
export const PARTITION_CHUNK = 4096;

/**
 * Partition rows[a, b) on feature `f`: categorical when `bits` is given (left ⇔ bit set),
 * else numeric (left ⇔ bin ≤ `t` or bin = `mb`; `mb` −1 when missing values go right).
 * Returns the number of left rows. Uses nothing from outside its body (shipped to workers).
 */
export function partitionChunk(
  bins: Uint8Array,
  F: number,
  rows: Uint32Array,
  scratch: Uint32Array,
  a: number,
  b: number,
  f: number,
  bits: Uint32Array | null,
  t: number,
  mb: number,
): number {
  let nl = a;
  let nr = a;
  // Branch-free: each row is written to both sides and only one cursor advances, so the
  // (unpredictable) split outcome never costs a branch misprediction.
  if (bits !== null) {
    for (let i = a; i < b; i++) {
      const r = rows[i];
      const c = bins[r * F + f];
      const left = (bits[c >>> 5] >>> (c & 31)) & 1;
      rows[nl] = r;
      scratch[nr] = r;
      nl += left;
      nr += 1 - left;
    }
  } else {
    for (let i = a; i < b; i++) {
      const r = rows[i];
      const c = bins[r * F + f];
      const left = +(c <= t) | +(c === mb);
      rows[nl] = r;
      scratch[nr] = r;
      nl += left;
      nr += 1 - left;
    }
  }
  return nl - a;
}

/**
 * Assemble the chunks of rows[start, end) (chunk c starts at start + c·chunk and has
 * `nLeft[c]` left rows) into one stable partition; returns the first right position.
 */
export function placeChunks(
  rows: Uint32Array,
  scratch: Uint32Array,
  start: number,
  end: number,
  chunk: number,
  nLeft: Int32Array,
): number {
  let pos = start;
  for (let c = 0, a = start; a < end; c++, a += chunk) {
    if (pos !== a) rows.copyWithin(pos, a, a + nLeft[c]);
    pos += nLeft[c];
  }
  const mid = pos;
  for (let c = 0, a = start; a < end; c++, a += chunk) {
    const nr = Math.min(end, a + chunk) - a - nLeft[c];
    rows.set(scratch.subarray(a, a + nr), pos);
    pos += nr;
  }
  return mid;
}
