import type { DuckDBConnection } from '@duckdb/node-api';
import { runRows } from '../run-query.ts';
import { listLiteral, quoteIdent, quoteLiteral } from '../sql.ts';
import { classifySql } from './classify-sql.ts';
import type { ClassStat } from './decide-type.ts';
import { nameIn } from './long-sample.ts';
import {
  beforeTrailingMinusSql,
  inParenthesesSql,
  insideParenthesesSql,
  trailingMinusSql,
} from './parse-expr.ts';
import { RE_CURRENCY_TOKEN, TYPED_MISSING_WORDS } from './patterns.ts';

/**
 * Class histogram of text columns in one query over the long sample table (see
 * long-sample.ts; its present values `v`), so 5,000 columns cost one statement, not 5,000.
 * Each distinct value is classified once, its cells counted by `w`: only numbers with many
 * digits are all distinct, and categories, codes, small integers and dates repeat. A value in
 * parentheses or with a trailing minus is classified as the number with a leading minus sign
 * (see decide-type.ts); so is one written with U+2212 `−`. `(X)` (US Census) is a placeholder.
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
    WITH t AS (SELECT name, v AS raw_v, count(*) AS w FROM ${quoteIdent(sampleTable)} WHERE v IS NOT NULL AND ${nameIn(columns)} GROUP BY name, v),
    p AS (SELECT *, ${inParenthesesSql('raw_v')} AND raw_v NOT IN ${listLiteral(TYPED_MISSING_WORDS)} AS paren, ${trailingMinusSql('raw_v')} AS trail FROM t),
    u AS (SELECT *, contains(raw_v, '−') AS uminus, replace(raw_v, '−', '-') AS plain_v FROM p),
    n AS (SELECT *, CASE WHEN paren THEN '-' || ${insideParenthesesSql('plain_v')} WHEN trail THEN '-' || ${beforeTrailingMinusSql('plain_v')} ELSE plain_v END AS v FROM u),
    c AS (SELECT *, ${classifySql('v')} AS cls FROM n)
    SELECT name, cls, sum(w) AS n,
      coalesce(sum(w) FILTER (WHERE contains(v, '.')), 0) AS dots,
      coalesce(sum(w) FILTER (WHERE contains(v, ',')), 0) AS commas,
      coalesce(max(CASE WHEN starts_with(cls, 'cur:') THEN length(regexp_extract(v, '\\.([0-9]+)[^0-9]*$', 1)) END), 0) AS dot_tail,
      coalesce(max(CASE WHEN starts_with(cls, 'cur:') THEN length(regexp_extract(v, ',([0-9]+)[^0-9]*$', 1)) END), 0) AS comma_tail,
      list(CASE WHEN starts_with(cls, 'cur:') THEN {s: regexp_extract(v, ${quoteLiteral(RE_CURRENCY_TOKEN)}, 1), w: w} END) FILTER (WHERE starts_with(cls, 'cur:')) AS symbols,
      min(raw_v) AS ex1, max(raw_v) AS ex2,
      coalesce(sum(w) FILTER (WHERE paren), 0) AS parens,
      coalesce(sum(w) FILTER (WHERE trail), 0) AS trailing,
      coalesce(sum(w) FILTER (WHERE uminus), 0) AS uminus
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
      symbols: symbolCells(r[7]),
      examples: [...new Set([String(r[8]), String(r[9])])],
      parens: Number(r[10]),
      trailing: Number(r[11]),
      uminus: Number(r[12]),
    });
  }
  return out;
}

/** Cells per symbol from `[{s, w}]` (symbol, cells of one value). */
function symbolCells(pairs: unknown): Record<string, number> {
  const cells: Record<string, number> = {};
  if (!Array.isArray(pairs)) return cells;
  for (const p of pairs as Array<{ s: unknown; w: unknown }>) {
    const s = String(p.s);
    cells[s] = (cells[s] ?? 0) + Number(p.w);
  }
  return cells;
}
