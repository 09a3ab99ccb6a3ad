import { EngineError } from '../../errors.ts';

export type TokenKind = 'ident' | 'string' | 'number' | 'op' | 'lparen' | 'rparen' | 'comma' | 'keyword';

export interface Token {
  kind: TokenKind;
  /** Identifier name, string contents, operator, keyword (lower case) or number text. */
  text: string;
  /** 0-based offset in the source, for error messages. */
  pos: number;
}

export const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'null',
  'contains',
  'starts',
  'ends',
  'with',
  'true',
  'false',
]);
export const MAX_FILTER_LENGTH = 4000;
const MAX_TOKENS = 1000;

export function syntaxError(message: string, pos: number): EngineError {
  return new EngineError('FILTER_SYNTAX', `${message} at position ${pos + 1}`, { position: pos + 1 });
}

/**
 * Splits a filter into tokens. Everything not listed is refused with its position: backticks,
 * typographic quotes, semicolons, `--` and `/*` comments have no meaning here, so an attempt
 * to smuggle SQL fails before any SQL exists. Column names are bare words (letters, digits,
 * `_`) or any text in brackets: `[Sales 2024 / Q1]` (`]]` for a literal `]`).
 */
export function tokenize(src: string): Token[] {
  if (src.length > MAX_FILTER_LENGTH) {
    throw new EngineError('FILTER_SYNTAX', `The filter is longer than ${MAX_FILTER_LENGTH} characters`, {
      length: src.length,
    });
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (tokens.length >= MAX_TOKENS) throw syntaxError('The filter has too many parts', i);
    const start = i;
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, pos: i++ });
    } else if (c === '"' || c === "'") {
      const { text, end } = readString(src, i);
      tokens.push({ kind: 'string', text, pos: start });
      i = end;
    } else if (c === '[') {
      const { text, end } = readBracketed(src, i);
      tokens.push({ kind: 'ident', text, pos: start });
      i = end;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9.]/.test(src[i + 1] ?? '') && valueExpected(tokens))) {
      const m = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
      if (!m) throw syntaxError('Bad number', i);
      if (/[A-Za-z_]/.test(src[i + m[0].length] ?? '')) throw syntaxError('Bad number', i);
      tokens.push({ kind: 'number', text: m[0], pos: start });
      i += m[0].length;
    } else if (/[=!<>]/.test(c)) {
      const two = src.slice(i, i + 2);
      const op = ['<=', '>=', '!=', '<>', '=='].includes(two) ? two : c;
      if (op === '!') throw syntaxError('Unexpected "!"', i);
      tokens.push({ kind: 'op', text: op === '==' ? '=' : op === '<>' ? '!=' : op, pos: start });
      i += op.length;
    } else if (/[\p{L}_]/u.test(c)) {
      const m = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(src.slice(i));
      const word = m ? m[0] : c;
      const lower = word.toLowerCase();
      tokens.push(
        KEYWORDS.has(lower)
          ? { kind: 'keyword', text: lower, pos: start }
          : { kind: 'ident', text: word, pos: start },
      );
      i += word.length;
    } else {
      throw syntaxError(`Unexpected character ${JSON.stringify(c)}`, i);
    }
  }
  return tokens;
}

/** A `-` starts a negative number only where a value may stand. */
function valueExpected(tokens: Token[]): boolean {
  const prev = tokens[tokens.length - 1];
  return !prev || prev.kind === 'op' || prev.kind === 'lparen' || prev.kind === 'comma';
}

function readString(src: string, start: number): { text: string; end: number } {
  const quote = src[start];
  let text = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      const next = src[i + 1];
      if (next === undefined) break;
      text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i += 2;
    } else if (c === quote) {
      return { text, end: i + 1 };
    } else {
      text += c;
      i++;
    }
  }
  throw syntaxError('Unterminated string', start);
}

function readBracketed(src: string, start: number): { text: string; end: number } {
  let text = '';
  let i = start + 1;
  while (i < src.length) {
    if (src[i] === ']') {
      if (src[i + 1] === ']') {
        text += ']';
        i += 2;
        continue;
      }
      if (text.trim() === '') throw syntaxError('Empty column name', start);
      return { text, end: i + 1 };
    }
    text += src[i++];
  }
  throw syntaxError('Unterminated [column name]', start);
}
