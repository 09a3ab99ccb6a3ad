import { syntaxError, type Token, tokenize } from './filter-tokens.ts';

export type Literal =
  | { kind: 'number'; value: number; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type FilterNode =
  | { type: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { type: 'not'; expr: FilterNode }
  | { type: 'compare'; column: string; op: CompareOp; value: Literal; pos: number }
  | { type: 'in'; column: string; values: Literal[]; negated: boolean; pos: number }
  | { type: 'null'; column: string; negated: boolean; pos: number }
  | {
      type: 'text';
      column: string;
      op: 'contains' | 'starts' | 'ends';
      value: string;
      negated: boolean;
      pos: number;
    };

const MAX_DEPTH = 32;
const MAX_IN_VALUES = 1000;

/**
 * Parses the filter language into an AST.
 *
 * ```
 * expr      := and ('or' and)*
 * and       := unary ('and' unary)*
 * unary     := 'not' unary | '(' expr ')' | predicate
 * predicate := column op literal | column ['not'] 'in' '(' literal (',' literal)* ')'
 *            | column 'is' ['not'] 'null' | column ['not'] 'contains' string
 *            | column ['not'] ('starts' | 'ends') 'with' string
 * op        := = | == | != | <> | < | <= | > | >=
 * literal   := number | "text" | 'text' | true | false
 * column    := name | [any text]
 * ```
 *
 * @example
 * parseFilter('age > 30 and country in ("FR", "DE")')
 */
export function parseFilter(src: string): FilterNode {
  const tokens = tokenize(src);
  if (tokens.length === 0) throw syntaxError('The filter is empty', 0);
  const p = new Parser(tokens, src.length);
  const node = p.expr(0);
  p.end();
  return node;
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private next(what: string): Token {
    const t = this.tokens[this.i++];
    if (!t) throw syntaxError(`Expected ${what} but the filter ended`, this.length);
    return t;
  }
  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t?.kind === 'keyword' && t.text === word;
  }
  private expectKeyword(word: string): void {
    const t = this.next(`"${word}"`);
    if (t.kind !== 'keyword' || t.text !== word) throw syntaxError(`Expected "${word}"`, t.pos);
  }

  end(): void {
    const t = this.peek();
    if (t) throw syntaxError(`Unexpected ${JSON.stringify(t.text)}`, t.pos);
  }

  expr(depth: number): FilterNode {
    if (depth > MAX_DEPTH) throw syntaxError('The filter is nested too deeply', this.peek()?.pos ?? 0);
    let left = this.and(depth);
    while (this.isKeyword('or')) {
      this.i++;
      left = { type: 'or', left, right: this.and(depth) };
    }
    return left;
  }

  private and(depth: number): FilterNode {
    let left = this.unary(depth);
    while (this.isKeyword('and')) {
      this.i++;
      left = { type: 'and', left, right: this.unary(depth) };
    }
    return left;
  }

  private unary(depth: number): FilterNode {
    if (depth > MAX_DEPTH) throw syntaxError('The filter is nested too deeply', this.peek()?.pos ?? 0);
    if (this.isKeyword('not')) {
      this.i++;
      return { type: 'not', expr: this.unary(depth + 1) };
    }
    const t = this.peek();
    if (t?.kind === 'lparen') {
      this.i++;
      const inner = this.expr(depth + 1);
      const close = this.next('")"');
      if (close.kind !== 'rparen') throw syntaxError('Expected ")"', close.pos);
      return inner;
    }
    return this.predicate();
  }

  private predicate(): FilterNode {
    const col = this.next('a column name');
    if (col.kind !== 'ident')
      throw syntaxError(`Expected a column name, found ${JSON.stringify(col.text)}`, col.pos);
    const column = col.text;
    const pos = col.pos;
    const t = this.next('an operator');
    if (t.kind === 'op')
      return { type: 'compare', column, op: t.text as CompareOp, value: this.literal(), pos };
    if (t.kind !== 'keyword') throw syntaxError(`Expected an operator after ${column}`, t.pos);
    let negated = false;
    let word = t.text;
    if (word === 'is') {
      if (this.isKeyword('not')) {
        this.i++;
        negated = true;
      }
      this.expectKeyword('null');
      return { type: 'null', column, negated, pos };
    }
    if (word === 'not') {
      negated = true;
      word = this.next('"in", "contains", "starts" or "ends"').text;
    }
    if (word === 'in') return { type: 'in', column, values: this.list(), negated, pos };
    if (word === 'contains')
      return { type: 'text', column, op: 'contains', value: this.text(), negated, pos };
    if (word === 'starts' || word === 'ends') {
      this.expectKeyword('with');
      return { type: 'text', column, op: word, value: this.text(), negated, pos };
    }
    throw syntaxError(`Unexpected ${JSON.stringify(word)}`, t.pos);
  }

  private list(): Literal[] {
    const open = this.next('"("');
    if (open.kind !== 'lparen') throw syntaxError('Expected "(" after "in"', open.pos);
    const values: Literal[] = [this.literal()];
    for (;;) {
      const t = this.next('"," or ")"');
      if (t.kind === 'rparen') return values;
      if (t.kind !== 'comma') throw syntaxError('Expected "," or ")"', t.pos);
      if (values.length >= MAX_IN_VALUES)
        throw syntaxError(`More than ${MAX_IN_VALUES} values in a list`, t.pos);
      values.push(this.literal());
    }
  }

  private text(): string {
    const t = this.next('a quoted string');
    if (t.kind !== 'string') throw syntaxError('Expected a quoted string', t.pos);
    return t.text;
  }

  private literal(): Literal {
    const t = this.next('a value');
    if (t.kind === 'number') {
      const value = Number(t.text);
      if (!Number.isFinite(value)) throw syntaxError('Number out of range', t.pos);
      return { kind: 'number', value, text: t.text };
    }
    if (t.kind === 'string') return { kind: 'string', value: t.text };
    if (t.kind === 'keyword' && (t.text === 'true' || t.text === 'false'))
      return { kind: 'boolean', value: t.text === 'true' };
    throw syntaxError(`Expected a value, found ${JSON.stringify(t.text)}`, t.pos);
  }
}
