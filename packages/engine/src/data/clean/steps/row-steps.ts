import { EngineError } from '../../../errors.ts';
import { compileFilter } from '../../query/filter-compile.ts';
import type { StepOf } from '../recipe-schema.ts';
import { type CompileState, col, ident, passThrough, pushStep } from '../relation.ts';

/** drop_missing: rows where any (or all) of the columns are NULL (NaN counts as missing in floats). */
export function dropMissing(s: CompileState, step: StepOf<'drop_missing'>): void {
  const cols = (step.columns ?? s.columns.map((c) => c.name)).map((n) => col(s, n));
  const missing = cols.map((c) =>
    c.type === 'float' ? `(${ident(c.name)} IS NULL OR isnan(${ident(c.name)}))` : `${ident(c.name)} IS NULL`,
  );
  const cond = missing.join(step.how === 'all' ? ' AND ' : ' OR ');
  pushStep(s, passThrough(s), s.columns, `WHERE NOT (${cond})`);
}

/** drop_duplicates: keeps the first row (in the current order) of each group of equal values. */
export function dropDuplicates(s: CompileState, step: StepOf<'drop_duplicates'>): void {
  const cols = (step.columns ?? s.columns.map((c) => c.name)).map((n) => ident(col(s, n).name));
  pushStep(
    s,
    passThrough(s),
    s.columns,
    `QUALIFY row_number() OVER (PARTITION BY ${cols.join(', ')} ORDER BY ${order(s)}) = 1`,
  );
}

/** filter: the rows endpoint's filter language, compiled by data/query with bound values. */
export function filter(s: CompileState, step: StepOf<'filter'>): void {
  let compiled: ReturnType<typeof compileFilter>;
  try {
    compiled = compileFilter(
      step.expression,
      s.columns.map((c) => ({ name: c.name, type: c.type })),
      s.params.length + 1,
    );
  } catch (e) {
    if (e instanceof EngineError) e.details.step = s.step;
    throw e;
  }
  s.params.push(...compiled.params);
  pushStep(s, passThrough(s), s.columns, `WHERE ${compiled.sql}`);
}

/**
 * sort: renumbers the order column in the new order (ties keep their previous order), so the
 * final ORDER BY on it, and any later "first row" logic, follow the sort.
 */
export function sort(s: CompileState, step: StepOf<'sort'>): void {
  const keys = step.by.map(
    (k) => `${ident(col(s, k.column).name)} ${k.descending ? 'DESC' : 'ASC'} NULLS LAST`,
  );
  const order = `row_number() OVER (ORDER BY ${[...keys, ident(s.orderColumn)].join(', ')}) AS ${ident(s.orderColumn)}`;
  const list = [...passThrough(s), ident(s.rowColumn), order];
  const name = `s${s.ctes.length}`;
  s.ctes.push(`${name} AS (SELECT ${list.join(', ')} FROM ${s.current})`);
  s.current = name;
}

/** The current row order for window functions. */
export function order(s: CompileState): string {
  return ident(s.orderColumn);
}
