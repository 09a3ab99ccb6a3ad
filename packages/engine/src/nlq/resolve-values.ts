/**
 * Finds values of categorical columns inside a question ("in France" → country = 'France'),
 * from the profile's top values or a capped DISTINCT lookup. Matching is on normalised word
 * sequences, so "sci-fi", "Sci Fi" and "SCI-FI" meet; single words also match through
 * aliases ("Japanese"), adjectives ("rainy") and typos ("Germny").
 */
import { isCueWord } from './cue-words.ts';
import { isTypoOf } from './fuzzy.ts';
import { stem } from './stem.ts';
import { normalizeWord, type Token, tokenize } from './tokenize.ts';
import type { NlqColumn } from './types.ts';
import { adjectiveBase, valueAliases } from './value-aliases.ts';
import { isFiller } from './vocabulary.ts';

export interface ValueEntry {
  column: NlqColumn;
  value: string;
  /** Lower-cased, accent-free text of the value. */
  norm: string;
  stems: string[];
  /** Rank in the column by frequency (0 = most frequent), to order choices. */
  rank: number;
}

export interface ValueIndex {
  byFirstStem: Map<string, ValueEntry[]>;
  /** Whole normalised value text → entries, for alias lookups. */
  byText: Map<string, ValueEntry[]>;
  /** Two-word values by their last word: "Spielberg" → Steven Spielberg. */
  byLastStem: Map<string, ValueEntry[]>;
  singles: ValueEntry[];
  /** Word → columns whose values contain it as a word (text columns with many values). */
  words: Map<string, Set<NlqColumn>>;
}

export interface ValueCandidate {
  column: NlqColumn;
  value: string;
  score: number;
}

export interface ValueMention {
  start: number;
  end: number;
  candidates: ValueCandidate[];
  score: number;
  via: 'exact' | 'alias' | 'adjective' | 'typo';
}

function valueStems(value: string): string[] {
  return tokenize(value)
    .filter((t) => t.kind !== 'symbol')
    .map((t) => t.stem);
}

/** `values` maps a column name to its values, most frequent first. */
export function buildValueIndex(
  columns: readonly NlqColumn[],
  values: ReadonlyMap<string, readonly string[]>,
): ValueIndex {
  const index: ValueIndex = {
    byFirstStem: new Map(),
    byText: new Map(),
    byLastStem: new Map(),
    singles: [],
    words: new Map(),
  };
  for (const column of columns) {
    const list = values.get(column.name);
    if (!list) continue;
    for (const [rank, value] of list.entries()) {
      const stems = valueStems(value);
      if (!stems.length || stems.length > 12) continue;
      const norm = normalizeWord(value)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
      const entry: ValueEntry = { column, value, norm, stems, rank };
      push(index.byFirstStem, stems[0], entry);
      push(index.byText, norm, entry);
      if (stems.length === 1) index.singles.push(entry);
      if (stems.length === 2) push(index.byLastStem, stems[1], entry);
      if (list.length > 50) for (const s of new Set(stems)) pushSet(index.words, s, column);
    }
  }
  return index;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const arr = m.get(k);
  if (arr) arr.push(v);
  else m.set(k, [v]);
}

function pushSet<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  const set = m.get(k);
  if (set) set.add(v);
  else m.set(k, new Set([v]));
}

/**
 * A single-letter or filler word matches a value only when written as in the data ("R",
 * "Other"); so does a value made only of filler words: "show me the budget" must not filter
 * on a film titled "Show Me" unless the user writes it as the title is written.
 */
function plausibleShort(span: readonly Token[], entry: ValueEntry): boolean {
  const tok = span[0];
  if (entry.stems.length > 1) {
    const words = span.filter((t) => t.kind !== 'symbol');
    if (!words.every((t) => isFiller(t.norm))) return true;
    if (words.every((t) => t.quoted === true)) return true;
    return words.map((t) => t.raw).join(' ') === entry.value.replace(/\s+/g, ' ').trim();
  }
  if (tok.norm.length <= 2 || isFiller(tok.norm)) return tok.quoted === true || tok.raw === entry.value;
  return true;
}

export function findValueMentions(
  tokens: readonly Token[],
  free: readonly boolean[],
  index: ValueIndex,
): ValueMention[] {
  const found: ValueMention[] = [];
  for (let s = 0; s < tokens.length; s++) {
    if (!free[s] || tokens[s].kind === 'symbol') continue;
    const exact = exactAt(tokens, free, s, index);
    found.push(...exact);
    const t = tokens[s];
    if (t.kind !== 'word' || exact.length) continue;
    const multi = multiWordTypoAt(tokens, free, s, index);
    if (multi) {
      found.push(multi);
      continue;
    }
    const prev = tokens[s - 1]?.norm ?? '';
    const nameLike = t.upper === true || t.quoted === true || NAME_PREPOSITIONS.has(prev);
    const single = singleWordAt(t, index, nameLike);
    if (single) found.push({ ...single, start: s, end: s + 1 });
  }
  return found;
}

function exactAt(
  tokens: readonly Token[],
  free: readonly boolean[],
  s: number,
  index: ValueIndex,
): ValueMention[] {
  const byEnd = new Map<number, ValueCandidate[]>();
  for (const entry of index.byFirstStem.get(tokens[s].stem) ?? []) {
    const n = entry.stems.length;
    let ok = s + n <= tokens.length;
    // Symbols inside a value ("PG-13") are skipped on both sides.
    let k = s;
    for (let j = 0; ok && j < n; j++) {
      while (k < tokens.length && tokens[k].kind === 'symbol' && j > 0) k++;
      if (k >= tokens.length || !free[k] || tokens[k].stem !== entry.stems[j]) ok = false;
      k++;
    }
    if (!ok || !plausibleShort(tokens.slice(s, k), entry)) continue;
    push(byEnd, k, { column: entry.column, value: entry.value, score: 1 });
  }
  return [...byEnd.entries()].map(([end, candidates]) => ({
    start: s,
    end,
    candidates: dedupe(candidates),
    score: 1,
    via: 'exact' as const,
  }));
}

const NAME_PREPOSITIONS = new Set([
  'in',
  'from',
  'for',
  'of',
  'at',
  'by',
  'with',
  'to',
  'and',
  'or',
  'vs',
  'versus',
  'than',
  'not',
  'excluding',
  'except',
]);

/** "Steven Speilberg": the first word exact, the others within a typo. */
function multiWordTypoAt(
  tokens: readonly Token[],
  free: readonly boolean[],
  s: number,
  index: ValueIndex,
): ValueMention | null {
  const hits: ValueCandidate[] = [];
  let end = s;
  if (isFiller(tokens[s].norm)) return null;
  for (const entry of index.byFirstStem.get(tokens[s].stem) ?? []) {
    const n = entry.stems.length;
    if (n < 2 || s + n > tokens.length) continue;
    let ok = true;
    for (let j = 1; j < n && ok; j++) {
      const t = tokens[s + j];
      ok =
        free[s + j] &&
        t.kind === 'word' &&
        (t.stem === entry.stems[j] || (t.norm.length >= 4 && isTypoOf(t.stem, entry.stems[j])));
    }
    if (ok) {
      hits.push({ column: entry.column, value: entry.value, score: 0.8 });
      end = s + n;
    }
  }
  return hits.length ? { start: s, end, candidates: dedupe(hits), score: 0.8, via: 'typo' } : null;
}

function singleWordAt(
  t: Token,
  index: ValueIndex,
  nameLike: boolean,
): Omit<ValueMention, 'start' | 'end'> | null {
  // "us" is a filler word, "US" a country.
  const shouted = t.raw.length >= 2 && t.raw === t.raw.toUpperCase() && /\p{L}/u.test(t.raw);
  if (isFiller(t.norm) && !t.quoted && !shouted) return null;
  const aliases = valueAliases(t.norm).flatMap((a) => index.byText.get(a) ?? []);
  if (aliases.length)
    return {
      candidates: dedupe(aliases.map((e) => ({ column: e.column, value: e.value, score: 0.9 }))),
      score: 0.9,
      via: 'alias',
    };
  // A capitalised surname that ends exactly one two-word value of one column.
  const surnames = t.upper ? (index.byLastStem.get(t.stem) ?? []) : [];
  if (surnames.length === 1)
    return {
      candidates: [{ column: surnames[0].column, value: surnames[0].value, score: 0.85 }],
      score: 0.85,
      via: 'alias',
    };
  const base = adjectiveBase(t.norm);
  if (base) {
    const hits = index.singles.filter((e) => e.stems[0] === stem(base) || e.stems[0] === base);
    if (hits.length)
      return {
        candidates: dedupe(hits.map((e) => ({ column: e.column, value: e.value, score: 0.85 }))),
        score: 0.85,
        via: 'adjective',
      };
  }
  // A typo'd value must look like a name: capitalised, quoted, or after "in"/"from"/"for"…
  if (t.norm.length < 4 || isFiller(t.norm) || isCueWord(t.norm) || !nameLike) return null;
  const typos = index.singles.filter(
    (e) => e.stems[0].length >= 4 && (isTypoOf(t.norm, e.norm) || isTypoOf(t.stem, e.stems[0])),
  );
  if (!typos.length) return null;
  return {
    candidates: dedupe(typos.map((e) => ({ column: e.column, value: e.value, score: 0.75 }))),
    score: 0.75,
    via: 'typo',
  };
}

function dedupe(cands: ValueCandidate[]): ValueCandidate[] {
  const seen = new Set<string>();
  return cands.filter((c) => {
    const k = `${c.column.name}\u0000${c.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
