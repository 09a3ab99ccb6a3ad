/**
 * Checks a schema-valid plan against the dataset: every column exists and every operation
 * fits the column's type. Plans from the built-in parser and from an LLM both pass here, so an
 * LLM cannot reach a column or an operation the parser could not.
 */
import { EngineError } from '../errors.ts';
import { isNumeric, isTemporal, isText, isYearColumn } from './column-kinds.ts';
import { type Filter, type QueryPlan, QueryPlanSchema } from './plan.ts';
import type { NlqColumn } from './types.ts';

export type PlanCheck = { ok: true; plan: QueryPlan } | { ok: false; problems: string[] };

/** Parses unknown JSON into a plan valid for these columns, or lists what is wrong. */
export function checkPlan(input: unknown, columns: readonly NlqColumn[]): PlanCheck {
  const parsed = QueryPlanSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  const problems = semanticProblems(parsed.data, columns);
  return problems.length ? { ok: false, problems } : { ok: true, plan: parsed.data };
}

/** Like `checkPlan` but throws INVALID_OPTIONS; for plans built in code. */
export function validatePlan(input: unknown, columns: readonly NlqColumn[]): QueryPlan {
  const r = checkPlan(input, columns);
  if (!r.ok)
    throw new EngineError('INVALID_OPTIONS', `Invalid query plan: ${r.problems.join('; ')}`, {
      problems: r.problems,
    });
  return r.plan;
}

function semanticProblems(plan: QueryPlan, columns: readonly NlqColumn[]): string[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const problems: string[] = [];
  const col = (name: string, where: string): NlqColumn | undefined => {
    const c = byName.get(name);
    if (!c) problems.push(`${where}: unknown column "${name}"`);
    return c;
  };
  const checkFilter = (f: Filter, where: string) => {
    const c = col(f.column, where);
    if (!c) return;
    const problem = filterProblem(f, c);
    if (problem) problems.push(`${where}: ${problem}`);
  };
  for (const [i, m] of plan.measures.entries()) {
    if (m.column === null) {
      if (m.agg !== 'count' && m.agg !== 'share') problems.push(`measures.${i}: ${m.agg} needs a column`);
    } else {
      const c = col(m.column, `measures.${i}`);
      if (c && ['sum', 'avg', 'median', 'stddev', 'share'].includes(m.agg) && !isNumeric(c))
        problems.push(`measures.${i}: ${m.agg} needs a numeric column, "${c.name}" is ${c.storageType}`);
    }
    if (m.where && m.agg !== 'share') problems.push(`measures.${i}: only share takes a where`);
    if (m.agg === 'share' && !m.where?.length) problems.push(`measures.${i}: share needs a where`);
    for (const [j, f] of (m.where ?? []).entries()) checkFilter(f, `measures.${i}.where.${j}`);
  }
  for (const [i, d] of plan.dimensions.entries()) {
    const c = col(d.column, `dimensions.${i}`);
    if (c && d.bucket && !isTemporal(c) && !(d.bucket === 'decade' && isYearColumn(c)))
      problems.push(`dimensions.${i}: bucket needs a date column`);
  }
  for (const [i, f] of plan.filters.entries()) checkFilter(f, `filters.${i}`);
  for (const [i, s] of plan.sort.entries()) {
    if (s.by === 'column' && (!s.column || !byName.has(s.column))) problems.push(`sort.${i}: unknown column`);
    if (s.by === 'change' && (plan.change !== 'previous' || plan.kind !== 'aggregate'))
      problems.push(`sort.${i}: sorting by change needs change 'previous'`);
    if (s.by === 'measure' && (s.index ?? 0) >= plan.measures.length)
      problems.push(`sort.${i}: no such measure`);
    if (s.by === 'dimension' && (s.index ?? 0) >= plan.dimensions.length)
      problems.push(`sort.${i}: no such dimension`);
  }
  for (const [i, h] of plan.having.entries())
    if (h.measure >= plan.measures.length) problems.push(`having.${i}: no such measure`);
  for (const [i, p] of plan.periods.entries()) {
    const c = col(p.column, `periods.${i}`);
    if (c && !isTemporal(c) && !isYearColumn(c)) problems.push(`periods.${i}: needs a date column`);
  }
  for (const [i, name] of plan.select.entries()) col(name, `select.${i}`);
  for (const [i, name] of plan.correlate.entries()) {
    const c = col(name, `correlate.${i}`);
    if (c && !isNumeric(c)) problems.push(`correlate.${i}: "${name}" is not numeric`);
  }
  problems.push(...kindProblems(plan));
  return problems;
}

function filterProblem(f: Filter, c: NlqColumn): string | null {
  switch (f.op) {
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof f.value === 'number' ? !isNumeric(c) : !isTemporal(c))
        return `cannot compare "${c.name}" with ${f.value}`;
      return null;
    case 'between':
      return isNumeric(c) ? null : `between needs a numeric column`;
    case 'date_range':
    case 'date_part':
      return isTemporal(c) ? null : `${f.op} needs a date column`;
    case 'latest':
    case 'earliest':
      return isTemporal(c) || isYearColumn(c) ? null : `${f.op} needs a date or year column`;
    case 'contains':
    case 'starts_with':
      return isText(c) ? null : `${f.op} needs a text column`;
    default:
      return null;
  }
}

function kindProblems(plan: QueryPlan): string[] {
  switch (plan.kind) {
    case 'aggregate':
      return plan.measures.length ? [] : ['aggregate needs a measure'];
    case 'rows':
    case 'distinct':
      return plan.select.length ? [] : [`${plan.kind} needs select`];
    case 'distribution':
      return plan.select.length === 1 ? [] : ['distribution needs one column in select'];
    case 'correlation':
      return plan.correlate.length === 2 ? [] : ['correlation needs two columns'];
    case 'drivers':
      return plan.correlate.length >= 2 ? [] : ['drivers needs a target and candidates'];
    case 'compare_periods':
      return plan.periods.length >= 2 && plan.measures.length === 1
        ? []
        : ['compare_periods needs two periods and one measure'];
  }
}
