import { MlError, type MlWarning, mlWarning } from '../errors.ts';
import type { Column, Matrix } from '../matrix.ts';
import { Rng } from '../random.ts';

/**
 * Per-feature binning, the first step of histogram GBDT (scikit-learn's `_BinMapper`).
 *
 * Numeric: at most `maxBins` bins (≤ 255). With ≤ maxBins distinct values the thresholds are the
 * midpoints between them; otherwise the (i/maxBins)-percentiles (numpy "midpoint") of a
 * `subsample`-row sample. A value v goes to the first bin b with v ≤ thresholds[b] (+∞ to the
 * last, −∞ to the first).
 *
 * Categorical: one bin per level seen in training, plus one empty bin for levels first seen at
 * predict time (they then follow the "not in the left set" side of every categorical split).
 * With more than `maxBins − 1` levels, the `maxBins − 1` most frequent keep their own bins and
 * the rest share the last bin (warning `ML_CATEGORIES_GROUPED`).
 *
 * Missing values (NaN, code −1) get bin code `nBins` of their feature, so every feature uses
 * `nBins + 1` histogram slots and the split finder can learn where missing values go.
 */
export interface FeatureBinning {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  /** Number of non-missing bins; the missing bin code is `nBins`. */
  readonly nBins: number;
  /** Numeric: upper bounds of bins 0..nBins-2. Empty for categorical. */
  readonly thresholds: Float64Array;
  /** Categorical: the training dictionary and each level's bin. */
  readonly levels: readonly string[];
  readonly levelBins: Int32Array;
  /** Categorical: bin of unseen levels. */
  readonly unknownBin: number;
}

/** Binned features, row-major: the bin of row i for feature f is `bins[i * nFeatures + f]`. */
export interface BinnedMatrix {
  readonly nRows: number;
  readonly nFeatures: number;
  readonly bins: Uint8Array;
}

export interface BinningOptions {
  maxBins: number;
  /** Rows sampled to find numeric thresholds (scikit-learn: 200 000). */
  subsample: number;
  seed: number;
}

/** Fit the binning on the rows `rows` of `X` (null = all rows). */
export function fitBinning(
  X: Matrix,
  opts: BinningOptions,
  rows: Uint32Array | null = null,
): { features: FeatureBinning[]; warnings: MlWarning[] } {
  const { maxBins } = opts;
  if (!(Number.isInteger(maxBins) && maxBins >= 2 && maxBins <= 255)) {
    throw new MlError('ML_BAD_PARAM', `maxBins must be an integer in [2, 255] (got ${maxBins})`);
  }
  const n = rows === null ? X.nRows : rows.length;
  let sample = rows;
  if (n > opts.subsample) {
    sample = new Rng(opts.seed).sample(n, opts.subsample);
    if (rows !== null) for (let i = 0; i < sample.length; i++) sample[i] = rows[sample[i]];
  }
  const warnings: MlWarning[] = [];
  // One sort buffer for every numeric column: a fresh one per column is garbage the size of
  // the sample, feature after feature, before the collector gets to it.
  let scratch: Float64Array | null = null;
  const features = X.columns.map((c) => {
    if (c.kind === 'categorical') return fitCategorical(c, rows, maxBins, warnings);
    scratch ??= new Float64Array(sample === null ? X.nRows : sample.length);
    return fitNumeric(c.name, c.values, sample, maxBins, scratch);
  });
  return { features, warnings };
}

function fitNumeric(
  name: string,
  values: Float64Array | Float32Array,
  sample: Uint32Array | null,
  maxBins: number,
  data: Float64Array,
): FeatureBinning {
  const m = sample === null ? values.length : sample.length;
  let k = 0;
  for (let i = 0; i < m; i++) {
    const v = values[sample === null ? i : sample[i]];
    if (!Number.isNaN(v)) data[k++] = v;
  }
  const sorted = data.subarray(0, k).sort();
  let distinct = 0;
  for (let i = 0; i < k; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  let thresholds: Float64Array;
  if (distinct <= maxBins) {
    thresholds = new Float64Array(Math.max(0, distinct - 1));
    let t = 0;
    for (let i = 1; i < k; i++)
      if (sorted[i] !== sorted[i - 1]) thresholds[t++] = midpoint(sorted[i - 1], sorted[i]);
  } else {
    // Percentiles of all non-missing values (duplicates kept), as numpy's method="midpoint".
    thresholds = new Float64Array(maxBins - 1);
    const step = 100 / maxBins;
    for (let b = 1; b < maxBins; b++) {
      const h = ((b * step) / 100) * (k - 1);
      const lo = Math.floor(h);
      const hi = Math.ceil(h);
      thresholds[b - 1] = lo === hi ? sorted[lo] : midpoint(sorted[lo], sorted[hi]);
    }
  }
  for (let i = 0; i < thresholds.length; i++)
    if (thresholds[i] === Number.POSITIVE_INFINITY) thresholds[i] = Number.MAX_VALUE;
  return {
    name,
    kind: 'numeric',
    nBins: thresholds.length + 1,
    thresholds,
    levels: [],
    levelBins: new Int32Array(0),
    unknownBin: 0,
  };
}

function midpoint(a: number, b: number): number {
  const m = (a + b) / 2;
  return Number.isFinite(m) ? m : a / 2 + b / 2;
}

function fitCategorical(
  c: Extract<Column, { kind: 'categorical' }>,
  rows: Uint32Array | null,
  maxBins: number,
  warnings: MlWarning[],
): FeatureBinning {
  const counts = new Float64Array(c.levels.length);
  const n = rows === null ? c.codes.length : rows.length;
  for (let i = 0; i < n; i++) {
    const code = c.codes[rows === null ? i : rows[i]];
    if (code >= 0) counts[code]++;
  }
  const present: number[] = [];
  for (let l = 0; l < counts.length; l++) if (counts[l] > 0) present.push(l);
  const levelBins = new Int32Array(c.levels.length).fill(-1);
  let nBins: number;
  let unknownBin: number;
  if (present.length <= maxBins - 1) {
    for (let b = 0; b < present.length; b++) levelBins[present[b]] = b;
    unknownBin = present.length;
    nBins = present.length + 1;
  } else {
    const keep = [...present].sort((a, b) => counts[b] - counts[a] || a - b).slice(0, maxBins - 1);
    keep.sort((a, b) => a - b);
    for (let b = 0; b < keep.length; b++) levelBins[keep[b]] = b;
    unknownBin = maxBins - 1;
    for (const l of present) if (levelBins[l] < 0) levelBins[l] = unknownBin;
    nBins = maxBins;
    warnings.push(
      mlWarning(
        'ML_CATEGORIES_GROUPED',
        `"${c.name}" has ${present.length} levels; the rarest share one bin`,
        {
          column: c.name,
          levels: present.length,
          kept: keep.length - 1,
        },
      ),
    );
  }
  return {
    name: c.name,
    kind: 'categorical',
    nBins,
    thresholds: new Float64Array(0),
    levels: c.levels,
    levelBins,
    unknownBin,
  };
}

/** Bins one column's rows into `out[offset + j * stride]`; built once per column and reused per chunk. */
export type ColumnBinner = (
  rows: Uint32Array | null,
  start: number,
  end: number,
  out: Uint8Array,
  offset: number,
  stride: number,
) => void;

/**
 * Binners for the training features, looked up by name in `X` (any column order). At predict
 * time categorical codes are re-expressed through the training dictionary by level string.
 * `missingColumns: 'as-missing'` treats an absent column as all missing instead of failing.
 */
export function columnBinners(
  X: Matrix,
  features: readonly FeatureBinning[],
  opts: { missingColumns?: 'error' | 'as-missing' } = {},
): ColumnBinner[] {
  return features.map((fb) => {
    if (!X.has(fb.name)) {
      if (opts.missingColumns === 'as-missing') {
        return (_rows, start, end, out, offset, stride) => {
          for (let j = 0; j < end - start; j++) out[offset + j * stride] = fb.nBins;
        };
      }
      throw new MlError('ML_FEATURE_NOT_FOUND', `Column "${fb.name}" used by the model is missing`, {
        column: fb.name,
      });
    }
    return columnBinner(X.column(fb.name), fb);
  });
}

/** Bin the rows `rows` (null = all rows) of `X`, row-major (`shared`: in a SharedArrayBuffer). */
export function binMatrix(
  X: Matrix,
  features: readonly FeatureBinning[],
  rows: Uint32Array | null = null,
  opts: { missingColumns?: 'error' | 'as-missing'; shared?: boolean } = {},
): BinnedMatrix {
  const binners = columnBinners(X, features, opts);
  const n = rows === null ? X.nRows : rows.length;
  const size = n * features.length;
  const bins = opts.shared ? new Uint8Array(new SharedArrayBuffer(size)) : new Uint8Array(size);
  const F = features.length;
  for (let f = 0; f < F; f++) binners[f](rows, 0, n, bins, f, F);
  return { nRows: n, nFeatures: features.length, bins };
}

export function columnBinner(c: Column, fb: FeatureBinning): ColumnBinner {
  const missing = fb.nBins;
  if (fb.kind === 'categorical') {
    if (c.kind !== 'categorical') {
      throw new MlError('ML_FEATURE_KIND_MISMATCH', `Column "${c.name}" was categorical at training time`, {
        column: c.name,
      });
    }
    // Bin of each of this column's level codes, matched to the training levels by string.
    const trainIndex = new Map<string, number>();
    for (let k = 0; k < fb.levels.length; k++) trainIndex.set(fb.levels[k], k);
    const table = new Uint8Array(c.levels.length);
    for (let k = 0; k < c.levels.length; k++) {
      const t = c.levels === fb.levels ? k : trainIndex.get(c.levels[k]);
      table[k] = t === undefined || fb.levelBins[t] < 0 ? fb.unknownBin : fb.levelBins[t];
    }
    const codes = c.codes;
    return (rows, start, end, out, offset, stride) => {
      for (let j = 0; j < end - start; j++) {
        const code = codes[rows === null ? start + j : rows[start + j]];
        out[offset + j * stride] = code < 0 ? missing : table[code];
      }
    };
  }
  if (c.kind === 'categorical') {
    throw new MlError('ML_FEATURE_KIND_MISMATCH', `Column "${c.name}" was numeric at training time`, {
      column: c.name,
    });
  }
  const t = fb.thresholds;
  const nt = t.length;
  const v = c.values;
  return (rows, start, end, out, offset, stride) => {
    const m = end - start;
    let j = 0;
    // The bin is the number of thresholds below x: a branch-free binary search (the outcomes
    // are unpredictable), four values at a time so their dependent loads overlap.
    for (; j + 3 < m; j += 4) {
      const x0 = v[rows === null ? start + j : rows[start + j]];
      const x1 = v[rows === null ? start + j + 1 : rows[start + j + 1]];
      const x2 = v[rows === null ? start + j + 2 : rows[start + j + 2]];
      const x3 = v[rows === null ? start + j + 3 : rows[start + j + 3]];
      let lo0 = 0;
      let lo1 = 0;
      let lo2 = 0;
      let lo3 = 0;
      let len = nt + 1;
      while (len > 1) {
        const half = len >>> 1;
        lo0 += +(t[lo0 + half - 1] < x0) * half;
        lo1 += +(t[lo1 + half - 1] < x1) * half;
        lo2 += +(t[lo2 + half - 1] < x2) * half;
        lo3 += +(t[lo3 + half - 1] < x3) * half;
        len -= half;
      }
      out[offset + j * stride] = Number.isNaN(x0) ? missing : lo0;
      out[offset + (j + 1) * stride] = Number.isNaN(x1) ? missing : lo1;
      out[offset + (j + 2) * stride] = Number.isNaN(x2) ? missing : lo2;
      out[offset + (j + 3) * stride] = Number.isNaN(x3) ? missing : lo3;
    }
    for (; j < m; j++) {
      const x = v[rows === null ? start + j : rows[start + j]];
      let lo = 0;
      let len = nt + 1;
      while (len > 1) {
        const half = len >>> 1;
        lo += +(t[lo + half - 1] < x) * half;
        len -= half;
      }
      out[offset + j * stride] = Number.isNaN(x) ? missing : lo;
    }
  };
}
