/**
 * Runs generated SQL over one Parquet dataset version: a fresh connection, a temporary view
 * named `dataset` over the file, a prepared statement that must be a SELECT, bound values, a
 * timeout that interrupts DuckDB, and values converted to plain JSON (numbers as numbers).
 */
import { type DuckDBValue, StatementType } from '@duckdb/node-api';
import type { DuckEngine } from '../data/duck-engine.ts';
import { quoteLiteral } from '../data/sql.ts';
import { EngineError } from '../errors.ts';
import { DATASET_VIEW } from './sql-generator.ts';
import { assertSafeSql } from './sql-guard.ts';
import type { AnswerColumn } from './types.ts';

export interface QueryResult {
  columnNames: string[];
  columnTypes: AnswerColumn['type'][];
  rows: unknown[][];
  durationMs: number;
}

export interface ExecuteOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** DuckDB type names whose JSON form is a string but whose value is a number. */
const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

function answerType(duckType: string): AnswerColumn['type'] {
  if (NUMERIC_TYPE.test(duckType)) return 'number';
  if (/^(DATE|TIMESTAMP)/.test(duckType)) return 'date';
  if (duckType === 'BOOLEAN') return 'boolean';
  return 'string';
}

/** A view statement for the dataset; the path comes from the platform, never from a question. */
export function datasetViewSql(parquetPath: string): string {
  return `CREATE OR REPLACE TEMP VIEW "${DATASET_VIEW}" AS SELECT * FROM read_parquet(${quoteLiteral(parquetPath)})`;
}

export async function executeSql(
  engine: DuckEngine,
  parquetPath: string,
  sql: string,
  params: readonly (string | number | boolean)[],
  opts: ExecuteOptions,
): Promise<QueryResult> {
  assertSafeSql(sql, params.length);
  const started = performance.now();
  return engine.withConnection(async (conn) => {
    await conn.run(datasetViewSql(parquetPath));
    const prepared = await conn.prepare(sql);
    if (prepared.statementType !== StatementType.SELECT) throw new Error('Generated SQL is not a SELECT');
    prepared.bind(params as DuckDBValue[]);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      conn.interrupt();
    }, opts.timeoutMs);
    const onAbort = () => conn.interrupt();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const reader = await prepared.runAndReadAll();
      const types = reader.columnTypes().map((t) => String(t));
      const columnTypes = types.map(answerType);
      const rows = (reader.getRowsJson() as unknown[][]).map((r) =>
        r.map((v, i) => (columnTypes[i] === 'number' && typeof v === 'string' ? Number(v) : v)),
      );
      return {
        columnNames: reader.columnNames(),
        columnTypes,
        rows,
        durationMs: performance.now() - started,
      };
    } catch (e) {
      if (opts.signal?.aborted) throw new EngineError('CANCELLED');
      if (timedOut)
        throw new EngineError(
          'CANCELLED',
          `The query took longer than ${opts.timeoutMs} ms and was stopped`,
          { reason: 'timeout' },
        );
      throw e;
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  });
}

/** Rows of a small helper query (distinct values, date range) under the same guard and view. */
export async function lookupRows(
  engine: DuckEngine,
  parquetPath: string,
  sql: string,
  params: (string | number)[] = [],
): Promise<unknown[][]> {
  const r = await executeSql(engine, parquetPath, sql, params, { timeoutMs: 10_000 });
  return r.rows;
}
