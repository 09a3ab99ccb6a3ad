import { checkParam, MlError } from '../errors.ts';
import { Rng } from '../random.ts';

/** One train/test partition of row indices 0..n-1 (both sorted ascending). */
export interface Split {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

export interface ShuffleOptions {
  /** Shuffle rows before assigning them (default true). */
  shuffle?: boolean;
  seed?: number;
}

/**
 * One random train/test split. With `stratify` (class codes, -1 = missing) every class keeps
 * its share in the test part (largest-remainder rounding); the test part has ⌈fraction·n⌉ rows.
 */
export function holdoutSplit(
  n: number,
  opts: { testFraction?: number; stratify?: ArrayLike<number> } & ShuffleOptions = {},
): Split {
  const frac = opts.testFraction ?? 0.2;
  checkParam(frac > 0 && frac < 1, 'testFraction', 'in (0, 1)', frac);
  checkParam(n >= 2, 'rows', 'at least 2 for a holdout split', n);
  const nTest = Math.min(n - 1, Math.max(1, Math.ceil(frac * n)));
  const rng = new Rng(opts.seed ?? 0);
  const inTest = new Uint8Array(n);
  if (opts.stratify === undefined) {
    const order = opts.shuffle === false ? identity(n) : rng.permutation(n);
    // Without shuffling, the last rows are the test part (a time-ordered holdout).
    for (let i = 0; i < nTest; i++) inTest[order[opts.shuffle === false ? n - 1 - i : i]] = 1;
  } else {
    const groups = groupRows(opts.stratify, n);
    const quota = largestRemainder(
      groups.map((g) => g.length),
      nTest,
    );
    for (let c = 0; c < groups.length; c++) {
      const rows = groups[c];
      if (opts.shuffle !== false) rng.shuffle(rows);
      for (let i = 0; i < quota[c]; i++) inTest[rows[i]] = 1;
    }
  }
  return fromMask(inTest, 1);
}

/** K folds of (nearly) equal size; the first n mod k folds get one extra row, as scikit-learn. */
export function kFold(n: number, opts: { k?: number } & ShuffleOptions = {}): Split[] {
  const k = opts.k ?? 5;
  checkK(k, n);
  const order = opts.shuffle === false ? identity(n) : new Rng(opts.seed ?? 0).permutation(n);
  const fold = new Int32Array(n);
  let pos = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let i = 0; i < size; i++) fold[order[pos++]] = f;
  }
  return foldsFromAssignment(fold, k);
}

/**
 * K folds that each keep the class proportions of `y` (class codes; -1 rows go to train only).
 * Rows of each class are shuffled, then dealt round-robin across folds in class order, so both
 * per-class counts and fold sizes differ by at most one.
 */
export function stratifiedKFold(y: ArrayLike<number>, opts: { k?: number } & ShuffleOptions = {}): Split[] {
  const n = y.length;
  const k = opts.k ?? 5;
  checkK(k, n);
  const rng = new Rng(opts.seed ?? 0);
  const groups = groupRows(y, n);
  const fold = new Int32Array(n).fill(-1);
  let deal = 0;
  for (const rows of groups) {
    if (opts.shuffle !== false) rng.shuffle(rows);
    for (let i = 0; i < rows.length; i++) fold[rows[i]] = deal++ % k;
  }
  return foldsFromAssignment(fold, k);
}

/**
 * K folds where no group spans two folds (e.g. all rows of one customer together). Largest
 * groups are placed first, each into the currently smallest fold, as scikit-learn `GroupKFold`.
 */
export function groupKFold(groups: ArrayLike<number | string>, opts: { k?: number } = {}): Split[] {
  const n = groups.length;
  const k = opts.k ?? 5;
  const ids = new Map<number | string, number>();
  const groupOf = new Int32Array(n);
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    let g = ids.get(groups[i]);
    if (g === undefined) {
      g = ids.size;
      ids.set(groups[i], g);
      sizes.push(0);
    }
    groupOf[i] = g;
    sizes[g]++;
  }
  checkParam(Number.isInteger(k) && k >= 2, 'k', 'an integer ≥ 2', k);
  if (k > sizes.length) throw new MlError('ML_BAD_PARAM', `k = ${k} is more than the ${sizes.length} groups`);
  const order = sizes.map((_, g) => g).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const foldSize = new Float64Array(k);
  const foldOfGroup = new Int32Array(sizes.length);
  for (const g of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if (foldSize[f] < foldSize[best]) best = f;
    foldOfGroup[g] = best;
    foldSize[best] += sizes[g];
  }
  const fold = new Int32Array(n);
  for (let i = 0; i < n; i++) fold[i] = foldOfGroup[groupOf[i]];
  return foldsFromAssignment(fold, k);
}

/**
 * Expanding-window splits for time-ordered rows (scikit-learn `TimeSeriesSplit`): test blocks
 * of `testSize` rows (default ⌊n/(nSplits+1)⌋) at the end, train = everything before the block
 * minus `gap` rows, optionally capped at `maxTrainSize` most recent rows.
 */
export function timeSeriesSplit(
  n: number,
  opts: { nSplits?: number; testSize?: number; gap?: number; maxTrainSize?: number } = {},
): Split[] {
  const nSplits = opts.nSplits ?? 5;
  checkParam(Number.isInteger(nSplits) && nSplits >= 1, 'nSplits', 'an integer ≥ 1', nSplits);
  const testSize = opts.testSize ?? Math.floor(n / (nSplits + 1));
  const gap = opts.gap ?? 0;
  checkParam(testSize >= 1, 'testSize', '≥ 1 (too few rows for this many splits)', testSize);
  checkParam(Number.isInteger(gap) && gap >= 0, 'gap', 'an integer ≥ 0', gap);
  if (n - gap - testSize * nSplits <= 0) {
    throw new MlError(
      'ML_BAD_PARAM',
      `${n} rows are too few for ${nSplits} splits of ${testSize} with gap ${gap}`,
    );
  }
  const out: Split[] = [];
  for (let s = 0; s < nSplits; s++) {
    const testStart = n - (nSplits - s) * testSize;
    const trainEnd = testStart - gap;
    const trainStart = opts.maxTrainSize !== undefined ? Math.max(0, trainEnd - opts.maxTrainSize) : 0;
    out.push({ train: range(trainStart, trainEnd), test: range(testStart, testStart + testSize) });
  }
  return out;
}

function checkK(k: number, n: number): void {
  checkParam(Number.isInteger(k) && k >= 2, 'k', 'an integer ≥ 2', k);
  if (k > n) throw new MlError('ML_BAD_PARAM', `k = ${k} folds need at least ${k} rows (got ${n})`);
}

/** Rows of each class code, in class order; rows with a negative code are left out. */
function groupRows(y: ArrayLike<number>, n: number): Uint32Array[] {
  if (y.length !== n) throw new MlError('ML_SHAPE_MISMATCH', `stratify has ${y.length} values for ${n} rows`);
  let k = 0;
  for (let i = 0; i < n; i++) if (y[i] + 1 > k) k = y[i] + 1;
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) if (y[i] >= 0) counts[y[i]]++;
  const groups = Array.from(counts, (c) => new Uint32Array(c));
  const fill = new Int32Array(k);
  for (let i = 0; i < n; i++) if (y[i] >= 0) groups[y[i]][fill[y[i]]++] = i;
  return groups.filter((g) => g.length > 0);
}

function largestRemainder(sizes: number[], total: number): number[] {
  const n = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((s) => (s * total) / n);
  const quota = exact.map(Math.floor);
  let left = total - quota.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((_, i) => i)
    .sort((a, b) => exact[b] - quota[b] - (exact[a] - quota[a]) || a - b);
  for (const i of byRemainder) {
    if (left === 0) break;
    quota[i]++;
    left--;
  }
  return quota;
}

function foldsFromAssignment(fold: Int32Array, k: number): Split[] {
  const out: Split[] = [];
  for (let f = 0; f < k; f++) {
    const mask = new Uint8Array(fold.length);
    for (let i = 0; i < fold.length; i++) mask[i] = fold[i] === f ? 1 : 0;
    out.push(fromMask(mask, 1));
  }
  return out;
}

function fromMask(mask: Uint8Array, testValue: number): Split {
  let nTest = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === testValue) nTest++;
  const test = new Uint32Array(nTest);
  const train = new Uint32Array(mask.length - nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === testValue) test[a++] = i;
    else train[b++] = i;
  }
  return { train, test };
}

function identity(n: number): Uint32Array {
  return range(0, n);
}

function range(start: number, end: number): Uint32Array {
  const out = new Uint32Array(Math.max(0, end - start));
  for (let i = 0; i < out.length; i++) out[i] = start + i;
  return out;
}
