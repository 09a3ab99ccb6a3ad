/**
 * Plan → one read-only DuckDB SELECT over the `"dataset"` view. The SQL is built only from the
 * plan (already validated against the schema): identifiers quoted, values bound as `$n`.
 */
import { isYearColumn } from './column-kinds.ts';
import { dimensionLabel, measureLabel } from './labels.ts';
import type { Measure, Period, QueryPlan } from './plan.ts';
import {
  type ColumnLookup,
  DATASET_VIEW,
  dimensionSql,
  ident,
  isTimeDimension,
  measureSql,
  Params,
  type SqlParam,
  whereSql,
} from './sql-expressions.ts';
import type { AnswerColumn, NlqColumn } from './types.ts';

export { DATASET_VIEW };

const FROM = `FROM ${ident(DATASET_VIEW)}`;

export interface GeneratedSql {
  sql: string;
  params: SqlParam[];
  /** Result columns in order, with their role. */
  columns: Pick<AnswerColumn, 'name' | 'role'>[];
}

export interface GenerateOptions {
  /** Rows fetched at most; one more is asked for so truncation can be reported. */
  rowCap: number;
}

/** @example generateSql(makePlan({ kind: 'aggregate', measures: [{ agg: 'count', column: null }] }), cols, { rowCap: 1000 }) */
export function generateSql(
  plan: QueryPlan,
  columns: readonly NlqColumn[],
  opts: GenerateOptions,
): GeneratedSql {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const col: ColumnLookup = (name) => {
    const c = byName.get(name);
    if (!c) throw new Error(`unknown column ${name}`);
    return c;
  };
  const p = new Params();
  const build = BUILDERS[plan.kind];
  const { sql, columns: out } = build(plan, col, p, opts);
  return { sql, params: p.values, columns: out };
}

type Builder = (
  plan: QueryPlan,
  col: ColumnLookup,
  p: Params,
  opts: GenerateOptions,
) => { sql: string; columns: GeneratedSql['columns'] };

const BUILDERS: Record<QueryPlan['kind'], Builder> = {
  aggregate: (plan, col, p, opts) =>
    aggregateSql(
      plan,
      col,
      p,
      opts,
      plan.measures.map((m) => ({ m })),
    ),
  compare_periods: comparePeriodsSql,
  rows: rowsSql,
  distinct: distinctSql,
  distribution: distributionSql,
  correlation: correlationSql,
  drivers: driversSql,
};

function limitSql(plan: QueryPlan, p: Params, opts: GenerateOptions): string {
  const n = plan.limit !== null && plan.limit <= opts.rowCap ? plan.limit : opts.rowCap + 1;
  return `LIMIT ${p.add(n)}`;
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n} ${k}`;
  });
}

interface MeasureSlot {
  m: Measure;
  filterClause?: string;
  label?: string;
}

function aggregateSql(
  plan: QueryPlan,
  col: ColumnLookup,
  p: Params,
  opts: GenerateOptions,
  slots: MeasureSlot[],
) {
  const dims = plan.dimensions.map((d) => dimensionSql(d, col(d.column)));
  const where = whereSql(plan.filters, col, p);
  const mExprs = slots.map((s) => measureSql(s.m, col, p, s.filterClause));
  const names = uniqueNames([
    ...plan.dimensions.map(dimensionLabel),
    ...slots.map((s) => s.label ?? measureLabel(s.m)),
  ]);
  const select = [...dims.map((d) => d.select), ...mExprs].map((e, i) => `${e} AS ${ident(names[i])}`);
  const columns: GeneratedSql['columns'] = names.map((name, i) => ({
    name,
    role: i < dims.length ? 'dimension' : 'measure',
  }));
  const first = mExprs[0];
  if (plan.share && dims.length > 0) {
    select.push(`100.0 * ${first} / sum(${first}) OVER () AS ${ident('Share (%)')}`);
    columns.push({ name: 'Share (%)', role: 'measure' });
  }
  if (plan.change === 'previous' && dims.length > 0) {
    // Each group of the other dimensions has its own series: 2024's Clothing is compared with
    // 2023's Clothing, not with whichever row precedes it.
    const partition =
      dims.length > 1
        ? `PARTITION BY ${dims
            .slice(1)
            .map((d) => d.order)
            .join(', ')} `
        : '';
    const lag = `lag(${first}) OVER (${partition}ORDER BY ${dims[0].order})`;
    select.push(`${first} - ${lag} AS ${ident('Change')}`);
    select.push(`100.0 * (${first} - ${lag}) / abs(${lag}) AS ${ident('Change (%)')}`);
    columns.push({ name: 'Change', role: 'measure' }, { name: 'Change (%)', role: 'measure' });
  }
  const parts = [`SELECT ${select.join(', ')}`, FROM];
  if (where) parts.push(`WHERE ${where}`);
  if (dims.length) parts.push(`GROUP BY ${dims.flatMap((d) => d.group).join(', ')}`);
  if (plan.having.length) {
    const ops = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=', neq: '<>' };
    parts.push(
      `HAVING ${plan.having.map((h) => `${mExprs[h.measure]} ${ops[h.op]} ${p.add(h.value)}`).join(' AND ')}`,
    );
  }
  if (dims.length) {
    const order = plan.sort.map((s) => {
      const dir = s.dir === 'asc' ? 'ASC' : 'DESC';
      if (s.by === 'measure') return `${mExprs[s.index ?? 0]} ${dir} NULLS LAST`;
      if (s.by === 'dimension') return `${dims[s.index ?? 0].order} ${dir}`;
      if (s.by === 'change') return `${ident('Change')} ${dir} NULLS LAST`;
      return `${ident(s.column ?? '')} ${dir}`;
    });
    if (!plan.sort.length) {
      const timeFirst = isTimeDimension(plan.dimensions[0], col);
      order.push(timeFirst ? `${dims[0].order} ASC` : `${first} DESC NULLS LAST`);
    }
    // Ties break on the dimensions so the same question always returns the same rows.
    for (const d of dims) order.push(`${d.order} ASC`);
    parts.push(`ORDER BY ${dedupeOrder(order).join(', ')}`);
    parts.push(limitSql(plan, p, opts));
  }
  return { sql: parts.join(' '), columns };
}

/** Drops an ORDER BY term whose expression was already ordered on. */
function dedupeOrder(terms: string[]): string[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const expr = t.replace(/ (ASC|DESC)( NULLS LAST)?$/, '');
    // A column ordered once is ordered; later tie-breaks on it add nothing.
    if (seen.has(expr)) return false;
    seen.add(expr);
    return true;
  });
}

function periodClause(period: Period, col: ColumnLookup, p: Params): string {
  const c = col(period.column);
  if (isYearColumn(c)) {
    const from = Number(period.from.slice(0, 4));
    const to = Number(period.to.slice(0, 4)) + (period.to.slice(5) === '01-01' ? 0 : 1);
    return `${ident(c.name)} >= ${p.add(from)} AND ${ident(c.name)} < ${p.add(to)}`;
  }
  const cast = c.storageType === 'datetime' ? 'TIMESTAMP' : 'DATE';
  return `${ident(c.name)} >= CAST(${p.add(period.from)} AS ${cast}) AND ${ident(c.name)} < CAST(${p.add(period.to)} AS ${cast})`;
}

function comparePeriodsSql(plan: QueryPlan, col: ColumnLookup, p: Params, opts: GenerateOptions) {
  const m = plan.measures[0];
  const slots = plan.periods.map((period) => ({
    m,
    filterClause: periodClause(period, col, p),
    label: period.label,
  }));
  const built = aggregateSql({ ...plan, share: false, change: 'none' }, col, p, opts, slots);
  if (plan.periods.length !== 2) return built;
  // Change columns reuse the two period expressions; the SELECT list is rebuilt around them.
  const [a, b] = slots.map((s) => measureSql(s.m, col, p, s.filterClause));
  const extra = `, ${b} - ${a} AS ${ident('Change')}, 100.0 * (${b} - ${a}) / abs(${a}) AS ${ident('Change (%)')}`;
  const sql = built.sql.replace(` ${FROM}`, `${extra} ${FROM}`);
  return {
    sql,
    columns: [
      ...built.columns,
      { name: 'Change', role: 'measure' as const },
      { name: 'Change (%)', role: 'measure' as const },
    ],
  };
}

function rowsSql(plan: QueryPlan, col: ColumnLookup, p: Params, opts: GenerateOptions) {
  const where = whereSql(plan.filters, col, p);
  const parts = [`SELECT ${plan.select.map(ident).join(', ')}`, FROM];
  if (where) parts.push(`WHERE ${where}`);
  const order = plan.sort
    .filter((s) => s.by === 'column' && s.column)
    .map((s) => `${ident(s.column ?? '')} ${s.dir === 'asc' ? 'ASC' : 'DESC'} NULLS LAST`);
  // Deterministic order for ties and for plain listings: the selected columns.
  order.push(...plan.select.map((c) => `${ident(c)} ASC`));
  parts.push(`ORDER BY ${dedupeOrder(order).join(', ')}`, limitSql(plan, p, opts));
  return { sql: parts.join(' '), columns: plan.select.map((name) => ({ name, role: 'field' as const })) };
}

function distinctSql(plan: QueryPlan, col: ColumnLookup, p: Params, opts: GenerateOptions) {
  const c = ident(plan.select[0]);
  const where = [`${c} IS NOT NULL`, whereSql(plan.filters, col, p)].filter(Boolean).join(' AND ');
  const sql = `SELECT ${c}, count(*) AS ${ident('Rows')} ${FROM} WHERE ${where} GROUP BY ${c} ORDER BY count(*) DESC, ${c} ASC ${limitSql(plan, p, opts)}`;
  return {
    sql,
    columns: [
      { name: plan.select[0], role: 'dimension' as const },
      { name: 'Rows', role: 'measure' as const },
    ],
  };
}

/**
 * Equal-width histogram with a "nice" bin width: the range over 12 is rounded up to 1, 2 or 5
 * times a power of ten, and bins start at multiples of that width.
 */
function distributionSql(plan: QueryPlan, col: ColumnLookup, p: Params, opts: GenerateOptions) {
  const c = ident(plan.select[0]);
  const where = [`${c} IS NOT NULL`, whereSql(plan.filters, col, p)].filter(Boolean).join(' AND ');
  const raw = `(max("v") - min("v")) / 12.0`;
  const mag = `pow(10, floor(log10(${raw})))`;
  const width = `CASE WHEN max("v") = min("v") THEN 1.0 ELSE (CASE WHEN ${raw} / ${mag} <= 1 THEN 1 WHEN ${raw} / ${mag} <= 2 THEN 2 WHEN ${raw} / ${mag} <= 5 THEN 5 ELSE 10 END) * ${mag} END`;
  const sql =
    `WITH "values" AS (SELECT CAST(${c} AS DOUBLE) AS "v" ${FROM} WHERE ${where}), ` +
    `"width" AS (SELECT ${width} AS "w" FROM "values") ` +
    `SELECT floor("v" / "w") * "w" AS ${ident('From')}, floor("v" / "w") * "w" + "w" AS ${ident('To')}, count(*) AS ${ident('Rows')} ` +
    `FROM "values", "width" GROUP BY 1, 2 ORDER BY 1 ${limitSql({ ...plan, limit: null }, p, opts)}`;
  return {
    sql,
    columns: [
      { name: 'From', role: 'dimension' as const },
      { name: 'To', role: 'dimension' as const },
      { name: 'Rows', role: 'measure' as const },
    ],
  };
}

function correlationSql(plan: QueryPlan, col: ColumnLookup, p: Params) {
  const [a, b] = plan.correlate.map(ident);
  const where = [`${a} IS NOT NULL`, `${b} IS NOT NULL`, whereSql(plan.filters, col, p)]
    .filter(Boolean)
    .join(' AND ');
  const sql = `SELECT corr(${a}, ${b}) AS ${ident('Correlation')}, count(*) AS ${ident('Rows')} ${FROM} WHERE ${where}`;
  return {
    sql,
    columns: [
      { name: 'Correlation', role: 'measure' as const },
      { name: 'Rows', role: 'measure' as const },
    ],
  };
}

/** One row: the correlation of the target with each candidate; the answer unpivots it. */
function driversSql(plan: QueryPlan, col: ColumnLookup, p: Params) {
  const [target, ...candidates] = plan.correlate;
  const where = whereSql(plan.filters, col, p);
  const exprs = candidates.map((c) => `corr(${ident(target)}, ${ident(c)}) AS ${ident(c)}`);
  const sql = `SELECT ${exprs.join(', ')} ${FROM}${where ? ` WHERE ${where}` : ''}`;
  return { sql, columns: candidates.map((name) => ({ name, role: 'measure' as const })) };
}
