import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSchema } from '../../data/types.ts';
import { doubleExpr, doubleLiteral } from '../column-kind.ts';
import type { NumericStats } from '../column-types.ts';
import { queryRows } from '../duck-fetch.ts';
import { finite } from '../json-safe.ts';
import { kurtosis, skewness } from '../kernels/moments.ts';
import { histogramEdges } from './histogram-bins.ts';
import { emptyNumeric, NUMERIC_SENTINELS, TOP_VALUES } from './numeric-stats.ts';
import { ROBUST_Z_THRESHOLD } from './outliers.ts';

/** Measured relative standard error of DuckDB's `approx_count_distinct` (HyperLogLog, 64 registers: 1.04/√64). */
export const HLL_RELATIVE_ERROR = 0.13;
const QS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];
const FIN = 'FILTER (WHERE isfinite(x))';

/**
 * The large-data path for one numeric column (more rows than fit the in-memory sort), in
 * DuckDB with constant memory: quantiles and MAD are t-digest estimates (`approx_quantile`);
 * the distinct count is exact up to `exactDistinctUpTo` rows, HyperLogLog above; moments are
 * two-pass sums; histogram, zero, negative and outlier counts are exact given the estimated
 * quartiles.
 */
export async function approxNumericColumn(
  conn: DuckDBConnection,
  source: string,
  column: ColumnSchema,
  opts: { rows: number; exactDistinctUpTo: number; signal?: AbortSignal },
): Promise<{ stats: NumericStats; distinct: number; distinctExact: boolean; missing: number }> {
  const from = `(SELECT ${doubleExpr(column.name)} AS x FROM ${source})`;
  const exactDistinct = opts.rows <= opts.exactDistinctUpTo;
  const [r1] = await queryRows(
    conn,
    `SELECT count(*) ${FIN}, count(*) - count(x), count(*) FILTER (WHERE isnan(x)), count(*) FILTER (WHERE isinf(x)),
      min(x) ${FIN}, max(x) ${FIN}, favg(x) ${FIN}, fsum(x) ${FIN}, approx_quantile(x, [${QS.join(', ')}]) ${FIN},
      ${exactDistinct ? 'count(DISTINCT x)' : 'approx_count_distinct(x)'} ${FIN}, count(*) FILTER (WHERE x = 0), count(*) FILTER (WHERE x < 0),
      coalesce(bool_and(x = floor(x)) ${FIN}, false), approx_top_k(x, ${TOP_VALUES}) ${FIN}
    FROM ${from}`,
    opts.signal,
  );
  const n = Number(r1[0]);
  const nf = { nulls: Number(r1[1]), nans: Number(r1[2]), infinities: Number(r1[3]) };
  const missing = nf.nulls + nf.nans;
  if (n === 0) return { stats: emptyNumeric(nf), distinct: 0, distinctExact: true, missing };
  const [min, max, mean, sum] = [4, 5, 6, 7].map((i) => Number(r1[i]));
  const [p1, p5, q1, median, q3, p95, p99] = (r1[8] as number[]).map(Number);
  const integral = Boolean(r1[12]);
  const iqr = q3 - q1;
  const { edges, rule } = histogramEdges(min, max, n, iqr, integral);
  const lower = q1 - 1.5 * iqr;
  const upper = q3 + 1.5 * iqr;
  const dev = `x - ${doubleLiteral(mean)}`;
  const bin =
    edges
      .slice(1, -1)
      .map((e) => `CAST(x >= ${doubleLiteral(e)} AS INTEGER)`)
      .join(' + ') || '0';
  const [r2] = await queryRows(
    conn,
    `SELECT fsum(pow(${dev}, 2)) ${FIN}, fsum(pow(${dev}, 3)) ${FIN}, fsum(pow(${dev}, 4)) ${FIN},
      approx_quantile(abs(x - ${doubleLiteral(median)}), 0.5) ${FIN}, histogram(${bin}) ${FIN},
      count(*) FILTER (WHERE x < ${doubleLiteral(lower)}) + count(*) FILTER (WHERE x > ${doubleLiteral(upper)}),
      min(x, 5) FILTER (WHERE x < ${doubleLiteral(lower)}), max(x, 5) FILTER (WHERE x > ${doubleLiteral(upper)})
    FROM ${from}`,
    opts.signal,
  );
  const [m2, m3, m4, mad] = [0, 1, 2, 3].map((i) => Number(r2[i]));
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const { key, value } of (r2[4] as { key: unknown; value: unknown }[]) ?? [])
    counts[Number(key)] = Number(value);
  const unit = mad > 0 ? mad / 0.6745 : 0;
  const top = ((r1[13] as unknown[]) ?? []).map(Number);
  const [r3] = await queryRows(
    conn,
    `SELECT count(*) FILTER (WHERE abs(x - ${doubleLiteral(median)}) > ${doubleLiteral(ROBUST_Z_THRESHOLD * unit)} AND ${unit > 0}),
      min(x, 5) FILTER (WHERE x < ${doubleLiteral(median - ROBUST_Z_THRESHOLD * unit)} AND ${unit > 0}),
      max(x, 5) FILTER (WHERE x > ${doubleLiteral(median + ROBUST_Z_THRESHOLD * unit)} AND ${unit > 0})
      ${[...top, ...NUMERIC_SENTINELS].map((v) => `, count(*) FILTER (WHERE x = ${doubleLiteral(v)})`).join('')}
    FROM ${from}`,
    opts.signal,
  );
  const valueCount = (i: number) => Number(r3[3 + i]);
  const variance = n >= 2 ? m2 / (n - 1) : Number.NaN;
  const iqrCount = Number(r2[5]);
  const stats: NumericStats = {
    ...emptyNumeric(nf),
    min,
    max,
    mean: finite(mean),
    median,
    q1,
    q3,
    p1,
    p5,
    p95,
    p99,
    std: finite(Math.sqrt(variance)),
    variance: finite(variance),
    mad: finite(mad),
    iqr: finite(iqr),
    range: finite(max - min),
    skewness: finite(skewness(n, m2, m3)),
    kurtosis: finite(kurtosis(n, m2, m4)),
    cv: mean !== 0 ? finite(Math.sqrt(variance) / Math.abs(mean)) : null,
    sum: finite(sum),
    zeros: Number(r1[10]),
    negatives: Number(r1[11]),
    integral,
    histogram: { edges, counts, rule },
    topValues: top
      .map((value, i) => ({ value, count: valueCount(i), share: valueCount(i) / n }))
      .filter((v) => v.count > 1)
      .sort((a, b) => b.count - a.count || a.value - b.value),
    outliers: {
      iqr: { lower, upper, count: iqrCount, share: iqrCount / n, low: nums(r2[6]), high: nums(r2[7]) },
      robustZ: {
        threshold: ROBUST_Z_THRESHOLD,
        scale: unit > 0 ? 'mad' : 'none',
        count: Number(r3[0]),
        share: Number(r3[0]) / n,
        low: nums(r3[1]),
        high: nums(r3[2]),
      },
    },
    placeholders: NUMERIC_SENTINELS.map((value, i) => ({ value, count: valueCount(top.length + i) })).filter(
      (p) => p.count > 0 && (p.value === min || p.value === max),
    ),
    approximate: {
      quantiles: true,
      reason: `more than the in-memory limit of rows: t-digest quantiles and MAD`,
    },
  };
  return { stats, distinct: Number(r1[9]), distinctExact: exactDistinct, missing };
}

function nums(v: unknown): number[] {
  return Array.isArray(v) ? v.map(Number) : [];
}
