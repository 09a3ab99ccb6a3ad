import type { NlqColumn, NlqProfile, QueryPlan } from '@uam/engine';

const TEXT = new Set(['string', 'boolean']);
const NUMBER = new Set(['integer', 'float', 'decimal']);

/**
 * Follow-up questions that make sense after an answer, phrased the way the engine's follow-up
 * reader understands them ("only the top 5", "by region instead", "and for Germany?", "why?").
 * At most `max`, most useful first; none after a clarification or a refusal.
 */
export function followUpsFor(
  plan: QueryPlan | null,
  rowCount: number,
  columns: readonly NlqColumn[],
  profile: NlqProfile | undefined,
  max = 4,
): string[] {
  if (!plan) return [];
  const out: string[] = [];
  const used = new Set([
    ...plan.dimensions.map((d) => d.column),
    ...plan.filters.map((f) => f.column),
    ...plan.measures.flatMap((m) => (m.column ? [m.column] : [])),
  ]);
  const groups = columns.filter((c) => TEXT.has(c.storageType) && fewValues(c, profile) && !used.has(c.name));
  if (plan.kind === 'aggregate' && plan.dimensions.length > 0) {
    if (plan.limit === null && rowCount > 5) out.push('only the top 5');
    if (groups[0] && !plan.dimensions[0]?.bucket) out.push(`by ${groups[0].name} instead`);
    if (plan.dimensions[0]?.bucket)
      out.push(plan.chart === 'bar' ? 'show it as a line chart' : 'show it as a bar chart');
  }
  const eq = plan.filters.find((f) => f.op === 'eq' && typeof f.value === 'string');
  if (eq && eq.op === 'eq') {
    const other = profile?.columns[eq.column]?.topValues?.find((v) => v !== eq.value);
    if (other && isPlainValue(other)) out.push(`and for ${other}?`);
  }
  if (plan.kind === 'aggregate' && plan.dimensions.length === 0 && groups[0])
    out.push(`by ${groups[0].name}`);
  const measured = plan.measures[0]?.column;
  const numbers = columns.filter((c) => NUMBER.has(c.storageType) && c.semanticType !== 'identifier');
  if (measured && plan.kind === 'aggregate' && numbers.length >= 2) out.push('why?');
  return [...new Set(out)].slice(0, max);
}

function fewValues(c: NlqColumn, profile?: NlqProfile): boolean {
  const d = profile?.columns[c.name]?.distinct;
  return d === undefined
    ? c.semanticType === 'categorical' || c.semanticType === 'ordinal'
    : d >= 2 && d <= 50;
}

/** A value that reads back as itself inside a question (no quotes or question syntax). */
function isPlainValue(v: string): boolean {
  return v.length <= 40 && /^[\p{L}\p{N} .&'-]+$/u.test(v);
}
