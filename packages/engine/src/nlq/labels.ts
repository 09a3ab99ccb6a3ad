/** Human labels for plan parts: result column names, sentences and interpretation chips. */
import type { Aggregate, Dimension, Filter, Measure, QueryPlan, TimeBucket } from './plan.ts';

const AGG_WORD: Record<Aggregate, string> = {
  count: 'Count',
  count_distinct: 'Distinct',
  sum: 'Total',
  avg: 'Average',
  median: 'Median',
  min: 'Minimum',
  max: 'Maximum',
  stddev: 'Std. deviation of',
  share: 'Share of',
};

const BUCKET_WORD: Record<TimeBucket, string> = {
  decade: 'Decade',
  year: 'Year',
  quarter: 'Quarter',
  month: 'Month',
  week: 'Week',
  day: 'Day',
  hour: 'Hour',
  day_of_week: 'Day of week',
  month_of_year: 'Month of year',
  quarter_of_year: 'Quarter of year',
  hour_of_day: 'Hour of day',
};

export function measureLabel(m: Measure): string {
  if (m.agg === 'count') return m.column ? `Count of ${m.column}` : 'Count';
  if (m.agg === 'share') return m.column ? `Share of ${m.column} (%)` : 'Share of rows (%)';
  if (m.agg === 'count_distinct') return `Distinct ${m.column}`;
  return `${AGG_WORD[m.agg]} ${m.column}`;
}

/** The phrase used inside a sentence: "the average Horsepower", "the number of rows". */
export function measurePhrase(m: Measure, rowNoun = 'rows'): string {
  switch (m.agg) {
    case 'count':
      return m.column ? `the number of non-missing ${m.column} values` : `the number of ${rowNoun}`;
    case 'count_distinct':
      return `the number of distinct ${m.column} values`;
    case 'share':
      return m.column ? `the share of total ${m.column}` : `the share of ${rowNoun}`;
    case 'stddev':
      return `the standard deviation of ${m.column}`;
    default:
      return `the ${AGG_WORD[m.agg].toLowerCase()} ${m.column}`;
  }
}

export function dimensionLabel(d: Dimension): string {
  return d.bucket ? `${d.column} (${BUCKET_WORD[d.bucket].toLowerCase()})` : d.column;
}

export function bucketWord(b: TimeBucket): string {
  return BUCKET_WORD[b].toLowerCase();
}

const DAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const MONTH_NAMES = [
  '',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * The plan's filters as words, " for A and B" (or ""). "Which origin…" leaves out rows without
 * an origin; saying so adds nothing, so a grouped column's `is present` goes unsaid.
 */
export function filtersPhrase(plan: QueryPlan): string {
  const grouped = new Set(plan.dimensions.map((d) => d.column));
  const said = plan.filters.filter((f) => !(f.op === 'not_null' && grouped.has(f.column)));
  return said.length ? ` for ${said.map(filterPhrase).join(' and ')}` : '';
}

/** "Origin = Japan", "Year from 2019-01-01 to 2019-12-31". */
export function filterPhrase(f: Filter): string {
  switch (f.op) {
    case 'eq':
      return `${f.column} = ${f.value}`;
    case 'neq':
      return `${f.column} ≠ ${f.value}`;
    case 'in':
      return `${f.column} in (${f.values.join(', ')})`;
    case 'not_in':
      return `${f.column} not in (${f.values.join(', ')})`;
    case 'gt':
      return `${f.column} > ${f.value}`;
    case 'gte':
      return `${f.column} ≥ ${f.value}`;
    case 'lt':
      return `${f.column} < ${f.value}`;
    case 'lte':
      return `${f.column} ≤ ${f.value}`;
    case 'between':
      return `${f.column} between ${f.from} and ${f.to}`;
    case 'date_range':
      return `${f.column} from ${f.from} to ${dayBefore(f.to)}`;
    case 'date_part':
      return `${f.column} ${datePartPhrase(f.part, f.values)}`;
    case 'contains':
      return `${f.column} contains "${f.value}"`;
    case 'starts_with':
      return `${f.column} starts with "${f.value}"`;
    case 'is_null':
      return `${f.column} is missing`;
    case 'not_null':
      return `${f.column} is present`;
    case 'latest':
      return `the latest ${f.column}`;
    case 'earliest':
      return `the earliest ${f.column}`;
  }
}

function datePartPhrase(part: string, values: number[]): string {
  if (part === 'day_of_week') return `on ${values.map((v) => DAY_NAMES[v] ?? v).join('/')}`;
  if (part === 'month') return `in ${values.map((v) => MONTH_NAMES[v] ?? v).join('/')}`;
  if (part === 'quarter') return `in ${values.map((v) => `Q${v}`).join('/')}`;
  return `${part} in ${values.join(', ')}`;
}

/** The inclusive end of a half-open date range. */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
