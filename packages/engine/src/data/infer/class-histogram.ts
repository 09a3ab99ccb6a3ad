import type { DuckDBConnection } from '@duckdb/node-api';
import { runRows } from '../run-query.ts';
import { quoteIdent, quoteLiteral } from '../sql.ts';
import { classifySql } from './classify-sql.ts';
import type { ClassStat } from './decide-type.ts';
import { nameIn } from './long-sample.ts';
import { RE_CURRENCY_TOKEN } from './patterns.ts';

/**
 * Class histogram of text columns in one query over the long sample table (see
 * long-sample.ts; its present values `v`), so 5,000 columns cost one statement, not 5,000.
 */
export async function classHistogram(
  conn: DuckDBConnection,
  sampleTable: string,
  columns: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, ClassStat[]>> {
  const out = new Map<string, ClassStat[]>(columns.map((c) => [c, []]));
  if (columns.length === 0) return out;
  const sql = `
    WITH t AS (SELECT name, v FROM ${quoteIdent(sampleTable)} WHERE v IS NOT NULL AND ${nameIn(columns)}),
    c AS (SELECT name, v, ${classifySql('v')} AS cls FROM t)
    SELECT name, cls, count(*) AS n,
      count_if(contains(v, '.')) AS dots,
      count_if(contains(v, ',')) AS commas,
      coalesce(max(CASE WHEN starts_with(cls, 'cur:') THEN length(regexp_extract(v, '\\.([0-9]+)[^0-9]*$', 1)) END), 0) AS dot_tail,
      coalesce(max(CASE WHEN starts_with(cls, 'cur:') THEN length(regexp_extract(v, ',([0-9]+)[^0-9]*$', 1)) END), 0) AS comma_tail,
      mode(CASE WHEN starts_with(cls, 'cur:') THEN regexp_extract(v, ${quoteLiteral(RE_CURRENCY_TOKEN)}, 1) END) AS symbol,
      min(v) AS ex1, max(v) AS ex2
    FROM c GROUP BY name, cls`;
  const rows = await runRows(conn, sql, { signal });
  for (const r of rows) {
    const list = out.get(String(r[0]));
    if (!list) continue;
    list.push({
      cls: String(r[1]),
      n: Number(r[2]),
      dots: Number(r[3]),
      commas: Number(r[4]),
      dotTail: Number(r[5]),
      commaTail: Number(r[6]),
      symbol: r[7] === null ? null : String(r[7]),
      examples: [...new Set([String(r[8]), String(r[9])])],
    });
  }
  return out;
}
