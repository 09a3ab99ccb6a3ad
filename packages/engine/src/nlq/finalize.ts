/**
 * Draft → plan, or a clarification, or a refusal. This is where "never a confident wrong
 * answer" is enforced: names the data lacks refuse, ambiguous words ask, unknown words lower
 * confidence, and a reading below the threshold is offered as a choice instead of answered.
 */
import { isAdditive, isMeasurable, isTemporal, isYearColumn } from './column-kinds.ts';
import { type QuestionContext, soleTimeColumn } from './context.ts';
import { convertEndpointsToPeriods, isOneYearRange, outsideData } from './date-checks.ts';
import { describePlan } from './describe-plan.ts';
import type { Draft, DraftMeasure, Outcome } from './draft.ts';
import type { Findings } from './extract.ts';
import { type Filter, type Measure, makePlan, type QueryPlan, type Sort } from './plan.ts';
import { EDGE_WORDS, POINT_WORDS } from './point-words.ts';
import { type Built, rowsPlan } from './rows-plan.ts';
import type { Interpretation, NlqColumn } from './types.ts';
import { checkPlan } from './validate-plan.ts';
import { multiValueColumns } from './value-filters.ts';

export const CONFIDENCE_THRESHOLD = 0.6;

export function finalize(d: Draft, f: Findings, ctx: QuestionContext): Outcome {
  const interpretation = d.interpretation;
  if (d.refusal) return { status: 'unanswerable', ...d.refusal, interpretation, confidence: 0 };
  const entities = d.unknown.filter((u) => u.entity);
  if (entities.length) {
    const words = entities.map((u) => `"${u.text}"`).join(', ');
    return {
      status: 'unanswerable',
      reason: `I couldn't find ${words} in this dataset (not as a column, a value or a date).`,
      suggestions: [],
      interpretation,
      confidence: 0,
    };
  }
  if (d.ambiguities.length) {
    const a = d.ambiguities[0];
    return {
      status: 'clarify',
      reason: a.reason,
      choices: a.choices.map((c) => ({
        label: c.label,
        question: replaceSpan(f, a.start, a.end, c.replacement),
      })),
      interpretation,
      confidence: 0.5,
    };
  }
  const evidence =
    d.measures.some((m) => m.column) ||
    d.dimensions.length ||
    d.filters.length ||
    d.loose.length ||
    d.show.length ||
    d.periods.length ||
    d.having.length;
  if (d.unknown.length && !evidence) {
    return {
      status: 'unanswerable',
      reason: `I don't know what ${d.unknown.map((u) => `"${u.text}"`).join(', ')} refers to in this dataset.`,
      suggestions: [],
      interpretation,
      confidence: 0,
    };
  }
  const outside = outsideData(d, ctx);
  if (outside)
    return { status: 'unanswerable', reason: outside, suggestions: [], interpretation, confidence: 0 };
  let confidence = d.confidence * 0.75 ** d.unknown.length;
  const built = buildPlan(d, f, ctx);
  if ('clarify' in built) return { status: 'clarify', ...built.clarify, interpretation, confidence: 0.5 };
  if ('refuse' in built)
    return { status: 'unanswerable', reason: built.refuse, suggestions: [], interpretation, confidence: 0 };
  confidence *= built.confidence;
  const checked = checkPlan(weighCountedRows(built.plan, ctx, interpretation), ctx.columns);
  if (!checked.ok)
    return {
      status: 'unanswerable',
      reason: `I could not build a valid query (${checked.problems[0]}).`,
      suggestions: [],
      interpretation,
      confidence: 0,
    };
  if (confidence < CONFIDENCE_THRESHOLD) {
    const unknown = d.unknown.map((u) => `"${u.text}"`).join(', ');
    const reading = describePlan(checked.plan);
    return {
      status: 'clarify',
      reason: unknown
        ? `I am not sure what ${unknown} means here. Did you mean: ${reading}?`
        : `I am not sure I understood. Did you mean: ${reading}?`,
      choices: [{ label: reading, question: reading }],
      interpretation,
      confidence,
    };
  }
  return {
    status: 'answered',
    plan: checked.plan,
    interpretation,
    confidence: Math.round(confidence * 100) / 100,
  };
}

function replaceSpan(f: Findings, start: number, end: number, replacement: string): string {
  const s = f.tokens[start]?.start ?? 0;
  const e = f.tokens[end - 1]?.end ?? s;
  return `${f.question.slice(0, s)}${replacement}${f.question.slice(e)}`;
}

/**
 * The aggregate a measure gets when the question names none. A superlative that ranks groups
 * ("which origin has the best mpg", "which region has the highest sales") compares the
 * groups' totals (additive measures) or averages, not each group's single most extreme row;
 * one asked within each group ("the highest price for each ticker") is that extreme.
 */
function defaultAgg(m: DraftMeasure, grouped: boolean, ranksGroups: boolean): Measure['agg'] {
  if (m.agg) return m.agg;
  if (!m.column) return 'count';
  if (m.superlative && !grouped) return m.superlative;
  if (isAdditive(m.column)) return 'sum';
  if (m.superlative && !ranksGroups) return m.superlative;
  return 'avg';
}

function toMeasure(m: DraftMeasure, grouped: boolean, ranksGroups = false): Measure {
  return { agg: defaultAgg(m, grouped, ranksGroups), column: m.column?.name ?? null };
}

function buildPlan(d: Draft, f: Findings, ctx: QuestionContext): Built {
  const cues = d.cues;
  const numericCols = d.measures.map((m) => m.column).filter((c): c is NlqColumn => c !== null);
  let confidence = 1;
  const chart = d.chart ?? 'auto';

  // "flipper length vs body mass": two amounts set against each other, nothing grouped or
  // aggregated, ask how they relate (a scatter), not for their two averages.
  const versus =
    cues.has('compare') &&
    f.tokens.some((t) => t.norm === 'vs' || t.norm === 'versus' || t.norm === 'against') &&
    numericCols.length === 2 &&
    // Amounts that add up ("revenue vs cost") are compared as totals instead.
    !numericCols.some(isAdditive) &&
    d.measures.every((m) => m.agg === null && !m.superlative) &&
    d.dimensions.length === 0 &&
    d.loose.length === 0 &&
    d.periods.length === 0;
  if ((cues.has('correlation') || versus) && numericCols.length >= 2)
    return {
      plan: makePlan({
        kind: 'correlation',
        correlate: [numericCols[0].name, numericCols[1].name],
        filters: d.filters,
        chart,
      }),
      confidence,
    };
  if ((cues.has('correlation') || cues.has('drivers')) && numericCols.length >= 1) {
    const target = numericCols[0];
    const others = ctx.columns.filter((c) => isMeasurable(c) && c.name !== target.name).map((c) => c.name);
    if (!others.length) return { refuse: `There is no other numeric column to relate ${target.name} to.` };
    return {
      plan: makePlan({
        kind: 'drivers',
        correlate: [target.name, ...others.slice(0, 39)],
        filters: d.filters,
        chart,
      }),
      confidence,
    };
  }
  if (cues.has('drivers') && !numericCols.length && !d.dimensions.length)
    return { refuse: 'I need to know which number to explain; ask "why" after an answer, or name a column.' };

  if (cues.has('distribution') && !d.dimensions.length) {
    const col = numericCols[0] ?? d.loose[0];
    if (col && isMeasurable(col))
      return {
        plan: makePlan({ kind: 'distribution', select: [col.name], filters: d.filters, chart }),
        confidence,
      };
    if (col) d.dimensions.push({ column: col.name });
  }

  convertEndpointsToPeriods(d, f);
  // "How did GOOG change…", "which stock grew the most…": a change of what? The table's only
  // amount when it has one; otherwise the question must say (it is not the number of rows).
  const amounts = ctx.columns.filter(isMeasurable);
  if (
    cues.has('change') &&
    !d.countRows &&
    !d.measures.some((m) => m.column) &&
    amounts.length === 1 &&
    // Ranking groups by a change between two periods is not supported; that is refused below.
    !(d.periods.length >= 2 && d.dimensions.some((x) => x.which))
  )
    d.measures = [{ column: amounts[0], agg: null, start: -1 }];
  const measures = d.measures.filter((m) => m.column || m.agg);
  if (measures.some((m) => !m.column && m.agg && m.agg !== 'count')) {
    const agg = measures.find((m) => !m.column)?.agg ?? 'avg';
    if (d.unknown.length)
      return {
        refuse: `There is no column for ${d.unknown.map((u) => `"${u.text}"`).join(', ')} in this dataset.`,
      };
    const choices = ctx.columns.filter(isMeasurable).slice(0, 6);
    if (!choices.length) return { refuse: 'This dataset has no numeric column to compute that on.' };
    return {
      clarify: {
        reason: `Which column should I compute the ${agg} of?`,
        choices: choices.map((c) => ({
          label: c.name,
          question: `${f.question.replace(/\?\s*$/, '')} of ${c.name}`,
        })),
      },
    };
  }

  seriesForChange(d, ctx, measures);
  pointInTime(d, f, ctx, measures);
  if (d.periods.length >= 2) {
    if (!measures[0] && !d.countRows && d.cues.has('change')) {
      const choices = ctx.columns.filter(isMeasurable).slice(0, 6);
      return {
        clarify: {
          reason: 'Which number should I compare?',
          choices: choices.map((c) => ({
            label: c.name,
            question: `${f.question.replace(/\?\s*$/, '')} for ${c.name}`,
          })),
        },
      };
    }
    const m = measures[0] ? toMeasure(measures[0], true) : { agg: 'count' as const, column: null };
    return {
      plan: makePlan({
        kind: 'compare_periods',
        measures: [m],
        periods: d.periods,
        filters: d.filters,
        dimensions: dimsOf(d),
        chart,
      }),
      confidence,
    };
  }

  if (cues.has('share') && !d.dimensions.length && !d.loose.length) {
    const base = measures[0]?.column ?? null;
    const nonDate = d.filters.filter((x) => !isDateFilter(x, ctx));
    if (nonDate.length) {
      const lastCol = shareWholeAfterAmong(f, nonDate) ?? nonDate[nonDate.length - 1].column;
      const part = nonDate.filter((x) => x.column === lastCol);
      const whole = d.filters.filter((x) => !part.includes(x));
      return {
        plan: makePlan({
          kind: 'aggregate',
          measures: [{ agg: 'share', column: base?.name ?? null, where: part }],
          filters: whole,
          chart,
        }),
        confidence,
      };
    }
  }

  const lookup =
    !d.dimensions.length &&
    !d.countRows &&
    measures.every((m) => m.agg === null) &&
    (d.rowsTarget ||
      d.show.length > 0 ||
      (d.limit !== null && measures.length > 0 && ctx.labelColumn !== null) ||
      (measures.some((m) => m.superlative) && d.rowsTarget));
  const labelFiltered =
    ctx.labelColumn !== null &&
    d.filters.some((x) => x.column === ctx.labelColumn?.name) &&
    !d.dimensions.length &&
    measures.every((m) => m.agg === null) &&
    !d.countRows;
  if (lookup || labelFiltered || (d.rowsTarget && !d.countRows && !d.dimensions.length))
    return rowsPlan(d, ctx, measures, chart);

  const only = d.dimensions[0];
  if (
    !measures.length &&
    !d.countRows &&
    d.dimensions.length === 1 &&
    only.which &&
    !only.bucket &&
    !d.frequency &&
    d.limit === null &&
    !d.having.length &&
    !d.sortDir
  )
    return {
      plan: makePlan({ kind: 'distinct', select: [only.column], filters: d.filters, chart }),
      confidence,
    }; // "what channels are there"
  if (!measures.length && !d.countRows && !d.dimensions.length) {
    if (d.loose.length && !d.filters.length && !d.having.length)
      return { plan: makePlan({ kind: 'distinct', select: [d.loose[0].name], chart }), confidence };
    if (d.loose.length)
      return {
        plan: makePlan({ kind: 'distinct', select: [d.loose[0].name], filters: d.filters, chart }),
        confidence,
      };
    if (d.filters.length || cues.has('list')) return rowsPlan(d, ctx, measures, chart);
    return {
      refuse: 'I could not tell what to calculate. Name a column, for example "average price by region".',
    };
  }

  // "China's population between 1960 and 1980": a span of years on a year column is a series.
  const yearSpan = d.filters.find(
    (x) => x.op === 'between' && isYearColumn(ctx.columns.find((c) => c.name === x.column) as NlqColumn),
  );
  if (
    yearSpan &&
    !d.dimensions.length &&
    !d.loose.length &&
    measures.length &&
    measures.every((m) => m.agg === null && !m.superlative)
  )
    d.dimensions.push({ column: yearSpan.column });
  latestForLevels(d, ctx, measures);
  // Loose categorical columns next to a measure are groups ("origin with the highest mpg").
  for (const c of d.loose) {
    const pinned = d.filters.some((x) => x.column === c.name && ['eq', 'neq', 'in', 'not_in'].includes(x.op));
    if (!pinned && !d.dimensions.some((x) => x.column === c.name)) {
      d.dimensions.push({ column: c.name, implicit: true, which: true });
      confidence *= 0.9;
    }
  }
  if (!cues.has('or') && !cues.has('share')) {
    for (const c of multiValueColumns(d))
      if (!d.dimensions.some((x) => x.column === c)) d.dimensions.push({ column: c });
  }
  const dims = dimsOf(d);
  const grp = dims.length > 0;
  if (
    (d.limit !== null || d.frequency || d.sortDir) &&
    dims.length >= 2 &&
    f.tokens.some((t) => ['each', 'every', 'per'].includes(t.norm))
  )
    return {
      refuse:
        'Ranking within each group ("top product in each region") is not supported yet; ask for one group at a time.',
    };
  // "Which director…" asks for a named one: rows without a director are not a candidate.
  for (const x of d.dimensions) {
    if (x.which && !x.bucket && !d.filters.some((f) => f.column === x.column))
      d.filters.push({ column: x.column, op: 'not_null' });
  }
  const ranksGroups = d.dimensions.some((x) => x.which);
  let planMeasures = measures.map((m) => toMeasure(m, grp, ranksGroups));
  if (cues.has('range') && planMeasures.length === 1 && measures[0].agg === null && measures[0].column) {
    planMeasures = [
      { agg: 'min', column: measures[0].column.name },
      { agg: 'max', column: measures[0].column.name },
    ];
  }
  if (d.countRows || !planMeasures.length || (d.frequency && grp)) {
    if (!planMeasures.some((m) => m.agg === 'count' && m.column === null))
      planMeasures.unshift({ agg: 'count', column: null });
  }
  const countIdx = planMeasures.findIndex((m) => m.agg === 'count' && m.column === null);
  const having = d.having.map((h) => ({
    measure: h.measure === 'count' ? Math.max(0, countIdx) : h.measure,
    op: h.op,
    value: h.value,
  }));
  if (d.having.some((h) => h.measure === 'count') && countIdx < 0)
    planMeasures.unshift({ agg: 'count', column: null });

  const superlative = measures.find((m) => m.superlative);
  const which = d.dimensions.some((x) => x.which);
  let sortDir = d.sortDir;
  let limit = d.limit;
  let sortIdx = 0;
  if (d.frequency && grp) {
    sortDir = d.frequency;
    sortIdx = Math.max(countIdx, 0);
    if (which || !d.limit) limit ??= 1;
  } else if (superlative && grp) {
    sortDir ??= superlative.superlative === 'min' ? 'asc' : 'desc';
    sortIdx = measures.indexOf(superlative);
    if (which) limit ??= 1;
    // "Rank regions by revenue", "regions sorted by revenue": every group, in order.
  } else if (sortDir && grp && which && !cues.has('sort')) limit ??= 1; // which rep sold the most
  if (limit !== null && grp) sortDir ??= 'desc';
  const sort: Sort[] = grp && sortDir ? [{ by: 'measure', index: sortIdx, dir: sortDir }] : [];
  if (cues.has('sort') && !sort.length && grp && d.sortDir)
    sort.push({ by: 'measure', index: 0, dir: d.sortDir });
  const timeDim =
    d.dimensions[0] &&
    (d.dimensions[0].bucket !== undefined ||
      isTemporal(ctx.columns.find((c) => c.name === d.dimensions[0].column) as NlqColumn));
  const change =
    d.change || (cues.has('change') && timeDim && !!d.dimensions[0]?.bucket) ? 'previous' : 'none';
  // "Which category grew the most year over year": the ranking is over the change itself.
  if (change === 'previous' && sort[0]?.by === 'measure' && d.dimensions.length > 1) {
    const falling = f.tokens.some((t) => FALLING_WORDS.has(t.norm));
    const asked = sortDir ?? 'desc';
    sort[0] = { by: 'change', dir: falling ? (asked === 'asc' ? 'desc' : 'asc') : asked };
  }
  // "Which stock grew the most in 2008" has no two periods to compare: ranking the groups'
  // plain averages would answer another question.
  const overTime = d.dimensions.some((x) => {
    const col = ctx.columns.find((c) => c.name === x.column);
    return x.bucket !== undefined || (col !== undefined && (isTemporal(col) || isYearColumn(col)));
  });
  if (cues.has('change') && change === 'none' && grp && !overTime && !d.periods.length)
    return {
      refuse:
        'A change needs two periods to compare: ask for it "year over year", "by month", or "from 2023 to 2024".',
    };
  const share = cues.has('share') && grp;
  if (measures.some((m) => m.agg === null && m.column !== null && !m.superlative)) confidence *= 0.97;
  return {
    plan: makePlan({
      kind: 'aggregate',
      measures: planMeasures,
      dimensions: dims,
      filters: d.filters,
      having,
      sort,
      limit: grp ? limit : null,
      share,
      change,
      chart,
    }),
    confidence,
  };
}

/** Change words that mean going down: "dropped the most" ranks the most negative change first. */
const FALLING_WORDS = new Set([
  'decrease',
  'decreased',
  'decreases',
  'drop',
  'dropped',
  'drops',
  'decline',
  'declined',
  'declines',
  'fell',
  'fall',
  'falls',
  'shrank',
  'shrink',
  'shrunk',
]);

function dimsOf(d: Draft) {
  return d.dimensions.map((x) => (x.bucket ? { column: x.column, bucket: x.bucket } : { column: x.column }));
}

function isDateFilter(x: Filter, ctx: QuestionContext): boolean {
  const c = ctx.columns.find((col) => col.name === x.column);
  return !!c && (isTemporal(c) || /year/i.test(c.name));
}

/**
 * Measures that are levels (stocks): how many there are at a time, not how many came in. Bare
 * "people" or "balance" is a level; "people_affected" or "balance_change" may well be a flow.
 */
const LEVEL_NAME = /(population|inhabitants|residents|headcount)|^(pop|people|balance|inventory)$/i;

function isLevel(m: DraftMeasure, ctx: QuestionContext): boolean {
  return (
    m.column !== null &&
    (ctx.levelTable === true || LEVEL_NAME.test(m.column.name.replace(/[^a-z]+/gi, ' ').trim()))
  );
}

/**
 * "The population of China", "how many nonfarm jobs were there in 2010": a level (a count at
 * a time) adds up across places but not across dates, so its total over every year (10.7
 * billion Chinese) or every month of a year is no answer. Unless the question groups by time,
 * compares periods or pins one year, the level is taken at the latest time among the rows
 * asked about, and the interpretation says so.
 */
function latestForLevels(d: Draft, ctx: QuestionContext, measures: readonly DraftMeasure[]): void {
  const level = measures.find((m) => isLevel(m, ctx) && (m.agg === null || m.agg === 'sum'));
  if (!level?.column || d.periods.length > 0 || d.cues.has('change')) return;
  const time = soleTimeColumn(ctx);
  if (!time) return;
  if (d.dimensions.some((x) => x.column === time.name) || d.loose.some((c) => c.name === time.name)) return;
  const onTime = d.filters.filter((x) => x.column === time.name);
  // One year of a year column is one time already; a point filter was asked for explicitly.
  if (onTime.some((x) => x.op === 'eq' || x.op === 'latest' || x.op === 'earliest')) return;
  d.filters.push({ column: time.name, op: 'latest' });
  d.interpretation.push({
    span: level.column.name,
    meaning: `${level.column.name} is a level, not a flow: its value at the latest ${time.name} asked about`,
  });
}

/**
 * "How did CO2 change", "how did China's population change": with no two periods named, a
 * change is the measure over time, by year (by month inside a one-year filter), on the
 * table's one time column. Without this the measure fell through to a single total.
 */
function seriesForChange(d: Draft, ctx: QuestionContext, measures: readonly DraftMeasure[]): void {
  if (!d.cues.has('change') || d.periods.length > 0 || d.dimensions.length > 0 || d.loose.length > 0) return;
  if (!(measures.length > 0 || d.countRows) || measures.some((m) => m.superlative)) return;
  const time = soleTimeColumn(ctx);
  if (!time) return;
  if (isYearColumn(time)) {
    d.dimensions.push({ column: time.name });
    return;
  }
  const oneYear = d.filters.some((x) => x.column === time.name && isOneYearRange(x));
  d.dimensions.push({ column: time.name, bucket: oneYear ? 'month' : 'year' });
  // Monthly employment by year is the year's average level, not twelve levels added up.
  for (const m of measures) if (m.agg === null && isLevel(m, ctx)) m.agg = 'avg';
}

/**
 * "The latest price of AAPL", "the last price in 2009", "population at the end of 1990": the
 * value at the last (first) time among the rows asked about, not the average or the maximum
 * over all of them (which "latest" also read as, through "largest"). Needs the table's one
 * time column, and the point word right before the measure or an "end of"/"start of".
 */
function pointInTime(d: Draft, f: Findings, ctx: QuestionContext, measures: readonly DraftMeasure[]): void {
  if (!measures.length || d.periods.length > 1 || d.cues.has('change')) return;
  const time = soleTimeColumn(ctx);
  if (!time) return;
  if (d.dimensions.some((x) => x.column === time.name)) return;
  const t = f.tokens;
  let hit: { op: 'latest' | 'earliest'; span: string; measure?: DraftMeasure } | null = null;
  for (let i = 0; i < t.length && !hit; i++) {
    const edge = EDGE_WORDS[t[i].norm];
    if (edge && t[i + 1]?.norm === 'of') {
      hit = { op: edge, span: `${t[i].raw} of` };
      continue;
    }
    const point = POINT_WORDS[t[i].norm];
    if (!point) continue;
    const m = measures.find((x) => x.start === i + 1 || x.start === i + 2);
    if (m) hit = { op: point, span: t[i].raw, measure: m };
  }
  if (!hit) return;
  for (const m of hit.measure ? [hit.measure] : measures) {
    // "latest" must not rank: its typo reading ("largest") made it a superlative.
    if (m.superlative && m.column) {
      const name = m.column.name;
      m.superlative = undefined;
      m.agg = null;
      for (const i of d.interpretation)
        if (i.meaning === `highest ${name}` || i.meaning === `lowest ${name}`) i.meaning = `value of ${name}`;
    }
  }
  d.filters.push({ column: time.name, op: hit.op });
  d.interpretation.push({ span: hit.span, meaning: `at the ${hit.op} ${time.name} of the rows asked about` });
}

/** A column that says how many each row stands for: the table is already counted. */
const WEIGHT_NAME = /^(count|counts|n|cnt|freq|frequency|tally)$/i;

/**
 * vega's jobs table has one row per job, sex and year with a `count` of workers: "how did
 * the number of nurses change" counted two rows a year. In a table with such a column, a
 * number of rows (or a share of them) is the sum of that column, and the interpretation says so.
 */
function weighCountedRows(
  plan: QueryPlan,
  ctx: QuestionContext,
  interpretation: Interpretation[],
): QueryPlan {
  const weight = ctx.columns.find((c) => isMeasurable(c) && WEIGHT_NAME.test(c.name));
  if (!weight || !('measures' in plan)) return plan;
  let changed = false;
  const measures = plan.measures.map((m): Measure => {
    if (m.column !== null) return m;
    if (m.agg === 'count') {
      changed = true;
      return { ...m, agg: 'sum', column: weight.name };
    }
    if (m.agg === 'share') {
      changed = true;
      return { ...m, column: weight.name };
    }
    return m;
  });
  if (!changed) return plan;
  interpretation.push({
    span: weight.name,
    meaning: `each row stands for "${weight.name}" of them: adding up ${weight.name}`,
  });
  return { ...plan, measures };
}

/**
 * "The share of women among teachers": the group after "among" is the whole, so the part is
 * the other one (the last value named is the part otherwise: "the share of teachers who are
 * women"). Returns the part's column, or null when "among" does not settle it.
 */
function shareWholeAfterAmong(f: Findings, filters: readonly Filter[]): string | null {
  const among = f.tokens.findIndex((t) => t.norm === 'among' || t.norm === 'amongst');
  if (among < 0) return null;
  const whole = f.values.find((v) => v.start > among)?.candidates[0]?.column.name;
  if (!whole) return null;
  const part = filters.filter((x) => x.column !== whole);
  return part.length && filters.some((x) => x.column === whole) ? part[part.length - 1].column : null;
}
