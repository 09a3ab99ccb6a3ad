/** ISO-date arithmetic in UTC. Dates are `YYYY-MM-DD` strings; ranges are half-open [from, to). */

export function iso(y: number, m: number, d: number): string {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.toISOString().slice(0, 10);
}

export function parts(date: string): { y: number; m: number; d: number } {
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

export function addDays(date: string, n: number): string {
  const { y, m, d } = parts(date);
  return iso(y, m, d + n);
}

export function addMonths(date: string, n: number): string {
  const { y, m, d } = parts(date);
  return iso(y, m + n, d);
}

export interface DateRange {
  from: string;
  to: string;
}

export function yearRange(y: number): DateRange {
  return { from: iso(y, 1, 1), to: iso(y + 1, 1, 1) };
}

export function monthRange(y: number, m: number): DateRange {
  return { from: iso(y, m, 1), to: iso(y, m + 1, 1) };
}

export function quarterRange(y: number, q: number): DateRange {
  return { from: iso(y, 3 * (q - 1) + 1, 1), to: iso(y, 3 * q + 1, 1) };
}

export type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Start of the calendar unit containing `date` (weeks start on Monday). */
export function startOf(date: string, unit: Unit): string {
  const { y, m, d } = parts(date);
  switch (unit) {
    case 'day':
      return date;
    case 'week': {
      const dow = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
      return iso(y, m, d - dow);
    }
    case 'month':
      return iso(y, m, 1);
    case 'quarter':
      return iso(y, 3 * Math.floor((m - 1) / 3) + 1, 1);
    case 'year':
      return iso(y, 1, 1);
  }
}

export function addUnits(date: string, unit: Unit, n: number): string {
  if (unit === 'day') return addDays(date, n);
  if (unit === 'week') return addDays(date, 7 * n);
  if (unit === 'month') return addMonths(date, n);
  if (unit === 'quarter') return addMonths(date, 3 * n);
  return addMonths(date, 12 * n);
}

/** The last N units ending with `max` (inclusive): a rolling window. */
export function lastN(max: string, unit: Unit, n: number): DateRange {
  const to = addDays(max, 1);
  return { from: addUnits(to, unit, -n), to };
}

/**
 * The most recent complete calendar unit on or before `max`: with data up to 2015-12-31
 * "last month" is December 2015; with data up to 2015-12-14 it is November.
 */
export function lastComplete(max: string, unit: Unit): DateRange {
  const next = addDays(max, 1);
  const currentStart = startOf(max, unit);
  const complete = startOf(next, unit) !== currentStart;
  const from = complete ? currentStart : addUnits(currentStart, unit, -1);
  return { from, to: addUnits(from, unit, 1) };
}

export const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** Full names only: "sun" and "sat" are words too (sun is a Seattle weather value). */
export const WEEKDAYS: Record<string, number> = {
  monday: 1,
  mondays: 1,
  tuesday: 2,
  tuesdays: 2,
  wednesday: 3,
  wednesdays: 3,
  thursday: 4,
  thursdays: 4,
  friday: 5,
  fridays: 5,
  saturday: 6,
  saturdays: 6,
  sunday: 7,
  sundays: 7,
};
