/**
 * The question engine's entry point: question (+ conversation) → answer (+ conversation).
 * Reads the dataset facts, plans with the built-in parser (or a configured LLM, with the
 * parser as fallback), generates and runs one guarded SELECT, and writes the sentence and
 * chart. Failures in planning become `clarify`/`unanswerable` answers, never exceptions.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { DuckEngine } from '../data/duck-engine.ts';
import { sentenceFor } from './answer.ts';
import { chartFor } from './chart.ts';
import { buildContext, type QuestionContext } from './context.ts';
import { newConversation, pickPendingChoice, resolveFollowUp } from './conversation.ts';
import { type DatasetFacts, loadFacts } from './dataset-facts.ts';
import { describePlan } from './describe-plan.ts';
import type { Outcome } from './draft.ts';
import { executeSql } from './execute.ts';
import { type LlmOptions, planWithLlm } from './llm-planner.ts';
import { parseQuestion } from './parse-question.ts';
import type { QueryPlan } from './plan.ts';
import { generateSql } from './sql-generator.ts';
import { suggestQuestions } from './suggest.ts';
import type { Answer, AnswerColumn, Conversation, NlqColumn, NlqProfile } from './types.ts';

export interface AskRequest {
  /** The dataset version (Parquet) the question is about; exposed to SQL as the `dataset` view. */
  parquetPath: string;
  columns: readonly NlqColumn[];
  profile?: NlqProfile;
  question: string;
  conversation?: Conversation | null;
  llm?: LlmOptions | null;
  /** Used to understand "how many cars" on a dataset called "cars". */
  datasetName?: string;
  rowNouns?: string[];
  /** Rows returned at most (default 1000). */
  rowCap?: number;
  /** Query timeout in ms (default 15 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface AskResult {
  answer: Answer;
  conversation: Conversation;
}

/**
 * @example
 * const { answer, conversation } = await askQuestion(engine, { parquetPath, columns, question: 'average price by region' });
 * const next = await askQuestion(engine, { parquetPath, columns, question: 'only the top 3', conversation });
 */
export async function askQuestion(engine: DuckEngine, req: AskRequest): Promise<AskResult> {
  const conv = structuredClone(req.conversation ?? newConversation());
  const { ctx, facts } = await contextFor(engine, req);
  const question = pickPendingChoice(req.question, conv) ?? req.question;
  let planner: Answer['planner'] = 'builtin';
  let outcome: Outcome | null = resolveFollowUp(question, ctx, conv);
  if (!outcome && req.llm) {
    const maxDate = [...facts.dateSpans.values()][0]?.max ?? null;
    const llm = await planWithLlm(question, req.columns, req.llm, { profile: req.profile, maxDate });
    if (llm.ok) {
      planner = 'llm';
      outcome = {
        status: 'answered',
        plan: llm.plan,
        interpretation: [
          { span: question, meaning: `${describePlan(llm.plan)} (planned by the language model)` },
        ],
        confidence: 0.8,
      };
    }
  }
  outcome ??= parseQuestion(question, ctx);
  const answer =
    outcome.status === 'answered'
      ? await run(engine, req, ctx, outcome, planner)
      : notAnswered(outcome, ctx, planner);
  conv.turns.push({ question: req.question, status: answer.status, plan: answer.plan });
  if (answer.status === 'answered') conv.lastPlan = answer.plan;
  conv.pending =
    answer.status === 'clarify' && answer.choices?.length ? { question, choices: answer.choices } : null;
  return { answer, conversation: conv };
}

const contexts = new Map<string, Promise<{ ctx: QuestionContext; facts: DatasetFacts }>>();

/** The parsing context is rebuilt only when the file, schema, profile or names change. */
async function contextFor(
  engine: DuckEngine,
  req: AskRequest,
): Promise<{ ctx: QuestionContext; facts: DatasetFacts }> {
  const s = await stat(req.parquetPath);
  const key = createHash('sha1')
    .update(
      JSON.stringify([
        req.parquetPath,
        s.size,
        s.mtimeMs,
        req.columns,
        req.profile ?? null,
        req.datasetName ?? null,
        req.rowNouns ?? null,
      ]),
    )
    .digest('hex');
  let hit = contexts.get(key);
  if (!hit) {
    if (contexts.size >= 50) contexts.delete(contexts.keys().next().value as string);
    hit = loadFacts(engine, req.parquetPath, req.columns, req.profile).then((facts) => ({
      facts,
      ctx: buildContext({
        columns: req.columns,
        profile: req.profile,
        values: facts.values,
        dateSpans: facts.dateSpans,
        datasetName: req.datasetName,
        rowNouns: req.rowNouns,
      }),
    }));
    hit.catch(() => contexts.delete(key));
    contexts.set(key, hit);
  }
  return hit;
}

function notAnswered(
  o: Exclude<Outcome, { status: 'answered' }>,
  ctx: QuestionContext,
  planner: Answer['planner'],
): Answer {
  const suggestions =
    o.status === 'unanswerable'
      ? o.suggestions.length
        ? o.suggestions
        : suggestQuestions(ctx.columns, ctx.profile, 4)
      : undefined;
  return {
    status: o.status,
    answer: o.reason,
    columns: [],
    rows: [],
    truncated: false,
    chart: null,
    sql: '',
    params: [],
    plan: null,
    interpretation: o.interpretation,
    confidence: o.confidence,
    choices: o.status === 'clarify' ? o.choices : undefined,
    reason: o.reason,
    suggestions,
    planner,
  };
}

async function run(
  engine: DuckEngine,
  req: AskRequest,
  ctx: QuestionContext,
  o: Extract<Outcome, { status: 'answered' }>,
  planner: Answer['planner'],
): Promise<Answer> {
  const rowCap = req.rowCap ?? 1000;
  // "Which movie has the highest rating": a few more rows are read, so a tie for first place
  // is answered as a tie instead of naming whichever row sorted first.
  const tieKey = tieSortKey(o.plan);
  const runPlan = tieKey === null ? o.plan : { ...o.plan, limit: TIE_PROBE };
  const gen = generateSql(runPlan, ctx.columns, { rowCap });
  const result = await executeSql(engine, req.parquetPath, gen.sql, gen.params, {
    timeoutMs: req.timeoutMs ?? 15_000,
    signal: req.signal,
  });
  let columns: AnswerColumn[] = gen.columns.map((c, i) => ({
    ...c,
    type: result.columnTypes[i] ?? 'string',
  }));
  let rows = result.rows;
  const truncated = rows.length > rowCap;
  if (truncated) rows = rows.slice(0, rowCap);
  let ties = 0;
  let tiesBeyond = false;
  if (tieKey !== null) {
    const k = tieKey.kind === 'index' ? tieKey.index : gen.columns.findIndex((c) => c.name === tieKey.name);
    const first = rows[0]?.[k];
    const tied =
      k < 0 || first === null || first === undefined ? rows.slice(0, 1) : rows.filter((r) => r[k] === first);
    // Every row read ties: there may be more than the probe saw.
    tiesBeyond = tied.length === TIE_PROBE;
    rows = tiesBeyond ? tied.slice(0, TIE_PROBE - 1) : tied;
    ties = rows.length - 1;
  }
  if (o.plan.kind === 'drivers') ({ columns, rows } = unpivotDrivers(o.plan, rows));
  // "the number of cars": a one-word dataset name reads as the rows' name.
  const rowNoun =
    req.datasetName && /^[a-z]+$/i.test(req.datasetName.trim())
      ? req.datasetName.trim().toLowerCase()
      : 'rows';
  return {
    status: 'answered',
    answer: withTies(
      sentenceFor(o.plan, { columns, rows: tieKey === null ? rows : rows.slice(0, 1) }, rowNoun),
      rows,
      ties,
      tiesBeyond,
    ),
    columns,
    rows,
    truncated,
    chart: chartFor(o.plan, columns, rows),
    sql: gen.sql,
    params: gen.params,
    plan: o.plan,
    interpretation: o.interpretation,
    confidence: o.confidence,
    planner,
  };
}

const TIE_PROBE = 11;

/** Where a one-row answer's ranking value sits, when a tie for first place is possible. */
function tieSortKey(
  plan: QueryPlan,
): { kind: 'index'; index: number } | { kind: 'name'; name: string } | null {
  if (plan.limit !== 1 || plan.sort.length === 0) return null;
  const s = plan.sort[0];
  if (plan.kind === 'aggregate' && s.by === 'measure' && plan.dimensions.length > 0)
    return { kind: 'index', index: plan.dimensions.length + (s.index ?? 0) };
  if (plan.kind === 'rows' && s.by === 'column' && s.column) return { kind: 'name', name: s.column };
  return null;
}

/** "…; tied with The Shawshank Redemption" (the others read, and "more" past the probe). */
function withTies(sentence: string, rows: unknown[][], ties: number, beyond: boolean): string {
  if (ties === 0) return sentence;
  // Rows that repeat the winner's label (one state on several rows) are no rival to it.
  const first = String(rows[0]?.[0]);
  const others = [...new Set(rows.slice(1).map((r) => String(r[0])))].filter((o) => o !== first);
  if (others.length === 0) return sentence;
  return `${sentence.replace(/\.$/, '')}; tied with ${others.join(', ')}${beyond ? ' and more' : ''}.`;
}

/** One row of correlations → one row per candidate column, strongest first. */
function unpivotDrivers(plan: QueryPlan, rows: unknown[][]): { columns: AnswerColumn[]; rows: unknown[][] } {
  const candidates = plan.correlate.slice(1);
  const pairs = candidates.map((c, i) => [c, rows[0]?.[i] ?? null] as [string, unknown]);
  pairs.sort((a, b) => Math.abs(Number(b[1] ?? 0)) - Math.abs(Number(a[1] ?? 0)));
  return {
    columns: [
      { name: 'Column', role: 'dimension', type: 'string' },
      { name: 'Correlation', role: 'measure', type: 'number' },
    ],
    rows: pairs.filter((p) => typeof p[1] === 'number' && Number.isFinite(p[1])),
  };
}
