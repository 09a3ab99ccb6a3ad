import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSchema } from '../../data/types.ts';
import type { TextStats } from '../column-types.ts';
import { queryRows } from '../duck-fetch.ts';
import { finite } from '../json-safe.ts';
import {
  createValueTableSql,
  dropValueTableSql,
  lengthHistogramSql,
  PATTERN_SAMPLE,
  patternsSql,
  placeholderSql,
  textSummarySql,
  topValuesSql,
} from './text-sql.ts';
import { weightedQuantile } from './weighted-quantile.ts';

export interface TextColumnResult {
  name: string;
  count: number;
  distinct: number;
  text: TextStats;
}

/**
 * Text statistics of each column, one value table at a time on this connection (temporary
 * tables are per connection). Exact: the GROUP BY holds every distinct value; DuckDB spills
 * it to disk beyond the engine's memory limit.
 */
export async function profileTextColumns(
  conn: DuckDBConnection,
  source: string,
  columns: readonly ColumnSchema[],
  opts: { signal?: AbortSignal; onColumn?: (done: number) => void },
): Promise<TextColumnResult[]> {
  const out: TextColumnResult[] = [];
  try {
    for (const c of columns) {
      await queryRows(conn, createValueTableSql(source, c.name), opts.signal);
      out.push(await textColumn(conn, c.name, opts.signal));
      opts.onColumn?.(out.length);
    }
  } finally {
    await queryRows(conn, dropValueTableSql).catch(() => undefined);
  }
  return out;
}

async function textColumn(
  conn: DuckDBConnection,
  name: string,
  signal?: AbortSignal,
): Promise<TextColumnResult> {
  const [s] = await queryRows(conn, textSummarySql, signal);
  const num = (i: number) => Number(s[i] ?? 0);
  const distinct = num(0);
  const total = num(1);
  const top = await queryRows(conn, topValuesSql, signal);
  const lengths = await queryRows(conn, lengthHistogramSql, signal);
  const sampled = distinct > PATTERN_SAMPLE;
  const patterns = await queryRows(conn, patternsSql(sampled), signal);
  const placeholders = await queryRows(conn, placeholderSql, signal);
  const topValues = top.map(([v, n]) => ({ value: String(v), count: Number(n), share: Number(n) / total }));
  const topTotal = topValues.reduce((a, t) => a + t.count, 0);
  const entropy = total > 0 ? Math.max(0, num(2)) : null;
  const text: TextStats = {
    topValues,
    otherCount: total - topTotal,
    entropy,
    normalizedEntropy: entropy !== null && distinct > 1 ? entropy / Math.log2(distinct) : null,
    length: {
      min: total > 0 ? num(3) : null,
      max: total > 0 ? num(4) : null,
      mean: total > 0 ? finite(num(5)) : null,
      median: weightedQuantile(
        lengths.map((r) => Number(r[0])),
        lengths.map((r) => Number(r[1])),
        0.5,
      ),
    },
    characterClasses: {
      letters: num(6),
      digits: num(7),
      whitespace: num(8),
      punctuation: num(9),
      uppercase: num(10),
      lowercase: num(11),
      nonAscii: num(12),
    },
    patterns: patterns.map(([p, c, ex]) => ({ pattern: String(p), count: Number(c), example: String(ex) })),
    ...(sampled ? { patternSample: { distinctValues: PATTERN_SAMPLE } } : {}),
    placeholders: placeholders.map(([v, n]) => ({ value: String(v), count: Number(n) })),
    untrimmed: num(13),
    caseVariants: num(16),
    numericLike: num(14),
    dateLike: num(15),
  };
  return { name, count: total, distinct, text };
}
