import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSchema } from '../data/types.ts';
import { type BooleanColumnResult, profileBooleanColumns } from './boolean-stats.ts';
import { columnKind } from './column-kind.ts';
import { type ListColumnResult, profileListColumns } from './column-lists.ts';
import type { RowSource } from './column-lists-sql.ts';
import type { ColumnProfile, DistinctCount } from './column-types.ts';
import { approxNumericColumn, HLL_RELATIVE_ERROR } from './numeric/approx-numeric.ts';
import type { SampleRows } from './numeric/stream-columns.ts';
import { profileTextColumns, type TextColumnResult } from './text/text-stats.ts';

/** Numeric columns with more rows than this take the streaming SQL path (t-digest quantiles). */
export const IN_MEMORY_SORT_MAX_ROWS = 10_000_000;

export interface ColumnPassOptions {
  rows: number;
  exactDistinctUpTo: number;
  now: number;
  signal?: AbortSignal;
  onColumn: () => void;
}

/**
 * Whether numeric columns take the streaming SQL path: above 10M rows (the in-memory sort's
 * budget, ~250 MB for one column and its sort buffers) or above `exactDistinctUpTo`,
 * whichever is lower.
 */
export function usesLargePath(rows: number, exactDistinctUpTo: number): boolean {
  return rows > Math.min(IN_MEMORY_SORT_MAX_ROWS, exactDistinctUpTo);
}

/**
 * Numeric and datetime columns on one connection (JS-heavy: sorting). On the exact path the
 * numeric columns also hand back their values on the sampled rows (`sample`).
 */
export async function listPass(
  lanes: readonly DuckDBConnection[],
  source: { plain: string; rows: RowSource },
  columns: readonly ColumnSchema[],
  o: ColumnPassOptions & { sample: Promise<SampleRows> },
): Promise<Map<string, ListColumnResult & { distinctExact: boolean }>> {
  const out = new Map<string, ListColumnResult & { distinctExact: boolean }>();
  const large = usesLargePath(o.rows, o.exactDistinctUpTo);
  const inMemory = columns.filter((c) => !large || columnKind(c) === 'datetime');
  const conn = lanes[0];
  const results = await profileListColumns(lanes, source.rows, inMemory, {
    rows: o.rows,
    now: o.now,
    signal: o.signal,
    onColumn: o.onColumn,
    sample: o.sample,
  });
  for (const r of results) out.set(r.name, { ...r, distinctExact: true });
  for (const c of columns) {
    if (out.has(c.name)) continue;
    const r = await approxNumericColumn(conn, source.plain, c, {
      rows: o.rows,
      exactDistinctUpTo: o.exactDistinctUpTo,
      signal: o.signal,
    });
    out.set(c.name, {
      name: c.name,
      distinct: r.distinct,
      missing: r.missing,
      numeric: r.stats,
      distinctExact: r.distinctExact,
    });
    o.onColumn();
  }
  return out;
}

/** Text, then boolean columns on one connection (DuckDB-heavy: GROUP BY per column). */
export async function textPass(
  conn: DuckDBConnection,
  source: string,
  text: readonly ColumnSchema[],
  booleans: readonly ColumnSchema[],
  o: ColumnPassOptions,
): Promise<Map<string, TextColumnResult | BooleanColumnResult>> {
  const out = new Map<string, TextColumnResult | BooleanColumnResult>();
  for (const r of await profileTextColumns(conn, source, text, { signal: o.signal, onColumn: o.onColumn }))
    out.set(r.name, r);
  for (const r of await profileBooleanColumns(conn, source, booleans, o.signal)) out.set(r.name, r);
  for (let i = 0; i < booleans.length; i++) o.onColumn();
  return out;
}

/** Joins the schema with whatever pass profiled the column. */
export function assembleColumn(
  c: ColumnSchema,
  rows: number,
  sorted: (ListColumnResult & { distinctExact: boolean }) | undefined,
  other: TextColumnResult | BooleanColumnResult | undefined,
): ColumnProfile {
  const count = sorted
    ? rows - sorted.missing - (sorted.numeric?.infinities ?? 0) - (sorted.datetime?.infinities ?? 0)
    : (other?.count ?? 0);
  const present = sorted ? rows - sorted.missing : count;
  const distinctValue = sorted?.distinct ?? other?.distinct ?? 0;
  const distinct: DistinctCount =
    sorted && !sorted.distinctExact
      ? { value: distinctValue, exact: false, relativeError: HLL_RELATIVE_ERROR }
      : { value: distinctValue, exact: true };
  const missing = rows - present;
  return {
    name: c.name,
    index: c.index,
    storageType: c.storageType,
    semanticType: c.semanticType,
    physicalType: c.physicalType,
    kind: columnKind(c),
    rows,
    count: present,
    missing,
    missingPct: rows > 0 ? (100 * missing) / rows : 0,
    distinct,
    distinctRatio: count > 0 ? distinctValue / count : null,
    unique: count >= 2 && distinct.exact && distinctValue === count,
    parseFailures: c.failures ?? { count: 0, examples: [] },
    ...(sorted?.numeric ? { numeric: sorted.numeric } : {}),
    ...(sorted?.datetime ? { datetime: sorted.datetime } : {}),
    ...(other && 'text' in other ? { text: other.text } : {}),
    ...(other && 'boolean' in other ? { boolean: other.boolean } : {}),
  };
}
