import type { DatetimeStats } from '../column-types.ts';
import { civilFromDays, daysFromCivil, daysOf, formatMs, isoWeekday, MS_PER_DAY } from './calendar.ts';

type SeriesUnit = DatetimeStats['series']['unit'];

/** Zero-count buckets are filled in only when the whole series has at most this many points. */
const MAX_FILLED_POINTS = 1000;

/**
 * Counts per calendar bucket for a time-series chart. The bucket follows the span so a chart
 * has tens to hundreds of points: ≤ 3 days → hours, ≤ 370 days → days, ≤ 5 years → ISO weeks
 * (starting Monday), ≤ 40 years → months, otherwise years. `values` are sorted distinct epoch
 * milliseconds and `counts` their frequencies.
 */
export function timeSeries(values: Float64Array, counts: Float64Array): DatetimeStats['series'] {
  const d = values.length;
  if (d === 0) return { unit: 'day', points: [] };
  const spanDays = (values[d - 1] - values[0]) / MS_PER_DAY;
  const unit: SeriesUnit =
    spanDays <= 3
      ? 'hour'
      : spanDays <= 370
        ? 'day'
        : spanDays <= 5 * 366
          ? 'week'
          : spanDays <= 40 * 366
            ? 'month'
            : 'year';
  const keys: number[] = [];
  const sums: number[] = [];
  for (let i = 0; i < d; i++) {
    const k = bucketStart(values[i], unit);
    if (keys.length > 0 && keys[keys.length - 1] === k) sums[sums.length - 1] += counts[i];
    else {
      keys.push(k);
      sums.push(counts[i]);
    }
  }
  const filled = fillZeros(keys, sums, unit);
  const storage = unit === 'hour' ? 'datetime' : 'date';
  return { unit, points: filled.keys.map((k, i) => ({ t: formatMs(k, storage), count: filled.sums[i] })) };
}

function bucketStart(ms: number, unit: SeriesUnit): number {
  if (unit === 'hour') return Math.floor(ms / 3_600_000) * 3_600_000;
  const days = daysOf(ms);
  if (unit === 'day') return days * MS_PER_DAY;
  if (unit === 'week') return (days - (isoWeekday(days) - 1)) * MS_PER_DAY;
  const c = civilFromDays(days);
  return daysFromCivil(c.year, unit === 'month' ? c.month : 1, 1) * MS_PER_DAY;
}

function nextBucket(ms: number, unit: SeriesUnit): number {
  if (unit === 'hour') return ms + 3_600_000;
  if (unit === 'day') return ms + MS_PER_DAY;
  if (unit === 'week') return ms + 7 * MS_PER_DAY;
  const c = civilFromDays(daysOf(ms));
  if (unit === 'month')
    return daysFromCivil(c.month === 12 ? c.year + 1 : c.year, (c.month % 12) + 1, 1) * MS_PER_DAY;
  return daysFromCivil(c.year + 1, 1, 1) * MS_PER_DAY;
}

function fillZeros(keys: number[], sums: number[], unit: SeriesUnit) {
  let total = 0;
  for (let k = keys[0]; k <= keys[keys.length - 1] && total <= MAX_FILLED_POINTS; k = nextBucket(k, unit))
    total++;
  if (total > MAX_FILLED_POINTS || total === keys.length) return { keys, sums };
  const outKeys: number[] = [];
  const outSums: number[] = [];
  let j = 0;
  for (let k = keys[0]; k <= keys[keys.length - 1]; k = nextBucket(k, unit)) {
    outKeys.push(k);
    if (keys[j] === k) outSums.push(sums[j++]);
    else outSums.push(0);
  }
  return { keys: outKeys, sums: outSums };
}
