import type { ColumnProfile } from '../column-types.ts';
import { measurePair, SampleOrders } from '../correlation/correlation-matrix.ts';
import type { SampleColumn } from '../correlation/sample.ts';
import type { TargetAssociation, TargetProfile } from '../types.ts';
import { binaryAuc, lookupAccuracy } from './separability.ts';

/** Association at or above this with the target makes a feature a leakage suspect. */
export const LEAKAGE_ASSOCIATION = 0.95;
/** Predicting the target by looking up the feature's level right this often is suspicious. */
export const LEAKAGE_LOOKUP_ACCURACY = 0.99;
/** A numeric feature that alone ranks a binary target this well (AUC or 1 − AUC) is suspicious. */
export const LEAKAGE_AUC = 0.99;
/** Integer targets with at most this many values are classes, not quantities. */
const MAX_CLASS_VALUES = 20;

/**
 * The target-aware section: task type, class balance (from all rows), and each feature's
 * association with the target and leakage suspicion (from the correlation sample).
 */
export function targetProfile(
  target: ColumnProfile,
  targetSample: SampleColumn | undefined,
  features: readonly SampleColumn[],
  sampleSize: number,
  orders: SampleOrders = new SampleOrders(),
): TargetProfile {
  const task = isClassification(target) ? 'classification' : 'regression';
  const classBalance = task === 'classification' ? balance(target) : undefined;
  const ys = targetSample && task === 'classification' ? asCategorical(targetSample) : targetSample;
  const associations: TargetAssociation[] = [];
  const leakageSuspects: TargetProfile['leakageSuspects'] = [];
  for (const f of ys ? features : []) {
    if (f.name === target.name || !ys) continue;
    const { method, measure } = measurePair(f, ys);
    if (measure.value === null) continue;
    associations.push({ column: f.name, method, value: measure.value });
    const reason = leakageReason(f, ys, method, measure.value, orders);
    if (reason) leakageSuspects.push({ column: f.name, method, value: measure.value, reason });
  }
  associations.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.column.localeCompare(b.column));
  const counts = classBalance?.map((c) => c.count) ?? [];
  return {
    column: target.name,
    task,
    ...(classBalance
      ? { classBalance, imbalanceRatio: counts.length > 1 ? Math.min(...counts) / Math.max(...counts) : null }
      : {}),
    associations,
    leakageSuspects,
    sampleSize,
  };
}

export function isClassification(t: ColumnProfile): boolean {
  if (t.kind === 'boolean' || t.kind === 'text') return true;
  return t.kind === 'numeric' && (t.numeric?.integral ?? false) && t.distinct.value <= MAX_CLASS_VALUES;
}

function balance(t: ColumnProfile): NonNullable<TargetProfile['classBalance']> {
  if (t.boolean) {
    const { trueCount, falseCount } = t.boolean;
    const n = trueCount + falseCount;
    return [
      { value: true, count: trueCount, share: n ? trueCount / n : 0 },
      { value: false, count: falseCount, share: n ? falseCount / n : 0 },
    ].sort((a, b) => b.count - a.count);
  }
  const top = t.text?.topValues ?? t.numeric?.topValues ?? [];
  return top.map((v) => ({ value: v.value, count: v.count, share: v.share }));
}

/** A numeric class column re-coded 0..k−1 so categorical measures apply. */
function asCategorical(c: SampleColumn): SampleColumn {
  if (c.kind === 'categorical') return c;
  const levels = [...new Set(Array.from(c.values).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
  const code = new Map(levels.map((v, i) => [v, i]));
  const values = new Float64Array(c.values.length);
  for (let i = 0; i < values.length; i++)
    values[i] = !Number.isNaN(c.values[i]) ? code.get(c.values[i])! : -1;
  return { name: c.name, kind: 'categorical', values, levels: levels.length };
}

function leakageReason(
  f: SampleColumn,
  y: SampleColumn,
  method: string,
  value: number,
  orders: SampleOrders,
): string | null {
  if (Math.abs(value) >= LEAKAGE_ASSOCIATION) {
    return `${method} with the target is ${value.toFixed(3)} (≥ ${LEAKAGE_ASSOCIATION})`;
  }
  if (y.kind !== 'categorical') return null;
  if (f.kind === 'categorical') {
    const acc = lookupAccuracy(f, y);
    if (acc !== null && acc >= LEAKAGE_LOOKUP_ACCURACY) {
      return `its levels predict the target ${(acc * 100).toFixed(1)}% of the time by lookup`;
    }
  } else if (y.levels === 2) {
    const auc = binaryAuc(f.values, orders.order(f), y.values);
    if (auc !== null && Math.max(auc, 1 - auc) >= LEAKAGE_AUC) {
      return `alone it separates the two classes with AUC ${Math.max(auc, 1 - auc).toFixed(3)}`;
    }
  }
  return null;
}
