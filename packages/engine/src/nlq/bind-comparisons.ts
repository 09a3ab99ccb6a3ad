/**
 * Decides which column a numeric comparison constrains: the column written just before the
 * comparator ("horsepower over 200"), just after the number ("more than 6 cylinders", "over
 * 10 mm of precipitation"), or named by the comparative ("heavier than 3000"). "More than 5
 * movies" counts rows per group (HAVING). With no column in reach, the question is ambiguous.
 */
import { isMeasurable, isNumeric } from './column-kinds.ts';
import type { ComparisonHit } from './comparisons.ts';
import { conceptColumns } from './concepts.ts';
import type { QuestionContext } from './context.ts';
import type { Draft } from './draft.ts';
import type { Findings } from './extract.ts';
import type { Filter } from './plan.ts';
import type { ColumnMention } from './resolve-columns.ts';
import { spanText } from './tokenize.ts';
import type { NlqColumn } from './types.ts';
import { isUnitWord } from './units.ts';
import { isRowNoun } from './vocabulary.ts';

const SKIP = new Set([
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'with',
  'a',
  'an',
  'the',
  'of',
  'has',
  'have',
  'had',
  'that',
  'whose',
  'where',
  'having',
  'its',
  'their',
  'which',
  'in',
  'got',
  'get',
  'gets',
  'at',
  'for',
  'total',
  'and',
  'their',
]);
const AGG_BEFORE = new Set(['average', 'avg', 'mean', 'total', 'sum', 'median']);

export interface Binding {
  /** Column mentions used by comparisons as filters (skipped when reading measures). */
  filterMentions: Set<ColumnMention>;
  /** Comparisons on an aggregated measure ("total sales over 1m"): HAVING on that mention. */
  havingMentions: Map<ColumnMention, ComparisonHit>;
}

/**
 * Words allowed between a column and its comparator: articles and verbs, units, and at most
 * one word nobody understood ("fertility rate above 5").
 */
function gapOk(f: Findings, from: number, to: number, allowUnits: boolean): boolean {
  if (to - from > 3) return false;
  let unknown = 0;
  for (let k = from; k < to; k++) {
    const n = f.tokens[k].norm;
    if (SKIP.has(n) || (allowUnits && (isUnitWord(n) || f.used[k])) || f.tokens[k].kind === 'symbol')
      continue;
    if (!f.used[k] && f.tokens[k].kind === 'word' && unknown++ === 0) continue;
    return false;
  }
  return true;
}

export function bindComparisons(f: Findings, ctx: QuestionContext, d: Draft): Binding {
  const binding: Binding = { filterMentions: new Set(), havingMentions: new Map() };
  for (const hit of f.comparisons) {
    // Ids and codes are numbers but not quantities: "orders over 2k" never means order_id > 2000.
    const numeric = (m: ColumnMention) =>
      m.candidates.some((c) => isNumeric(c.column) && c.column.semanticType !== 'identifier');
    const left = [...f.columns]
      .reverse()
      .find((m) => m.end <= hit.opStart && numeric(m) && gapOk(f, m.end, hit.opStart, false));
    const right = f.columns.find(
      (m) => m.start >= hit.numberEnd && numeric(m) && gapOk(f, hit.numberEnd, m.start, true),
    );
    const rowNounRight = isRowNounAt(f, ctx, hit.numberEnd);
    let mention: ColumnMention | undefined;
    // A unit after the number ("210 mm") only confirms the column named before it.
    if (left && right)
      mention =
        right.via !== 'unit' &&
        (hit.numberEnd - right.start === 0 || right.start - hit.numberEnd < hit.opStart - left.end)
          ? right
          : left;
    else mention = left ?? right;
    const text = spanText(f.question, f.tokens, hit.start, hit.end);
    if (!mention && rowNounRight !== null) {
      d.having.push({ measure: 'count', op: hit.op === 'between' ? 'gte' : hit.op, value: hit.value });
      if (hit.op === 'between')
        d.having.push({ measure: 'count', op: 'lte', value: hit.value2 ?? hit.value });
      f.used[rowNounRight] = true;
      d.interpretation.push({ span: text, meaning: `groups with ${opWord(hit.op)} ${hit.value} rows` });
      continue;
    }
    let columns: NlqColumn[];
    if (mention) {
      columns = mention.candidates.map((c) => c.column).filter(isNumeric);
      const aggBefore = f.tokens[mention.start - 1] && AGG_BEFORE.has(f.tokens[mention.start - 1].norm);
      if (aggBefore && mention === left) {
        binding.havingMentions.set(mention, hit);
        continue;
      }
      binding.filterMentions.add(mention);
    } else if (hit.concept) {
      columns = conceptColumns(hit.concept, ctx);
    } else {
      columns = [];
    }
    if (columns.length !== 1) {
      const choices = (columns.length ? columns : ctx.columns.filter(isMeasurable)).slice(0, 6);
      d.ambiguities.push({
        span: text,
        start: hit.start,
        end: hit.end,
        reason: columns.length
          ? `"${text}" could apply to several columns`
          : `I can't tell which column "${text}" applies to`,
        choices: choices.map((c) => ({ label: c.name, replacement: `${c.name} ${text}` })),
      });
      continue;
    }
    const col = columns[0];
    const scale = percentScale(hit, col, ctx);
    const filters = comparisonFilters(col, hit, scale);
    d.filters.push(...filters);
    d.interpretation.push({
      span: text,
      meaning: `${col.name} ${opWord(hit.op)} ${fmt(hit.value * scale)}${hit.value2 !== undefined ? ` and ${fmt(hit.value2 * scale)}` : ''}`,
    });
  }
  return binding;
}

function isRowNounAt(f: Findings, ctx: QuestionContext, i: number): number | null {
  for (let k = i; k < Math.min(f.tokens.length, i + 2); k++) {
    const t = f.tokens[k];
    if (!f.used[k] && (ctx.rowNouns.has(t.stem) || isRowNoun(t.norm))) return k;
  }
  return null;
}

/** "over 10%" on a column stored as fractions (max ≤ 1) means 0.1. */
function percentScale(hit: ComparisonHit, col: NlqColumn, ctx: QuestionContext): number {
  if (!hit.percent) return 1;
  const max = ctx.profile?.columns[col.name]?.max;
  if (typeof max === 'number') return max <= 1 ? 0.01 : 1;
  return col.semanticType === 'percentage' ? 0.01 : 1;
}

export function comparisonFilters(
  col: NlqColumn,
  hit: Pick<ComparisonHit, 'op' | 'value' | 'value2'>,
  scale = 1,
): Filter[] {
  const v = hit.value * scale;
  if (hit.op === 'between')
    return [{ column: col.name, op: 'between', from: v, to: (hit.value2 ?? hit.value) * scale }];
  if (hit.op === 'eq' || hit.op === 'neq') return [{ column: col.name, op: hit.op, value: v }];
  return [{ column: col.name, op: hit.op, value: v }];
}

export function opWord(op: string): string {
  return (
    {
      gt: 'above',
      gte: 'at least',
      lt: 'below',
      lte: 'at most',
      eq: 'equal to',
      neq: 'not equal to',
      between: 'between',
    }[op] ?? op
  );
}

export function fmt(n: number): string {
  return Number.isInteger(n)
    ? n.toLocaleString('en-US')
    : n.toLocaleString('en-US', { maximumFractionDigits: 4 });
}
