import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSchema } from '../../data/types.ts';
import { queryRows } from '../duck-fetch.ts';
import type { DuplicateRows } from '../types.ts';
import { exampleRows } from './example-rows.ts';
import { GROUPS } from './row-groups.ts';

const EXAMPLES = 5;

/**
 * Duplicate rows from the hash groups of `buildRowGroups` (NULLs compare equal, as in pandas
 * `duplicated()`). A false duplicate needs two different rows with the same 64-bit hash,
 * probability ≤ n²/2⁶⁵ (< 3·10⁻⁸ at a million rows). The examples are read back as real rows.
 */
export async function findDuplicates(
  conn: DuckDBConnection,
  source: { sql: string; rn: string },
  columns: readonly ColumnSchema[],
  rows: number,
  signal?: AbortSignal,
): Promise<DuplicateRows> {
  const none: DuplicateRows = { count: 0, share: 0, groups: 0, examples: [], method: 'hash64' };
  if (rows < 2 || columns.length === 0) return none;
  const [[count, groups]] = await queryRows(
    conn,
    `SELECT coalesce(sum(n - 1), 0), count(*) FROM ${GROUPS} WHERE g = 0`,
    signal,
  );
  if (Number(groups) === 0) return none;
  const top = await queryRows(
    conn,
    `SELECT r, n FROM ${GROUPS} WHERE g = 0 ORDER BY n DESC, r LIMIT ${EXAMPLES}`,
    signal,
  );
  const byRow = await exampleRows(
    conn,
    source,
    columns,
    top.map((t) => Number(t[0])),
    signal,
  );
  return {
    count: Number(count),
    share: Number(count) / rows,
    groups: Number(groups),
    examples: top.flatMap(([r, n]) => {
      const row = byRow.get(Number(r));
      return row ? [{ row, occurrences: Number(n) }] : [];
    }),
    method: 'hash64',
  };
}
