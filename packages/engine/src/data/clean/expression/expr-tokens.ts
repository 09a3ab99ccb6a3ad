import { EngineError } from '../../../errors.ts';

export type TokenKind = 'ident' | 'number' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma' | 'keyword';

export interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
  /** A `[bracketed]` name: always a column, never a function. */
  quoted?: boolean;
}

export const EXPR_KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false', 'null']);
export const MAX_EXPRESSION_LENGTH = 4000;
const OPERATORS = ['<=', '>=', '!=', '<>', '==', '+', '-', '*', '/', '%', '=', '<', '>'];

export function exprError(message: string, pos: number): EngineError {
  return new EngineError('INVALID_OPTIONS', `${message} (position ${pos + 1})`, {
    position: pos + 1,
    reason: 'expression',
  });
}

/**
 * Splits a derive expression into tokens. Names are bare (`price_eur`) or bracketed
 * (`[unit price]`, `]]` for a literal `]`); strings use single or double quotes with the quote
 * doubled inside. Anything else is an error at its position.
 */
export function tokenizeExpression(src: string): Token[] {
  if (src.length > MAX_EXPRESSION_LENGTH)
    throw exprError(`The expression is longer than ${MAX_EXPRESSION_LENGTH} characters`, 0);
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', text: ch, pos: i });
      i++;
    } else if (ch === '"' || ch === "'") {
      const { text, end } = quoted(src, i, ch);
      tokens.push({ kind: 'string', text, pos: i });
      i = end;
    } else if (ch === '[') {
      const { text, end } = quoted(src, i, ']');
      if (text === '') throw exprError('Empty column name', i);
      tokens.push({ kind: 'ident', text, pos: i, quoted: true });
      i = end;
    } else if (/[0-9.]/.test(ch)) {
      const m = /^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?/.exec(src.slice(i));
      if (!m) throw exprError(`Unexpected ${JSON.stringify(ch)}`, i);
      tokens.push({ kind: 'number', text: m[0], pos: i });
      i += m[0].length;
    } else if (/[\p{L}_]/u.test(ch)) {
      const m = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(src.slice(i))!;
      const lower = m[0].toLowerCase();
      tokens.push(
        EXPR_KEYWORDS.has(lower)
          ? { kind: 'keyword', text: lower, pos: i }
          : { kind: 'ident', text: m[0], pos: i },
      );
      i += m[0].length;
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      if (!op) throw exprError(`Unexpected ${JSON.stringify(ch)}`, i);
      tokens.push({ kind: 'op', text: op === '==' ? '=' : op === '<>' ? '!=' : op, pos: i });
      i += op.length;
    }
  }
  return tokens;
}

/** A quoted run starting at `start` (the opening character) up to `close`; doubled `close` is literal. */
function quoted(src: string, start: number, close: string): { text: string; end: number } {
  let out = '';
  let i = start + 1;
  for (;;) {
    if (i >= src.length) throw exprError('Unterminated quote', start);
    if (src[i] === close) {
      if (src[i + 1] === close) {
        out += close;
        i += 2;
        continue;
      }
      return { text: out, end: i + 1 };
    }
    out += src[i++];
  }
}
