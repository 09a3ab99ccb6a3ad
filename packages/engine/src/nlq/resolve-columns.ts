/**
 * Finds the columns a question names: exact words, stems, synonyms, abbreviations ("pop" for
 * population), acronyms ("mpg"), units ("lbs") and typos. A mention that fits several columns
 * equally well keeps all of them as candidates, so the caller can ask instead of guessing.
 */

import { isCueWord } from './cue-words.ts';
import { isTypoOf } from './fuzzy.ts';
import { type ColumnWords, columnWords } from './lexicon.ts';
import { areSynonyms, PHRASE_SYNONYMS } from './thesaurus.ts';
import type { Token } from './tokenize.ts';
import type { NlqColumn } from './types.ts';
import { isFiller } from './vocabulary.ts';

export interface ColumnCandidate {
  column: NlqColumn;
  score: number;
}

export interface ColumnMention {
  start: number;
  end: number;
  /** Best first; more than one when the words fit several columns about equally. */
  candidates: ColumnCandidate[];
  score: number;
  /** How the best match was made, for the interpretation. */
  via: 'name' | 'synonym' | 'abbreviation' | 'typo' | 'description' | 'acronym' | 'unit';
}

const CONNECTORS = new Set(['of', 'per', 'in', 'the']);
/** Candidates within this score of the best are treated as equally likely. */
const TIE = 0.08;
const MIN_SCORE = 0.5;

type Via = ColumnMention['via'];

function wordMatch(
  tok: { norm: string; stem: string },
  colWord: string,
  colRaw: string,
): { q: number; via: Via } | null {
  if (tok.stem === colWord || tok.norm === colRaw) return { q: 1, via: 'name' };
  if (areSynonyms(tok.stem, colWord)) return { q: 0.9, via: 'synonym' };
  if (isFiller(tok.norm) || isCueWord(tok.norm)) return null;
  // A name word abbreviates the question word ("pop" ↔ population, "expect" ↔ expectancy),
  // or the question abbreviates the name ("precip" ↔ precipitation).
  if (colRaw.length >= 3 && tok.norm.length > colRaw.length && tok.norm.startsWith(colRaw))
    return { q: 0.85, via: 'abbreviation' };
  if (tok.norm.length >= 4 && colRaw.length > tok.norm.length && colRaw.startsWith(tok.norm))
    return { q: 0.85, via: 'abbreviation' };
  if (tok.norm.length >= 4 && (isTypoOf(tok.norm, colRaw) || isTypoOf(tok.stem, colWord)))
    return { q: 0.75, via: 'typo' };
  return null;
}

/** Score of tokens [s, e) naming this column, or null. */
function spanScore(
  words: Pick<Token, 'norm' | 'stem'>[],
  cw: ColumnWords,
): { score: number; via: Via } | null {
  if (words.length === 1 && cw.acronym && words[0].norm === cw.acronym)
    return { score: 0.95, via: 'acronym' };
  const matchedCore = new Set<string>();
  let qSum = 0;
  let n = 0;
  let via: Via = 'name';
  let unitOnly = true;
  let contentWords = 0;
  for (const [k, w] of words.entries()) {
    const edge = k === 0 || k === words.length - 1;
    let best: { q: number; via: Via; word: string; unit: boolean } | null = null;
    for (const [ci, c] of cw.core.entries()) {
      if (matchedCore.has(c)) continue;
      const m = wordMatch(w, c, cw.coreRaw[ci]);
      if (m && (!best || m.q > best.q)) best = { ...m, word: c, unit: false };
    }
    for (const u of cw.units) {
      if (w.stem === u || w.norm === u)
        if (!best || best.q < 1) best = { q: 1, via: 'unit', word: u, unit: true };
    }
    if (!best) {
      if (!edge && CONNECTORS.has(w.norm)) continue;
      return null;
    }
    if (!isFiller(w.norm)) contentWords++;
    if (!best.unit) {
      matchedCore.add(best.word);
      unitOnly = false;
    }
    if (best.q < 1 && via === 'name') via = best.via;
    qSum += best.q;
    n++;
  }
  if (n === 0) return null;
  // "max" alone is an aggregate, not temp_max; "max temperature" still names it.
  if (words.length === 1 && isCueWord(words[0].norm) && cw.core.length > 1) return null;
  if (unitOnly) return { score: 0.7, via: 'unit' };
  const coverage = matchedCore.size / cw.core.length;
  // Filler words alone ("us", "time", "value") name a column only when they are its whole name.
  if (contentWords === 0 && !(coverage === 1 && qSum === n)) return null;
  const head = matchedCore.has(cw.head) ? 1 : 0;
  return { score: (qSum / n) * (0.55 + 0.35 * coverage + 0.1 * head), via };
}

function descriptionScore(words: Pick<Token, 'stem' | 'norm' | 'possessive'>[], cw: ColumnWords): number {
  if (!cw.described.length) return 0;
  return words.every(
    (w) => cw.described.includes(w.stem) && !isFiller(w.norm) && !isCueWord(w.norm) && !w.possessive,
  )
    ? 0.6
    : 0;
}

export function buildLexicon(columns: readonly NlqColumn[]): ColumnWords[] {
  return columns.map(columnWords);
}

/**
 * All column mentions in the free tokens, longest and best first, not overlapping.
 * `free[i]` false means token i was already used (by a date, a number, ...).
 */
export function findColumnMentions(
  tokens: readonly Token[],
  free: readonly boolean[],
  lexicon: readonly ColumnWords[],
  rowNouns: ReadonlySet<string> = new Set(),
): ColumnMention[] {
  const found: ColumnMention[] = exactNameMentions(tokens, free, lexicon);
  for (let s = 0; s < tokens.length; s++) {
    for (let e = Math.min(tokens.length, s + 4); e > s; e--) {
      let ok = true;
      for (let k = s; k < e; k++) if (!free[k] || tokens[k].kind !== 'word') ok = false;
      if (!ok) continue;
      const raw = tokens.slice(s, e);
      const words = phraseWords(raw);
      // The dataset's own noun ("cars") names rows, not a column, unless a column is called that.
      const rowNoun = words.some((w) => rowNouns.has(w.stem));
      const scored: (ColumnCandidate & { via: Via })[] = [];
      for (const cw of lexicon) {
        // A thesaurus phrase must not hide a column's own name ("sale price" is `sale_price`).
        const r = better(spanScore(words, cw), words.length === raw.length ? null : spanScore(raw, cw));
        // A unit alone names a column only right after a number ("over 3000 lbs").
        if (r?.via === 'unit' && tokens[s - 1]?.kind !== 'number') continue;
        if (rowNoun && (r?.via !== 'name' || r.score < 0.99)) continue;
        const d = descriptionScore(words, cw);
        if (r && r.score >= d) scored.push({ column: cw.column, score: r.score, via: r.via });
        else if (d > 0) scored.push({ column: cw.column, score: d, via: 'description' });
      }
      if (!scored.length) continue;
      scored.sort((a, b) => b.score - a.score);
      const best = scored[0];
      if (best.score < MIN_SCORE) continue;
      const candidates = scored
        .filter((c) => c.score >= best.score - TIE)
        .map(({ column, score }) => ({ column, score }));
      found.push({ start: s, end: e, candidates, score: best.score, via: best.via });
    }
  }
  return pickNonOverlapping(found);
}

function better<T extends { score: number }>(a: T | null, b: T | null): T | null {
  return !a ? b : !b ? a : b.score > a.score ? b : a;
}

/** A thesaurus phrase ("box office") inside the span stands for its concept word. */
function phraseWords(toks: readonly Token[]): Pick<Token, 'norm' | 'stem' | 'possessive'>[] {
  const out: Pick<Token, 'norm' | 'stem' | 'possessive'>[] = [];
  let i = 0;
  while (i < toks.length) {
    const p = PHRASE_SYNONYMS.find((ph) => ph.words.every((w, k) => toks[i + k]?.stem === w));
    if (p) {
      out.push({ norm: p.concept, stem: p.concept });
      i += p.words.length;
    } else out.push(toks[i++]);
  }
  return out;
}

/** Letters and digits only, lower-cased: `Beak Length (mm)` → `beaklengthmm`, `pixel_0_0` → `pixel00`. */
function compact(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * A column's whole name written out, punctuation and all ("Beak Length (mm)", "record.high",
 * "pixel_0_0"), names that column outright: its parts would otherwise be read word by word,
 * and "(mm)" or the "0"s left over as words nobody understood.
 */
function exactNameMentions(
  tokens: readonly Token[],
  free: readonly boolean[],
  lexicon: readonly ColumnWords[],
): ColumnMention[] {
  const byName = new Map<string, NlqColumn[]>();
  let longest = 0;
  for (const cw of lexicon) {
    const key = compact(cw.column.name);
    if (key.length < 2) continue;
    byName.set(key, [...(byName.get(key) ?? []), cw.column]);
    longest = Math.max(longest, key.length);
  }
  const out: ColumnMention[] = [];
  for (let s = 0; s < tokens.length; s++) {
    if (!free[s] || tokens[s].kind === 'symbol') continue;
    let text = '';
    // Punctuation inside the name may already be set aside as ignorable; words must be free.
    for (let e = s + 1; e <= tokens.length && (free[e - 1] || tokens[e - 1].kind === 'symbol'); e++) {
      text += compact(tokens[e - 1].raw);
      if (text.length > longest) break;
      const cols = byName.get(text);
      // Two or more tokens: a one-word name is found by the word match anyway.
      if (cols && e - s >= 2 && (tokens[e - 1].kind !== 'symbol' || tokens[e - 1].norm === ')'))
        out.push({
          start: s,
          end: e,
          candidates: cols.map((column) => ({ column, score: 1 })),
          score: 1,
          via: 'name',
        });
    }
  }
  return out;
}

export function pickNonOverlapping<T extends { start: number; end: number; score: number }>(found: T[]): T[] {
  const ranked = [...found].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.score - a.score || a.start - b.start,
  );
  const taken: T[] = [];
  for (const m of ranked) if (!taken.some((t) => m.start < t.end && t.start < m.end)) taken.push(m);
  return taken.sort((a, b) => a.start - b.start);
}
