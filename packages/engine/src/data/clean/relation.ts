import { EngineError } from '../../errors.ts';
import { resolveColumn } from '../query/column-resolve.ts';
import type { ParamType, SqlParam } from '../query/filter-compile.ts';
import { quoteIdent } from '../sql.ts';
import type { StorageType } from '../types.ts';

/** A column of the table as it stands between two steps. */
export interface RelColumn {
  name: string;
  type: StorageType;
  /** The input column this one continues (through renames and value changes); absent for new columns. */
  origin?: string;
}

/**
 * The state threaded through step compilers: the columns after the last step, the CTE that
 * produces them, the parameters bound so far, and the hidden row-position column that keeps
 * the row order (forward fill, "keep first" duplicates, stable sorting).
 */
export interface CompileState {
  columns: RelColumn[];
  ctes: string[];
  current: string;
  params: SqlParam[];
  /** The input row each output row comes from; never changes (before/after comparisons join on it). */
  rowColumn: string;
  /** The current row order; starts as the input position, renumbered by sort steps. */
  orderColumn: string;
  /** Index of the step being compiled, for error details. */
  step: number;
}

export const SQL_TYPE: Record<StorageType, string> = {
  integer: 'BIGINT',
  float: 'DOUBLE',
  decimal: 'DECIMAL(38, 10)',
  boolean: 'BOOLEAN',
  date: 'DATE',
  datetime: 'TIMESTAMP',
  time: 'TIME',
  string: 'VARCHAR',
};

/** A `$n` placeholder for `value`; user values never enter the SQL text. */
export function bind(s: CompileState, value: SqlParam['value'], type: ParamType): string {
  s.params.push({ value, type });
  return `$${s.params.length}`;
}

/** A parameter for a JSON scalar, typed by its JS type. */
export function bindScalar(s: CompileState, value: string | number | boolean): string {
  if (typeof value === 'boolean') return bind(s, value, 'BOOLEAN');
  if (typeof value === 'number')
    return Number.isSafeInteger(value) ? bind(s, BigInt(value), 'BIGINT') : bind(s, value, 'DOUBLE');
  return bind(s, value, 'VARCHAR');
}

/** The current column called `name` (exact, else a unique case-insensitive match). */
export function col(s: CompileState, name: string): RelColumn {
  try {
    return resolveColumn(name, s.columns, 'COLUMN_NOT_FOUND');
  } catch (e) {
    if (e instanceof EngineError) e.details.step = s.step;
    throw e;
  }
}

export function ident(name: string): string {
  return quoteIdent(name);
}

/** Fails when `name` would collide with an existing column (other than `except`). */
export function checkNewName(s: CompileState, name: string, except?: string): void {
  const taken = s.columns.some((c) => c.name.toLowerCase() === name.toLowerCase() && c.name !== except);
  if (taken || name === s.rowColumn || name === s.orderColumn) {
    throw stepError(s, `A column named "${name}" already exists`, { column: name });
  }
}

export function stepError(
  s: CompileState,
  message: string,
  details: Record<string, unknown> = {},
): EngineError {
  return new EngineError('INVALID_OPTIONS', `Step ${s.step + 1}: ${message}`, { step: s.step, ...details });
}

/**
 * Appends a step: `select` is the list of output expressions (each already `AS "name"`) read
 * from the previous relation; `tail` adds WHERE/QUALIFY clauses.
 */
export function pushStep(s: CompileState, select: string[], columns: RelColumn[], tail = ''): void {
  const name = `s${s.ctes.length}`;
  const list = [...select, ident(s.rowColumn), ident(s.orderColumn)].join(', ');
  s.ctes.push(`${name} AS (SELECT ${list} FROM ${s.current}${tail ? ` ${tail}` : ''})`);
  s.current = name;
  s.columns = columns;
}

/** `"name"` for every current column, optionally replacing some by an expression. */
export function passThrough(s: CompileState, replace: Map<string, string> = new Map()): string[] {
  return s.columns.map((c) => {
    const expr = replace.get(c.name);
    return expr === undefined ? ident(c.name) : `${expr} AS ${ident(c.name)}`;
  });
}
