import { quoteIdent } from '../data/sql.ts';
import type { ColumnSchema } from '../data/types.ts';
import { epochMsExpr } from './column-kind.ts';

/** The version's rows with a row-number expression `rn` (see dataset/row-source.ts). */
export interface RowSource {
  sql: string;
  rn: string;
}

/** The column as DOUBLE (epoch milliseconds for datetimes, ±Infinity for infinite dates), next to the row number. */
function valueFrom(c: ColumnSchema, source: RowSource): string {
  const id = quoteIdent(c.name);
  if (c.storageType === 'date' || c.storageType === 'datetime' || c.storageType === 'time') {
    const ms = `CAST(${epochMsExpr({ name: 'v', storageType: c.storageType })} AS DOUBLE)`;
    const x =
      c.storageType === 'time'
        ? ms
        : `CASE WHEN v IS NULL THEN NULL WHEN isfinite(v) THEN ${ms} WHEN CAST(v AS TIMESTAMP) > TIMESTAMP '1970-01-01' THEN 'Infinity'::DOUBLE ELSE '-Infinity'::DOUBLE END`;
    return `(SELECT ${x} AS x, rn FROM (SELECT ${id} AS v, ${source.rn} AS rn FROM ${source.sql}))`;
  }
  return `(SELECT CAST(${id} AS DOUBLE) AS x, ${source.rn} AS rn FROM ${source.sql})`;
}

/** One row: sorted distinct finite values, their counts, then NULL, NaN and ±Infinity counts. */
export function runsSql(source: RowSource, c: ColumnSchema): string {
  return `WITH b AS ${valueFrom(c, source)} SELECT coalesce(list(x ORDER BY x) FILTER (isfinite(x)), []), coalesce(list(CAST(n AS DOUBLE) ORDER BY x) FILTER (isfinite(x)), []), coalesce(sum(n) FILTER (x IS NULL), 0), coalesce(sum(n) FILTER (isnan(x)), 0), coalesce(sum(n) FILTER (isinf(x)), 0) FROM (SELECT x, count(*) AS n FROM b GROUP BY 1)`;
}
