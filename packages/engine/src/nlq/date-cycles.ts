/**
 * The date findings that are not stretches of time: changes ("year over year"), trends ("over
 * time"), cyclic parts ("weekends", "in summer", "on Mondays") and buckets ("by quarter").
 */
import { WEEKDAYS } from './calendar.ts';
import type { DatePart, TimeBucket } from './plan.ts';
import type { DateFinding } from './resolve-dates.ts';
import { SUPERLATIVES } from './thesaurus.ts';
import type { Token } from './tokenize.ts';

export const BUCKET_ADVERB: Record<string, TimeBucket> = {
  yearly: 'year',
  annually: 'year',
  annual: 'year',
  quarterly: 'quarter',
  monthly: 'month',
  weekly: 'week',
  daily: 'day',
  hourly: 'hour',
};

export const BUCKET_NOUN: Record<string, TimeBucket> = {
  decad: 'decade',
  year: 'year',
  quarter: 'quarter',
  month: 'month',
  week: 'week',
  day: 'day',
  date: 'day',
  hour: 'hour',
};

export const GROUP_WORDS = new Set(['by', 'per', 'each', 'every', 'across', 'which', 'what', 'for']);

export const SEASONS: Record<string, number[]> = {
  summer: [6, 7, 8],
  winter: [12, 1, 2],
  spring: [3, 4, 5],
  autumn: [9, 10, 11],
  fall: [9, 10, 11],
};

export const TREND = [
  'over time',
  'over the years',
  'through the years',
  'through time',
  'trend',
  'trends',
  'trending',
  'timeline',
  'time series',
  'evolution',
  'evolve',
  'evolved',
  'history',
  'historically',
  'progression',
];

export const CHANGE = [
  { words: ['year', 'over', 'year'], bucket: 'year' },
  { words: ['year', 'on', 'year'], bucket: 'year' },
  { words: ['yoy'], bucket: 'year' },
  { words: ['y', '/', 'y'], bucket: 'year' },
  { words: ['month', 'over', 'month'], bucket: 'month' },
  { words: ['mom'], bucket: 'month' },
  { words: ['month', 'on', 'month'], bucket: 'month' },
  { words: ['quarter', 'over', 'quarter'], bucket: 'quarter' },
  { words: ['qoq'], bucket: 'quarter' },
  { words: ['week', 'over', 'week'], bucket: 'week' },
] as const;

export function seq(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  return words.every((w, k) => tokens[i + k]?.norm === w);
}

export function changeAt(tokens: readonly Token[], i: number): DateFinding | null {
  for (const c of CHANGE) {
    // "month-over-month" arrives with the hyphens as tokens.
    let j = i;
    const ok = c.words.every((w, k) => {
      if (k > 0 && tokens[j]?.norm === '-') j++;
      return tokens[j++]?.norm === w;
    });
    if (ok)
      return {
        start: i,
        end: j,
        kind: 'change',
        label: `${c.bucket} over ${c.bucket}`,
        bucket: c.bucket,
      };
  }
  return null;
}

export function trendAt(tokens: readonly Token[], i: number): DateFinding | null {
  for (const p of TREND) {
    const words = p.split(' ');
    if (seq(tokens, i, words))
      return { start: i, end: i + words.length, kind: 'bucket', label: p, bucket: 'auto' };
  }
  return null;
}

export function partAt(tokens: readonly Token[], i: number): DateFinding | null {
  let j = i;
  if (['on', 'in', 'during', 'at', 'over'].includes(tokens[j]?.norm ?? '')) j++;
  if (tokens[j]?.norm === 'the') j++;
  const w = tokens[j]?.norm ?? '';
  if (w === 'weekend' || w === 'weekends') return part(i, j + 1, 'weekends', 'day_of_week', [6, 7]);
  if (
    w === 'weekday' ||
    w === 'weekdays' ||
    ((w === 'working' || w === 'business' || w === 'work') && tokens[j + 1]?.stem === 'day')
  )
    return part(i, w.startsWith('weekday') ? j + 1 : j + 2, 'weekdays', 'day_of_week', [1, 2, 3, 4, 5]);
  if (w in WEEKDAYS) {
    const values = [WEEKDAYS[w]];
    let k = j + 1;
    while (
      (tokens[k]?.norm === 'and' || tokens[k]?.norm === 'or' || tokens[k]?.norm === ',') &&
      tokens[k + 1]?.norm in WEEKDAYS
    ) {
      values.push(WEEKDAYS[tokens[k + 1].norm]);
      k += 2;
    }
    return part(
      i,
      k,
      tokens
        .slice(j, k)
        .map((t) => t.raw)
        .join(' '),
      'day_of_week',
      values,
    );
  }
  // "fall" is also a verb ("did sales fall"): a season only after in/during/the.
  if (w in SEASONS && (w !== 'fall' || j > i)) return part(i, j + 1, w, 'month', SEASONS[w]);
  return null;
}

export function part(start: number, end: number, label: string, p: DatePart, values: number[]): DateFinding {
  return { start, end, kind: 'part', label, part: { part: p, values } };
}

export function bucketAt(tokens: readonly Token[], i: number): DateFinding | null {
  const w = tokens[i]?.norm ?? '';
  // "the wettest month", "our best quarter": the periods are ranked, like "which month".
  const next = tokens[i + 1];
  if (
    w in SUPERLATIVES &&
    !['most', 'least', 'fewest'].includes(w) &&
    next !== undefined &&
    next.stem in BUCKET_NOUN &&
    next.stem !== 'date' &&
    tokens[i + 2]?.norm !== 'of' &&
    tokens[i + 2]?.norm !== 'over'
  ) {
    const noun = next.stem;
    return { start: i + 1, end: i + 2, kind: 'bucket', label: noun, bucket: BUCKET_NOUN[noun], which: true };
  }
  if (w in BUCKET_ADVERB) return { start: i, end: i + 1, kind: 'bucket', label: w, bucket: BUCKET_ADVERB[w] };
  if (!GROUP_WORDS.has(w)) return null;
  let j = i + 1;
  if (w === 'for' && (tokens[j]?.norm === 'each' || tokens[j]?.norm === 'every')) j++;
  else if (w === 'for') return null;
  if (tokens[j]?.norm === 'the' || tokens[j]?.norm === 'each') j++;
  const noun = tokens[j]?.stem ?? '';
  if (
    noun === 'day' &&
    tokens[j + 1]?.norm === 'of' &&
    tokens[j + 2 + (tokens[j + 2]?.norm === 'the' ? 1 : 0)]?.stem === 'week'
  )
    return {
      start: i,
      end: j + (tokens[j + 2]?.norm === 'the' ? 4 : 3),
      kind: 'bucket',
      label: 'day of week',
      bucket: 'day_of_week',
    };
  if (noun === 'weekday')
    return { start: i, end: j + 1, kind: 'bucket', label: 'day of week', bucket: 'day_of_week' };
  if (
    noun === 'month' &&
    tokens[j + 1]?.norm === 'of' &&
    tokens[j + 2 + (tokens[j + 2]?.norm === 'the' ? 1 : 0)]?.stem === 'year'
  )
    return {
      start: i,
      end: j + (tokens[j + 2]?.norm === 'the' ? 4 : 3),
      kind: 'bucket',
      label: 'month of year',
      bucket: 'month_of_year',
    };
  if (noun === 'hour' && tokens[j + 1]?.norm === 'of')
    return { start: i, end: j + 4, kind: 'bucket', label: 'hour of day', bucket: 'hour_of_day' };
  if (noun in BUCKET_NOUN && noun !== 'date')
    return { start: i, end: j + 1, kind: 'bucket', label: `${w} ${noun}`, bucket: BUCKET_NOUN[noun] };
  return null;
}
