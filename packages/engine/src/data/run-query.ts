import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { EngineError } from '../errors.ts';

export interface RunOptions {
  params?: DuckDBValue[];
  /** Explicit parameter types (otherwise DuckDB infers them from the JS values). */
  types?: DuckDBType[];
  signal?: AbortSignal;
  /** Called with DuckDB's own 0..1 estimate while the query runs (polled every 250 ms). */
  onProgress?: (fraction: number) => void;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError('CANCELLED');
}

/**
 * Runs one statement and returns its rows as JSON-safe values (BIGINT as strings). An abort
 * interrupts DuckDB mid-query and surfaces as CANCELLED, never as DuckDB's own error text.
 */
export async function runRows(
  conn: DuckDBConnection,
  sql: string,
  opts: RunOptions = {},
): Promise<unknown[][]> {
  const reader = await runReader(conn, sql, opts);
  return reader.getRowsJson() as unknown[][];
}

export async function runReader(conn: DuckDBConnection, sql: string, opts: RunOptions = {}) {
  const { signal, onProgress } = opts;
  throwIfAborted(signal);
  const onAbort = () => conn.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = onProgress
    ? setInterval(() => {
        const p = conn.progress.percentage;
        if (p >= 0) onProgress(Math.min(1, p / 100));
      }, 250)
    : undefined;
  try {
    return await conn.runAndReadAll(sql, opts.params, opts.types);
  } catch (e) {
    if (signal?.aborted) throw new EngineError('CANCELLED');
    throw e;
  } finally {
    if (timer) clearInterval(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** First column of the first row, or undefined. */
export async function runScalar(
  conn: DuckDBConnection,
  sql: string,
  opts: RunOptions = {},
): Promise<unknown> {
  const rows = await runRows(conn, sql, opts);
  return rows[0]?.[0];
}
