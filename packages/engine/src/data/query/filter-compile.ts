import { EngineError } from '../../errors.ts';
import { quoteIdent } from '../sql.ts';
import type { StorageType } from '../types.ts';
import { resolveColumn } from './column-resolve.ts';
import { type FilterNode, type Literal, parseFilter } from './filter-parser.ts';

export type ParamType = 'BIGINT' | 'DOUBLE' | 'VARCHAR' | 'BOOLEAN';

export interface SqlParam {
  value: string | number | bigint | boolean;
  type: ParamType;
}

export interface CompiledFilter {
  /** A boolean SQL expression with `$1`, `$2`... placeholders. */
  sql: string;
  params: SqlParam[];
}

export interface FilterColumn {
  name: string;
  type: StorageType;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;
const ISO_TIME = /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Compiles a filter to DuckDB SQL. Every column name is checked against the schema and
 * double-quoted; every value becomes a `$n` parameter, so no text from the user is ever part
 * of the SQL string. Values are checked against the column type (a date column compares with
 * `"2024-01-31"`, a number column with a number) and cast in SQL where DuckDB needs it.
 *
 * @example
 * compileFilter('age > 30 and country in ("FR","DE")', cols)
 * // { sql: '("age" > $1 AND "country" IN ($2, $3))', params: [30, 'FR', 'DE'] (typed) }
 */
export function compileFilter(src: string, columns: readonly FilterColumn[], firstParam = 1): CompiledFilter {
  const ast = parseFilter(src);
  const params: SqlParam[] = [];
  const bind = (p: SqlParam) => {
    params.push(p);
    return `$${firstParam + params.length - 1}`;
  };
  const sql = emit(ast, columns, bind);
  return { sql, params };
}

function emit(node: FilterNode, columns: readonly FilterColumn[], bind: (p: SqlParam) => string): string {
  switch (node.type) {
    case 'and':
    case 'or':
      return `(${emit(node.left, columns, bind)} ${node.type.toUpperCase()} ${emit(node.right, columns, bind)})`;
    case 'not':
      return `(NOT ${emit(node.expr, columns, bind)})`;
    case 'null': {
      const col = resolveColumn(node.column, columns, 'FILTER_UNKNOWN_COLUMN');
      return `${quoteIdent(col.name)} IS ${node.negated ? 'NOT ' : ''}NULL`;
    }
    case 'compare': {
      const col = resolveColumn(node.column, columns, 'FILTER_UNKNOWN_COLUMN');
      return `${quoteIdent(col.name)} ${node.op === '!=' ? '<>' : node.op} ${value(col, node.value, bind, node.pos)}`;
    }
    case 'in': {
      const col = resolveColumn(node.column, columns, 'FILTER_UNKNOWN_COLUMN');
      const list = node.values.map((v) => value(col, v, bind, node.pos)).join(', ');
      return `${quoteIdent(col.name)} ${node.negated ? 'NOT IN' : 'IN'} (${list})`;
    }
    case 'text': {
      const col = resolveColumn(node.column, columns, 'FILTER_UNKNOWN_COLUMN');
      const ref = col.type === 'string' ? quoteIdent(col.name) : `CAST(${quoteIdent(col.name)} AS VARCHAR)`;
      const fn = { contains: 'contains', starts: 'starts_with', ends: 'ends_with' }[node.op];
      const test = `${fn}(lower(${ref}), lower(${bind({ value: node.value, type: 'VARCHAR' })}))`;
      return node.negated ? `(NOT ${test})` : test;
    }
  }
}

/** A parameter for `lit` compared with `col`, with the SQL cast its column type needs. */
function value(col: FilterColumn, lit: Literal, bind: (p: SqlParam) => string, pos: number): string {
  const mismatch = (want: string) =>
    new EngineError(
      'FILTER_SYNTAX',
      `Column "${col.name}" is ${col.type}: compare it with ${want} (position ${pos + 1})`,
      {
        position: pos + 1,
        column: col.name,
        reason: 'type_mismatch',
      },
    );
  switch (col.type) {
    case 'integer':
    case 'float':
    case 'decimal': {
      const n =
        lit.kind === 'number'
          ? lit.value
          : lit.kind === 'string' && lit.value.trim() !== ''
            ? Number(lit.value)
            : Number.NaN;
      if (!Number.isFinite(n)) throw mismatch('a number');
      if (col.type === 'integer' && Number.isSafeInteger(n))
        return bind({ value: BigInt(n), type: 'BIGINT' });
      return bind({ value: n, type: 'DOUBLE' });
    }
    case 'boolean': {
      const b =
        lit.kind === 'boolean'
          ? lit.value
          : lit.kind === 'string'
            ? { true: true, false: false }[lit.value.toLowerCase()]
            : undefined;
      if (b === undefined) throw mismatch('true or false');
      return bind({ value: b, type: 'BOOLEAN' });
    }
    case 'date':
    case 'datetime':
    case 'time': {
      const re = col.type === 'date' ? ISO_DATE : col.type === 'time' ? ISO_TIME : ISO_DATETIME;
      if (lit.kind !== 'string' || !re.test(lit.value)) {
        throw mismatch(col.type === 'time' ? 'a time like "13:45"' : 'an ISO date like "2024-12-31"');
      }
      const sqlType = { date: 'DATE', datetime: 'TIMESTAMP', time: 'TIME' }[col.type];
      return `CAST(${bind({ value: lit.value, type: 'VARCHAR' })} AS ${sqlType})`;
    }
    case 'string': {
      const s = lit.kind === 'string' ? lit.value : lit.kind === 'number' ? lit.text : String(lit.value);
      return bind({ value: s, type: 'VARCHAR' });
    }
  }
}
