/** Date checks on a draft: periods outside the data, and "from A to B" read as a comparison. */
import type { QuestionContext } from './context.ts';
import type { Draft } from './draft.ts';
import type { Findings } from './extract.ts';
import type { Filter } from './plan.ts';

/** A period wholly outside the data's dates has no answer; saying "missing" would mislead. */
export function outsideData(d: Draft, ctx: QuestionContext): string | null {
  const ranges = [
    ...d.filters,
    ...d.periods.map((p) => ({ column: p.column, op: 'date_range' as const, from: p.from, to: p.to })),
  ];
  for (const f of ranges) {
    const span = ctx.dateSpans.get(f.column);
    if (!span) continue;
    const y = (iso: string) => Number(iso.slice(0, 4));
    let lo: string | number | null = null;
    let hi: string | number | null = null;
    if (f.op === 'date_range') [lo, hi] = [f.from, f.to];
    else if ((f.op === 'gte' || f.op === 'gt') && typeof f.value === 'string') lo = f.value;
    else if ((f.op === 'lt' || f.op === 'lte') && typeof f.value === 'string') hi = f.value;
    else if (f.op === 'eq' && typeof f.value === 'number')
      [lo, hi] = [`${f.value}-01-01`, `${f.value + 1}-01-01`];
    else if (f.op === 'between') [lo, hi] = [`${f.from}-01-01`, `${f.to + 1}-01-01`];
    else if (f.op === 'gte' && typeof f.value === 'number') lo = `${f.value}-01-01`;
    else if (f.op === 'lte' && typeof f.value === 'number') hi = `${f.value + 1}-01-01`;
    if ((lo !== null && String(lo) > span.max) || (hi !== null && String(hi) <= span.min))
      return `The data has ${f.column} from ${span.min.slice(0, y(span.min) === y(span.max) ? 10 : 4)} to ${span.max.slice(0, 4)}; there is nothing in the period asked about.`;
  }
  return null;
}

/** "growth from 2014 to 2015": the two ends of the range are compared instead of filtered on. */
export function convertEndpointsToPeriods(d: Draft, f: Findings): void {
  if (!d.cues.has('change') || d.periods.length) return;
  const x = f.dates.find((dt) => dt.endpoints?.length === 2);
  if (!x?.endpoints) return;
  const idx = d.filters.findIndex(
    (fl) => fl.op === 'date_range' && fl.from === x.range?.from && fl.to === x.range?.to,
  );
  const yearIdx = d.filters.findIndex((fl) => fl.op === 'between');
  const i = idx >= 0 ? idx : yearIdx;
  if (i < 0) return;
  const column = d.filters[i].column;
  d.filters.splice(i, 1);
  for (const e of x.endpoints) d.periods.push({ label: e.label, column, from: e.range.from, to: e.range.to });
}

/** A date range of at most one calendar year (leap years included). */
export function isOneYearRange(f: Filter): boolean {
  return f.op === 'date_range' && Date.parse(f.to) - Date.parse(f.from) <= 366 * 86_400_000;
}
