/**
 * Gradient histograms. A node's histogram is one Float64Array holding, for every feature f and
 * every bin b of f (missing bin last), the slot `(offsets[f] + b) * 3` = [Σg, Σh, count].
 *
 * Bins are row-major (`bins[row * F + f]`): a node's rows are scattered through the data, and
 * row-major storage brings all of a row's bins in one cache line instead of one line per
 * feature, which measured 2–4× faster than column-major in V8 for gathered rows. The kernels
 * loop over a range of features inside each row, so the work can be split across threads by
 * feature range without sharing writes. Gradients are indexed by row id; `rows === null` means
 * the node is rows start..end-1 in order (the root without sampling).
 */
export const SLOT = 3;

export interface HistLayout {
  readonly nFeatures: number;
  /** First slot of each feature; `offsets[nFeatures]` is the total number of slots. */
  readonly offsets: Int32Array;
  /** Non-missing bins per feature (the missing bin is `nBins[f]`). */
  readonly nBins: Int32Array;
}

export function makeLayout(nBins: ArrayLike<number>): HistLayout {
  const nFeatures = nBins.length;
  const offsets = new Int32Array(nFeatures + 1);
  for (let f = 0; f < nFeatures; f++) offsets[f + 1] = offsets[f] + nBins[f] + 1;
  return { nFeatures, offsets, nBins: Int32Array.from(nBins) };
}

export function histogramSize(layout: HistLayout): number {
  return layout.offsets[layout.nFeatures] * SLOT;
}

/** The features a histogram covers: their ids and the first float of each in the histogram. */
export interface FeatureSet {
  readonly ids: Int32Array;
  readonly slot3: Int32Array;
  /** True when `ids` is 0..F-1, which lets the kernel skip the id indirection. */
  readonly all: boolean;
}

export function featureSet(layout: HistLayout, ids: Int32Array): FeatureSet {
  const slot3 = Int32Array.from(ids, (f) => layout.offsets[f] * SLOT);
  let all = ids.length === layout.nFeatures;
  for (let j = 0; all && j < ids.length; j++) all = ids[j] === j;
  return { ids, slot3, all };
}

/**
 * Accumulate into `hist` (zero on those features) the histogram of features
 * `fs.ids[jFrom, jTo)` over rows `rows[start, end)`. `h === null` means every hessian is 1:
 * the Σh slots are left at 0 and `unitHessians` fills them from the counts afterwards.
 */
export function buildHistogram(
  bins: Uint8Array,
  nFeatures: number,
  fs: FeatureSet,
  jFrom: number,
  jTo: number,
  rows: Uint32Array | null,
  start: number,
  end: number,
  g: Float32Array,
  h: Float32Array | null,
  hist: Float64Array,
): void {
  const all = fs.all && jFrom === 0 && jTo === nFeatures;
  histogramKernel(bins, nFeatures, fs.ids, fs.slot3, jFrom, jTo, all, rows, start, end, g, h, hist);
}

/**
 * The kernel entry point. It and the functions it calls use nothing from outside their own
 * bodies, so their source can be shipped to worker threads as is (see `parallel.ts`).
 */
export function histogramKernel(
  bins: Uint8Array,
  F: number,
  ids: Int32Array,
  slot3: Int32Array,
  jFrom: number,
  jTo: number,
  all: boolean,
  rows: Uint32Array | null,
  start: number,
  end: number,
  g: Float32Array,
  h: Float32Array | null,
  hist: Float64Array,
): void {
  if (h === null) accumulateUnitHessian(bins, F, ids, slot3, jFrom, jTo, rows, start, end, g, hist);
  else if (all) accumulateAll(bins, F, slot3, rows, start, end, g, h, hist);
  else accumulate(bins, F, ids, slot3, jFrom, jTo, rows, start, end, g, h, hist);
}

/** JavaScript source of the kernels and their helpers, for `new Worker(code, { eval: true })`. */
export function histogramKernelSource(): string {
  return [
    rowKernel,
    orderedRowKernel,
    generatedKernelSource,
    gatherGradients,
    histogramKernel,
    accumulateAll,
    accumulate,
    accumulateUnitHessian,
    accumulateOrdered,
  ]
    .map((f) => f.toString())
    .join('\n');
}

/** A histogram kernel bound to one feature set (see `rowKernel`). */
export type RowKernel = (
  bins: Uint8Array,
  rows: Uint32Array | null,
  start: number,
  end: number,
  g: Float32Array,
  h: Float32Array | null,
  hist: Float64Array,
) => void;

/**
 * The histogram kernel for the features `ids` (first floats `slot3`) of `F`-wide rows, adding
 * rows[start, end) as `histogramKernel` does. It is generated JavaScript with every feature's
 * column and histogram offset as a literal, one line per feature (`new Function`; the source
 * holds integers only): V8 then folds the offsets into the addressing instead of loading them
 * for every row, which measured ~1.4× faster. The generic kernels serve when code generation is
 * disabled or there are too many features. The additions happen in the same order either way.
 * Uses nothing from outside its body but the kernels above (it is shipped to workers with them).
 */
export function rowKernel(F: number, ids: Int32Array, slot3: Int32Array, all: boolean): RowKernel {
  // Beyond 256 features the generated function would grow too large for V8 to optimise.
  if (ids.length <= 256) {
    const src = generatedKernelSource(F, ids, slot3, 'r');
    try {
      return new Function('bins', 'rows', 'start', 'end', 'g', 'h', 'hist', src) as RowKernel;
    } catch {
      // Code generation from strings is disabled: the generic kernels below.
    }
  }
  return (bins, rows, start, end, g, h, hist) =>
    histogramKernel(bins, F, ids, slot3, 0, ids.length, all, rows, start, end, g, h, hist);
}

/**
 * `rowKernel` for gradients in row-list order: the row at position i has its gradient and
 * hessian at g[i − start] and h[i − start] (see `gatherGradients`). Sums are the same, in the
 * same order. A node deep in a tree has rows scattered far apart, so each row's gradient and
 * hessian are two cache misses of their own; gathering them first, in a loop that does nothing
 * else, lets many of those misses overlap (the histogram loop, ~100 instructions a row, keeps
 * only a few rows in flight), which measured ~25% faster on nodes of a few percent of the rows.
 */
export function orderedRowKernel(F: number, ids: Int32Array, slot3: Int32Array): RowKernel {
  if (ids.length <= 256) {
    const src = generatedKernelSource(F, ids, slot3, 'i - start');
    try {
      return new Function('bins', 'rows', 'start', 'end', 'g', 'h', 'hist', src) as RowKernel;
    } catch {
      // Code generation from strings is disabled.
    }
  }
  return (bins, rows, start, end, g, h, hist) =>
    accumulateOrdered(bins, F, ids, slot3, rows!, start, end, g, h, hist);
}

/** g[rows[i]] and h[rows[i]] for i in [start, end), to gOut/hOut[i − start] (h null: only g). */
export function gatherGradients(
  rows: Uint32Array,
  start: number,
  end: number,
  g: Float32Array,
  h: Float32Array | null,
  gOut: Float32Array,
  hOut: Float32Array,
): void {
  if (h === null) for (let i = start; i < end; i++) gOut[i - start] = g[rows[i]];
  else {
    for (let i = start; i < end; i++) {
      const r = rows[i];
      gOut[i - start] = g[r];
      hOut[i - start] = h[r];
    }
  }
}

/**
 * The body of a generated kernel (see `rowKernel`): `grad` indexes the gradients of row r at
 * position i. Integers only besides that fixed expression.
 */
function generatedKernelSource(F: number, ids: Int32Array, slot3: Int32Array, grad: string): string {
  let withH = '';
  let unitH = '';
  for (let j = 0; j < ids.length; j++) {
    const k = `k = ${slot3[j]} + bins[base + ${ids[j]}] * 3; hist[k] += gi;`;
    withH += `${k} hist[k + 1] += hi; hist[k + 2] += 1;\n`;
    unitH += `${k} hist[k + 2] += 1;\n`;
  }
  const head = `for (let i = start; i < end; i++) {\nconst r = ROW; const base = r * ${F}; const gi = g[${grad}]; let k = 0;\n`;
  const hi = `const hi = h[${grad}];\n`;
  return (
    `if (h === null) {\nif (rows === null) {\n${head.replace('ROW', 'i')}${unitH}}\n} else {\n` +
    `${head.replace('ROW', 'rows[i]')}${unitH}}\n}\nreturn;\n}\n` +
    `if (rows === null) {\n${head.replace('ROW', 'i')}${hi}${withH}}\n} else {\n` +
    `${head.replace('ROW', 'rows[i]')}${hi}${withH}}\n}\n`
  );
}

// Every feature of each row, unrolled by four (V8 does not unroll; this measured ~30% faster).
// The root (rows === null) and gathered nodes get separate copies of the loop so that neither
// carries a per-row check.
function accumulateAll(
  bins: Uint8Array,
  F: number,
  slot3: Int32Array,
  rows: Uint32Array | null,
  start: number,
  end: number,
  g: Float32Array,
  h: Float32Array,
  hist: Float64Array,
): void {
  const F4 = F - (F & 3);
  if (rows === null) {
    for (let r = start; r < end; r++) {
      const base = r * F;
      const gi = g[r];
      const hi = h[r];
      let j = 0;
      for (; j < F4; j += 4) {
        let k = slot3[j] + bins[base + j] * 3;
        hist[k] += gi;
        hist[k + 1] += hi;
        hist[k + 2] += 1;
        k = slot3[j + 1] + bins[base + j + 1] * 3;
        hist[k] += gi;
        hist[k + 1] += hi;
        hist[k + 2] += 1;
        k = slot3[j + 2] + bins[base + j + 2] * 3;
        hist[k] += gi;
        hist[k + 1] += hi;
        hist[k + 2] += 1;
        k = slot3[j + 3] + bins[base + j + 3] * 3;
        hist[k] += gi;
        hist[k + 1] += hi;
        hist[k + 2] += 1;
      }
      for (; j < F; j++) {
        const k = slot3[j] + bins[base + j] * 3;
        hist[k] += gi;
        hist[k + 1] += hi;
        hist[k + 2] += 1;
      }
    }
    return;
  }
  for (let i = start; i < end; i++) {
    const r = rows[i];
    const base = r * F;
    const gi = g[r];
    const hi = h[r];
    let j = 0;
    for (; j < F4; j += 4) {
      let k = slot3[j] + bins[base + j] * 3;
      hist[k] += gi;
      hist[k + 1] += hi;
      hist[k + 2] += 1;
      k = slot3[j + 1] + bins[base + j + 1] * 3;
      hist[k] += gi;
      hist[k + 1] += hi;
      hist[k + 2] += 1;
      k = slot3[j + 2] + bins[base + j + 2] * 3;
      hist[k] += gi;
      hist[k + 1] += hi;
      hist[k + 2] += 1;
      k = slot3[j + 3] + bins[base + j + 3] * 3;
      hist[k] += gi;
      hist[k + 1] += hi;
      hist[k + 2] += 1;
    }
    for (; j < F; j++) {
      const k = slot3[j] + bins[base + j] * 3;
      hist[k] += gi;
      hist[k + 1] += hi;
      hist[k + 2] += 1;
    }
  }
}

function accumulate(
  bins: Uint8Array,
  F: number,
  ids: Int32Array,
  slot3: Int32Array,
  jFrom: number,
  jTo: number,
  rows: Uint32Array | null,
  start: number,
  end: number,
  g: Float32Array,
  h: Float32Array,
  hist: Float64Array,
): void {
  for (let i = start; i < end; i++) {
    const r = rows === null ? i : rows[i];
    const base = r * F;
    const gi = g[r];
    const hi = h[r];
    for (let j = jFrom; j < jTo; j++) {
      const k = slot3[j] + bins[base + ids[j]] * 3;
      hist[k] += gi;
      hist[k + 1] += hi;
      hist[k + 2] += 1;
    }
  }
}

function accumulateUnitHessian(
  bins: Uint8Array,
  F: number,
  ids: Int32Array,
  slot3: Int32Array,
  jFrom: number,
  jTo: number,
  rows: Uint32Array | null,
  start: number,
  end: number,
  g: Float32Array,
  hist: Float64Array,
): void {
  for (let i = start; i < end; i++) {
    const r = rows === null ? i : rows[i];
    const base = r * F;
    const gi = g[r];
    for (let j = jFrom; j < jTo; j++) {
      const k = slot3[j] + bins[base + ids[j]] * 3;
      hist[k] += gi;
      hist[k + 2] += 1;
    }
  }
}

/** `orderedRowKernel` without code generation (gradients at g/h[i − start]; h null: unit). */
function accumulateOrdered(
  bins: Uint8Array,
  F: number,
  ids: Int32Array,
  slot3: Int32Array,
  rows: Uint32Array,
  start: number,
  end: number,
  g: Float32Array,
  h: Float32Array | null,
  hist: Float64Array,
): void {
  for (let i = start; i < end; i++) {
    const base = rows[i] * F;
    const gi = g[i - start];
    const hi = h === null ? 0 : h[i - start];
    for (let j = 0; j < ids.length; j++) {
      const k = slot3[j] + bins[base + ids[j]] * 3;
      hist[k] += gi;
      if (h !== null) hist[k + 1] += hi;
      hist[k + 2] += 1;
    }
  }
}

/** `out = parent − child` on all slots (histogram subtraction for the larger sibling). */
export function subtractHistogram(parent: Float64Array, child: Float64Array, out: Float64Array): void {
  for (let k = 0; k < out.length; k++) out[k] = parent[k] - child[k];
}

/** Sets Σh = count on every slot (after building with unit hessians). */
export function unitHessians(hist: Float64Array): void {
  for (let k = 0; k < hist.length; k += 3) hist[k + 1] = hist[k + 2];
}
