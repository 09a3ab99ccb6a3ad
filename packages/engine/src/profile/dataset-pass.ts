import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSchema } from '../data/types.ts';
import type { RowSource } from './column-lists-sql.ts';
import type { SampleColumn } from './correlation/sample.ts';
import { findDuplicates } from './dataset/duplicates.ts';
import { missingPatterns } from './dataset/missing-patterns.ts';
import { buildRowGroups, dropRowGroups } from './dataset/row-groups.ts';
import type { DuplicateRows, MissingPatterns } from './types.ts';

export interface DatasetPassResult {
  sampleRows: { rn: Float64Array; columns: SampleColumn[] };
  duplicates: DuplicateRows;
  missing: MissingPatterns;
}

/**
 * The table-wide passes on one connection: the sample rows of the columns not sampled during
 * their own scan (their row numbers also tell the list pass which rows to keep), then one
 * GROUP BY over row hashes and missing masks for duplicates and missing-value patterns.
 * `sampled` is the sample query already started on `conn`; the GROUP BY waits for it.
 */
export async function datasetPass(
  conn: DuckDBConnection,
  source: RowSource,
  columns: readonly ColumnSchema[],
  sampled: Promise<DatasetPassResult['sampleRows']>,
  o: { rows: number; signal?: AbortSignal; tick: (m: string) => void },
): Promise<DatasetPassResult> {
  const sampleRows = await sampled;
  o.tick('Sampled rows for correlations');
  try {
    const groups = await buildRowGroups(conn, source, columns, o.signal);
    const duplicates = await findDuplicates(conn, source, columns, o.rows, o.signal);
    o.tick('Counted duplicate rows');
    const missing = await missingPatterns(conn, groups, columns, o.rows, o.signal);
    o.tick('Analysed missing values');
    return { sampleRows, duplicates, missing };
  } finally {
    await dropRowGroups(conn);
  }
}
