/**
 * SQL fragments for plan parts. Every identifier goes through `quoteIdent` and every value from
 * a plan is pushed to `params` and referenced as `$n`: no user text is ever spliced into SQL.
 * The only literals written here are fixed numbers and date-part keywords of this file.
 */
import { quoteIdent } from '../data/sql.ts';
import { isTemporal, isYearColumn } from './column-kinds.ts';
import type { Dimension, Filter, Measure } from './plan.ts';
import type { NlqColumn } from './types.ts';

export type SqlParam = string | number | boolean;

/** The view every generated statement reads (execute.ts creates it over the version). */
export const DATASET_VIEW = 'dataset';

/** Collects bound values; `$n` numbering is shared by the whole statement. */
export class Params {
  readonly values: SqlParam[] = [];
  add(v: SqlParam): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

export type ColumnLookup = (name: string) => NlqColumn;

export function ident(name: string): string {
  return quoteIdent(name);
}

function castFor(c: NlqColumn, ref: string): string {
  if (c.storageType === 'datetime') return `CAST(${ref} AS TIMESTAMP)`;
  if (c.storageType === 'date') return `CAST(${ref} AS DATE)`;
  return ref;
}

const PART_FN = {
  day_of_week: 'isodow',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
  hour: 'hour',
} as const;

export function filterSql(f: Filter, col: ColumnLookup, p: Params): string {
  const c = col(f.column);
  const id = ident(f.column);
  switch (f.op) {
    case 'eq':
      return `${id} = ${p.add(f.value)}`;
    case 'neq':
      return `${id} <> ${p.add(f.value)}`;
    case 'in':
    case 'not_in':
      return `${id} ${f.op === 'in' ? 'IN' : 'NOT IN'} (${f.values.map((v) => p.add(v)).join(', ')})`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[f.op];
      const v = typeof f.value === 'string' ? castFor(c, p.add(f.value)) : p.add(f.value);
      return `${id} ${op} ${v}`;
    }
    case 'between':
      return `${id} BETWEEN ${p.add(f.from)} AND ${p.add(f.to)}`;
    case 'date_range':
      return `${id} >= ${castFor(c, p.add(f.from))} AND ${id} < ${castFor(c, p.add(f.to))}`;
    case 'date_part':
      return `${PART_FN[f.part]}(${id}) IN (${f.values.map((v) => p.add(v)).join(', ')})`;
    case 'contains':
      // contains() on lower-cased text needs no LIKE escaping of % and _ in the user's value.
      return `contains(lower(${id}), ${p.add(f.value.toLowerCase())})`;
    case 'starts_with':
      return `starts_with(lower(${id}), ${p.add(f.value.toLowerCase())})`;
    case 'is_null':
      return `${id} IS NULL`;
    case 'not_null':
      return `${id} IS NOT NULL`;
    case 'latest':
    case 'earliest':
      return pointSql(f.op, id, [], col, p);
  }
}

/**
 * `date = (SELECT max(date) … )`: the last (first) time among the rows the other filters keep,
 * so "the last price of AAPL in 2009" is AAPL's last price in 2009, not the table's last date.
 */
function pointSql(
  op: 'latest' | 'earliest',
  id: string,
  others: readonly Filter[],
  col: ColumnLookup,
  p: Params,
): string {
  const inner = [`${id} IS NOT NULL`, ...others.map((o) => filterSql(o, col, p))].join(' AND ');
  return `${id} = (SELECT ${op === 'latest' ? 'max' : 'min'}(${id}) FROM ${ident(DATASET_VIEW)} WHERE ${inner})`;
}

export function whereSql(filters: readonly Filter[], col: ColumnLookup, p: Params): string {
  const others = filters.filter((f) => f.op !== 'latest' && f.op !== 'earliest');
  return filters
    .map((f) =>
      f.op === 'latest' || f.op === 'earliest'
        ? pointSql(f.op, ident(f.column), others, col, p)
        : filterSql(f, col, p),
    )
    .join(' AND ');
}

/** `agg(...)`, with an optional FILTER clause used by period comparisons. */
export function measureSql(m: Measure, col: ColumnLookup, p: Params, filterClause = ''): string {
  const id = m.column ? ident(m.column) : '';
  const fc = filterClause ? ` FILTER (WHERE ${filterClause})` : '';
  switch (m.agg) {
    case 'count':
      return `count(${m.column ? id : '*'})${fc}`;
    case 'count_distinct':
      return `count(DISTINCT ${id})${fc}`;
    case 'sum':
    case 'avg':
    case 'median':
    case 'min':
    case 'max':
      return `${m.agg}(${id})${fc}`;
    case 'stddev':
      return `stddev_samp(${id})${fc}`;
    case 'share': {
      const part = whereSql(m.where ?? [], col, p);
      const cond = filterClause ? `(${filterClause}) AND ${part}` : part;
      const whole = filterClause ? ` FILTER (WHERE ${filterClause})` : '';
      return m.column
        ? `100.0 * sum(${id}) FILTER (WHERE ${cond}) / sum(${id})${whole}`
        : `100.0 * count(*) FILTER (WHERE ${cond}) / count(*)${whole}`;
    }
  }
}

export interface DimensionSql {
  /** The value shown. */
  select: string;
  /** Expressions grouped by (a cyclic part is grouped by its number too, for ordering). */
  group: string[];
  /** The expression that orders this dimension naturally. */
  order: string;
}

export function dimensionSql(d: Dimension, c?: NlqColumn): DimensionSql {
  const id = ident(d.column);
  const one = (e: string): DimensionSql => ({ select: e, group: [e], order: e });
  switch (d.bucket) {
    case undefined:
      return one(id);
    case 'decade': {
      // A date's year, or a column of years itself: 1990 stands for 1990–1999.
      const y = c && !isTemporal(c) ? id : `year(${id})`;
      return one(`CAST(floor(${y} / 10) * 10 AS INTEGER)`);
    }
    case 'year':
      return one(`year(${id})`);
    case 'quarter':
    case 'month':
    case 'week':
      return one(`CAST(date_trunc('${d.bucket}', ${id}) AS DATE)`);
    case 'day':
      return one(`CAST(${id} AS DATE)`);
    case 'hour':
      return one(`date_trunc('hour', ${id})`);
    case 'day_of_week':
      return { select: `dayname(${id})`, group: [`isodow(${id})`, `dayname(${id})`], order: `isodow(${id})` };
    case 'month_of_year':
      return {
        select: `monthname(${id})`,
        group: [`month(${id})`, `monthname(${id})`],
        order: `month(${id})`,
      };
    case 'quarter_of_year':
      return one(`quarter(${id})`);
    case 'hour_of_day':
      return one(`hour(${id})`);
  }
}

/** True when the dimension is ordered in time (a calendar bucket or a year column). */
export function isTimeDimension(d: Dimension, col: ColumnLookup): boolean {
  const c = col(d.column);
  return d.bucket !== undefined || isTemporal(c) || isYearColumn(c);
}
