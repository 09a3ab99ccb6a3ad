import type { DatetimeStats } from '../column-types.ts';
import { upperBound } from '../kernels/sorted-stats.ts';
import { civilFromDays, daysOf, formatMs, isoWeekday, MS_PER_DAY, monthIndex } from './calendar.ts';
import { timeSeries } from './time-series.ts';

type Unit = NonNullable<DatetimeStats['granularity']>['unit'];
type Storage = 'date' | 'datetime' | 'time';

const UNIT_MS: Record<string, number> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: MS_PER_DAY,
};
const LARGEST_GAPS = 5;

/**
 * Datetime statistics from the distinct epoch-millisecond values of a column (ascending) and
 * their counts. Everything is computed over distinct values, so a date column of a million
 * rows but 1,800 days costs 1,800 calendar conversions, and memory follows the distinct count.
 */
export function datetimeStatsFromRuns(
  values: Float64Array,
  counts: Float64Array,
  storage: Storage,
  now: number,
  infinities: number,
): { stats: DatetimeStats; distinct: number } {
  const d = values.length;
  const empty = d === 0;
  const unit = empty ? null : finestUnit(values, storage);
  const index = (v: number) => unitIndex(v, unit ?? 'day');
  let step = 0;
  for (let i = 1; i < d; i++) step = gcd(step, index(values[i]) - index(values[i - 1]));
  step = Math.max(step, 1);
  const stats: DatetimeStats = {
    min: empty ? null : formatMs(values[0], storage),
    max: empty ? null : formatMs(values[d - 1], storage),
    granularity: unit ? { unit, step } : null,
    gaps: empty ? null : gaps(values, index, step, storage),
    ...calendarCounts(values, counts, storage),
    future: storage === 'time' ? 0 : countAfter(values, counts, now),
    series: storage === 'time' ? { unit: 'hour', points: [] } : timeSeries(values, counts),
    infinities,
  };
  return { stats, distinct: d };
}

function countAfter(values: Float64Array, counts: Float64Array, t: number): number {
  let c = 0;
  for (let i = upperBound(values, t); i < values.length; i++) c += counts[i];
  return c;
}

function finestUnit(values: Float64Array, storage: Storage): Unit {
  let coarsest = storage === 'time' ? 3 : 6; // index into the list below
  const units: Unit[] = ['millisecond', 'second', 'minute', 'hour', 'day', 'month', 'year'];
  for (let i = 0; i < values.length && coarsest > 0; i++) {
    const v = values[i];
    let u = 0;
    if (v % 1000 === 0) u = 1;
    if (u === 1 && v % 60_000 === 0) u = 2;
    if (u === 2 && v % 3_600_000 === 0) u = 3;
    if (u === 3 && v % MS_PER_DAY === 0) {
      const c = civilFromDays(daysOf(v));
      u = c.day !== 1 ? 4 : c.month !== 1 ? 5 : 6;
    }
    if (u < coarsest) coarsest = u;
  }
  return units[coarsest];
}

function unitIndex(v: number, unit: Unit): number {
  if (unit === 'month') return monthIndex(v);
  if (unit === 'year') return civilFromDays(daysOf(v)).year;
  return Math.round(v / UNIT_MS[unit]);
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y > 0) [x, y] = [y, x % y];
  return x;
}

/** Periods of `step` units between the first and last value, which of them hold data, the largest holes. */
function gaps(
  values: Float64Array,
  index: (v: number) => number,
  step: number,
  storage: Storage,
): DatetimeStats['gaps'] {
  const d = values.length;
  const expected = (index(values[d - 1]) - index(values[0])) / step + 1;
  // The few largest holes, kept in a small sorted buffer so the scan stays linear.
  const holes: { i: number; periods: number }[] = [];
  for (let i = 1; i < d; i++) {
    const missing = (index(values[i]) - index(values[i - 1])) / step - 1;
    if (missing <= 0) continue;
    if (holes.length === LARGEST_GAPS && missing <= holes[LARGEST_GAPS - 1].periods) continue;
    let p = holes.length;
    while (p > 0 && holes[p - 1].periods < missing) p--;
    holes.splice(p, 0, { i, periods: missing });
    if (holes.length > LARGEST_GAPS) holes.pop();
  }
  return {
    regular: expected <= 2 * d,
    expectedPeriods: expected,
    presentPeriods: d,
    missingPeriods: expected - d,
    largest: holes.map((h) => ({
      from: formatMs(values[h.i - 1], storage),
      to: formatMs(values[h.i], storage),
      periods: h.periods,
    })),
  };
}

function calendarCounts(values: Float64Array, counts: Float64Array, storage: Storage) {
  const years = new Map<number, number>();
  const months = new Array<number>(12).fill(0);
  const weekdays = new Array<number>(7).fill(0);
  const hours = new Array<number>(24).fill(0);
  for (let i = 0; i < values.length; i++) {
    const days = daysOf(values[i]);
    const c = counts[i];
    hours[Math.floor((values[i] - days * MS_PER_DAY) / 3_600_000)] += c;
    if (storage === 'time') continue;
    const civil = civilFromDays(days);
    years.set(civil.year, (years.get(civil.year) ?? 0) + c);
    months[civil.month - 1] += c;
    weekdays[isoWeekday(days) - 1] += c;
  }
  const list = (arr: number[], first: number) => arr.map((count, i) => ({ key: i + first, count }));
  const isTime = storage === 'time';
  return {
    byYear: [...years].map(([key, count]) => ({ key, count })),
    byMonth: isTime ? [] : list(months, 1),
    byWeekday: isTime ? [] : list(weekdays, 1),
    byHour: storage === 'date' ? [] : list(hours, 0),
  };
}
