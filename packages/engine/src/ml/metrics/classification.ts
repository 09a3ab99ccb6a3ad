import { MlError } from '../errors.ts';

/**
 * Label metrics on integer class codes 0..K-1 (see `encodeClasses`). Division by zero (a class
 * never predicted or never present) counts as 0, like scikit-learn's `zero_division="warn"`.
 */
export type Labels = ArrayLike<number>;

export type Average = 'binary' | 'macro' | 'weighted' | 'micro';

/** K×K counts, row = true class, column = predicted class (row-major). */
export interface ConfusionMatrix {
  readonly nClasses: number;
  readonly counts: Float64Array;
}

export function confusionMatrix(yTrue: Labels, yPred: Labels, nClasses?: number): ConfusionMatrix {
  checkSameLength(yTrue, yPred);
  const k = nClasses ?? Math.max(maxLabel(yTrue), maxLabel(yPred)) + 1;
  const counts = new Float64Array(k * k);
  for (let i = 0; i < yTrue.length; i++) counts[yTrue[i] * k + yPred[i]]++;
  return { nClasses: k, counts };
}

/** Fraction of exact matches. */
export function accuracy(yTrue: Labels, yPred: Labels): number {
  checkSameLength(yTrue, yPred);
  let hit = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hit++;
  return hit / yTrue.length;
}

/** Mean recall over the classes present in `yTrue`. */
export function balancedAccuracy(yTrue: Labels, yPred: Labels): number {
  const { nClasses: k, counts } = confusionMatrix(yTrue, yPred);
  let sum = 0;
  let present = 0;
  for (let c = 0; c < k; c++) {
    let support = 0;
    for (let j = 0; j < k; j++) support += counts[c * k + j];
    if (support > 0) {
      sum += counts[c * k + c] / support;
      present++;
    }
  }
  return sum / present;
}

export interface PrecisionRecallF1 {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Number of true rows counted (all rows, or the positive class for `binary`). */
  readonly support: number;
}

/**
 * Precision, recall and F1. `binary` scores class `positive` (default 1); `macro` is the
 * unweighted mean over classes, `weighted` weights by true support, `micro` pools the counts.
 *
 * ### Example
 * ```ts
 * precisionRecallF1([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: 'macro' }).f1; // 0.2667
 * ```
 */
export function precisionRecallF1(
  yTrue: Labels,
  yPred: Labels,
  opts: { average?: Average; positive?: number; nClasses?: number } = {},
): PrecisionRecallF1 {
  const average = opts.average ?? 'binary';
  const { nClasses: k, counts } = confusionMatrix(yTrue, yPred, opts.nClasses);
  const tp = new Float64Array(k);
  const predicted = new Float64Array(k);
  const actual = new Float64Array(k);
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      const c = counts[t * k + p];
      actual[t] += c;
      predicted[p] += c;
      if (t === p) tp[t] += c;
    }
  }
  if (average === 'binary') {
    const pos = opts.positive ?? 1;
    if (k > 2 && pos >= k)
      throw new MlError('ML_BAD_PARAM', `positive class ${pos} is not among ${k} classes`);
    const prec = safeDiv(tp[pos] ?? 0, predicted[pos] ?? 0);
    const rec = safeDiv(tp[pos] ?? 0, actual[pos] ?? 0);
    return { precision: prec, recall: rec, f1: f1Of(prec, rec), support: actual[pos] ?? 0 };
  }
  if (average === 'micro') {
    let sumTp = 0;
    for (let c = 0; c < k; c++) sumTp += tp[c];
    const p = safeDiv(sumTp, yTrue.length);
    return { precision: p, recall: p, f1: p, support: yTrue.length };
  }
  let precSum = 0;
  let recSum = 0;
  let f1Sum = 0;
  let weightSum = 0;
  for (let c = 0; c < k; c++) {
    const w = average === 'weighted' ? actual[c] : 1;
    const prec = safeDiv(tp[c], predicted[c]);
    const rec = safeDiv(tp[c], actual[c]);
    precSum += w * prec;
    recSum += w * rec;
    f1Sum += w * f1Of(prec, rec);
    weightSum += w;
  }
  return {
    precision: safeDiv(precSum, weightSum),
    recall: safeDiv(recSum, weightSum),
    f1: safeDiv(f1Sum, weightSum),
    support: yTrue.length,
  };
}

export function precision(yTrue: Labels, yPred: Labels, average: Average = 'binary'): number {
  return precisionRecallF1(yTrue, yPred, { average }).precision;
}

export function recall(yTrue: Labels, yPred: Labels, average: Average = 'binary'): number {
  return precisionRecallF1(yTrue, yPred, { average }).recall;
}

export function f1Score(yTrue: Labels, yPred: Labels, average: Average = 'binary'): number {
  return precisionRecallF1(yTrue, yPred, { average }).f1;
}

function f1Of(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function safeDiv(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function maxLabel(y: Labels): number {
  let m = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isInteger(v) || v < 0)
      throw new MlError('ML_BAD_PARAM', `Label ${v} is not a class code ≥ 0`);
    if (v > m) m = v;
  }
  return m;
}

export function checkSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) {
    throw new MlError('ML_SHAPE_MISMATCH', `Lengths differ: ${a.length} vs ${b.length}`);
  }
  if (a.length === 0) throw new MlError('ML_NO_ROWS', 'A metric needs at least one row');
}
