import { exprError, type Token, tokenizeExpression } from './expr-tokens.ts';

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type Expr =
  | { k: 'number'; value: number; pos: number }
  | { k: 'string'; value: string; pos: number }
  | { k: 'boolean'; value: boolean; pos: number }
  | { k: 'null'; pos: number }
  | { k: 'column'; name: string; pos: number }
  | { k: 'call'; fn: string; args: Expr[]; pos: number }
  | { k: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: number }
  | { k: 'not'; expr: Expr; pos: number }
  | { k: 'negate'; expr: Expr; pos: number };

const MAX_DEPTH = 64;
const COMPARE = new Set(['=', '!=', '<', '<=', '>', '>=']);

/**
 * Parses a derive expression. Precedence, loosest first: `or`, `and`, `not`, comparisons,
 * `+ -`, `* / %`, unary minus, then literals, columns, `f(args)` and parentheses.
 *
 * @example
 * parseExpression('round(price * 1.2, 2)')
 */
export function parseExpression(src: string): Expr {
  const tokens = tokenizeExpression(src);
  if (tokens.length === 0) throw exprError('The expression is empty', 0);
  const p = new Parser(tokens, src.length);
  const e = p.or(0);
  const rest = p.peek();
  if (rest) throw exprError(`Unexpected ${JSON.stringify(rest.text)}`, rest.pos);
  return e;
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private next(what: string): Token {
    const t = this.tokens[this.i++];
    if (!t) throw exprError(`Expected ${what} but the expression ended`, this.length);
    return t;
  }
  private isKeyword(w: string): boolean {
    const t = this.peek();
    return t?.kind === 'keyword' && t.text === w;
  }
  private deeper(depth: number): number {
    if (depth >= MAX_DEPTH) throw exprError('The expression is nested too deeply', this.peek()?.pos ?? 0);
    return depth + 1;
  }

  or(depth: number): Expr {
    let left = this.and(depth);
    while (this.isKeyword('or')) {
      const pos = this.next('or').pos;
      left = { k: 'binary', op: 'or', left, right: this.and(depth), pos };
    }
    return left;
  }
  private and(depth: number): Expr {
    let left = this.not(depth);
    while (this.isKeyword('and')) {
      const pos = this.next('and').pos;
      left = { k: 'binary', op: 'and', left, right: this.not(depth), pos };
    }
    return left;
  }
  private not(depth: number): Expr {
    if (this.isKeyword('not')) {
      const pos = this.next('not').pos;
      return { k: 'not', expr: this.not(this.deeper(depth)), pos };
    }
    return this.compare(depth);
  }
  private compare(depth: number): Expr {
    const left = this.additive(depth);
    const t = this.peek();
    if (t?.kind === 'op' && COMPARE.has(t.text)) {
      this.i++;
      return { k: 'binary', op: t.text as BinaryOp, left, right: this.additive(depth), pos: t.pos };
    }
    return left;
  }
  private additive(depth: number): Expr {
    let left = this.multiplicative(depth);
    for (let t = this.peek(); t?.kind === 'op' && (t.text === '+' || t.text === '-'); t = this.peek()) {
      this.i++;
      left = { k: 'binary', op: t.text as BinaryOp, left, right: this.multiplicative(depth), pos: t.pos };
    }
    return left;
  }
  private multiplicative(depth: number): Expr {
    let left = this.unary(depth);
    for (
      let t = this.peek();
      t?.kind === 'op' && (t.text === '*' || t.text === '/' || t.text === '%');
      t = this.peek()
    ) {
      this.i++;
      left = { k: 'binary', op: t.text as BinaryOp, left, right: this.unary(depth), pos: t.pos };
    }
    return left;
  }
  private unary(depth: number): Expr {
    const t = this.peek();
    if (t?.kind === 'op' && t.text === '-') {
      this.i++;
      return { k: 'negate', expr: this.unary(this.deeper(depth)), pos: t.pos };
    }
    return this.primary(depth);
  }
  private primary(depth: number): Expr {
    const t = this.next('a value');
    switch (t.kind) {
      case 'number': {
        const value = Number(t.text);
        if (!Number.isFinite(value)) throw exprError('Number out of range', t.pos);
        return { k: 'number', value, pos: t.pos };
      }
      case 'string':
        return { k: 'string', value: t.text, pos: t.pos };
      case 'keyword':
        if (t.text === 'true' || t.text === 'false')
          return { k: 'boolean', value: t.text === 'true', pos: t.pos };
        if (t.text === 'null') return { k: 'null', pos: t.pos };
        throw exprError(`Unexpected "${t.text}"`, t.pos);
      case 'lparen': {
        const inner = this.or(this.deeper(depth));
        const close = this.next('")"');
        if (close.kind !== 'rparen') throw exprError('Expected ")"', close.pos);
        return inner;
      }
      case 'ident':
        if (!t.quoted && this.peek()?.kind === 'lparen') return this.call(t, this.deeper(depth));
        return { k: 'column', name: t.text, pos: t.pos };
      default:
        throw exprError(`Unexpected ${JSON.stringify(t.text)}`, t.pos);
    }
  }
  private call(name: Token, depth: number): Expr {
    this.i++; // (
    const args: Expr[] = [];
    if (this.peek()?.kind === 'rparen') {
      this.i++;
      return { k: 'call', fn: name.text.toLowerCase(), args, pos: name.pos };
    }
    for (;;) {
      args.push(this.or(depth));
      const t = this.next('"," or ")"');
      if (t.kind === 'rparen') return { k: 'call', fn: name.text.toLowerCase(), args, pos: name.pos };
      if (t.kind !== 'comma') throw exprError('Expected "," or ")"', t.pos);
    }
  }
}
