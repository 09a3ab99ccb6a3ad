import fs from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { RE_EXCEL_ERROR, TYPED_MISSING_WORDS } from '../infer/patterns.ts';
import { runRows } from '../run-query.ts';
import { chunk, quoteIdent, quoteLiteral } from '../sql.ts';
import type { ValueFailures } from '../types.ts';
import { type ColumnPlan, failureSql, STRICT_MARKER, strictSql, valueSql } from './column-plan.ts';
import { type HeaderRepeat, headerRepeatSql } from './header-repeats.ts';

export interface WriteInput {
  /** A relation (`read_csv(...)`, ...) the plans' `innerSql` read from. */
  sourceSql: string;
  /**
   * Optional faster relation for the single pass, where the reader itself parses some columns
   * (CSV columns typed at read time); `native` maps those columns to their strict expression.
   */
  fast?: { sourceSql: string; native: Map<string, string> };
  columns: ColumnPlan[];
  nullValues: readonly string[];
  output: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Rows repeating the header are left out (see header-repeats.ts). */
  headerRepeat?: HeaderRepeat;
}

export interface ColumnOutcome {
  /** Values present in the source (parsed or not). */
  present: number;
  failures: ValueFailures;
  /** Failed values that would parse as a float (lets an integer column widen). */
  floatable: number;
  /** Of those, the ones that are not just digits: decimals, not integers too big for 64 bits. */
  fractional: number;
  /** Failed values that are Excel errors (`#DIV/0!`): reported, not counted against the type. */
  excelErrors: number;
}

/**
 * Snappy: on the 1M-row benchmark it writes with ~15 % less CPU than ZSTD at level 1 (and ZSTD
 * 1 ~30 % less than its default level 3), for files ~17 % larger than ZSTD 1; ingest speed is
 * what users wait for, and every Parquet reader (pandas, Spark, DuckDB) reads it.
 * Row groups of 30,720 rows (a quarter of DuckDB's default): each writer thread holds a row
 * group while it fills, so the 1M-row ingest peaks ~50 MB lower than at 61,440 (the server's
 * peak RSS is a benchmark target), at the same speed; 16,384 was slower and no smaller.
 */
export const PARQUET_OPTIONS = 'FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 30720';

/**
 * How the single pass notices a header repeated in the rows, to leave it to the staged path
 * (which counts them): null when a number column's name is a word, whose parse already fails
 * on it (most tables: no cost per row); else the text columns' check.
 */
function fastRepeatSql(input: WriteInput): string | null {
  const repeat = input.headerRepeat;
  if (!repeat) return null;
  const failsOnName = input.columns.some((c) => {
    const kind = c.plan?.kind;
    const number = kind === 'integer' || kind === 'float' || kind === 'decimal';
    const name = (repeat.names.get(c.name) ?? '').trim();
    // A name that is a missing marker (`NA`, `None`) would read as missing, not fail.
    const marker = input.nullValues.includes(name) || TYPED_MISSING_WORDS.includes(name);
    return number && /[a-df-z]/i.test(name) && !marker;
  });
  if (failsOnName) return null;
  // Text columns hold the text as read (a typed one may be parsed by the reader already).
  const text = new Set(
    input.columns.filter((c) => c.plan === null || c.plan.kind === 'string').map((c) => c.name),
  );
  return headerRepeatSql(repeat, (name) => text.has(name));
}

/** The staged table's column marking a repeated header row. */
const REPEAT = '"__uam_header_repeat"';

function innerSelect(input: WriteInput): string {
  return `SELECT ${input.columns.map((c) => `${c.innerSql} AS ${quoteIdent(c.name)}`).join(', ')} FROM ${input.sourceSql}`;
}

/**
 * The fast path: one streaming pass from the source to Parquet where any value that does not
 * parse aborts the query (DuckDB `error()`), because counting failures needs a second look.
 * Returns the row count, or `null` when a value failed and the staged path must run instead.
 */
export async function writeStrict(conn: DuckDBConnection, input: WriteInput): Promise<number | null> {
  const native = input.fast?.native ?? new Map<string, string>();
  const select = input.columns
    .map((c) => `${native.get(c.name) ?? strictSql(c, input.nullValues)} AS ${quoteIdent(c.name)}`)
    .join(', ');
  const inner = input.fast
    ? `SELECT ${input.columns.map((c) => `${native.has(c.name) ? quoteIdent(c.name) : c.innerSql} AS ${quoteIdent(c.name)}`).join(', ')} FROM ${input.fast.sourceSql}`
    : innerSelect(input);
  const repeat = fastRepeatSql(input);
  const where = repeat
    ? ` WHERE CASE WHEN ${repeat} THEN error(${quoteLiteral(STRICT_MARKER)}) ELSE true END`
    : '';
  const sql = `COPY (SELECT ${select} FROM (${inner})${where}) TO ${quoteLiteral(input.output)} (${PARQUET_OPTIONS})`;
  try {
    const rows = await runRows(conn, sql, { signal: input.signal, onProgress: input.onProgress });
    return Number(rows[0][0]);
  } catch (e) {
    await fs.rm(input.output, { force: true });
    // Our marker, or the CSV reader failing to parse a natively typed column.
    if (
      e instanceof Error &&
      (e.message.includes(STRICT_MARKER) || /^Conversion Error|Error when converting column/.test(e.message))
    ) {
      return null;
    }
    throw e;
  }
}

/**
 * The counting path: values are parsed once into a temp table that also keeps the raw text
 * of every failed value, failures are counted there (count + five most frequent examples),
 * and `review` may return revised plans (e.g. integer → float) which restart the stage.
 * Only when the plans stand is the table written to Parquet.
 */
export async function writeStaged(
  conn: DuckDBConnection,
  input: WriteInput,
  review: (outcomes: Map<string, ColumnOutcome>) => ColumnPlan[] | null,
): Promise<{
  rowCount: number;
  columns: ColumnPlan[];
  outcomes: Map<string, ColumnOutcome>;
  headerRepeats: number;
}> {
  let columns = input.columns;
  const repeat = input.headerRepeat && headerRepeatSql(input.headerRepeat);
  for (;;) {
    const current = { ...input, columns };
    const fails = columns.map((c, i) => ({ c, i, sql: failureSql(c, input.nullValues) }));
    // A repeated header's names are no failed values: the row goes.
    const failed = (sql: string) => (repeat ? `CASE WHEN ${REPEAT} THEN NULL ELSE ${sql} END` : sql);
    const select = [
      ...columns.map((c) => `${valueSql(c, input.nullValues)} AS ${quoteIdent(c.name)}`),
      ...fails.filter((f) => f.sql).map((f) => `${failed(f.sql!)} AS "__uam_fail_${f.i}"`),
      ...(repeat ? [REPEAT] : []),
    ].join(', ');
    const source = repeat
      ? `(SELECT *, ${repeat} AS ${REPEAT} FROM (${innerSelect(current)}))`
      : `(${innerSelect(current)})`;
    await runRows(conn, `CREATE OR REPLACE TEMP TABLE uam_stage AS SELECT ${select} FROM ${source}`, {
      signal: input.signal,
      onProgress: (f) => input.onProgress?.(f * 0.8),
    });
    const outcomes = await countFailures(
      conn,
      fails.filter((f) => f.sql).map((f) => ({ col: f.c, i: f.i })),
      input.signal,
    );
    const revised = review(outcomes);
    if (revised) {
      columns = revised;
      continue;
    }
    const names = columns.map((c) => quoteIdent(c.name)).join(', ');
    const rows = await runRows(
      conn,
      `COPY (SELECT ${names} FROM uam_stage${repeat ? ` WHERE NOT ${REPEAT}` : ''}) TO ${quoteLiteral(input.output)} (${PARQUET_OPTIONS})`,
      {
        signal: input.signal,
      },
    );
    const headerRepeats = repeat
      ? Number((await runRows(conn, `SELECT count_if(${REPEAT}) FROM uam_stage`))[0][0])
      : 0;
    await conn.run('DROP TABLE IF EXISTS uam_stage');
    return { rowCount: Number(rows[0][0]), columns, outcomes, headerRepeats };
  }
}

/** Aggregates per column in `countFailures`. */
const PER_COLUMN = 6;

async function countFailures(
  conn: DuckDBConnection,
  items: { col: ColumnPlan; i: number }[],
  signal?: AbortSignal,
): Promise<Map<string, ColumnOutcome>> {
  const out = new Map<string, ColumnOutcome>();
  for (const batch of chunk(items, 100)) {
    const parts = batch.map(({ col, i }) => {
      const f = `"__uam_fail_${i}"`;
      const floatable = `TRY_CAST(${f} AS DOUBLE) IS NOT NULL`;
      return `count(${quoteIdent(col.name)}) + count(${f}), count(${f}), approx_top_k(${f}, 5), count_if(${floatable}), count_if(${floatable} AND NOT regexp_full_match(trim(${f}), '[+-]?[0-9]+')), count_if(regexp_full_match(trim(${f}), ${quoteLiteral(RE_EXCEL_ERROR)}))`;
    });
    const [row] = await runRows(conn, `SELECT ${parts.join(', ')} FROM uam_stage`, { signal });
    for (let k = 0; k < batch.length; k++) {
      const { col } = batch[k];
      const v = row.slice(k * PER_COLUMN, (k + 1) * PER_COLUMN);
      const examples = Array.isArray(v[2]) ? (v[2] as unknown[]).filter((x) => x !== null).map(String) : [];
      out.set(col.name, {
        present: Number(v[0]),
        failures: { count: Number(v[1]), examples: Number(v[1]) === 0 ? [] : examples },
        floatable: Number(v[3]),
        fractional: Number(v[4]),
        excelErrors: Number(v[5]),
      });
    }
  }
  return out;
}
