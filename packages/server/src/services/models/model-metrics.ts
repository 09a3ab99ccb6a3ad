import {
  accuracy,
  averagePrecision,
  balancedAccuracy,
  brierScore,
  calibrationCurve,
  confusionMatrix,
  logLoss,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  precisionRecallCurve,
  precisionRecallF1,
  r2Score,
  residualSummary,
  rmse,
  rocAuc,
  rocAucOvr,
  rocCurve,
} from './model-engine.ts';

/** Most points a stored curve keeps: enough to draw, small enough for a JSON row. */
const MAX_CURVE_POINTS = 200;
const MAX_SCATTER_POINTS = 500;

export interface Evaluation {
  /** Scalar metrics; `null` where a metric is undefined on this data (e.g. AUC with one class). */
  metrics: Record<string, number | null>;
  /** The headline metric: the one lists show and comparisons use. */
  primary: { name: string; value: number | null; higherIsBetter: boolean };
  report: Record<string, unknown>;
}

/**
 * Classification metrics from true class codes and row-major n × K probabilities. Binary tasks
 * get ROC/PR/calibration curves for the second class (the positive one, as in scikit-learn).
 */
export function evaluateClassification(
  y: Int32Array,
  proba: Float64Array,
  classes: readonly string[],
): Evaluation {
  const K = classes.length;
  const n = y.length;
  const pred = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (proba[i * K + k] > proba[i * K + best]) best = k;
    pred[i] = best;
  }
  const binary = K === 2;
  const prf = precisionRecallF1(y, pred, { average: binary ? 'binary' : 'macro', nClasses: K });
  const metrics: Record<string, number | null> = {
    accuracy: accuracy(y, pred),
    balancedAccuracy: safe(() => balancedAccuracy(y, pred)),
    precision: prf.precision,
    recall: prf.recall,
    f1: prf.f1,
    logLoss: safe(() => logLoss(y, proba, K)),
  };
  const report: Record<string, unknown> = {
    classes: [...classes],
    confusionMatrix: toRows(confusionMatrix(y, pred, K).counts, K),
  };
  if (binary) {
    const score = new Float64Array(n);
    for (let i = 0; i < n; i++) score[i] = proba[2 * i + 1];
    metrics.rocAuc = safe(() => rocAuc(y, score));
    metrics.prAuc = safe(() => averagePrecision(y, score));
    metrics.brier = safe(() => brierScore(y, score));
    const roc = safe(() => rocCurve(y, score));
    const pr = safe(() => precisionRecallCurve(y, score));
    const cal = safe(() => calibrationCurve(y, score, { nBins: 10 }));
    report.positiveClass = classes[1];
    report.roc = roc && thin({ fpr: roc.fpr, tpr: roc.tpr });
    report.pr = pr && thin({ recall: pr.recall, precision: pr.precision });
    report.calibration = cal && {
      probPred: finite(cal.probPred),
      probTrue: finite(cal.probTrue),
      counts: Array.from(cal.counts),
    };
  } else {
    metrics.rocAuc = safe(() => rocAucOvr(y, proba, K, 'macro'));
  }
  const primary =
    binary && metrics.rocAuc !== null
      ? { name: 'rocAuc', value: metrics.rocAuc, higherIsBetter: true }
      : { name: 'accuracy', value: metrics.accuracy, higherIsBetter: true };
  return { metrics: clean(metrics), primary, report };
}

/** Regression metrics, residual summary and an actual-vs-predicted sample for a scatter plot. */
export function evaluateRegression(y: Float64Array, pred: Float64Array): Evaluation {
  const metrics: Record<string, number | null> = {
    rmse: rmse(y, pred),
    mae: meanAbsoluteError(y, pred),
    r2: safe(() => r2Score(y, pred)),
    mape: safe(() => meanAbsolutePercentageError(y, pred)),
  };
  const step = Math.max(1, Math.ceil(y.length / MAX_SCATTER_POINTS));
  const actual: number[] = [];
  const predicted: number[] = [];
  for (let i = 0; i < y.length; i += step) {
    actual.push(y[i]!);
    predicted.push(pred[i]!);
  }
  return {
    metrics: clean(metrics),
    primary: { name: 'rmse', value: metrics.rmse ?? null, higherIsBetter: false },
    report: { residuals: residualSummary(y, pred), scatter: { actual, predicted } },
  };
}

function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

/** NaN and ±Infinity have no JSON form: they become null. */
function clean(m: Record<string, number | null>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(m)) out[k] = v !== null && Number.isFinite(v) ? v : null;
  return out;
}

function finite(a: ArrayLike<number>): Array<number | null> {
  return Array.from(a, (v) => (Number.isFinite(v) ? v : null));
}

function toRows(counts: Float64Array, K: number): number[][] {
  return Array.from({ length: K }, (_, r) => Array.from(counts.subarray(r * K, r * K + K)));
}

/** Keep at most MAX_CURVE_POINTS evenly spaced points, always the first and the last. */
function thin<T extends Record<string, ArrayLike<number>>>(curve: T): Record<keyof T, Array<number | null>> {
  const keys = Object.keys(curve) as (keyof T)[];
  const n = curve[keys[0]!]!.length;
  const idx: number[] = [];
  if (n <= MAX_CURVE_POINTS) for (let i = 0; i < n; i++) idx.push(i);
  else {
    for (let t = 0; t < MAX_CURVE_POINTS; t++) idx.push(Math.round((t * (n - 1)) / (MAX_CURVE_POINTS - 1)));
  }
  const out = {} as Record<keyof T, Array<number | null>>;
  for (const k of keys) out[k] = finite(idx.map((i) => curve[k]![i]!));
  return out;
}
