import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../../errors.ts';
import { runRows } from '../run-query.ts';
import { quoteIdent } from '../sql.ts';
import { type CsvSource, csvSourceSql } from './sources.ts';

export type CsvProblem =
  | 'ragged_rows'
  | 'unterminated_quote'
  | 'line_too_long'
  | 'encoding'
  | 'mixed_newlines'
  | 'malformed';

/** What kind of CSV failure a DuckDB error message describes, or null for any other error. */
export function csvProblemOf(message: string): CsvProblem | null {
  // What DuckDB says of lines that end in different ways (`\r\n` and `\n`).
  if (/CSV Parser state machine reached an invalid state/i.test(message)) return 'mixed_newlines';
  if (!/CSV Error|Maximum line size|Invalid unicode|unterminated quote|Parallel CSV Reader/i.test(message))
    return null;
  if (/Invalid unicode|not utf-8/i.test(message)) return 'encoding';
  if (/unterminated quote/i.test(message)) return 'unterminated_quote';
  // DuckDB's parallel reader gives up on a line longer than its buffer before it can say so.
  if (/Maximum line size|line size|Parallel CSV Reader currently does not support/i.test(message))
    return 'line_too_long';
  if (/Expected Number of Columns/i.test(message)) return 'ragged_rows';
  return 'malformed';
}

const REJECT_KIND: Record<string, CsvProblem> = {
  'MISSING COLUMNS': 'ragged_rows',
  'TOO MANY COLUMNS': 'ragged_rows',
  'UNQUOTED VALUE': 'unterminated_quote',
  'LINE SIZE OVER MAXIMUM': 'line_too_long',
  'INVALID ENCODING': 'encoding',
};

export interface BadLines {
  count: number;
  /** The first bad lines, 1-based as in a text editor, with DuckDB's reason. */
  lines: { line: number; problem: CsvProblem; message: string }[];
  /** Every bad line is a `#` comment (`# sensor restarted`), which skipping mends. */
  allComments: boolean;
}

/**
 * Reads what DuckDB rejected during the last `store_rejects` scan into `table`. Every scan
 * appends (an aborted single pass, then the staged one), so only the newest scan id counts.
 */
export async function readRejects(conn: DuckDBConnection, table: string, limit = 20): Promise<BadLines> {
  const last = `scan_id = (SELECT max(scan_id) FROM ${quoteIdent(`${table}_scan`)})`;
  // A line can be rejected for several reasons (one row per error): count and list it once.
  const [[count, other]] = await runRows(
    conn,
    `SELECT count(DISTINCT line), count(*) FILTER (WHERE NOT regexp_matches(csv_line, '^\\s*#')) FROM ${quoteIdent(table)} WHERE ${last}`,
  );
  const rows = await runRows(
    conn,
    `SELECT line, min(error_type), min(error_message) FROM ${quoteIdent(table)} WHERE ${last} GROUP BY line ORDER BY line LIMIT ${limit}`,
  );
  return {
    count: Number(count),
    allComments: Number(count) > 0 && Number(other) === 0,
    lines: rows.map((r) => ({
      line: Number(r[0]),
      problem: REJECT_KIND[String(r[1])] ?? 'malformed',
      message: String(r[2]).split('\n')[0],
    })),
  };
}

/**
 * Turns a failed CSV read into DATASET_PARSE_ERROR with the bad line numbers. DuckDB stops at
 * the first bad line, so one extra scan that records rejects instead of failing lists up to
 * 20 of them with a total count: the user can fix the file or re-run with `skipBadLines`.
 */
export async function csvParseError(
  conn: DuckDBConnection,
  source: CsvSource,
  error: Error,
  problem: CsvProblem,
): Promise<EngineError> {
  let firstLine = Number(/Line: (\d+)/.exec(error.message)?.[1] ?? Number.NaN);
  let bad: BadLines = { count: 0, lines: [], allComments: false };
  if (problem === 'line_too_long' && !Number.isFinite(firstLine)) {
    // The single-threaded reader stops at the long line and names it.
    try {
      await runRows(conn, `SELECT count(*) FROM ${csvSourceSql({ ...source, parallel: false })}`);
    } catch (e) {
      firstLine = Number(/Line: (\d+)/.exec(e instanceof Error ? e.message : '')?.[1] ?? Number.NaN);
    }
  }
  if (problem !== 'line_too_long') {
    const table = 'uam_diagnose_rejects';
    try {
      await runRows(conn, `SELECT count(*) FROM ${csvSourceSql({ ...source, rejectsTable: table })}`);
      bad = await readRejects(conn, table);
    } catch {
      // The diagnosis is a courtesy; the original error still stands.
    }
  }
  const lines =
    bad.lines.length > 0 ? bad.lines.map((l) => l.line) : Number.isFinite(firstLine) ? [firstLine] : [];
  const count = Math.max(bad.count, lines.length);
  const [have, are] = count > 1 ? ['have', 'are'] : ['has', 'is'];
  const what: Record<CsvProblem, string> = {
    ragged_rows: `${have} a different number of fields than the header`,
    unterminated_quote: `${have} a quote that is never closed`,
    line_too_long: `${are} longer than ${source.maxLineBytes} bytes`,
    encoding: `${are} not valid text in the detected encoding`,
    mixed_newlines: `${have} line ends unlike the others`,
    malformed: 'could not be parsed',
  };
  const shown = lines.slice(0, 5).join(', ');
  return new EngineError(
    'DATASET_PARSE_ERROR',
    `${count > 1 ? `${count} lines` : 'A line'} ${what[problem]} (line ${shown}${lines.length > 5 ? ', ...' : ''}); fix the file or skip bad lines`,
    {
      reason: problem,
      lines,
      badLineCount: count,
      examples: bad.lines.slice(0, 5),
      ...(bad.allComments ? { commentLines: true } : {}),
    },
  );
}
