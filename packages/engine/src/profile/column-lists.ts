import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import type { ColumnSchema } from '../data/types.ts';
import { type RowSource, runsSql } from './column-lists-sql.ts';
import type { DatetimeStats, NumericStats } from './column-types.ts';
import { datetimeStatsFromRuns } from './datetime/datetime-stats.ts';
import { firstChunk, listToFloat64 } from './duck-fetch.ts';
import { SortScratch, sortFloat64 } from './kernels/radix-sort.ts';
import { numericStatsSorted } from './numeric/numeric-stats.ts';
import {
  BATCH_VALUES,
  BufferPool,
  type SampleRows,
  type StreamedColumn,
  streamColumns,
} from './numeric/stream-columns.ts';

/** A numeric column on the correlation-sample rows: row numbers and values (NaN where missing), in row order. */
export interface ColumnSample {
  rn: Float64Array;
  values: Float64Array;
}

export interface ListColumnResult {
  name: string;
  distinct: number;
  /** NULL plus NaN. */
  missing: number;
  numeric?: NumericStats;
  datetime?: DatetimeStats;
  /** Numeric columns: their values on the sampled rows. */
  sample?: ColumnSample;
}

export interface ListPassOptions {
  rows: number;
  now: number;
  /** The correlation sample's rows (numeric columns hand back their values on them). */
  sample: Promise<SampleRows>;
  signal?: AbortSignal;
  onColumn?: () => void;
}

/**
 * The exact path for numeric and datetime columns. Numeric columns come from DuckDB a few at
 * a time in row order (one scan per batch, see numeric/stream-columns.ts); JS keeps each
 * column's sampled rows, compacts the finite values, radix-sorts them and reads every
 * statistic off the sorted array. Datetimes come as sorted (value, count) runs from a GROUP
 * BY, since their statistics only need distinct values. Memory: the batch (≤ 4M values, 32 MB)
 * plus the sort buffers.
 */
export async function profileListColumns(
  lanes: readonly DuckDBConnection[],
  source: RowSource,
  columns: readonly ColumnSchema[],
  opts: ListPassOptions,
): Promise<ListColumnResult[]> {
  const results = new Map<string, ListColumnResult>();
  const scratch = new SortScratch();
  const numeric = columns.filter((c) => !isDatetime(c));
  const perBatch = Math.max(1, Math.floor(BATCH_VALUES / Math.max(1, opts.rows)));
  const batches: ColumnSchema[][] = [];
  for (let i = 0; i < numeric.length; i += perBatch) batches.push(numeric.slice(i, i + perBatch));
  // Each lane (connection) streams its share of the batches. One lane is used today: a second
  // one did not measurably help on two cores, the JS thread being the bottleneck.
  const lane = async (conn: DuckDBConnection, k: number) => {
    const pool = new BufferPool();
    for (let b = k; b < batches.length; b += lanes.length) {
      const batch = await streamColumns(conn, source, batches[b], {
        rows: opts.rows,
        sample: opts.sample,
        pool,
        signal: opts.signal,
      });
      for (const s of batch) {
        results.set(s.column.name, summariseNumeric(s, scratch));
        opts.onColumn?.();
      }
    }
  };
  await Promise.all(lanes.map(lane));
  for (const c of columns.filter(isDatetime)) {
    const chunk = await firstChunk(lanes[0], runsSql(source, c), opts.signal);
    if (!chunk) throw new Error(`no result for column ${c.name}`);
    results.set(c.name, summariseDatetime(c, chunk, opts.now));
    opts.onColumn?.();
  }
  return columns.map((c) => results.get(c.name)!);
}

function summariseNumeric(s: StreamedColumn, scratch: SortScratch): ListColumnResult {
  // Compact the finite values to the front (the row order is no longer needed).
  const v = s.values;
  let m = 0;
  let nan = 0;
  let infinities = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (Number.isFinite(x)) v[m++] = x;
    else if (Number.isNaN(x)) nan++;
    else infinities++;
  }
  const nans = nan - s.nulls;
  const sorted = sortFloat64(v.subarray(0, m), scratch);
  const { stats, distinct } = numericStatsSorted(sorted, { nulls: s.nulls, nans, infinities });
  return { name: s.column.name, distinct, missing: nan, numeric: stats, sample: s.sample };
}

function summariseDatetime(c: ColumnSchema, chunk: DuckDBDataChunk, now: number): ListColumnResult {
  const count = (i: number) => Number(chunk.getColumnVector(i).getItem(0));
  const values = listToFloat64(chunk.getColumnVector(0));
  const counts = listToFloat64(chunk.getColumnVector(1));
  const storage = c.storageType as 'date' | 'datetime' | 'time';
  const { stats, distinct } = datetimeStatsFromRuns(values, counts, storage, now, count(4));
  return { name: c.name, distinct, missing: count(2), datetime: stats };
}

function isDatetime(c: ColumnSchema): boolean {
  return c.storageType === 'date' || c.storageType === 'datetime' || c.storageType === 'time';
}
