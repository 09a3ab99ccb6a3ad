/**
 * Turns date findings into filters, time groups and period comparisons on the right column:
 * the date column the question names, else the only one, else a year column ("in 2005" on
 * gapminder's integer `year`). Several date columns and none named is a question to ask.
 */
import { monthRange, quarterRange } from './calendar.ts';
import { isTemporal, isYearColumn } from './column-kinds.ts';
import type { QuestionContext } from './context.ts';
import type { Draft } from './draft.ts';
import type { Findings } from './extract.ts';
import { dayBefore } from './labels.ts';
import type { Filter, TimeBucket } from './plan.ts';
import { type DateFinding, yearsOf } from './resolve-dates.ts';
import { spanText } from './tokenize.ts';
import type { NlqColumn } from './types.ts';

export function chooseDateColumn(f: Findings, ctx: QuestionContext, d: Draft): NlqColumn | null {
  const named = f.columns
    .flatMap((m) => m.candidates.map((c) => c.column))
    .filter((c) => isTemporal(c) || isYearColumn(c));
  if (named.length) return named[0];
  const temporal = ctx.columns.filter(isTemporal);
  if (temporal.length === 1) return temporal[0];
  const years = ctx.columns.filter(isYearColumn);
  if (temporal.length === 0) return years[0] ?? null;
  if (f.dates.length) {
    const first = f.dates[0];
    d.ambiguities.push({
      span: spanText(f.question, f.tokens, first.start, first.end),
      start: first.start,
      end: first.end,
      reason: 'There are several date columns',
      choices: temporal.map((c) => ({
        label: c.name,
        replacement: `${spanText(f.question, f.tokens, first.start, first.end)} (by ${c.name})`,
      })),
    });
  }
  return temporal[0];
}

/** A bucket that gives a readable number of points over the data's span. */
export function autoBucket(col: NlqColumn, ctx: QuestionContext): TimeBucket | undefined {
  if (isYearColumn(col)) return undefined;
  const span = ctx.dateSpans.get(col.name);
  if (!span) return 'month';
  const days = (Date.parse(span.max) - Date.parse(span.min)) / 86_400_000;
  if (days > 3 * 366) return 'year';
  if (days > 180) return 'month';
  if (days > 60) return 'week';
  return 'day';
}

export function applyDates(f: Findings, ctx: QuestionContext, d: Draft): void {
  if (!f.dates.length) return;
  const col = chooseDateColumn(f, ctx, d);
  if (!col) return;
  const yearCol = isYearColumn(col);
  if (!yearCol && comparePartsOfYear(f, col, d)) return;
  const years = wholeYears(f.dates);
  if (years.length >= 2) {
    // "2014 and 2015", "in 2012 or 2015": one filter on the year, not ranges that exclude each other.
    const values = years.map((x) => Number(x.range?.from?.slice(0, 4)));
    d.filters.push(
      yearCol
        ? { column: col.name, op: 'in', values }
        : { column: col.name, op: 'date_part', part: 'year', values },
    );
    d.interpretation.push({
      span: years.map((x) => spanText(f.question, f.tokens, x.start, x.end)).join(', '),
      meaning: `${col.name} in ${values.join(', ')}`,
    });
  }
  for (const x of f.dates) {
    if (years.includes(x)) continue;
    const span = spanText(f.question, f.tokens, x.start, x.end);
    const say = (meaning: string) => d.interpretation.push({ span, meaning });
    if (x.kind === 'range' && x.range) {
      const filters = rangeFilters(col, x);
      if (!filters) {
        d.unknown.push({ text: span, entity: true });
        continue;
      }
      d.filters.push(...filters);
      say(rangeMeaning(col, x));
    } else if (x.kind === 'part' && x.part) {
      if (yearCol) {
        d.unknown.push({ text: span, entity: true });
        continue;
      }
      // "Q1 and Q2", "in June or July": several parts of one kind widen one filter.
      const same = d.filters.find(
        (g) => g.op === 'date_part' && g.column === col.name && g.part === x.part?.part,
      );
      if (same && same.op === 'date_part') same.values = [...new Set([...same.values, ...x.part.values])];
      else d.filters.push({ column: col.name, op: 'date_part', part: x.part.part, values: x.part.values });
      say(`${col.name} ${x.label}`);
    } else if (x.kind === 'bucket' || x.kind === 'change') {
      const bucket = x.bucket === 'auto' ? autoBucket(col, ctx) : x.bucket;
      if (yearCol && bucket !== undefined && bucket !== 'year' && bucket !== 'decade') {
        d.unknown.push({ text: span, entity: true });
        continue;
      }
      if (x.bucket === 'auto') d.cues.add('trend');
      if (!d.dimensions.some((dim) => dim.column === col.name))
        d.dimensions.push({
          column: col.name,
          bucket: yearCol && bucket !== 'decade' ? undefined : bucket,
          which:
            x.which === true || f.tokens[x.start]?.norm === 'which' || f.tokens[x.start]?.norm === 'what',
        });
      if (x.kind === 'change') d.change = true;
      say(
        x.kind === 'change'
          ? `change from one ${bucket ?? 'year'} to the next`
          : `grouped by ${bucket ?? col.name} of ${col.name}`,
      );
    } else if (x.kind === 'compare' && x.periods) {
      for (const p of x.periods)
        d.periods.push({ label: p.label, column: col.name, from: p.range.from, to: p.range.to });
      say(
        `compare ${x.periods.map((p) => `${p.label} (${p.range.from} to ${dayBefore(p.range.to)})`).join(' with ')}`,
      );
    }
  }
}

/**
 * "compare Q1 and Q2 revenue in 2023": quarters or months of one named year, compared side by
 * side. Needs a comparison word; without one the parts just widen the filter.
 */
function comparePartsOfYear(f: Findings, col: NlqColumn, d: Draft): boolean {
  const compare = f.cues.some((c) => c.type === 'compare' || c.type === 'change');
  const parts = f.dates.filter(
    (x) => x.kind === 'part' && (x.part?.part === 'quarter' || x.part?.part === 'month'),
  );
  const years = f.dates.filter(
    (x) => x.kind === 'range' && x.range?.from?.endsWith('-01-01') && x.range.to?.endsWith('-01-01'),
  );
  if (!compare || parts.length < 2 || years.length !== 1 || parts.length + 1 !== f.dates.length) return false;
  if (new Set(parts.map((x) => x.part?.part)).size !== 1) return false;
  const y = Number(years[0].range?.from?.slice(0, 4));
  for (const x of parts) {
    for (const v of x.part?.values ?? []) {
      const range = x.part?.part === 'quarter' ? quarterRange(y, v) : monthRange(y, v);
      d.periods.push({ label: `${x.label} ${y}`, column: col.name, from: range.from, to: range.to });
    }
  }
  d.interpretation.push({
    span: parts.map((x) => x.label).join(', '),
    meaning: `compare ${d.periods.map((p) => p.label).join(' with ')}`,
  });
  return true;
}

/** Two or more single-year ranges, none of them relative: a list of years. */
function wholeYears(dates: readonly DateFinding[]): DateFinding[] {
  const ys = dates.filter(
    (x) =>
      x.kind === 'range' &&
      !x.relative &&
      x.range?.from?.endsWith('-01-01') &&
      x.range.to?.endsWith('-01-01') &&
      Number(x.range.to.slice(0, 4)) - Number(x.range.from.slice(0, 4)) === 1,
  );
  return ys.length >= 2 && !dates.some((x) => x.kind === 'compare') ? ys : [];
}

function rangeFilters(col: NlqColumn, x: DateFinding): Filter[] | null {
  const r = x.range ?? {};
  if (isYearColumn(col)) {
    const { from, to } = yearsOf(r);
    const out: Filter[] = [];
    if (from !== undefined && to !== undefined && from === to)
      return [{ column: col.name, op: 'eq', value: from }];
    if (from !== undefined && to !== undefined) return [{ column: col.name, op: 'between', from, to }];
    if (from !== undefined) out.push({ column: col.name, op: 'gte', value: from });
    if (to !== undefined) out.push({ column: col.name, op: 'lte', value: to });
    // A month or a relative window cannot be cut from a whole-year column.
    const exactYears = (!r.from || r.from.endsWith('-01-01')) && (!r.to || r.to.endsWith('-01-01'));
    return exactYears ? out : null;
  }
  if (r.from && r.to) return [{ column: col.name, op: 'date_range', from: r.from, to: r.to }];
  if (r.from) return [{ column: col.name, op: 'gte', value: r.from }];
  if (r.to) return [{ column: col.name, op: 'lt', value: r.to }];
  return null;
}

function rangeMeaning(col: NlqColumn, x: DateFinding): string {
  const r = x.range ?? {};
  if (r.from && r.to)
    return `${col.name} from ${r.from} to ${dayBefore(r.to)}${x.relative ? ' (relative to the last date in the data)' : ''}`;
  if (r.from) return `${col.name} on or after ${r.from}`;
  return `${col.name} before ${r.to}`;
}
