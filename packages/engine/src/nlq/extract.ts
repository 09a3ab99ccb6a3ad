/**
 * First pass over a question: runs every resolver on the tokens in an order that lets the
 * most specific readings claim their words first — dates, then numeric comparisons, then
 * values and columns, then the words that say what to compute. What is left is unknown.
 */
import { isNumeric } from './column-kinds.ts';
import { type ComparisonHit, findComparisons } from './comparisons.ts';
import { type QuestionContext, temporalColumns, yearColumns } from './context.ts';
import { type CueHit, findCues } from './cues.ts';
import { type ColumnMention, findColumnMentions } from './resolve-columns.ts';
import { type DateFinding, findDates } from './resolve-dates.ts';
import { findValueMentions, type ValueMention } from './resolve-values.ts';
import { comparativesAsSuperlatives, type Token, tokenize } from './tokenize.ts';
import { findTopK, type TopK } from './topk.ts';
import { isUnitWord } from './units.ts';

export interface Findings {
  question: string;
  tokens: Token[];
  used: boolean[];
  dates: DateFinding[];
  topk: TopK[];
  comparisons: ComparisonHit[];
  values: ValueMention[];
  columns: ColumnMention[];
  cues: CueHit[];
}

const IGNORED_SYMBOLS = new Set(['?', ',', '.', '!', ':', ';', '(', ')', "'", '‘', '’', '&', '/']);
const COMPARATOR_WORDS = new Set([
  'over',
  'above',
  'under',
  'below',
  'than',
  'least',
  'most',
  'exceeding',
  'exceeds',
  '>',
  '<',
  '>=',
  '<=',
  '=',
  'between',
  'and',
  'to',
]);

function mark(used: boolean[], start: number, end: number): void {
  for (let k = start; k < end; k++) used[k] = true;
}

export function extract(question: string, ctx: QuestionContext): Findings {
  const tokens = comparativesAsSuperlatives(tokenize(question));
  const used = tokens.map((t) => t.kind === 'symbol' && IGNORED_SYMBOLS.has(t.norm));
  const free = () => used.map((u) => !u);

  // Which tokens sit next to a numeric column: a 4-digit number there is a value, not a year.
  const prelim = findColumnMentions(tokens, free(), ctx.lexicon, ctx.rowNouns);
  const numericWord = new Set<number>();
  for (const m of prelim) {
    if (!m.candidates.some((c) => isNumeric(c.column) && !isYearLike(c.column.name))) continue;
    for (let k = m.start; k < m.end; k++) numericWord.add(k);
  }
  const numericAt = (i: number) => {
    const prev = tokens[i - 1]?.norm ?? '';
    if (COMPARATOR_WORDS.has(prev) && !['and', 'to', 'between'].includes(prev)) return true;
    if (numericWord.has(i + 1)) return true;
    return isUnitWord(tokens[i + 1]?.norm ?? '') && !['s'].includes(tokens[i + 1]?.norm ?? '');
  };

  let dates: DateFinding[] = [];
  const temporal = temporalColumns(ctx);
  if (temporal.length || yearColumns(ctx).length) {
    const span = temporal.length ? ctx.dateSpans.get(temporal[0].name) : undefined;
    dates = findDates(tokens, { maxDate: span?.max ?? null, numericAt });
    for (const d of dates) mark(used, d.start, d.end);
  }

  const topk = findTopK(tokens, free());
  for (const k of topk) mark(used, k.start, k.end);

  const comparisons = findComparisons(tokens, free());
  for (const c of comparisons) mark(used, c.start, c.end);

  const values = findValueMentions(tokens, free(), ctx.values);
  const columns = findColumnMentions(tokens, free(), ctx.lexicon, ctx.rowNouns);
  const { keptValues, keptColumns } = settleOverlaps(values, columns);
  for (const m of [...keptValues, ...keptColumns]) mark(used, m.start, m.end);
  for (const c of bareNumberEquals(tokens, used, keptColumns)) {
    comparisons.push(c);
    mark(used, c.start, c.end);
  }

  // Units right after a number ("10 mm", "3000 lbs") say nothing more.
  for (const [i, t] of tokens.entries()) {
    if (
      !used[i] &&
      isUnitWord(t.norm) &&
      (tokens[i - 1]?.kind === 'number' || comparisons.some((c) => c.numberEnd === i))
    )
      used[i] = true;
  }

  const cues = findCues(tokens, free());
  for (const c of cues) mark(used, c.start, c.end);
  return { question, tokens, used, dates, topk, comparisons, values: keptValues, columns: keptColumns, cues };
}

/** "8 cylinders", "4-cylinder", "cluster 2": a bare number beside an integer column is an equality. */
function bareNumberEquals(
  tokens: readonly Token[],
  used: readonly boolean[],
  columns: readonly ColumnMention[],
): ComparisonHit[] {
  const out: ComparisonHit[] = [];
  const integer = (m: ColumnMention | undefined) =>
    m?.candidates.every((c) => c.column.storageType === 'integer');
  for (const [i, t] of tokens.entries()) {
    if (used[i] || t.kind !== 'number' || t.value === undefined || t.percent) continue;
    const after = tokens[i + 1]?.norm === '-' ? i + 2 : i + 1;
    const right = columns.find((m) => m.start === after);
    const left = columns.find((m) => m.end === i);
    // "discount is 0", "quantity = 3": a column, a copula, a number.
    const copula =
      ['is', 'was', 'are', 'were', 'equals', '='].includes(tokens[i - 1]?.norm ?? '') && !integer(right);
    const said = copula
      ? columns.find((m) => m.end === i - 1 && m.candidates.every((c) => isNumeric(c.column)))
      : undefined;
    if (said) {
      out.push({
        start: i - 1,
        end: i + 1,
        op: 'eq',
        value: t.value,
        opStart: i - 1,
        numberEnd: i + 1,
        percent: false,
        text: `${tokens[i - 1].raw} ${t.raw}`,
      });
      continue;
    }
    if (integer(right) || integer(left)) {
      const end = integer(right) ? after : i + 1;
      out.push({
        start: i,
        end,
        op: 'eq',
        value: t.value,
        opStart: i,
        numberEnd: end,
        percent: false,
        text: t.raw,
      });
    }
  }
  return out;
}

function isYearLike(name: string): boolean {
  return /year/i.test(name);
}

/**
 * Values and columns may claim the same words. The longer reading wins; on equal length a
 * column named exactly wins over a value, and a value wins over a synonym or typo of a column
 * ("rain" is the weather value, not precipitation).
 */
function settleOverlaps(
  values: ValueMention[],
  columns: ColumnMention[],
): { keptValues: ValueMention[]; keptColumns: ColumnMention[] } {
  type Any = { m: ValueMention | ColumnMention; isValue: boolean; start: number; end: number; rank: number };
  const all: Any[] = [
    ...values.map((m) => ({
      m,
      isValue: true,
      start: m.start,
      end: m.end,
      rank: m.score + (m.via === 'exact' ? 0.05 : 0),
    })),
    ...columns.map((m) => ({
      m,
      isValue: false,
      start: m.start,
      end: m.end,
      rank: m.via === 'name' && m.score >= 0.99 ? 1.1 : m.score,
    })),
  ];
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || b.rank - a.rank);
  const taken: Any[] = [];
  for (const x of all) if (!taken.some((t) => x.start < t.end && t.start < x.end)) taken.push(x);
  taken.sort((a, b) => a.start - b.start);
  return {
    keptValues: taken.filter((t) => t.isValue).map((t) => t.m as ValueMention),
    keptColumns: taken.filter((t) => !t.isValue).map((t) => t.m as ColumnMention),
  };
}
