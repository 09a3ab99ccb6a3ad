/**
 * One plain sentence for a result, written from the plan (what was asked) and the rows (what
 * came back). It states numbers exactly as computed; rounding is for reading only.
 */
import { describePlan } from './describe-plan.ts';
import { formatNumber, formatValue, signedPercent } from './format.ts';
import { filterPhrase, filtersPhrase, MONTH_NAMES, measurePhrase } from './labels.ts';
import type { QueryPlan } from './plan.ts';
import type { AnswerColumn } from './types.ts';

export interface Table {
  columns: AnswerColumn[];
  rows: unknown[][];
}

/** Group labels: years and codes are not amounts, so no thousands separators. */
function formatLabel(v: unknown): string {
  return typeof v === 'number' && Number.isInteger(v) ? String(v) : formatValue(v);
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function sentenceFor(plan: QueryPlan, t: Table, rowNoun = 'rows'): string {
  const rows = t.rows;
  if (!rows.length) return `No rows match${filtersPhrase(plan) || ' the question'}.`;
  switch (plan.kind) {
    case 'aggregate':
      return plan.dimensions.length ? groupedSentence(plan, t, rowNoun) : scalarSentence(plan, t, rowNoun);
    case 'rows':
      return rowsSentence(plan, t);
    case 'distinct': {
      const vals = rows.map((r) => formatValue(r[0]));
      const shown = vals.slice(0, 8).join(', ');
      return `There ${vals.length === 1 ? 'is 1 distinct value' : `are ${vals.length} distinct values`} of ${plan.select[0]}${filtersPhrase(plan)}: ${shown}${vals.length > 8 ? ', …' : ''}.`;
    }
    case 'distribution': {
      let peak = rows[0];
      for (const r of rows) if ((num(r[2]) ?? 0) > (num(peak[2]) ?? 0)) peak = r;
      const lo = formatValue(rows[0][0]);
      const hi = formatValue(rows[rows.length - 1][1]);
      return `${plan.select[0]} ranges from about ${lo} to ${hi}${filtersPhrase(plan)}; the most common range is ${formatValue(peak[0])}–${formatValue(peak[1])} (${formatValue(peak[2])} rows).`;
    }
    case 'correlation': {
      const r = num(rows[0][0]);
      if (r === null)
        return `There is not enough data to correlate ${plan.correlate[0]} and ${plan.correlate[1]}.`;
      return `The correlation between ${plan.correlate[0]} and ${plan.correlate[1]} is ${r.toFixed(2)} (${strength(r)}) over ${formatValue(rows[0][1])} rows${filtersPhrase(plan)}.`;
    }
    case 'drivers': {
      const top = rows.filter((r) => num(r[1]) !== null).slice(0, 3);
      if (!top.length) return `No numeric column varies with ${plan.correlate[0]}.`;
      const list = top.map((r) => `${r[0]} (r = ${(r[1] as number).toFixed(2)})`).join(', ');
      return `${plan.correlate[0]} moves most with ${list}${filtersPhrase(plan)}; correlation shows association, not cause.`;
    }
    case 'compare_periods':
      return periodsSentence(plan, t);
  }
}

function strength(r: number): string {
  const a = Math.abs(r);
  const s = a >= 0.7 ? 'strong' : a >= 0.4 ? 'moderate' : a >= 0.2 ? 'weak' : 'little or no';
  return a < 0.2 ? 'little or no linear relationship' : `${s} ${r > 0 ? 'positive' : 'negative'}`;
}

function scalarSentence(plan: QueryPlan, t: Table, rowNoun: string): string {
  const parts = plan.measures.map((m, i) => {
    const v = t.rows[0][i];
    if (m.agg === 'share')
      return `${formatValue(typeof v === 'number' ? Math.round(v * 100) / 100 : v)}% of ${m.column ? `total ${m.column}` : rowNoun} ${m.column ? 'comes from' : 'have'} ${(m.where ?? []).map(filterPhrase).join(' and ')}`;
    return `${measurePhrase(m, rowNoun)} is ${formatValue(v)}`;
  });
  const text = parts.join(' and ');
  return `${text[0].toUpperCase()}${text.slice(1)}${filtersPhrase(plan)}.`;
}

function groupedSentence(plan: QueryPlan, t: Table, rowNoun: string): string {
  const nd = plan.dimensions.length;
  const m = plan.measures[0];
  const labelAt = (v: unknown, k: number) => periodLabel(v, plan.dimensions[k]?.bucket) ?? formatLabel(v);
  const label = (r: unknown[]) => r.slice(0, nd).map(labelAt).join(' / ');
  // "Share of each source": each group's part of the whole goes with its amount.
  const si = plan.share ? t.columns.findIndex((c) => c.name === 'Share (%)') : -1;
  const value = (r: unknown[]) =>
    si >= 0 && num(r[si]) !== null ? `${formatValue(r[nd])}, ${formatValue(r[si])}%` : formatValue(r[nd]);
  const phrase = measurePhrase(m, rowNoun);
  const sort = plan.sort[0];
  const timeColumn =
    t.columns[0]?.type === 'date' ||
    (/year/i.test(plan.dimensions[0].column) && t.columns[0]?.type === 'number');
  const time = (plan.dimensions[0].bucket !== undefined || timeColumn) && !sort;
  if (time && t.rows.length > 1) {
    const first = t.rows[0];
    const last = t.rows[t.rows.length - 1];
    const a = num(first[nd]);
    const b = num(last[nd]);
    const change =
      a !== null && b !== null && a !== 0 ? ` (${signedPercent(((b - a) / Math.abs(a)) * 100)})` : '';
    return `${cap(phrase)} went from ${value(first)} in ${label(first)} to ${value(last)} in ${label(last)}${change}${filtersPhrase(plan)}.`;
  }
  if (sort?.by === 'change' && t.rows.length > 0) {
    const ci = t.columns.findIndex((c) => c.name === 'Change');
    const pi = t.columns.findIndex((c) => c.name === 'Change (%)');
    const top = t.rows[0];
    const delta = num(top[ci]);
    const pct = pi >= 0 ? num(top[pi]) : null;
    const time = labelAt(top[0], 0);
    const who = top
      .slice(1, nd)
      .map((v, k) => labelAt(v, k + 1))
      .join(' / ');
    const kind = sort.dir === 'asc' ? 'largest decrease' : 'largest increase';
    if (delta === null)
      return `No group has a previous ${plan.dimensions[0].bucket ?? 'period'} to compare with${filtersPhrase(plan)}.`;
    const signed = `${delta > 0 ? '+' : ''}${formatValue(delta)}`;
    return `${who} had the ${kind} in ${phrase.replace(/^the /, '')}: ${signed}${pct !== null ? ` (${signedPercent(pct)})` : ''} in ${time} over the period before, to ${value(top)}${filtersPhrase(plan)}.`;
  }
  if (t.rows.length === 1) {
    const dir = sort?.dir === 'asc' ? 'lowest' : 'highest';
    return plan.limit === 1 && sort
      ? `${label(t.rows[0])} has the ${dir} ${phrase.replace(/^the /, '')} (${value(t.rows[0])})${filtersPhrase(plan)}.`
      : `${cap(phrase)} for ${label(t.rows[0])} is ${value(t.rows[0])}${filtersPhrase(plan)}.`;
  }
  const shown = t.rows.slice(0, 3).map((r) => `${label(r)} (${value(r)})`);
  const order = sort?.dir === 'asc' ? 'lowest' : 'highest';
  const lead = sort || !time ? `${shown[0]} has the ${order} ${phrase.replace(/^the /, '')}` : shown[0];
  return `${lead}${shown.length > 1 ? `, followed by ${shown.slice(1).join(' and ')}` : ''}; ${t.rows.length} groups${filtersPhrase(plan)}.`;
}

function rowsSentence(plan: QueryPlan, t: Table): string {
  const describe = (r: unknown[]) =>
    t.columns.map((c, i) => (i === 0 ? formatValue(r[0]) : `${c.name} ${formatValue(r[i])}`)).join(', ');
  if (t.rows.length === 1) return `${describe(t.rows[0])}${filtersPhrase(plan)}.`;
  if (plan.sort.length)
    return `The top ${t.rows.length} by ${plan.sort[0].column} start with ${describe(t.rows[0])}${filtersPhrase(plan)}.`;
  return `${t.rows.length} rows match${filtersPhrase(plan)}; the first is ${describe(t.rows[0])}.`;
}

function periodsSentence(plan: QueryPlan, t: Table): string {
  const nd = plan.dimensions.length;
  const phrase = measurePhrase(plan.measures[0]);
  const r = t.rows[0];
  const parts = plan.periods.map((p, i) => `${formatValue(r[nd + i])} in ${p.label}`);
  const pct = plan.periods.length === 2 ? num(r[nd + 3]) : null;
  const change = pct !== null ? ` (${signedPercent(pct)})` : '';
  const who = nd
    ? ` for ${r.slice(0, nd).map(formatValue).join(' / ')}${t.rows.length > 1 ? ` and ${t.rows.length - 1} more groups` : ''}`
    : '';
  return `${cap(phrase)} was ${parts.join(' and ')}${change}${who}${filtersPhrase(plan)}.`;
}

/** A bucket's first day said as the period: 1990 → "1990s", 2014-03-01 → "March 2014", "Q1 2014". */
function periodLabel(v: unknown, bucket: string | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (bucket === 'decade') return `${formatLabel(v)}s`;
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-01$/.exec(v) : null;
  if (!m) return null;
  if (bucket === 'month') return `${MONTH_NAMES[Number(m[2])]} ${m[1]}`;
  if (bucket === 'quarter') return `Q${Math.floor((Number(m[2]) - 1) / 3) + 1} ${m[1]}`;
  return null;
}

function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** What the plan computes, for answers with no rows to describe. */
export function planSummary(plan: QueryPlan): string {
  return describePlan(plan);
}

export { formatNumber };
