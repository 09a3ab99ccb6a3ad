/**
 * Splits a question into tokens that keep their place in the original text, so every piece of
 * the interpretation can point back at the words the user typed.
 */
import { stem } from './stem.ts';

export type TokenKind = 'word' | 'number' | 'date' | 'symbol';

export interface Token {
  /** Position in the token list. */
  i: number;
  raw: string;
  /** Lower-cased, accents removed, possessive dropped. */
  norm: string;
  stem: string;
  kind: TokenKind;
  start: number;
  end: number;
  /** For numbers: the value with any attached scale (`2k` → 2000) applied. */
  value?: number;
  /** A `%` was attached (`10%`). */
  percent?: boolean;
  /** A currency sign was attached (`$5`). */
  currency?: boolean;
  /** Raw text had an upper-case letter (proper nouns, codes like `R`). */
  upper?: boolean;
  /** Written with a possessive "'s" ("China's"): an owner, rarely a column. */
  possessive?: boolean;
  /** Inside double or single quotes in the question. */
  quoted?: boolean;
}

const TOKEN_RE =
  /(\d{4}-\d{2}-\d{2})|([$€£]?\d+(?:,\d{3})*(?:\.\d+)?|[$€£]?\.\d+)(k|m|mm|bn|b|%|s)?(?![a-z0-9])|([\p{L}\p{N}]+(?:['’][\p{L}]+)*)|(>=|<=|!=|<>|[><=%+\-/&?,.:;()#*$"'“”‘’])/giu;

const SCALE: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9 };

export function normalizeWord(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/’/g, "'");
}

/** Expands contractions and drops possessives: "what's" → what is, "don't" → do not. */
function wordForms(norm: string): string[] {
  if (norm.endsWith("n't"))
    return [norm === "won't" ? 'will' : norm === "can't" ? 'can' : norm.slice(0, -3), 'not'];
  if (norm.endsWith("'s")) {
    const base = norm.slice(0, -2);
    return ['what', 'it', 'that', 'there', 'where', 'who', 'how', 'here'].includes(base)
      ? [base, 'is']
      : [base];
  }
  if (norm.endsWith("'re")) return [norm.slice(0, -3), 'are'];
  if (norm.endsWith("'ve")) return [norm.slice(0, -3), 'have'];
  if (norm.endsWith("'ll")) return [norm.slice(0, -3), 'will'];
  if (norm.endsWith("'d")) return [norm.slice(0, -2), 'would'];
  if (norm.endsWith("'")) return [norm.slice(0, -1)];
  return [norm.replace(/'/g, '')];
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let inQuote = false;
  const push = (t: Omit<Token, 'i' | 'stem'> & { stem?: string }) =>
    tokens.push({ ...t, i: tokens.length, stem: t.stem ?? stem(t.norm), quoted: inQuote || undefined });
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const start = m.index ?? 0;
    const end = start + raw.length;
    if (m[1]) push({ raw, norm: raw, kind: 'date', start, end });
    else if (m[2]) {
      const suffix = (m[3] ?? '').toLowerCase();
      const digits = m[2].replace(/[$€£,]/g, '');
      let value = Number(digits);
      if (suffix in SCALE) value *= SCALE[suffix];
      const norm = suffix === 's' ? `${digits}s` : String(value);
      push({
        raw,
        norm,
        kind: suffix === 's' ? 'word' : 'number',
        start,
        end,
        value: suffix === 's' ? Number(digits) : value,
        percent: suffix === '%' || undefined,
        currency: /^[$€£]/.test(m[2]) || undefined,
      });
    } else if (m[4]) {
      const forms = wordForms(normalizeWord(raw));
      for (const norm of forms) {
        if (!norm) continue;
        const possessive = forms.length === 1 && /['’]s$/i.test(raw) ? true : undefined;
        push({ raw, norm, kind: 'word', start, end, upper: /\p{Lu}/u.test(raw) || undefined, possessive });
      }
    } else {
      if (/["“”]/.test(raw)) {
        inQuote = !inQuote;
        continue;
      }
      push({ raw, norm: raw, kind: 'symbol', start, end });
    }
  }
  return tokens;
}

/** The original text covered by tokens [from, to). */
export function spanText(text: string, tokens: readonly Token[], from: number, to: number): string {
  if (from >= to || !tokens[from]) return '';
  return text.slice(tokens[from].start, tokens[to - 1].end);
}

const COMPARATIVES: Record<string, string> = {
  more: 'most',
  less: 'least',
  fewer: 'fewest',
  higher: 'highest',
  lower: 'lowest',
  bigger: 'biggest',
  larger: 'largest',
  greater: 'greatest',
  better: 'best',
  worse: 'worst',
};

/**
 * "Which location had more rain?" asks for the top one of the groups, as "the most rain"
 * would; read as a superlative. Only in a which/who question and never beside "than" ("more
 * than 10"), where the comparative is a threshold.
 */
export function comparativesAsSuperlatives(tokens: Token[]): Token[] {
  const words = tokens.filter((t) => t.kind === 'word');
  if (!['which', 'who'].includes(words[0]?.norm ?? '')) return tokens;
  if (words.some((t) => t.norm === 'than')) return tokens;
  return tokens.map((t) => {
    const sup = t.kind === 'word' ? COMPARATIVES[t.norm] : undefined;
    return sup ? { ...t, norm: sup, stem: stem(sup) } : t;
  });
}
