import { quoteLiteral } from '../../sql.ts';
import type { StorageType } from '../../types.ts';
import type { RelColumn } from '../relation.ts';
import { type ArgType, DATE_UNITS, type ExprType, FUNCTIONS } from './expr-functions.ts';
import { type Expr, parseExpression } from './expr-parser.ts';
import { exprError } from './expr-tokens.ts';

export interface CompiledExpression {
  sql: string;
  type: ExprType;
  /** Storage type of the derived column. */
  storage: StorageType;
}

/** Binds a literal as a query parameter and returns its `$n`. */
export type BindLiteral = (value: string | number | boolean) => string;
/** Resolves a column name to its schema entry (throws for unknown names). */
export type ResolveColumn = (name: string, pos: number) => RelColumn;

const TYPE_OF: Record<StorageType, ExprType> = {
  integer: 'number',
  float: 'number',
  decimal: 'number',
  string: 'string',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
};
const STORAGE_OF: Record<ExprType, StorageType> = {
  number: 'float',
  string: 'string',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
  null: 'string',
};
const SQL_OF: Record<StorageType, string> = {
  integer: 'BIGINT',
  float: 'DOUBLE',
  decimal: 'DOUBLE',
  string: 'VARCHAR',
  boolean: 'BOOLEAN',
  date: 'DATE',
  datetime: 'TIMESTAMP',
  time: 'TIME',
};

/**
 * Compiles a derive expression to a typed SQL expression: columns are resolved and
 * double-quoted, literals become parameters, functions and operators come from fixed tables,
 * and types are checked so errors read "round needs a number" rather than a DuckDB message.
 * The result is cast to the derived column's type.
 *
 * @example
 * compileExpression('price * 1.2', resolve, bind) // { sql: 'CAST(("price" * $1) AS DOUBLE)', ... }
 */
export function compileExpression(
  src: string,
  resolve: ResolveColumn,
  bind: BindLiteral,
): CompiledExpression {
  const { sql, type } = emit(parseExpression(src), resolve, bind);
  const storage = STORAGE_OF[type];
  return { sql: `CAST(${sql} AS ${SQL_OF[storage]})`, type, storage };
}

interface Typed {
  sql: string;
  type: ExprType;
}

function emit(e: Expr, resolve: ResolveColumn, bind: BindLiteral): Typed {
  switch (e.k) {
    case 'number':
      return { sql: bind(e.value), type: 'number' };
    case 'string':
      return { sql: bind(e.value), type: 'string' };
    case 'boolean':
      return { sql: bind(e.value), type: 'boolean' };
    case 'null':
      return { sql: 'NULL', type: 'null' };
    case 'column': {
      const c = resolve(e.name, e.pos);
      return { sql: `"${c.name.replaceAll('"', '""')}"`, type: TYPE_OF[c.type] };
    }
    case 'not':
      return {
        sql: `(NOT ${expect(emit(e.expr, resolve, bind), 'boolean', 'not', e.pos)})`,
        type: 'boolean',
      };
    case 'negate':
      return { sql: `(- ${expect(emit(e.expr, resolve, bind), 'number', '-', e.pos)})`, type: 'number' };
    case 'binary':
      return binary(e, emit(e.left, resolve, bind), emit(e.right, resolve, bind));
    case 'call':
      return call(e, resolve, bind);
  }
}

function expect(t: Typed, want: ExprType, what: string, pos: number): string {
  if (t.type !== want && t.type !== 'null') throw exprError(`${what} needs a ${want}, not a ${t.type}`, pos);
  return t.sql;
}

function binary(e: Extract<Expr, { k: 'binary' }>, l: Typed, r: Typed): Typed {
  if (e.op === 'and' || e.op === 'or') {
    return {
      sql: `(${expect(l, 'boolean', e.op, e.pos)} ${e.op.toUpperCase()} ${expect(r, 'boolean', e.op, e.pos)})`,
      type: 'boolean',
    };
  }
  if (['+', '-', '*', '/', '%'].includes(e.op)) {
    if (e.op === '+' && (l.type === 'string' || r.type === 'string'))
      throw exprError('Join text with concat(a, b), not +', e.pos);
    const a = expect(l, 'number', e.op, e.pos);
    const b = expect(r, 'number', e.op, e.pos);
    // Division by zero gives NULL (an unknown), never an error or Infinity.
    const sql = e.op === '/' || e.op === '%' ? `(${a} ${e.op} NULLIF(${b}, 0))` : `(${a} ${e.op} ${b})`;
    return { sql, type: 'number' };
  }
  const kind = (t: ExprType) => (t === 'date' || t === 'datetime' ? 'temporal' : t);
  if (l.type !== 'null' && r.type !== 'null' && kind(l.type) !== kind(r.type)) {
    throw exprError(`Cannot compare a ${l.type} with a ${r.type}`, e.pos);
  }
  return { sql: `(${l.sql} ${e.op === '!=' ? '<>' : e.op} ${r.sql})`, type: 'boolean' };
}

function call(e: Extract<Expr, { k: 'call' }>, resolve: ResolveColumn, bind: BindLiteral): Typed {
  const spec = Object.hasOwn(FUNCTIONS, e.fn) ? FUNCTIONS[e.fn] : undefined;
  if (!spec)
    throw exprError(`Unknown function ${e.fn}(); allowed: ${Object.keys(FUNCTIONS).join(', ')}`, e.pos);
  const min = spec.args.length - (spec.optional ?? 0);
  if (e.args.length < min || (!spec.variadic && e.args.length > spec.args.length)) {
    throw exprError(
      `${e.fn}() takes ${spec.variadic ? `at least ${min}` : min === spec.args.length ? min : `${min} to ${spec.args.length}`} arguments`,
      e.pos,
    );
  }
  const args: Typed[] = e.args.map((a, i) => {
    const want: ArgType = spec.args[Math.min(i, spec.args.length - 1)];
    if (want === 'unit') return unit(a, e.fn);
    const t = emit(a, resolve, bind);
    if (!accepts(want, t.type))
      throw exprError(
        `${e.fn}() argument ${i + 1} must be ${want === 'temporal' ? 'a date' : `a ${want}`}, not a ${t.type}`,
        a.pos,
      );
    return t;
  });
  const type: ExprType = spec.returns === 'first' ? firstType(e.fn, args) : spec.returns;
  return { sql: spec.sql(args.map((a) => a.sql)), type };
}

function accepts(want: ArgType, got: ExprType): boolean {
  if (want === 'any' || got === 'null') return true;
  if (want === 'temporal') return got === 'date' || got === 'datetime';
  return want === got;
}

/** `if(c, a, b)` and `coalesce(a, b, …)` take the type of their value arguments, which must agree. */
function firstType(fn: string, args: Typed[]): ExprType {
  const values = fn === 'if' ? args.slice(1) : args;
  const types = [...new Set(values.map((a) => a.type).filter((t) => t !== 'null'))];
  if (types.length > 1) throw exprError(`${fn}() mixes ${types.join(' and ')} values`, 0);
  return types[0] ?? 'null';
}

/** Date units are written into the SQL, so they must be one of the allowed words. */
function unit(a: Expr, fn: string): Typed {
  if (a.k !== 'string' || !(DATE_UNITS as readonly string[]).includes(a.value.toLowerCase())) {
    throw exprError(`${fn}() unit must be one of ${DATE_UNITS.map((u) => `'${u}'`).join(', ')}`, a.pos);
  }
  return { sql: quoteLiteral(a.value.toLowerCase()), type: 'string' };
}
