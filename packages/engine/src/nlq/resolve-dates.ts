/**
 * Dates in questions: periods ("in 2019", "Q3", "between March and June 2020"), open ranges
 * ("since 2015", "before 2010"), relative windows anchored at the data's last date ("last 3
 * months", "last year", "this quarter", "YTD"), cyclic parts ("weekends", "in summer", "on
 * Mondays"), buckets ("by quarter", "monthly", "over time"), and comparisons ("2014 vs 2015",
 * "year over year"). Each finding keeps its token span for the interpretation.
 */
import { addDays, type DateRange, lastComplete, lastN, startOf, type Unit } from './calendar.ts';
import { bucketAt, changeAt, partAt, seq, trendAt } from './date-cycles.ts';
import { completeWithYear, type PeriodAtom, periodAt } from './date-periods.ts';
import type { DatePart, TimeBucket } from './plan.ts';
import type { Token } from './tokenize.ts';

export interface DateFinding {
  start: number;
  end: number;
  kind: 'range' | 'part' | 'bucket' | 'compare' | 'change';
  label: string;
  /** `from` and/or `to` (exclusive); an open side is missing. */
  range?: Partial<DateRange>;
  part?: { part: DatePart; values: number[] };
  bucket?: TimeBucket | 'auto';
  periods?: { label: string; range: DateRange }[];
  /** Anchored at the data's last date rather than written out. */
  relative?: boolean;
  /** For "from A to B" / "between A and B": the two ends, which a change question compares. */
  endpoints?: { label: string; range: DateRange }[];
  /** A bucket whose periods are ranked ("which month", "the wettest month"). */
  which?: boolean;
}

export interface DateContext {
  /** Last date in the data (ISO); relative expressions need it. */
  maxDate: string | null;
  /** True when token i is a number that belongs to a numeric comparison, not a year. */
  numericAt?: (i: number) => boolean;
}

const UNIT_OF: Record<string, Unit> = {
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
};
const OPEN_FROM = new Set(['since', 'after', 'from', 'starting']);
const OPEN_TO = new Set(['before', 'until', 'till', 'through', 'prior']);
const RANGE_JOIN = new Set(['to', 'through', 'until', 'till', '-', 'thru']);

export function findDates(tokens: readonly Token[], ctx: DateContext): DateFinding[] {
  const out: DateFinding[] = [];
  let i = 0;
  while (i < tokens.length) {
    const f =
      changeAt(tokens, i) ??
      trendAt(tokens, i) ??
      relativeAt(tokens, i, ctx) ??
      rangeAt(tokens, i, ctx) ??
      partAt(tokens, i) ??
      bucketAt(tokens, i);
    if (f) {
      out.push(f);
      i = f.end;
    } else i++;
  }
  return mergeComparisons(tokens, out);
}

function relativeAt(tokens: readonly Token[], i: number, ctx: DateContext): DateFinding | null {
  const max = ctx.maxDate;
  if (!max) return null;
  let j = i;
  if (['in', 'during', 'over', 'for', 'within'].includes(tokens[j]?.norm ?? '')) j++;
  if (tokens[j]?.norm === 'the') j++;
  const w = tokens[j]?.norm ?? '';
  if (w === 'ytd' || seq(tokens, j, ['year', 'to', 'date'])) {
    const end = w === 'ytd' ? j + 1 : j + 3;
    return {
      start: i,
      end,
      kind: 'range',
      label: 'year to date',
      range: { from: startOf(max, 'year'), to: addDays(max, 1) },
      relative: true,
    };
  }
  if (['last', 'past', 'previous', 'prior', 'trailing', 'recent'].includes(w)) {
    const t = tokens[j + 1];
    const n =
      t?.kind === 'number' && t.value !== undefined && Number.isInteger(t.value)
        ? t.value
        : wordCount(t?.norm);
    const unitTok = tokens[j + (n !== null ? 2 : 1)];
    const unit = unitTok ? UNIT_OF[unitTok.stem] : undefined;
    if (!unit) return null;
    const end = j + (n !== null ? 3 : 2);
    const range = n !== null ? lastN(max, unit, n) : lastComplete(max, unit);
    return {
      start: i,
      end,
      kind: 'range',
      label: `${tokens
        .slice(j, end)
        .map((x) => x.norm)
        .join(' ')}`,
      range,
      relative: true,
    };
  }
  if (['this', 'current', 'latest'].includes(w) || seq(tokens, j, ['most', 'recent'])) {
    const k = w === 'most' ? j + 2 : j + 1;
    const unit = UNIT_OF[tokens[k]?.stem ?? ''];
    if (!unit) return null;
    return {
      start: i,
      end: k + 1,
      kind: 'range',
      label: tokens
        .slice(j, k + 1)
        .map((x) => x.norm)
        .join(' '),
      range: { from: startOf(max, unit), to: addDays(max, 1) },
      relative: true,
    };
  }
  return null;
}

function wordCount(w: string | undefined): number | null {
  const n: Record<string, number> = {
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    twelve: 12,
    eighteen: 18,
    twenty: 20,
    thirty: 30,
    few: 3,
    couple: 2,
  };
  return w && w in n ? n[w] : null;
}

function rangeAt(tokens: readonly Token[], i: number, ctx: DateContext): DateFinding | null {
  const w = tokens[i]?.norm ?? '';
  if (w === 'between' || w === 'from') {
    const a = periodAt(tokens, i + 1);
    if (a && !isNumeric(ctx, a)) {
      const joinAt = a.end;
      const joiner = tokens[joinAt]?.norm ?? '';
      if ((w === 'between' && joiner === 'and') || (w === 'from' && RANGE_JOIN.has(joiner))) {
        const b = periodAt(tokens, joinAt + 1);
        if (b) return span(i, a, b);
      }
      if (w === 'from') return open(i, a, 'from');
    }
    return null;
  }
  if (OPEN_FROM.has(w) || OPEN_TO.has(w)) {
    const k = w === 'prior' && tokens[i + 1]?.norm === 'to' ? i + 2 : i + 1;
    const a = periodAt(tokens, k);
    if (!a || isNumeric(ctx, a) || !a.range) return null;
    const dir =
      w === 'since' || w === 'from' || w === 'starting'
        ? 'from'
        : w === 'after'
          ? 'after'
          : w === 'until' || w === 'till' || w === 'through'
            ? 'through'
            : 'before';
    return open(i, a, dir);
  }
  const hasPrep = ['in', 'during', 'for', 'of', 'within', 'throughout', 'on', 'at'].includes(w);
  const start = hasPrep ? i + (tokens[i + 1]?.norm === 'the' ? 2 : 1) : i;
  const a = periodAt(tokens, start);
  if (!a || isNumeric(ctx, a)) return null;
  const joiner = tokens[a.end]?.norm ?? '';
  if (RANGE_JOIN.has(joiner)) {
    const b = periodAt(tokens, a.end + 1);
    if (b && (b.range || b.month)) return span(i, a, b);
  }
  if (a.range) return { start: i, end: a.end, kind: 'range', label: a.label, range: a.range };
  if (a.month)
    return { start: i, end: a.end, kind: 'part', label: a.label, part: { part: 'month', values: [a.month] } };
  if (a.quarter)
    return {
      start: i,
      end: a.end,
      kind: 'part',
      label: a.label,
      part: { part: 'quarter', values: [a.quarter] },
    };
  return null;
}

function isNumeric(ctx: DateContext, a: PeriodAtom): boolean {
  return a.year !== undefined && a.end - a.start === 1 && (ctx.numericAt?.(a.start) ?? false);
}

function span(i: number, a0: PeriodAtom, b0: PeriodAtom): DateFinding | null {
  let a = a0;
  let b = b0;
  const by = b.year ?? (b.range ? Number(b.range.from.slice(0, 4)) : undefined);
  if (!a.range && by !== undefined)
    a = completeWithYear(a, a.month && b0.month && a.month > b0.month ? by - 1 : by);
  if (!b.range && a.range && (b.month || b.quarter))
    b = completeWithYear(b, Number(a.range.from.slice(0, 4)));
  if (a.range && b.range)
    return {
      start: i,
      end: b.end,
      kind: 'range',
      label: `${a.label} to ${b.label}`,
      range: { from: a.range.from, to: b.range.to },
      endpoints: [
        { label: a.label, range: a.range },
        { label: b.label, range: b.range },
      ],
    };
  if (a.month && b.month) {
    const values: number[] = [];
    for (let m = a.month; ; m = (m % 12) + 1) {
      values.push(m);
      if (m === b.month || values.length > 12) break;
    }
    return {
      start: i,
      end: b.end,
      kind: 'part',
      label: `${a.label} to ${b.label}`,
      part: { part: 'month', values },
    };
  }
  return null;
}

function open(i: number, a: PeriodAtom, dir: 'from' | 'after' | 'before' | 'through'): DateFinding | null {
  if (!a.range) return null;
  const range: Partial<DateRange> =
    dir === 'from'
      ? { from: a.range.from }
      : dir === 'after'
        ? { from: a.range.to }
        : dir === 'before'
          ? { to: a.range.from }
          : { to: a.range.to };
  const word = dir === 'through' ? 'up to' : dir === 'from' ? 'since' : dir;
  return { start: i, end: a.end, kind: 'range', label: `${word} ${a.label}`, range };
}

const COMPARE_JOIN = new Set(['vs', 'versus', 'against', 'and', 'with', 'to', 'v']);

/** Two adjacent closed ranges joined by "vs"/"compared to" (or "and" after "compare") become a comparison. */
function mergeComparisons(tokens: readonly Token[], found: DateFinding[]): DateFinding[] {
  const compareCue = tokens.some((t) =>
    ['compare', 'compared', 'comparison', 'comparing', 'vs', 'versus', 'against'].includes(t.norm),
  );
  const out: DateFinding[] = [];
  for (const f of found) {
    const prev = out[out.length - 1];
    const between = prev ? tokens.slice(prev.end, f.start).map((t) => t.norm) : [];
    const joined =
      between.length > 0 &&
      between.length <= 3 &&
      between.every((w) => COMPARE_JOIN.has(w) || w === 'compared' || w === 'in' || w === '.');
    const closed = (x: DateFinding) => x.kind === 'range' && x.range?.from && x.range?.to;
    if (
      prev &&
      closed(f) &&
      (closed(prev) || prev.kind === 'compare') &&
      joined &&
      (compareCue || between.some((w) => w === 'vs' || w === 'versus'))
    ) {
      const periods =
        prev.kind === 'compare'
          ? [...(prev.periods ?? [])]
          : [{ label: prev.label, range: prev.range as DateRange }];
      periods.push({ label: f.label, range: f.range as DateRange });
      out[out.length - 1] = {
        start: prev.start,
        end: f.end,
        kind: 'compare',
        label: periods.map((p) => p.label).join(' vs '),
        periods,
      };
    } else out.push(f);
  }
  return out;
}

/** A whole-year range for an integer year column ("in 2005" on gapminder's `year`). */
export function yearsOf(range: Partial<DateRange>): { from?: number; to?: number } {
  const from = range.from
    ? Number(range.from.slice(0, 4)) + (range.from.slice(5) === '01-01' ? 0 : 1)
    : undefined;
  const to = range.to ? Number(range.to.slice(0, 4)) - (range.to.slice(5) === '01-01' ? 1 : 0) : undefined;
  return { from, to };
}
