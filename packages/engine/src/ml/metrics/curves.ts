import { checkSameLength } from './classification.ts';

/**
 * Cumulative counts at each distinct score, highest score first (scikit-learn's
 * `_binary_clf_curve`): `tps[i]`/`fps[i]` are the positives/negatives with score ≥ `thresholds[i]`.
 * `yTrue` is 1 for the positive class and 0 otherwise; tied scores share one point.
 */
export function binaryClfCurve(
  yTrue: ArrayLike<number>,
  score: ArrayLike<number>,
): { fps: Float64Array; tps: Float64Array; thresholds: Float64Array } {
  checkSameLength(yTrue, score);
  const n = yTrue.length;
  const order = sortByScoreDesc(score);
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; i++) {
    const r = order[i];
    if (yTrue[r] === 1) tp++;
    else fp++;
    if (i === n - 1 || score[order[i + 1]] !== score[r]) {
      tps.push(tp);
      fps.push(fp);
      thresholds.push(score[r]);
    }
  }
  return {
    fps: Float64Array.from(fps),
    tps: Float64Array.from(tps),
    thresholds: Float64Array.from(thresholds),
  };
}

export interface RocCurve {
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
  /** Decreasing; the first is `Infinity` (the point (0, 0)). */
  readonly thresholds: Float64Array;
}

/**
 * ROC curve with collinear points dropped (scikit-learn `roc_curve(drop_intermediate=True)`).
 * Rates are NaN when a class is absent.
 */
export function rocCurve(
  yTrue: ArrayLike<number>,
  score: ArrayLike<number>,
  dropIntermediate = true,
): RocCurve {
  const { fps, tps, thresholds } = binaryClfCurve(yTrue, score);
  let keep: number[] = [];
  const m = fps.length;
  if (dropIntermediate && m > 2) {
    keep.push(0);
    for (let i = 1; i < m - 1; i++) {
      const d2f = fps[i + 1] - 2 * fps[i] + fps[i - 1];
      const d2t = tps[i + 1] - 2 * tps[i] + tps[i - 1];
      if (d2f !== 0 || d2t !== 0) keep.push(i);
    }
    keep.push(m - 1);
  } else keep = Array.from({ length: m }, (_, i) => i);
  const p = tps[m - 1];
  const q = fps[m - 1];
  const fpr = new Float64Array(keep.length + 1);
  const tpr = new Float64Array(keep.length + 1);
  const thr = new Float64Array(keep.length + 1);
  thr[0] = Number.POSITIVE_INFINITY;
  fpr[0] = q > 0 ? 0 : Number.NaN;
  tpr[0] = p > 0 ? 0 : Number.NaN;
  for (let j = 0; j < keep.length; j++) {
    const i = keep[j];
    fpr[j + 1] = q > 0 ? fps[i] / q : Number.NaN;
    tpr[j + 1] = p > 0 ? tps[i] / p : Number.NaN;
    thr[j + 1] = thresholds[i];
  }
  return { fpr, tpr, thresholds: thr };
}

export interface PrecisionRecallCurve {
  /** Ends with 1 (the point recall 0), like scikit-learn. */
  readonly precision: Float64Array;
  /** Decreasing, ends with 0. */
  readonly recall: Float64Array;
  /** Increasing; one fewer than the precision/recall points. */
  readonly thresholds: Float64Array;
}

/** Precision–recall curve as scikit-learn 1.2 `precision_recall_curve` (stops at full recall). */
export function precisionRecallCurve(
  yTrue: ArrayLike<number>,
  score: ArrayLike<number>,
): PrecisionRecallCurve {
  const { fps, tps, thresholds } = binaryClfCurve(yTrue, score);
  const m = tps.length;
  const totalPos = tps[m - 1];
  let last = 0;
  while (last < m - 1 && tps[last] < totalPos) last++;
  const len = last + 1;
  const precision = new Float64Array(len + 1);
  const recall = new Float64Array(len + 1);
  const thr = new Float64Array(len);
  for (let j = 0; j < len; j++) {
    const i = last - j;
    const predicted = tps[i] + fps[i];
    precision[j] = predicted > 0 ? tps[i] / predicted : 0;
    recall[j] = totalPos > 0 ? tps[i] / totalPos : 1;
    thr[j] = thresholds[i];
  }
  precision[len] = 1;
  recall[len] = 0;
  return { precision, recall, thresholds: thr };
}

/** Row indices ordered by decreasing score; ties keep row order (stable). NaN scores sort last. */
export function sortByScoreDesc(score: ArrayLike<number>): Uint32Array {
  const n = score.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = Number.isNaN(score[i]) ? Number.NEGATIVE_INFINITY : score[i];
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => keys[b] - keys[a] || a - b);
}
