import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSchema } from '../../data/types.ts';
import { queryRows } from '../duck-fetch.ts';
import type { MissingPatterns } from '../types.ts';
import { BITS_PER_KEY, GROUPS, type RowGroups } from './row-groups.ts';

/** Co-occurrence is computed for at most this many columns (the most missing). */
export const MAX_COOCCURRENCE_COLUMNS = 60;
const TOP_PATTERNS = 10;

/**
 * Missing-value patterns from the pattern groups of `buildRowGroups`: each row's set of
 * missing columns packed into BIGINT bit masks. Per-column counts, co-occurrence and the top
 * patterns are aggregates over the pattern groups, which number at most the distinct patterns.
 */
export async function missingPatterns(
  conn: DuckDBConnection,
  groups: RowGroups,
  columns: readonly ColumnSchema[],
  rows: number,
  signal?: AbortSignal,
): Promise<MissingPatterns> {
  const empty: MissingPatterns = {
    columns: [],
    cooccurrence: [],
    patterns: [],
    rowsWithMissing: 0,
    distinctPatterns: 0,
  };
  if (rows === 0 || columns.length === 0) return empty;
  const keyNames = Array.from({ length: groups.keys }, (_, k) => `k${k}`);
  const from = `(SELECT ${keyNames.join(', ')}, n FROM ${GROUPS} WHERE g = 1)`;
  const bit = (i: number) => `((k${Math.floor(i / BITS_PER_KEY)} >> ${i % BITS_PER_KEY}) & 1 = 1)`;
  const perColumn = await queryRows(
    conn,
    `SELECT ${columns.map((_, i) => `coalesce(sum(n) FILTER (${bit(i)}), 0)`).join(', ')} FROM ${from}`,
    signal,
  );
  const counts = perColumn[0].map(Number);
  const missingIdx = counts
    .map((count, i) => ({ count, i }))
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count || a.i - b.i)
    .map((x) => x.i);
  if (missingIdx.length === 0) return empty;
  const used = missingIdx.slice(0, MAX_COOCCURRENCE_COLUMNS);
  const anyMissing = keyNames.map((k) => `${k} <> 0`).join(' OR ');
  const pairs: string[] = [];
  for (let a = 0; a < used.length; a++)
    for (let b = a + 1; b < used.length; b++)
      pairs.push(`coalesce(sum(n) FILTER (${bit(used[a])} AND ${bit(used[b])}), 0)`);
  const [summary] = await queryRows(
    conn,
    `SELECT coalesce(sum(n) FILTER (${anyMissing}), 0), count(*) FILTER (${anyMissing})${pairs.length ? `, ${pairs.join(', ')}` : ''} FROM ${from}`,
    signal,
  );
  const top = await queryRows(
    conn,
    `SELECT ${keyNames.join(', ')}, n FROM ${from} WHERE ${anyMissing} ORDER BY n DESC, ${keyNames.join(', ')} LIMIT ${TOP_PATTERNS}`,
    signal,
  );
  return {
    columns: used.map((i) => columns[i].name),
    cooccurrence: cooccurrenceMatrix(used, counts, summary.slice(2).map(Number)),
    patterns: top.map((r) => {
      const n = Number(r[groups.keys]);
      return { missing: decodePattern(r.slice(0, groups.keys), columns), count: n, share: n / rows };
    }),
    rowsWithMissing: Number(summary[0]),
    distinctPatterns: Number(summary[1]),
    ...(missingIdx.length > MAX_COOCCURRENCE_COLUMNS
      ? { truncated: { limit: MAX_COOCCURRENCE_COLUMNS } }
      : {}),
  };
}

function cooccurrenceMatrix(used: number[], counts: number[], pairValues: number[]): number[][] {
  const m = used.map(() => new Array<number>(used.length).fill(0));
  let p = 0;
  for (let a = 0; a < used.length; a++) {
    m[a][a] = counts[used[a]];
    for (let b = a + 1; b < used.length; b++) {
      m[a][b] = pairValues[p];
      m[b][a] = pairValues[p];
      p++;
    }
  }
  return m;
}

function decodePattern(keys: unknown[], columns: readonly ColumnSchema[]): string[] {
  const names: string[] = [];
  for (let k = 0; k < keys.length; k++) {
    const bits = BigInt(String(keys[k]));
    for (let b = 0; b < BITS_PER_KEY; b++) {
      if ((bits >> BigInt(b)) & 1n) names.push(columns[k * BITS_PER_KEY + b].name);
    }
  }
  return names;
}
