import {
  type DuckDBConnection,
  type DuckDBDataChunk,
  DuckDBListVector,
  type DuckDBVector,
} from '@duckdb/node-api';
import { runRows, throwIfAborted } from '../data/run-query.ts';
import { EngineError } from '../errors.ts';

/**
 * Moving numbers from DuckDB to typed arrays without a JS value per row. The driver wraps
 * every 2,048-row vector in JS objects at a fixed cost, so the fewer vectors the better: a
 * `list(x)` aggregate puts a whole small result (datetime runs, drift columns) in one vector,
 * whole numeric columns stream as `DOUBLE[k]` rows (numeric/stream-columns.ts), and only small
 * results such as the row sample are read chunk by chunk.
 */

/** Runs `sql` (one statement) with abort support and returns its first chunk. */
export async function firstChunk(
  conn: DuckDBConnection,
  sql: string,
  signal?: AbortSignal,
): Promise<DuckDBDataChunk | null> {
  throwIfAborted(signal);
  const onAbort = () => conn.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await conn.run(sql);
    const chunk = await result.fetchChunk();
    return chunk && chunk.rowCount > 0 ? chunk : null;
  } catch (e) {
    if (signal?.aborted) throw new EngineError('CANCELLED');
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * A small result (such as a row sample) as one Float64Array per column, in row order. Every
 * column must be DOUBLE; NULLs become NaN. Chunk-by-chunk reading costs a fixed overhead per
 * 2,048-row vector: fine for a sample, too slow for whole columns.
 */
export async function materializedDoubles(
  conn: DuckDBConnection,
  sql: string,
  columns: number,
  signal?: AbortSignal,
): Promise<Float64Array[]> {
  throwIfAborted(signal);
  const onAbort = () => conn.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await conn.run(sql);
    const chunks = [];
    let rows = 0;
    for (let i = 0; i < result.chunkCount; i++) {
      const chunk = result.getChunk(i);
      chunks.push(chunk);
      rows += chunk.rowCount;
    }
    const out = Array.from({ length: columns }, () => new Float64Array(rows));
    let at = 0;
    for (const chunk of chunks) {
      const n = chunk.rowCount;
      for (let j = 0; j < columns; j++) out[j].set(doublesOf(chunk.getColumnVector(j), 0, n), at);
      at += n;
    }
    return out;
  } catch (e) {
    if (signal?.aborted) throw new EngineError('CANCELLED');
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Rows as JSON-safe values (BIGINT as strings) with abort support. */
export function queryRows(conn: DuckDBConnection, sql: string, signal?: AbortSignal): Promise<unknown[][]> {
  return runRows(conn, sql, { signal });
}

/**
 * The DOUBLE values of a list-typed result cell (row 0), NULL elements as NaN. `into` gives
 * the array to fill (it must be long enough); a reused buffer skips the page faults of a
 * fresh multi-megabyte allocation.
 */
export function listToFloat64(vector: DuckDBVector, into?: (length: number) => Float64Array): Float64Array {
  if (!(vector instanceof DuckDBListVector)) throw new Error('expected a LIST column');
  const offset = vector.getEntryOffset(0);
  const length = vector.getEntryLength(0);
  return doublesOf(vector.childVector, offset, length, into?.(length));
}

/** DOUBLE values of `child` from `offset` (NULL → NaN), copied in one call when the driver allows. */
export function doublesOf(
  child: DuckDBVector,
  offset: number,
  length: number,
  target?: Float64Array,
): Float64Array {
  const out = target ?? new Float64Array(length);
  // The DOUBLE vector keeps its values in a Float64Array field and its NULL mask as 64-bit
  // words in `validity.data` (null when every value is valid). Copying the values in one call
  // is the point of this module; NULL slots are then patched word by word. If a driver update
  // renames these fields, fall back to the public per-value accessor.
  const raw = child as unknown as {
    items?: unknown;
    validity?: { data?: BigUint64Array | null; offset?: number };
  };
  const data = raw.validity?.data;
  if (raw.items instanceof Float64Array && (data === null || data instanceof BigUint64Array)) {
    out.set(raw.items.subarray(offset, offset + length));
    if (data) markNulls(out, data, offset + (raw.validity?.offset ?? 0));
    return out;
  }
  for (let i = 0; i < length; i++) {
    const v = child.getItem(offset + i);
    out[i] = typeof v === 'number' ? v : Number.NaN;
  }
  return out;
}

const ALL_VALID = 0xffffffffffffffffn;

/** Sets NaN where the validity bit (starting at bit `first`) is 0. */
function markNulls(out: Float64Array, words: BigUint64Array, first: number): void {
  for (let i = 0; i < out.length; ) {
    const bit = first + i;
    const w = bit >>> 6;
    if ((bit & 63) === 0 && words[w] === ALL_VALID && i + 64 <= out.length) {
      i += 64;
      continue;
    }
    if (((words[w] >> BigInt(bit & 63)) & 1n) === 0n) out[i] = Number.NaN;
    i++;
  }
}
