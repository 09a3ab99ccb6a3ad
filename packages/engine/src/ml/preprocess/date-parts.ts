/** Numeric features derived from a timestamp (epoch ms, UTC). */
export type DatePart = 'year' | 'month' | 'day' | 'dayOfWeek' | 'hour' | 'epochDays';

export const DEFAULT_DATE_PARTS: readonly DatePart[] = [
  'year',
  'month',
  'day',
  'dayOfWeek',
  'hour',
  'epochDays',
];

export function datePart(ms: number, part: DatePart): number {
  if (!Number.isFinite(ms)) return Number.NaN;
  if (part === 'epochDays') return ms / 86_400_000;
  const d = new Date(ms);
  switch (part) {
    case 'year':
      return d.getUTCFullYear();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'day':
      return d.getUTCDate();
    case 'dayOfWeek':
      return d.getUTCDay();
    case 'hour':
      return d.getUTCHours();
  }
}

export function expandDate(values: ArrayLike<number>, part: DatePart): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = datePart(values[i], part);
  return out;
}
