import { quoteLiteral } from '../sql.ts';

/**
 * Spreadsheet formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or CR may run
 * as a formula when a CSV/XLSX export is opened. Such text gets a leading `'`, which Excel and
 * LibreOffice show as text. Genuine numbers (`-5`, `+3.2e4`) are left alone.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;
const GENUINE_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function neutralizeText(s: string): string {
  return DANGEROUS_START.test(s) && !GENUINE_NUMBER.test(s) ? `'${s}` : s;
}

/** The same rule as SQL over a VARCHAR expression, for DuckDB-side CSV export. */
export function neutralizeSql(e: string): string {
  return `CASE WHEN regexp_matches(${e}, ${quoteLiteral('^[=+\\-@\\t\\r]')}) AND NOT regexp_full_match(${e}, ${quoteLiteral(
    '[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?',
  )}) THEN '''' || ${e} ELSE ${e} END`;
}
