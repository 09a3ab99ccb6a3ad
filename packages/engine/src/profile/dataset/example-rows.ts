import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../../data/sql.ts';
import type { ColumnSchema } from '../../data/types.ts';
import { queryRows } from '../duck-fetch.ts';
import type { JsonScalar } from '../types.ts';

/** Text longer than this is cut in examples so a profile stays small. */
const MAX_TEXT = 200;

/**
 * Whole rows by row number, as `{ column: value }` with JSON scalars: integers that fit a
 * double become numbers (DuckDB's JSON form gives BIGINT as strings), long text is cut.
 */
export async function exampleRows(
  conn: DuckDBConnection,
  source: { sql: string; rn: string },
  columns: readonly ColumnSchema[],
  rowNumbers: readonly number[],
  signal?: AbortSignal,
): Promise<Map<number, Record<string, JsonScalar>>> {
  const out = new Map<number, Record<string, JsonScalar>>();
  if (rowNumbers.length === 0) return out;
  const list = columns.map((c) => quoteIdent(c.name)).join(', ');
  const rows = await queryRows(
    conn,
    `SELECT ${source.rn}, ${list} FROM ${source.sql} WHERE ${source.rn} IN (${rowNumbers.map((r) => String(r)).join(', ')})`,
    signal,
  );
  for (const r of rows) {
    const obj: Record<string, JsonScalar> = {};
    for (let i = 0; i < columns.length; i++) obj[columns[i].name] = toScalar(r[i + 1], columns[i]);
    out.set(Number(r[0]), obj);
  }
  return out;
}

export function toScalar(v: unknown, c: Pick<ColumnSchema, 'storageType'>): JsonScalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (c.storageType === 'integer' && Number.isSafeInteger(Number(v))) return Number(v);
    return v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT)}…` : v;
  }
  return JSON.stringify(v);
}
