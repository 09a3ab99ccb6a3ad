import { fmt, pct } from '../json-safe.ts';
import type { Alert, Correlations, DuplicateRows, TargetProfile } from '../types.ts';
import { THRESHOLDS as T } from './thresholds.ts';

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

/** Alerts about the table as a whole, pairs of columns and the target. */
export function datasetAlerts(input: {
  rows: number;
  duplicates: DuplicateRows;
  correlations: Correlations;
  target?: TargetProfile;
}): Alert[] {
  const out: Alert[] = [];
  if (input.rows === 0) {
    out.push({
      type: 'empty_dataset',
      severity: 'critical',
      columns: [],
      message: 'The table has no rows',
      evidence: { rows: 0 },
    });
  }
  const d = input.duplicates;
  if (d.count > 0) {
    out.push({
      type: 'duplicates',
      severity: d.share >= T.duplicatesCritical ? 'critical' : 'warning',
      columns: [],
      message: `${d.count} rows (${pct(d.share)}) repeat an earlier row`,
      evidence: { count: d.count, share: d.share, groups: d.groups },
    });
  }
  const target = input.target?.column;
  const seen = new Set<string>();
  for (const p of input.correlations.pairs) {
    if (Math.abs(p.value) < T.highCorrelation) break;
    if (p.a === target || p.b === target) continue;
    const key = [p.a, p.b].sort().join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      type: 'high_correlation',
      severity: 'warning',
      columns: [p.a, p.b],
      message: `\`${p.a}\` and \`${p.b}\` are strongly related (${p.method} ${fmt(p.value, 3)})`,
      evidence: { method: p.method, value: p.value, n: p.n, threshold: T.highCorrelation },
    });
  }
  if (input.target) out.push(...targetAlerts(input.target));
  return out;
}

function targetAlerts(t: TargetProfile): Alert[] {
  const out: Alert[] = [];
  const classes = t.classBalance ?? [];
  if (classes.length >= 2) {
    const minority = classes[classes.length - 1];
    if (minority.share < T.imbalanceWarning) {
      out.push({
        type: 'imbalance',
        severity: minority.share < T.imbalanceCritical ? 'critical' : 'warning',
        columns: [t.column],
        message: `Target \`${t.column}\` is imbalanced: class ${JSON.stringify(minority.value)} is ${pct(minority.share)} of rows`,
        evidence: {
          minorityClass: minority.value,
          minorityShare: minority.share,
          imbalanceRatio: t.imbalanceRatio ?? null,
        },
      });
    }
  }
  for (const s of t.leakageSuspects) {
    out.push({
      type: 'possible_leakage',
      severity: 'critical',
      columns: [s.column, t.column],
      message: `\`${s.column}\` may leak the target: ${s.reason}`,
      evidence: { method: s.method, value: s.value, reason: s.reason },
    });
  }
  return out;
}

/** Most severe first; within a severity, the order they were produced in (columns in schema order). */
export function sortAlerts(alerts: Alert[]): Alert[] {
  return alerts
    .map((a, i) => ({ a, i }))
    .sort((x, y) => SEVERITY_ORDER[x.a.severity] - SEVERITY_ORDER[y.a.severity] || x.i - y.i)
    .map((x) => x.a);
}
