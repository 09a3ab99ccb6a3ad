/**
 * Numeric comparisons: "over 2k", "more than ten", "at least 1.5m", "between 10 and 20",
 * "5 or more", "100k+", "heavier than 3000". This finds the comparator and number; which
 * column it applies to is decided by the caller, from the words around it.
 */
import { type NumberMention, numberAt } from './numbers.ts';
import { COMPARATIVES } from './thesaurus.ts';
import type { Token } from './tokenize.ts';

export type CompareOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq' | 'between';

export interface ComparisonHit {
  start: number;
  end: number;
  op: CompareOp;
  value: number;
  value2?: number;
  /** Where the comparator starts and the number ends, for finding the column on each side. */
  opStart: number;
  numberEnd: number;
  percent: boolean;
  /** "heavier than" names its concept itself. */
  concept?: string;
  text: string;
}

const PREFIX: [string, CompareOp][] = [
  ['greater than or equal to', 'gte'],
  ['more than or equal to', 'gte'],
  ['less than or equal to', 'lte'],
  ['not equal to', 'neq'],
  ['no less than', 'gte'],
  ['not less than', 'gte'],
  ['no more than', 'lte'],
  ['not more than', 'lte'],
  ['no higher than', 'lte'],
  ['no lower than', 'gte'],
  ['in excess of', 'gt'],
  ['a minimum of', 'gte'],
  ['a maximum of', 'lte'],
  ['at least', 'gte'],
  ['at most', 'lte'],
  ['up to', 'lte'],
  ['more than', 'gt'],
  ['greater than', 'gt'],
  ['higher than', 'gt'],
  ['bigger than', 'gt'],
  ['larger than', 'gt'],
  ['longer than', 'gt'],
  ['better than', 'gt'],
  ['upwards of', 'gt'],
  ['north of', 'gt'],
  ['less than', 'lt'],
  ['fewer than', 'lt'],
  ['lower than', 'lt'],
  ['smaller than', 'lt'],
  ['shorter than', 'lt'],
  ['worse than', 'lt'],
  ['south of', 'lt'],
  ['equal to', 'eq'],
  ['of exactly', 'eq'],
  ['exactly', 'eq'],
  ['equals', 'eq'],
  ['over', 'gt'],
  ['above', 'gt'],
  ['exceeding', 'gt'],
  ['exceeds', 'gt'],
  ['exceed', 'gt'],
  ['exceeded', 'gt'],
  ['beyond', 'gt'],
  ['under', 'lt'],
  ['below', 'lt'],
  ['beneath', 'lt'],
  ['>=', 'gte'],
  ['<=', 'lte'],
  ['>', 'gt'],
  ['<', 'lt'],
  ['!=', 'neq'],
  ['<>', 'neq'],
  ['=', 'eq'],
].map(([p, op]) => [p, op as CompareOp]);

const SUFFIX: [string, CompareOp][] = [
  ['or more', 'gte'],
  ['or greater', 'gte'],
  ['or higher', 'gte'],
  ['or above', 'gte'],
  ['or over', 'gte'],
  ['and above', 'gte'],
  ['and up', 'gte'],
  ['and over', 'gte'],
  ['plus', 'gte'],
  ['+', 'gte'],
  ['or less', 'lte'],
  ['or fewer', 'lte'],
  ['or lower', 'lte'],
  ['or below', 'lte'],
  ['or under', 'lte'],
  ['and below', 'lte'],
  ['and under', 'lte'],
];

function phraseAt(tokens: readonly Token[], i: number, phrase: string): number {
  const words = phrase.split(' ');
  return words.every((w, k) => tokens[i + k]?.norm === w) ? i + words.length : -1;
}

/** "more expensive than", "heavier than": a comparative adjective names the concept. */
function comparativeAt(
  tokens: readonly Token[],
  i: number,
): { end: number; op: CompareOp; concept: string } | null {
  const w = tokens[i]?.norm ?? '';
  if (w in COMPARATIVES && tokens[i + 1]?.norm === 'than')
    return { end: i + 2, op: COMPARATIVES[w].dir, concept: COMPARATIVES[w].concept };
  if ((w === 'more' || w === 'less') && tokens[i + 1]?.norm === 'expensive' && tokens[i + 2]?.norm === 'than')
    return { end: i + 3, op: w === 'more' ? 'gt' : 'lt', concept: 'price' };
  return null;
}

export function findComparisons(tokens: readonly Token[], free: readonly boolean[]): ComparisonHit[] {
  const hits: ComparisonHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!free[i]) continue;
    const hit = prefixAt(tokens, free, i) ?? betweenAt(tokens, free, i) ?? suffixAt(tokens, free, i);
    if (hit) {
      hits.push(hit);
      i = hit.end - 1;
    }
  }
  return hits;
}

function usable(n: NumberMention | null, free: readonly boolean[]): n is NumberMention {
  if (!n) return false;
  for (let k = n.start; k < n.end; k++) if (!free[k]) return false;
  return true;
}

function hitOf(
  tokens: readonly Token[],
  start: number,
  opStart: number,
  end: number,
  op: CompareOp,
  n: NumberMention,
  extra: Partial<ComparisonHit> = {},
): ComparisonHit {
  const text = tokens
    .slice(start, end)
    .map((t) => t.raw)
    .join(' ');
  return { start, end, op, value: n.value, opStart, numberEnd: n.end, percent: n.percent, text, ...extra };
}

function prefixAt(tokens: readonly Token[], free: readonly boolean[], i: number): ComparisonHit | null {
  const comp = comparativeAt(tokens, i);
  if (comp) {
    const n = numberAt(tokens, comp.end);
    return usable(n, free) ? hitOf(tokens, i, i, n.end, comp.op, n, { concept: comp.concept }) : null;
  }
  for (const [p, op] of PREFIX) {
    const after = phraseAt(tokens, i, p);
    if (after < 0) continue;
    const n = numberAt(tokens, after);
    if (!usable(n, free)) continue;
    return hitOf(tokens, i, i, n.end, op, n);
  }
  return null;
}

function betweenAt(tokens: readonly Token[], free: readonly boolean[], i: number): ComparisonHit | null {
  const w = tokens[i].norm;
  const a = w === 'between' || w === 'from' ? numberAt(tokens, i + 1) : null;
  if (!usable(a, free)) return null;
  const join = tokens[a.end]?.norm;
  if (!((w === 'between' && join === 'and') || (w === 'from' && (join === 'to' || join === '-'))))
    return null;
  const b = numberAt(tokens, a.end + 1);
  if (!usable(b, free)) return null;
  const [lo, hi] = a.value <= b.value ? [a.value, b.value] : [b.value, a.value];
  return {
    ...hitOf(tokens, i, i, b.end, 'between', { ...b, value: lo }),
    value2: hi,
    percent: a.percent || b.percent,
  };
}

function suffixAt(tokens: readonly Token[], free: readonly boolean[], i: number): ComparisonHit | null {
  const n = numberAt(tokens, i);
  if (!usable(n, free) || !n.digits) return null;
  for (const [p, op] of SUFFIX) {
    const after = phraseAt(tokens, n.end, p);
    if (after > 0) return { ...hitOf(tokens, i, i, after, op, n), numberEnd: after };
  }
  return null;
}
