import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../../data/sql.ts';
import type { ColumnSchema } from '../../data/types.ts';
import { queryRows } from '../duck-fetch.ts';
import { rowHashExpr } from './row-source.ts';

/** Temporary table holding both groupings; per connection. */
export const GROUPS = '__uam_profile_groups';
/** Missing flags are packed 60 to a BIGINT key (bit 63 is the sign). */
export const BITS_PER_KEY = 60;

export interface RowGroups {
  /** Number of BIGINT missing-mask keys: `k0` … `k{keys−1}`. */
  keys: number;
}

/**
 * One scan of every column feeds two GROUP BYs at once (GROUPING SETS): rows grouped by a
 * 64-bit hash of all their values (kept only where a hash repeats: the duplicates), and rows
 * grouped by their pattern of missing columns (all kept). Decoding the Parquet columns is the
 * expensive part of both, so it happens once. `g = 0` marks hash groups, `g = 1` patterns;
 * `n` is the group size and `r` its first row number.
 */
export async function buildRowGroups(
  conn: DuckDBConnection,
  source: { sql: string; rn: string },
  columns: readonly ColumnSchema[],
  signal?: AbortSignal,
): Promise<RowGroups> {
  const keys = Math.max(1, Math.ceil(columns.length / BITS_PER_KEY));
  const masks = Array.from({ length: keys }, (_, k) => {
    const bits = columns
      .slice(k * BITS_PER_KEY, (k + 1) * BITS_PER_KEY)
      .map((c, b) => `(CAST(${isMissing(c)} AS BIGINT) << ${b})`);
    return `${bits.join(' | ') || '0'} AS k${k}`;
  });
  const keyList = masks.map((_, k) => `k${k}`).join(', ');
  await queryRows(
    conn,
    `CREATE OR REPLACE TEMP TABLE ${GROUPS} AS
     SELECT h, ${keyList}, count(*) AS n, min(rn) AS r, grouping(h) AS g
     FROM (SELECT ${source.rn} AS rn, ${rowHashExpr(columns.map((c) => c.name))} AS h, ${masks.join(', ')} FROM ${source.sql})
     GROUP BY GROUPING SETS ((h), (${keyList}))
     HAVING grouping(h) = 1 OR count(*) > 1`,
    signal,
  );
  return { keys };
}

export async function dropRowGroups(conn: DuckDBConnection): Promise<void> {
  await queryRows(conn, `DROP TABLE IF EXISTS ${GROUPS}`).catch(() => undefined);
}

/** NaN counts as missing in float columns (pandas). */
function isMissing(c: ColumnSchema): string {
  const id = quoteIdent(c.name);
  return c.storageType === 'float' ? `(${id} IS NULL OR isnan(${id}))` : `(${id} IS NULL)`;
}
