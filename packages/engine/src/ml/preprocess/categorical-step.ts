import { MlError } from '../errors.ts';
import type { CategoricalColumn } from '../matrix.ts';

export type UnknownPolicy = 'ignore' | 'other' | 'error';

/**
 * One-hot encoding of a categorical column. Levels rarer than `minCount` (and beyond the
 * `maxCategories` most frequent) share one `__other__` column; missing values get a
 * `__missing__` column when training had any.
 */
export interface OneHotStep {
  readonly kind: 'onehot';
  readonly levels: readonly string[];
  readonly other: boolean;
  readonly missing: boolean;
}

/** Ordinal codes in training-level order; missing and unseen levels become −1. */
export interface OrdinalStep {
  readonly kind: 'ordinal';
  readonly levels: readonly string[];
}

/**
 * Target encoding: each level becomes the smoothed mean of the target (one column per class for
 * multiclass): (n·mean + m·prior)/(n + m). Missing is a level of its own; unseen levels get the
 * prior. Training rows are encoded out-of-fold (see `Preprocessor.fitTransform`).
 */
export interface TargetStep {
  readonly kind: 'target';
  readonly levels: readonly string[];
  /** levels.length + 1 rows (the last is the missing level) × nOut. */
  readonly encoding: readonly number[];
  readonly prior: readonly number[];
  readonly nOut: number;
}

export type CategoricalStep = OneHotStep | OrdinalStep | TargetStep;

/** Count of each level (by code) over rows, plus the missing count. */
export function levelCounts(
  c: CategoricalColumn,
  rows: ArrayLike<number> | null,
): { counts: Float64Array; missing: number } {
  const counts = new Float64Array(c.levels.length);
  let missing = 0;
  const n = rows === null ? c.codes.length : rows.length;
  for (let i = 0; i < n; i++) {
    const code = c.codes[rows === null ? i : rows[i]];
    if (code < 0) missing++;
    else counts[code]++;
  }
  return { counts, missing };
}

export function fitOneHot(c: CategoricalColumn, minCount: number, maxCategories: number): OneHotStep {
  const { counts, missing } = levelCounts(c, null);
  const seen: number[] = [];
  for (let k = 0; k < counts.length; k++) if (counts[k] > 0) seen.push(k);
  let kept = seen.filter((k) => counts[k] >= minCount);
  if (kept.length > maxCategories) {
    kept = [...kept].sort((a, b) => counts[b] - counts[a] || a - b).slice(0, maxCategories);
    kept.sort((a, b) => a - b);
  }
  return {
    kind: 'onehot',
    levels: kept.map((k) => c.levels[k]),
    other: kept.length < seen.length,
    missing: missing > 0,
  };
}

export function oneHotNames(name: string, s: OneHotStep): string[] {
  const out = s.levels.map((l) => `${name}=${l}`);
  if (s.other) out.push(`${name}=__other__`);
  if (s.missing) out.push(`${name}=__missing__`);
  return out;
}

/** Index of each of the column's level codes in `levels` (−1 when absent). */
export function levelIndex(c: CategoricalColumn, levels: readonly string[]): Int32Array {
  const index = new Map<string, number>();
  for (let k = 0; k < levels.length; k++) index.set(levels[k], k);
  return Int32Array.from(c.levels, (l) => index.get(l) ?? -1);
}

export function applyOneHot(
  s: OneHotStep,
  c: CategoricalColumn | null,
  n: number,
  unknown: UnknownPolicy,
  knownLevels: ReadonlySet<string>,
  out: Float64Array[],
): void {
  const otherCol = s.other ? s.levels.length : -1;
  const missingCol = s.missing ? s.levels.length + (s.other ? 1 : 0) : -1;
  if (c === null) {
    if (missingCol >= 0) out[missingCol].fill(1);
    return;
  }
  const idx = levelIndex(c, s.levels);
  for (let i = 0; i < n; i++) {
    const code = c.codes[i];
    if (code < 0) {
      if (missingCol >= 0) out[missingCol][i] = 1;
      continue;
    }
    const k = idx[code];
    if (k >= 0) {
      out[k][i] = 1;
      continue;
    }
    const level = c.levels[code];
    const isKnown = knownLevels.has(level);
    if (!isKnown && unknown === 'error') {
      throw new MlError('ML_UNKNOWN_CATEGORY', `Column "${c.name}" has the unseen level "${level}"`, {
        column: c.name,
        level,
      });
    }
    if (otherCol >= 0 && (isKnown || unknown === 'other')) out[otherCol][i] = 1;
  }
}

export function applyOrdinal(
  s: OrdinalStep,
  c: CategoricalColumn | null,
  n: number,
  out: Float64Array,
): void {
  if (c === null) {
    out.fill(-1);
    return;
  }
  const idx = levelIndex(c, s.levels);
  for (let i = 0; i < n; i++) out[i] = c.codes[i] < 0 ? -1 : idx[c.codes[i]];
}

/**
 * Fit a target encoding on rows `rows` (null = all). `target` is row-major n × nOut (class
 * indicators for classification, the value for regression).
 */
export function fitTarget(
  c: CategoricalColumn,
  target: Float64Array,
  nOut: number,
  rows: ArrayLike<number> | null,
  smoothing: number,
): TargetStep {
  const L = c.levels.length;
  const sums = new Float64Array((L + 1) * nOut);
  const counts = new Float64Array(L + 1);
  const prior = new Array<number>(nOut).fill(0);
  const n = rows === null ? c.codes.length : rows.length;
  for (let j = 0; j < n; j++) {
    const i = rows === null ? j : rows[j];
    const code = c.codes[i] < 0 ? L : c.codes[i];
    counts[code]++;
    for (let k = 0; k < nOut; k++) {
      sums[code * nOut + k] += target[i * nOut + k];
      prior[k] += target[i * nOut + k];
    }
  }
  for (let k = 0; k < nOut; k++) prior[k] /= Math.max(n, 1);
  const encoding = new Array<number>((L + 1) * nOut);
  for (let l = 0; l <= L; l++) {
    for (let k = 0; k < nOut; k++)
      encoding[l * nOut + k] = (sums[l * nOut + k] + smoothing * prior[k]) / (counts[l] + smoothing);
  }
  return { kind: 'target', levels: [...c.levels], encoding, prior, nOut };
}

export function applyTarget(
  s: TargetStep,
  c: CategoricalColumn | null,
  n: number,
  rows: ArrayLike<number> | null,
  out: Float64Array[],
): void {
  const L = s.levels.length;
  const idx = c === null ? null : levelIndex(c, s.levels);
  for (let j = 0; j < n; j++) {
    const code = c === null ? -1 : c.codes[rows === null ? j : rows[j]];
    const l = code < 0 ? L : idx![code];
    for (let k = 0; k < s.nOut; k++) out[k][j] = l < 0 ? s.prior[k] : s.encoding[l * s.nOut + k];
  }
}
