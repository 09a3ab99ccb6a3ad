/**
 * Proleptic Gregorian calendar arithmetic on UTC milliseconds since the epoch, without `Date`
 * (which stops at ±275,760 years and allocates). `civilFromDays` is Howard Hinnant's
 * `civil_from_days` algorithm.
 */

export const MS_PER_DAY = 86_400_000;

export interface Civil {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

export function civilFromDays(days: number): Civil {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01 of a civil date (inverse of civilFromDays). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function daysOf(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Months since January 1970, for month-level steps and gaps. */
export function monthIndex(ms: number): number {
  const c = civilFromDays(daysOf(ms));
  return (c.year - 1970) * 12 + (c.month - 1);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function isoYear(y: number): string {
  if (y >= 0 && y <= 9999) return pad(y, 4);
  return `${y < 0 ? '-' : '+'}${pad(Math.abs(y), 6)}`;
}

/** `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS[.mmm]Z` or `HH:MM:SS[.mmm]` depending on the column. */
export function formatMs(ms: number, storage: 'date' | 'datetime' | 'time'): string {
  const days = daysOf(ms);
  const inDay = ms - days * MS_PER_DAY;
  const h = Math.floor(inDay / 3_600_000);
  const mi = Math.floor((inDay % 3_600_000) / 60_000);
  const s = Math.floor((inDay % 60_000) / 1000);
  const frac = inDay % 1000;
  const time = `${pad(h)}:${pad(mi)}:${pad(s)}${frac ? `.${pad(frac, 3)}` : ''}`;
  if (storage === 'time') return time;
  const c = civilFromDays(days);
  const date = `${isoYear(c.year)}-${pad(c.month)}-${pad(c.day)}`;
  return storage === 'date' ? date : `${date}T${time}Z`;
}
