/**
 * What is left after every resolver ran. Leftover content words make an answer uncertain;
 * leftover names ("in Tokyo", "for Acme") mean the question is about something the data does
 * not hold, and answering without them would be a confident wrong answer.
 */
import type { QuestionContext } from './context.ts';
import type { Findings } from './extract.ts';
import { isNumberWord } from './numbers.ts';
import { isPointWord } from './point-words.ts';
import { SUPERLATIVES } from './thesaurus.ts';
import type { Token } from './tokenize.ts';
import { isFiller, isRowNoun, OUT_OF_SCOPE_PATTERNS, PREDICTION_WORDS } from './vocabulary.ts';

/** "revenue per store": whatever follows a grouping word is a column the data must have. */
const GROUP_WORDS = new Set(['by', 'per', 'across', 'each', 'every']);
/** "the most common weather": how often, not a thing ranked. */
const HOW_OFTEN = new Set([
  'common',
  'frequent',
  'frequently',
  'often',
  'popular',
  'usual',
  'typical',
  'likely',
]);
/** Days relative to "now": the data has its own last date, so these cannot be placed. */
const UNANCHORED_TIME = new Set(['yesterday', 'today', 'tonight', 'tomorrow']);
const ENTITY_PREPOSITIONS = new Set([
  'in',
  'for',
  'from',
  'at',
  'of',
  'by',
  'with',
  'about',
  'on',
  'named',
  'called',
]);

/** "What was the humidity…", "what is the GDP…": the word asked about. */
function askedAbout(tokens: readonly Token[], i: number): boolean {
  let k = i - 1;
  while (
    k >= 0 &&
    ['the', 'a', 'an', 'is', 'was', 'are', 'were', 'our', 'my', 'its', 'their'].includes(tokens[k].norm)
  )
    k--;
  return k < i - 1 && k >= 0 && ['what', 'which'].includes(tokens[k].norm);
}

export function findUnknown(f: Findings, ctx: QuestionContext): { text: string; entity: boolean }[] {
  const out: { text: string; entity: boolean }[] = [];
  for (const [i, t] of f.tokens.entries()) {
    if (f.used[i] || t.kind === 'symbol') continue;
    if (t.kind === 'word' && (isFiller(t.norm) || isNumberWord(t.norm))) continue;
    if (t.kind === 'word' && ctx.rowNouns.has(t.stem)) continue;
    const prev = f.tokens[i - 1];
    const next = f.tokens[i + 1];
    // "the last price", "at the end of 2009": read by finalize (pointInTime).
    if (t.kind === 'word' && isPointWord(t.norm, next)) continue;
    // The thing being counted or picked ("how many employees", "which actor") or a qualifier
    // of the rows ("emperor penguins"): without it the answer would be about something else.
    const subject =
      t.kind === 'word' &&
      (askedAbout(f.tokens, i) ||
        (prev !== undefined && ['many', 'which', 'whose'].includes(prev.norm) && !f.used[i - 1]) ||
        (prev?.norm === 'of' && f.tokens[i - 2]?.norm === 'number') ||
        // "which genre has the most money", "the highest salary": what is ranked; without it
        // the answer would rank something else (often the number of rows).
        (prev !== undefined && prev.norm in SUPERLATIVES && !HOW_OFTEN.has(t.norm)) ||
        (next !== undefined &&
          next.kind === 'word' &&
          (ctx.rowNouns.has(next.stem) || isRowNoun(next.norm))));
    const entity =
      subject ||
      UNANCHORED_TIME.has(t.norm) ||
      t.kind === 'number' ||
      t.quoted === true ||
      (t.upper === true && i > 0 && !(prev?.kind === 'symbol' && prev.norm === '.')) ||
      (prev !== undefined &&
        ((ENTITY_PREPOSITIONS.has(prev.norm) && !f.used[i - 1]) || GROUP_WORDS.has(prev.norm)));
    out.push({ text: t.raw, entity });
  }
  return out;
}

const FOLLOW_UP_STARTS = [
  ['and'],
  ['what', 'about'],
  ['how', 'about'],
  ['same', 'for'],
  ['same', 'but'],
  ['same', 'thing'],
  ['now'],
  ['only'],
  ['just'],
  ['instead'],
  ['but'],
  ['then'],
  ['also'],
  ['ok'],
  ['okay'],
  ['show', 'it'],
  ['show', 'that'],
  ['show', 'this'],
  ['make', 'it'],
  ['as', 'a'],
  ['as', 'an'],
  ['break', 'it'],
  ['break', 'that'],
  ['split', 'it'],
  ['and', 'for'],
  ['for'],
  ['in'],
  ['by'],
  ['why'],
  ['excluding'],
  ['without'],
  ['sort', 'it'],
  ['limit', 'to'],
];

export function isFollowUpStart(tokens: readonly Token[]): boolean {
  const words = tokens.filter((t) => t.kind !== 'symbol').map((t) => t.norm);
  return FOLLOW_UP_STARTS.some((p) => p.every((w, k) => words[k] === w));
}

const WRITE_VERBS = new Set([
  'delete',
  'drop',
  'truncate',
  'insert',
  'update',
  'alter',
  'remove',
  'overwrite',
  'erase',
  'wipe',
  'destroy',
  'grant',
  'revoke',
  'attach',
  'copy',
  'install',
  'load',
  'pragma',
  'export',
]);

export function refusalOf(f: Findings): { reason: string; suggestions: string[] } | null {
  for (const [i, t] of f.tokens.entries()) {
    // "budget greater than their worldwide gross": a comparison with another column, not a number.
    if (t.norm === 'than' && !f.used[i] && f.columns.some((m) => m.start > i && m.start - i <= 3))
      return {
        reason:
          'I can compare a column with a number, but not one column with another (e.g. budget vs gross) yet.',
        suggestions: [],
      };
  }
  const first = f.tokens.find((t) => t.kind === 'word');
  if (first && WRITE_VERBS.has(first.norm))
    return {
      reason:
        'Questions can only read this dataset; changing, copying or exporting data is not possible here.',
      suggestions: [],
    };
  for (const re of OUT_OF_SCOPE_PATTERNS) {
    if (re.test(f.question)) {
      return /delete|drop|update|insert|truncate|alter|create|grant|modify|remove|overwrite/i.test(f.question)
        ? {
            reason: 'Questions can only read this dataset; changing data is not possible here.',
            suggestions: [],
          }
        : { reason: 'This is not a question the data can answer.', suggestions: [] };
    }
  }
  for (const [i, t] of f.tokens.entries()) {
    if (f.used[i] && t.norm !== 'next') continue;
    if (PREDICTION_WORDS.has(t.norm)) {
      return {
        reason:
          'This asks about the future; the data only records the past. A forecast model can estimate it, but a query cannot.',
        suggestions: [],
      };
    }
  }
  return null;
}
