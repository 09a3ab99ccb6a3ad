import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import { throwIfAborted } from '../../data/run-query.ts';
import { quoteIdent } from '../../data/sql.ts';
import type { ColumnSchema } from '../../data/types.ts';
import { EngineError } from '../../errors.ts';
import type { RowSource } from '../column-lists-sql.ts';
import { firstChunk, listToFloat64, queryRows } from '../duck-fetch.ts';

/** Values held per streamed batch (8 bytes each): columns per batch = max(1, ⌊this / rows⌋). */
export const BATCH_VALUES = 4_000_000;

export interface StreamedColumn {
  column: ColumnSchema;
  /** The column in row order, NaN where missing (a view into a reused buffer). */
  values: Float64Array;
  /** The column on the sampled rows (row numbers and values, in row order). */
  sample: { rn: Float64Array; values: Float64Array };
  /** NULLs (they are NaN in `values`, like NaN values themselves). */
  nulls: number;
}

/**
 * Streams a batch of numeric columns in file order. Each row travels as one fixed-size
 * DOUBLE[k] array, so a 2,048-row chunk is one vector for the driver to wrap instead of k, and
 * each column's values on the sampled rows are picked out of the same scan. JS de-interleaves into one Float64Array per column. Measured ~3× cheaper
 * than one `list()` aggregate per column, and row order is kept. NULLs travel as NaN; their
 * count comes from one `count()` query (answered from Parquet metadata).
 */
export async function streamColumns(
  conn: DuckDBConnection,
  source: RowSource,
  columns: readonly ColumnSchema[],
  o: { rows: number; sample: SampleRows; pool: BufferPool; signal?: AbortSignal },
): Promise<StreamedColumn[]> {
  throwIfAborted(o.signal);
  const k = columns.length;
  const items = columns.map((c) => `coalesce(CAST(${quoteIdent(c.name)} AS DOUBLE), 'NaN'::DOUBLE)`);
  const sql = `SELECT [${items.join(', ')}]::DOUBLE[${k}] FROM ${source.sql}`;
  const [nullRow] = await queryRows(
    conn,
    `SELECT ${columns.map((c) => `count(*) - count(${quoteIdent(c.name)})`).join(', ')} FROM ${source.sql}`,
    o.signal,
  );
  const targets = Array.from({ length: k }, (_, j) => o.pool.take(j, o.rows));
  const onAbort = () => conn.interrupt();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  let rows = 0;
  try {
    const result = await conn.stream(sql);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      if (rows + chunk.rowCount > o.rows) throw new Error('the version has more rows than counted');
      deinterleave(chunk, k, targets, rows);
      rows += chunk.rowCount;
    }
  } catch (e) {
    if (o.signal?.aborted) throw new EngineError('CANCELLED');
    throw e;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
  const sample = o.sample;
  return columns.map((column, j) => {
    const values = targets[j].subarray(0, rows);
    return {
      column,
      values,
      sample: { rn: sample.rn, values: gather(values, sample.positions) },
      nulls: Number(nullRow[j]),
    };
  });
}

/**
 * Which rows are in the correlation sample: their row numbers, which are also their positions
 * in the stream (the row number is the 0-based position in the file, and the stream keeps
 * file order). One cheap query over the row numbers alone.
 */
export interface SampleRows {
  positions: Uint32Array;
  rn: Float64Array;
}

export async function sampleRows(
  conn: DuckDBConnection,
  source: RowSource,
  sampleWhere: string,
  signal?: AbortSignal,
): Promise<SampleRows> {
  const chunk = await firstChunk(
    conn,
    `SELECT coalesce(list(CAST(${source.rn} AS DOUBLE) ORDER BY ${source.rn}), []) FROM ${source.sql} WHERE ${sampleWhere}`,
    signal,
  );
  const rn = chunk ? listToFloat64(chunk.getColumnVector(0)) : new Float64Array(0);
  return { positions: Uint32Array.from(rn), rn };
}

/** Row-major DOUBLE[k] chunk → one column array per position, written at `offset`. */
function deinterleave(chunk: DuckDBDataChunk, k: number, targets: Float64Array[], offset: number): void {
  const n = chunk.rowCount;
  // The array vector keeps its elements in one DOUBLE child vector (`childData.items`); the
  // public accessor builds a JS value per row, far too slow here, so it is only the fallback.
  const vector = chunk.getColumnVector(0);
  const items = (vector as unknown as { childData?: { items?: unknown } }).childData?.items;
  if (items instanceof Float64Array && items.length >= n * k) {
    for (let j = 0; j < k; j++) {
      const t = targets[j];
      for (let i = 0; i < n; i++) t[offset + i] = items[i * k + j];
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const row = vector.getItem(i) as { items: (number | null)[] } | null;
    for (let j = 0; j < k; j++) targets[j][offset + i] = row?.items[j] ?? Number.NaN;
  }
}

function gather(values: Float64Array, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

/** Column buffers reused from batch to batch: fresh multi-megabyte arrays cost page faults. */
export class BufferPool {
  private readonly buffers: Float64Array[] = [];

  take(slot: number, length: number): Float64Array {
    while (this.buffers.length <= slot) this.buffers.push(new Float64Array(0));
    if (this.buffers[slot].length < length) this.buffers[slot] = new Float64Array(length);
    return this.buffers[slot];
  }
}
