/**
 * Follow-ups. A question that only adds a filter, a period, a limit, a group or a chart type
 * ("and for Germany?", "only the top 5", "what about 2021?", "by month instead", "show it as
 * a line chart", "why?") changes the previous plan instead of starting over. The conversation
 * is a plain value the caller stores and passes back.
 */
import { isMeasurable, isYearColumn } from './column-kinds.ts';
import type { QuestionContext } from './context.ts';
import { isOneYearRange } from './date-checks.ts';
import type { Draft, Outcome } from './draft.ts';
import { finalize } from './finalize.ts';
import { readQuestion } from './parse-question.ts';
import type { Filter, QueryPlan } from './plan.ts';
import type { Conversation } from './types.ts';
import { checkPlan } from './validate-plan.ts';

export function newConversation(): Conversation {
  return { turns: [], lastPlan: null, pending: null };
}

const ORDINALS: Record<string, number> = {
  first: 0,
  '1': 0,
  one: 0,
  second: 1,
  '2': 1,
  two: 1,
  third: 2,
  '3': 2,
  three: 2,
  fourth: 3,
  '4': 3,
  fifth: 4,
  '5': 4,
  sixth: 5,
  '6': 5,
};

/** After a clarification: the chosen option's full question, if the reply picks one. */
export function pickPendingChoice(question: string, conv: Conversation): string | null {
  const pending = conv.pending;
  if (!pending) return null;
  const q = question
    .trim()
    .toLowerCase()
    .replace(/[?.!]+$/, '');
  const exact = pending.choices.find((c) => c.label.toLowerCase() === q || c.question.toLowerCase() === q);
  if (exact) return exact.question;
  const words = q.split(/\s+/);
  if (words.length <= 4) {
    for (const w of words)
      if (w in ORDINALS && pending.choices[ORDINALS[w]]) return pending.choices[ORDINALS[w]].question;
    const contained = pending.choices.filter((c) => q.includes(c.label.toLowerCase()));
    if (contained.length === 1) return contained[0].question;
  }
  return null;
}

function isFragment(d: Draft): boolean {
  const asksNew =
    d.measures.length > 0 ||
    d.countRows ||
    d.rowsTarget ||
    d.loose.length > 0 ||
    d.cues.has('correlation') ||
    d.cues.has('distribution') ||
    d.cues.has('share') ||
    d.cues.has('how_much');
  const modifies =
    d.filters.length > 0 ||
    d.dimensions.length > 0 ||
    d.limit !== null ||
    d.chart !== null ||
    d.periods.length > 0 ||
    d.sortDir !== null ||
    d.cues.has('drivers');
  return (d.followUp && !asksNew) || (!asksNew && modifies);
}

const QUESTION_WORDS = new Set(['which', 'what', 'whats', 'who', 'when', 'where']);

/**
 * "Which year had the most sun?" names its own grouping and ranking: a new question even
 * though it has no measure of its own, unless it opens like a follow-up ("and which ...",
 * "what about ..."). Merged into the last plan it would keep that plan's measure and answer
 * something nobody asked.
 */
function isWholeRankingQuestion(d: Draft, tokens: readonly { kind: string; norm: string }[]): boolean {
  const first = tokens.find((t) => t.kind !== 'symbol')?.norm ?? '';
  return !d.followUp && QUESTION_WORDS.has(first) && d.dimensions.length > 0 && d.sortDir !== null;
}

/** The follow-up's outcome, or null when the question stands on its own. */
export function resolveFollowUp(question: string, ctx: QuestionContext, conv: Conversation): Outcome | null {
  const last = conv.lastPlan;
  if (!last) return null;
  const [d, f] = readQuestion(question, ctx);
  const aggOnly =
    d.measures.length > 0 && d.measures.every((m) => m.column === null && m.agg !== null) && d.followUp;
  const newColumnOnly =
    d.followUp &&
    d.measures.length === 1 &&
    d.measures[0].column !== null &&
    !d.dimensions.length &&
    !d.countRows;
  if (!isFragment(d) && !aggOnly && !newColumnOnly) return null;
  if (isWholeRankingQuestion(d, f.tokens)) return null;
  if (d.refusal || d.unknown.some((u) => u.entity) || d.ambiguities.length) return finalize(d, f, ctx);
  const interpretation = [
    { span: question.trim(), meaning: 'follow-up: changes the previous question' },
    ...d.interpretation,
  ];
  const plan = mergeIntoPlan(last, d, ctx, aggOnly, newColumnOnly);
  if ('refuse' in plan)
    return { status: 'unanswerable', reason: plan.refuse, suggestions: [], interpretation, confidence: 0 };
  const checked = checkPlan(plan, ctx.columns);
  if (!checked.ok)
    return {
      status: 'unanswerable',
      reason: `That follow-up does not fit the previous question (${checked.problems[0]}).`,
      suggestions: [],
      interpretation,
      confidence: 0,
    };
  return {
    status: 'answered',
    plan: checked.plan,
    interpretation,
    confidence: Math.round(d.confidence * 0.95 * 100) / 100,
  };
}

function mergeIntoPlan(
  last: QueryPlan,
  d: Draft,
  ctx: QuestionContext,
  aggOnly: boolean,
  newColumnOnly: boolean,
): QueryPlan | { refuse: string } {
  if (d.cues.has('drivers')) {
    const m = last.measures[0];
    const target = m?.column ?? (last.kind === 'rows' ? last.sort[0]?.column : undefined);
    if (!target)
      return { refuse: 'I can only look for drivers of a numeric column; the last answer was a count.' };
    const others = ctx.columns.filter((c) => isMeasurable(c) && c.name !== target).map((c) => c.name);
    if (!others.length) return { refuse: `There is no other numeric column to relate ${target} to.` };
    return {
      ...last,
      kind: 'drivers',
      correlate: [target, ...others.slice(0, 39)],
      measures: [],
      dimensions: [],
      having: [],
      sort: [],
      limit: null,
      share: false,
      change: 'none',
      periods: [],
      select: [],
      chart: 'auto',
    };
  }
  const plan: QueryPlan = structuredClone(last);
  if (aggOnly && plan.measures[0])
    plan.measures = plan.measures.map((m, i) => (i === 0 ? { ...m, agg: d.measures[0].agg ?? m.agg } : m));
  if (newColumnOnly && plan.kind === 'aggregate') {
    const m = d.measures[0];
    plan.measures = [
      {
        agg: m.agg ?? (plan.measures[0]?.agg === 'count' ? 'avg' : (plan.measures[0]?.agg ?? 'avg')),
        column: m.column?.name ?? null,
      },
    ];
  }
  for (const f of d.filters) {
    const shareWhere = plan.measures[0]?.where;
    if (shareWhere?.some((w) => w.column === f.column)) {
      plan.measures[0] = {
        ...plan.measures[0],
        where: [...shareWhere.filter((w) => w.column !== f.column), f],
      };
      continue;
    }
    plan.filters = [...plan.filters.filter((x) => !sameKind(x, f)), f];
  }
  if (d.periods.length >= 2) plan.periods = d.periods;
  if (d.dimensions.length) {
    const dims = d.dimensions.map((x) =>
      x.bucket ? { column: x.column, bucket: x.bucket } : { column: x.column },
    );
    const replace = d.cues.has('instead') || d.followUp || plan.dimensions.length >= 2;
    // A column named again with another bucket ("…by month" then "the worst quarter") regroups it.
    const kept = plan.dimensions.filter((p) => !dims.some((n) => n.column === p.column));
    plan.dimensions = replace ? dims : [...kept, ...dims].slice(0, 3);
    // "…in 2005", then "how did it change over time": grouped by year inside one year is one
    // point; the follow-up asks across the whole span, so that year's filter goes. A finer
    // grouping ("and by month") keeps it: the months of 2005.
    for (const n of dims) {
      const col = ctx.columns.find((c) => c.name === n.column);
      const yearly = n.bucket === 'year' || (!n.bucket && col !== undefined && isYearColumn(col));
      if (yearly) plan.filters = plan.filters.filter((x) => !(x.column === n.column && withinOneYear(x)));
    }
    // A ranking ("the year with the most ...") stays a ranking over the new groups; any
    // other order belonged to the old groups.
    const ranking = plan.limit !== null && plan.sort.some((x) => 'by' in x && x.by === 'measure');
    if (plan.kind === 'aggregate' && !ranking) plan.sort = [];
    plan.change = 'none';
  }
  if (d.limit !== null) {
    plan.limit = d.limit;
    const dir = d.sortDir ?? 'desc';
    if (plan.kind === 'aggregate' && plan.dimensions.length) plan.sort = [{ by: 'measure', index: 0, dir }];
    if (plan.kind === 'rows' && plan.sort[0]) plan.sort = [{ ...plan.sort[0], dir }];
  } else if (d.sortDir && plan.kind === 'aggregate' && plan.dimensions.length)
    plan.sort = [{ by: 'measure', index: 0, dir: d.sortDir }];
  if (d.chart) plan.chart = d.chart;
  return plan;
}

/** A new filter replaces an old one on the same column and of the same sort (value, range, part). */
function sameKind(a: Filter, b: Filter): boolean {
  if (a.column !== b.column) return false;
  const group = (f: Filter) =>
    ['eq', 'in', 'neq', 'not_in'].includes(f.op)
      ? 'value'
      : f.op === 'date_part'
        ? `part:${f.part}`
        : f.op === 'is_null' || f.op === 'not_null'
          ? 'null'
          : 'range';
  return group(a) === group(b);
}

/** A filter that keeps at most one calendar year of its column. */
function withinOneYear(f: Filter): boolean {
  if (f.op === 'date_range') return isOneYearRange(f);
  if (f.op === 'eq') return typeof f.value === 'number';
  if (f.op === 'between') return f.to - f.from < 1;
  return false;
}
