import type { DuckDBConnection } from '@duckdb/node-api';
import { missingSql } from '../infer/classify-sql.ts';
import { runRows } from '../run-query.ts';
import { listLiteral, quoteIdent, quoteLiteral } from '../sql.ts';

/**
 * `="00123"`: how some exports (ERP, bank and shop reports) keep Excel from dropping an
 * account number's leading zeros or reading a code as a number, a formula that returns the
 * text. Excel shows `00123`; so do we.
 */
const EXCEL_TEXT = '\\s*="([^"]*)"\\s*';

/** The text inside `="..."`, or the value as it is. */
export function excelTextSql(ref: string): string {
  const re = quoteLiteral(EXCEL_TEXT);
  return `CASE WHEN regexp_full_match(${ref}, ${re}) THEN regexp_extract(${ref}, ${re}, 1) ELSE ${ref} END`;
}

/**
 * The columns of a long sample (see long-sample.ts) holding `="..."` values, whose present
 * values `v` it sets to the text inside; the inference then sees `00123`.
 */
export async function unwrapExcelText(
  conn: DuckDBConnection,
  table: string,
  nullValues: readonly string[],
  signal?: AbortSignal,
): Promise<Set<string>> {
  const rows = await runRows(
    conn,
    `SELECT DISTINCT name FROM ${quoteIdent(table)} WHERE contains(raw, '="') AND regexp_full_match(raw, ${quoteLiteral(EXCEL_TEXT)})`,
    { signal },
  );
  const names = new Set(rows.map((r) => String(r[0])));
  if (names.size === 0) return names;
  const text = `trim(${excelTextSql('raw')})`;
  await runRows(
    conn,
    `UPDATE ${quoteIdent(table)} SET v = CASE WHEN NOT ${missingSql(text, nullValues)} THEN ${text} END WHERE name IN ${listLiteral([...names])}`,
    { signal },
  );
  return names;
}
