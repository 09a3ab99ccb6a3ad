import { quantileSorted } from '../stats.ts';

export type ImputeStrategy = 'median' | 'mean' | 'constant';
export type ScaleMethod = 'none' | 'standard' | 'robust';

/** Fitted treatment of one numeric input (a column, or one part of an expanded date). */
export interface NumericStep {
  readonly fill: number;
  readonly indicator: boolean;
  readonly center: number;
  readonly scale: number;
}

/**
 * Learn fill value, missing indicator and scaling from the training values. ±Infinity counts as
 * missing (a linear model cannot use it). Scaling is computed after imputation, as a
 * scikit-learn pipeline `SimpleImputer → StandardScaler` does; a zero spread scales by 1.
 */
export function fitNumericStep(
  values: ArrayLike<number>,
  opts: {
    impute: ImputeStrategy;
    fillValue: number;
    indicator: 'auto' | 'always' | 'never';
    scale: ScaleMethod;
  },
): NumericStep {
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) present.push(values[i]);
  const sorted = Float64Array.from(present).sort();
  let fill = opts.fillValue;
  if (opts.impute === 'median') fill = sorted.length > 0 ? quantileSorted(sorted, 0.5) : 0;
  else if (opts.impute === 'mean')
    fill = sorted.length > 0 ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0;
  const nMissing = values.length - present.length;
  const indicator = opts.indicator === 'always' || (opts.indicator === 'auto' && nMissing > 0);
  let center = 0;
  let scale = 1;
  if (opts.scale === 'standard') {
    let mean = 0;
    for (let i = 0; i < values.length; i++) mean += imputed(values[i], fill);
    mean /= Math.max(values.length, 1);
    let ss = 0;
    for (let i = 0; i < values.length; i++) ss += (imputed(values[i], fill) - mean) ** 2;
    const sd = Math.sqrt(ss / Math.max(values.length, 1));
    center = mean;
    scale = sd > 0 ? sd : 1;
  } else if (opts.scale === 'robust') {
    const all = Float64Array.from({ length: values.length }, (_, i) => imputed(values[i], fill)).sort();
    center = quantileSorted(all, 0.5);
    const iqr = quantileSorted(all, 0.75) - quantileSorted(all, 0.25);
    scale = iqr > 0 ? iqr : 1;
  }
  return { fill, indicator, center, scale };
}

function imputed(v: number, fill: number): number {
  return Number.isFinite(v) ? v : fill;
}

/** Write the transformed values (and the indicator, when kept) for rows 0..n-1. */
export function applyNumericStep(
  step: NumericStep,
  values: ArrayLike<number> | null,
  n: number,
  out: Float64Array,
  indicatorOut: Float64Array | null,
): void {
  for (let i = 0; i < n; i++) {
    const v = values === null ? Number.NaN : values[i];
    const ok = Number.isFinite(v);
    out[i] = ((ok ? v : step.fill) - step.center) / step.scale;
    if (indicatorOut !== null) indicatorOut[i] = ok ? 0 : 1;
  }
}
