import type { DuckDBConnection } from '@duckdb/node-api';
import { runRows } from '../run-query.ts';
import { listLiteral, quoteIdent, quoteLiteral } from '../sql.ts';
import { missingSql } from './classify-sql.ts';

/**
 * Materialises the inference sample in long form, one row per cell: `name`, the cell's `raw`
 * text, and `v`, that text trimmed, or NULL when it is missing under `nullValues`. DuckDB
 * pays a large fixed cost per column of a table (5 s for a 20-row, 5,000-column one), while
 * a narrow table of the same cells costs milliseconds; every inference query then works per
 * column with `GROUP BY name`. Trimming and the missing test cost each of those queries more
 * than their own work on numbers; done once here, an upload's plan takes a quarter less time.
 * `select` must yield only VARCHAR columns.
 *
 * @returns the number of sampled rows
 */
export async function createLongSample(
  conn: DuckDBConnection,
  table: string,
  select: string,
  columnCount: number,
  nullValues: readonly string[],
  signal?: AbortSignal,
): Promise<number> {
  await runRows(
    conn,
    `CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS
       SELECT name, raw, CASE WHEN NOT ${missingSql('t', nullValues)} THEN t END AS v
       FROM (SELECT name, raw, trim(raw) AS t
             FROM (${select}) UNPIVOT INCLUDE NULLS (raw FOR name IN (COLUMNS(*))))`,
    { signal },
  );
  const [[cells]] = await runRows(conn, `SELECT count(*) FROM ${quoteIdent(table)}`);
  return columnCount === 0 ? 0 : Number(cells) / columnCount;
}

/**
 * `name` is one of `names`. A short list is a scalar test: DuckDB plans `IN (...)` as a hash
 * join, and the sample profile's branches (one per plan, ~10 columns each) ran ~30 % faster
 * without it. A long list keeps the join, where a list scan per cell would cost more.
 */
export function nameIn(names: readonly string[]): string {
  return names.length <= 64 ? `list_contains(${listLiteral(names)}, name)` : `name IN ${nameList(names)}`;
}

function nameList(names: readonly string[]): string {
  return `(${names.map(quoteLiteral).join(', ')})`;
}
