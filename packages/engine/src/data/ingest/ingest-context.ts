import type { DuckDBConnection } from '@duckdb/node-api';
import type { IngestWarning, TextEncoding } from '../types.ts';
import type { ColumnPlan } from './column-plan.ts';
import type { ColumnOutcome } from './write-version.ts';

/** What every format reader gets: one connection, where to write, and how to report. */
export interface IngestContext {
  conn: DuckDBConnection;
  /** Temporary Parquet path; the orchestrator renames it into place only on success. */
  output: string;
  nullValues: readonly string[];
  sampleRows: number;
  warnings: IngestWarning[];
  signal?: AbortSignal;
  progress: (fraction: number, message: string) => void;
  /** A new path in the engine's scratch folder, deleted when the ingest ends. */
  tempFile: (suffix: string) => string;
  /** Stop after inference (schema preview): `rowCount` is then the sample size. */
  planOnly?: boolean;
}

/** What a format reader hands back to the orchestrator. */
export interface SourceOutcome {
  rowCount: number;
  columns: ColumnPlan[];
  outcomes: Map<string, ColumnOutcome>;
  warnings: IngestWarning[];
  skippedRows: number;
  pass: 'single' | 'staged';
  delimiter?: string;
  encoding?: TextEncoding;
}
