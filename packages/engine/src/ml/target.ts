import { MlError } from './errors.ts';
import { type CellValue, type Column, cellToLevel, compareStrings, type Matrix } from './matrix.ts';

/** A classification target as integer codes 0..K-1 into `classes` (-1 = missing). */
export interface ClassTarget {
  readonly codes: Int32Array;
  readonly classes: readonly string[];
}

export type TargetValues = Column | ArrayLike<CellValue>;

/** Separate the target column from the features; `ML_TARGET_NOT_FOUND` when it is absent. */
export function splitTarget(data: Matrix, target: string): { X: Matrix; y: Column } {
  if (!data.has(target)) {
    throw new MlError('ML_TARGET_NOT_FOUND', `Target column "${target}" is not in the data`, {
      target,
      columns: data.names,
    });
  }
  return { X: data.without([target]), y: data.column(target) };
}

/**
 * Encode class labels. Classes are sorted (numerically when every label is a number, else by
 * code unit), so the second class is the positive one in binary tasks, as in scikit-learn.
 * Pass `classes` to encode with a fixed dictionary (labels outside it become -1).
 */
export function encodeClasses(y: TargetValues, classes?: readonly string[]): ClassTarget {
  const nums = numericLabels(y);
  if (nums !== null) return encodeNumbers(nums, classes);
  const labels = labelsOf(y);
  const dict = classes ?? sortLabels(new Set(labels.filter((s): s is string => s !== null)));
  const index = new Map<string, number>();
  for (let k = 0; k < dict.length; k++) index.set(dict[k], k);
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const s = labels[i];
    codes[i] = s === null ? -1 : (index.get(s) ?? -1);
  }
  return { codes, classes: dict };
}

/** A regression target as float64 with NaN for missing; `ML_TARGET_NOT_NUMERIC` for text. */
export function numericTarget(y: TargetValues): Float64Array {
  if (isColumn(y)) {
    if (y.kind === 'categorical') {
      throw new MlError(
        'ML_TARGET_NOT_NUMERIC',
        `Target "${y.name}" is categorical; regression needs numbers`,
        {
          target: y.name,
        },
      );
    }
    return Float64Array.from(y.values);
  }
  if (y instanceof Float64Array) return y;
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v === null || v === undefined) out[i] = Number.NaN;
    else if (typeof v === 'number') out[i] = v;
    else if (typeof v === 'boolean') out[i] = v ? 1 : 0;
    else if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) out[i] = Number(v);
    else if (typeof v === 'string' && v.trim() === '') out[i] = Number.NaN;
    else
      throw new MlError('ML_TARGET_NOT_NUMERIC', `Target value "${String(v)}" is not a number`, { row: i });
  }
  return out;
}

/** Check a classification target is usable: some labels present and at least two classes. */
export function checkClassTarget(t: ClassTarget): void {
  const n = t.codes.length;
  if (n === 0) throw new MlError('ML_NO_ROWS');
  let present = 0;
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (t.codes[i] >= 0) {
      present++;
      seen.add(t.codes[i]);
    }
  }
  if (present === 0) throw new MlError('ML_TARGET_ALL_MISSING');
  if (seen.size < 2) {
    throw new MlError('ML_TARGET_ONE_CLASS', undefined, { classes: [...seen].map((k) => t.classes[k]) });
  }
}

/** Check a regression target: some values present and all present values finite. */
export function checkNumericTarget(y: Float64Array): void {
  if (y.length === 0) throw new MlError('ML_NO_ROWS');
  let present = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (Number.isNaN(v)) continue;
    if (!Number.isFinite(v))
      throw new MlError('ML_NON_FINITE', 'The target holds an infinite value', { row: i });
    present++;
  }
  if (present === 0) throw new MlError('ML_TARGET_ALL_MISSING');
}

/** Row indices whose target is present (codes ≥ 0 or non-NaN values). */
export function rowsWithTarget(y: Int32Array | Float64Array): Uint32Array {
  let m = 0;
  const keep = new Uint32Array(y.length);
  if (y instanceof Int32Array) {
    for (let i = 0; i < y.length; i++) if (y[i] >= 0) keep[m++] = i;
  } else {
    for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i])) keep[m++] = i;
  }
  return m === y.length ? keep : keep.slice(0, m);
}

function isColumn(y: TargetValues): y is Column {
  return typeof (y as Column).kind === 'string' && typeof (y as Column).name === 'string';
}

/** The values of a numeric target (typed array or numeric column), else null. */
function numericLabels(y: TargetValues): ArrayLike<number> | null {
  if (isColumn(y)) return y.kind === 'categorical' ? null : y.values;
  if (!ArrayBuffer.isView(y) || y instanceof DataView) return null;
  if (y instanceof BigInt64Array || y instanceof BigUint64Array) return null;
  return y as unknown as ArrayLike<number>;
}

/**
 * `encodeClasses` for numbers without a string per row (a million labels would otherwise take
 * tens of MB of short-lived heap): the same labels (`String(v)`, NaN missing) and dictionary.
 */
function encodeNumbers(y: ArrayLike<number>, classes?: readonly string[]): ClassTarget {
  const distinct = new Map<number, number>();
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isNaN(v) && !distinct.has(v)) distinct.set(v, -1);
  }
  const dict = classes ?? sortLabels(new Set(Array.from(distinct.keys(), String)));
  const index = new Map<string, number>();
  for (let k = 0; k < dict.length; k++) index.set(dict[k], k);
  for (const v of distinct.keys()) distinct.set(v, index.get(String(v)) ?? -1);
  const codes = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    codes[i] = Number.isNaN(v) ? -1 : distinct.get(v)!;
  }
  return { codes, classes: dict };
}

function labelsOf(y: TargetValues): (string | null)[] {
  if (isColumn(y)) {
    if (y.kind === 'categorical') return Array.from(y.codes, (c) => (c < 0 ? null : y.levels[c]));
    return Array.from(y.values, (v) => cellToLevel(v));
  }
  const out: (string | null)[] = new Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = cellToLevel(y[i]);
  return out;
}

function sortLabels(set: Set<string>): string[] {
  const labels = [...set];
  const numeric = labels.every((s) => s.trim() !== '' && !Number.isNaN(Number(s)));
  return numeric ? labels.sort((a, b) => Number(a) - Number(b)) : labels.sort(compareStrings);
}
