/**
 * One period written in a question: "2019", "March 2020", "Q3 2019", "the third quarter of
 * 2018", "first half of 2020", "2015-06-01", "the 1970s". A month or quarter without a year is
 * partial: it becomes a filter on that part of every year, unless a neighbour supplies the year.
 */
import { type DateRange, iso, MONTHS, monthRange, quarterRange, yearRange } from './calendar.ts';
import type { Token } from './tokenize.ts';

export interface PeriodAtom {
  start: number;
  end: number;
  label: string;
  /** Set when the period is a complete stretch of time. */
  range?: DateRange;
  /** Set when only a month or quarter was named. */
  month?: number;
  quarter?: number;
  year?: number;
}

const ORDINAL_QUARTER: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};

export function yearAt(tokens: readonly Token[], i: number): number | null {
  const t = tokens[i];
  if (t?.kind !== 'number' || t.percent || t.currency || t.value === undefined) return null;
  if (!/^\d{4}$/.test(t.raw)) return null;
  return t.value >= 1800 && t.value <= 2200 ? t.value : null;
}

/** "of 2019", "2019", ", 2019" after a month or quarter. */
function trailingYear(tokens: readonly Token[], i: number): { year: number; end: number } | null {
  let j = i;
  if (tokens[j]?.norm === ',' || tokens[j]?.norm === 'of' || tokens[j]?.norm === 'in') j++;
  const y = yearAt(tokens, j);
  return y === null ? null : { year: y, end: j + 1 };
}

export function isMonthWord(tokens: readonly Token[], i: number): boolean {
  const n = tokens[i]?.norm;
  if (!n || !(n in MONTHS)) return false;
  // "may" and "mar" are also words: accept them only next to a year or a date preposition.
  if (n === 'may' || n === 'mar' || n === 'dec' || n === 'jan') {
    const prev = tokens[i - 1]?.norm ?? '';
    return (
      yearAt(tokens, i + 1) !== null ||
      ['in', 'during', 'of', 'between', 'from', 'since', 'until', 'to', 'and', 'through'].includes(prev)
    );
  }
  return true;
}

export function periodAt(tokens: readonly Token[], i: number): PeriodAtom | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.kind === 'date') {
    const to = iso(Number(t.raw.slice(0, 4)), Number(t.raw.slice(5, 7)), Number(t.raw.slice(8, 10)) + 1);
    return { start: i, end: i + 1, label: t.raw, range: { from: t.raw, to } };
  }
  const y = yearAt(tokens, i);
  if (y !== null) {
    const q = /^q([1-4])$/.exec(tokens[i + 1]?.norm ?? '');
    if (q) return { start: i, end: i + 2, label: `Q${q[1]} ${y}`, range: quarterRange(y, Number(q[1])) };
    return { start: i, end: i + 1, label: String(y), range: yearRange(y), year: y };
  }
  const decade = /^(\d{3}0)s$/.exec(t.norm);
  if (decade) {
    const d = Number(decade[1]);
    return { start: i, end: i + 1, label: `the ${d}s`, range: { from: iso(d, 1, 1), to: iso(d + 10, 1, 1) } };
  }
  const q = /^q([1-4])$/.exec(t.norm);
  if (q) return withYear(tokens, i + 1, { start: i, end: i + 1, label: `Q${q[1]}`, quarter: Number(q[1]) });
  if (t.norm in ORDINAL_QUARTER && tokens[i + 1]?.stem === 'quarter') {
    const n = ORDINAL_QUARTER[t.norm];
    return withYear(tokens, i + 2, { start: i, end: i + 2, label: `Q${n}`, quarter: n });
  }
  if ((t.norm === 'first' || t.norm === 'second') && tokens[i + 1]?.norm === 'half') {
    const ty = trailingYear(tokens, i + 2);
    if (!ty) return null;
    const h = t.norm === 'first' ? 0 : 1;
    return {
      start: i,
      end: ty.end,
      label: `H${h + 1} ${ty.year}`,
      range: { from: iso(ty.year, 1 + 6 * h, 1), to: iso(ty.year, 7 + 6 * h, 1) },
    };
  }
  if (isMonthWord(tokens, i)) {
    const m = MONTHS[t.norm];
    return withYear(tokens, i + 1, { start: i, end: i + 1, label: capital(t.norm), month: m });
  }
  return null;
}

function withYear(tokens: readonly Token[], at: number, atom: PeriodAtom): PeriodAtom {
  const ty = trailingYear(tokens, at);
  return ty ? completeWithYear({ ...atom, end: ty.end }, ty.year) : atom;
}

/** A partial month/quarter made complete by a year from elsewhere ("between March and June 2020"). */
export function completeWithYear(atom: PeriodAtom, year: number): PeriodAtom {
  if (atom.month)
    return {
      ...atom,
      label: `${atom.label.split(' ')[0]} ${year}`,
      range: monthRange(year, atom.month),
      month: undefined,
      year,
    };
  if (atom.quarter)
    return {
      ...atom,
      label: `Q${atom.quarter} ${year}`,
      range: quarterRange(year, atom.quarter),
      quarter: undefined,
      year,
    };
  return atom;
}

function capital(w: string): string {
  const full = Object.keys(MONTHS).find((k) => MONTHS[k] === MONTHS[w] && k.length > 3) ?? w;
  return full[0].toUpperCase() + full.slice(1);
}
