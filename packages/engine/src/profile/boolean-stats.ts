import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../data/sql.ts';
import type { ColumnSchema } from '../data/types.ts';
import type { BooleanStats } from './column-types.ts';
import { queryRows } from './duck-fetch.ts';

export interface BooleanColumnResult {
  name: string;
  count: number;
  distinct: number;
  boolean: BooleanStats;
}

/**
 * True/false counts of every boolean column in one scan. Numeric 0/1 columns are read as
 * booleans the SQL way: 0 is false, any other number true.
 */
export async function profileBooleanColumns(
  conn: DuckDBConnection,
  source: string,
  columns: readonly ColumnSchema[],
  signal?: AbortSignal,
): Promise<BooleanColumnResult[]> {
  if (columns.length === 0) return [];
  const b = (c: ColumnSchema) => `CAST(${quoteIdent(c.name)} AS BOOLEAN)`;
  const aggs = columns.map((c) => `count(*) FILTER (${b(c)}), count(*) FILTER (NOT ${b(c)})`);
  const [row] = await queryRows(conn, `SELECT ${aggs.join(', ')} FROM ${source}`, signal);
  return columns.map((c, i) => {
    const trueCount = Number(row[2 * i]);
    const falseCount = Number(row[2 * i + 1]);
    const count = trueCount + falseCount;
    return {
      name: c.name,
      count,
      distinct: (trueCount > 0 ? 1 : 0) + (falseCount > 0 ? 1 : 0),
      boolean: { trueCount, falseCount, trueShare: count > 0 ? trueCount / count : null },
    };
  });
}
