import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../data/sql.ts';
import type { ColumnSchema } from '../data/types.ts';
import { epochMsExpr } from '../profile/column-kind.ts';
import { firstChunk, listToFloat64 } from '../profile/duck-fetch.ts';
import { neumaierSum } from '../profile/kernels/moments.ts';
import { SortScratch, sortFloat64 } from '../profile/kernels/radix-sort.ts';
import { quantileSorted, upperBound } from '../profile/kernels/sorted-stats.ts';
import { ksPValue, ksStatistic, psi } from './drift-stats.ts';

/** Above this many rows a side is compared on a uniform sample of about this size. */
export const KS_MAX_ROWS = 2_000_000;
const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

export interface NumericSide {
  source: { sql: string; rn: string };
  rows: number;
}

export interface NumericComparison {
  psi: number | null;
  ks: { statistic: number; pValue: number; sampled: boolean } | null;
  missing: { from: number; to: number };
  mean: { from: number | null; to: number | null };
}

/**
 * Numeric (and datetime, as epoch milliseconds) drift: both sides' finite values are fetched
 * and sorted; KS is exact on them, PSI uses bins at the reference deciles plus a bin for
 * missing values. Sides larger than KS_MAX_ROWS are Bernoulli-sampled by row-number hash.
 */
export async function compareNumeric(
  conn: DuckDBConnection,
  column: ColumnSchema,
  from: NumericSide,
  to: NumericSide,
  signal?: AbortSignal,
): Promise<NumericComparison> {
  const scratch = new SortScratch();
  const a = await sortedSide(conn, column, from, scratch, signal);
  const b = await sortedSide(conn, column, to, scratch, signal);
  const edges = [...new Set(DECILES.map((q) => quantileSorted(a.values, q)))].filter(Number.isFinite);
  const bins = (s: Float64Array, missing: number) => {
    const counts: number[] = [];
    let prev = 0;
    for (const e of edges) {
      const at = upperBound(s, e);
      counts.push(at - prev);
      prev = at;
    }
    counts.push(s.length - prev, missing);
    return counts;
  };
  const hasBoth = a.values.length > 0 && b.values.length > 0;
  const d = hasBoth ? ksStatistic(a.values, b.values) : null;
  return {
    psi: a.values.length > 0 ? psi(bins(a.values, a.missing), bins(b.values, b.missing)) : null,
    ks:
      d === null
        ? null
        : {
            statistic: d,
            pValue: ksPValue(d, a.values.length, b.values.length),
            sampled: a.sampled || b.sampled,
          },
    missing: { from: a.missingShare, to: b.missingShare },
    mean: { from: meanOf(a.values), to: meanOf(b.values) },
  };
}

function meanOf(s: Float64Array): number | null {
  return s.length > 0 ? neumaierSum(s) / s.length : null;
}

async function sortedSide(
  conn: DuckDBConnection,
  c: ColumnSchema,
  side: NumericSide,
  scratch: SortScratch,
  signal?: AbortSignal,
) {
  const id = quoteIdent(c.name);
  const x =
    c.storageType === 'date' || c.storageType === 'datetime' || c.storageType === 'time'
      ? `CAST(${epochMsExpr({ name: c.name, storageType: c.storageType })} AS DOUBLE)`
      : `CAST(${id} AS DOUBLE)`;
  const sampled = side.rows > KS_MAX_ROWS;
  const where = sampled
    ? `WHERE hash(${side.source.rn}, 7) < ${(2n ** 64n * BigInt(KS_MAX_ROWS)) / BigInt(side.rows)}::UBIGINT`
    : '';
  // TRY_ keeps infinite dates from failing the epoch conversion; they count as missing here.
  const sql = `SELECT coalesce(list(x) FILTER (isfinite(x)), []), count(*) FILTER (NOT isfinite(x) OR x IS NULL), count(*) FROM (SELECT TRY(${x}) AS x FROM ${side.source.sql} ${where})`;
  const chunk = await firstChunk(conn, sql, signal);
  if (!chunk) throw new Error(`no result for ${c.name}`);
  const values = sortFloat64(listToFloat64(chunk.getColumnVector(0)), scratch);
  const missing = Number(chunk.getColumnVector(1).getItem(0));
  const total = Number(chunk.getColumnVector(2).getItem(0));
  return { values, missing, missingShare: total > 0 ? missing / total : 0, sampled };
}
