/** Plans that list rows: lookups ("the budget of Titanic") and rankings of rows ("the 3 heaviest cars"). */
import { isMeasurable, isTemporal } from './column-kinds.ts';
import type { QuestionContext } from './context.ts';
import type { Draft, DraftMeasure } from './draft.ts';
import { makePlan, type QueryPlan } from './plan.ts';

export type Built =
  | { plan: QueryPlan; confidence: number }
  | { clarify: { reason: string; choices: { label: string; question: string }[] } }
  | { refuse: string };

export function rowsPlan(
  d: Draft,
  ctx: QuestionContext,
  measures: DraftMeasure[],
  chart: QueryPlan['chart'],
): Built {
  const select: string[] = [];
  const add = (c: string | undefined) => {
    if (c && !select.includes(c)) select.push(c);
  };
  // What a row is called by: its name column, else its date, else its first text column.
  add(
    (ctx.labelColumn ?? ctx.columns.find(isTemporal) ?? ctx.columns.find((c) => c.storageType === 'string'))
      ?.name,
  );
  for (const c of d.show) add(c.name);
  for (const m of measures) add(m.column?.name);
  for (const x of d.filters) add(x.column);
  for (const c of d.loose) add(c.name);
  if (select.length < 2) for (const c of ctx.columns.slice(0, 6)) add(c.name);
  const sortCol =
    measures.find((m) => m.superlative)?.column ??
    (d.limit !== null || d.sortDir ? measures[0]?.column : undefined);
  const dir = d.sortDir ?? (measures.find((m) => m.superlative)?.superlative === 'min' ? 'asc' : 'desc');
  const sort = sortCol ? [{ by: 'column' as const, column: sortCol.name, dir }] : [];
  if (!sortCol && d.sortDir) {
    // "the 5 biggest orders": biggest by what?
    const choices = ctx.columns.filter(isMeasurable).slice(0, 6);
    return {
      clarify: {
        reason: 'Ranked by which column?',
        choices: choices.map((c) => ({
          label: c.name,
          question: `${d.limit ? `top ${d.limit}` : 'top 1'} rows by ${c.name}`,
        })),
      },
    };
  }
  // "which movie grossed the most": one; "which movies…": a short list.
  const limit =
    d.limit ?? (measures.some((m) => m.superlative) || d.sortDir ? (d.pluralRows ? 10 : 1) : null);
  return { plan: makePlan({ kind: 'rows', select, filters: d.filters, sort, limit, chart }), confidence: 1 };
}
