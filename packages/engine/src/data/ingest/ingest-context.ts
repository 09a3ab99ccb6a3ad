import type { DuckDBConnection } from '@duckdb/node-api';
import type { TextSniff } from '../detect/sniff-text.ts';
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
  /** A plain CSV's dialect and column plans, decided earlier from the same first bytes. */
  csvPlan?: CsvPlan;
  /**
   * The input is a pipe (a file still arriving) that can be read once: anything that would
   * need a second look throws `StreamDeclined` instead (see `ingestCsvStream`).
   */
  readOnce?: boolean;
}

/**
 * Thrown when a read-once input needs what only a stored file allows (counting failed values,
 * reporting malformed lines, transcoding): the caller ingests the stored file instead.
 */
export class StreamDeclined extends Error {
  constructor(readonly reason: string) {
    super(`The file must be read from storage: ${reason}`);
    this.name = 'StreamDeclined';
  }
}

/**
 * What reading a plain CSV decides before writing: the dialect (from its first bytes) and
 * each column's plan (from its first `sampleRows` rows). Both depend on the file's head only,
 * so a plan made from a copy of the head, while the rest still uploads, is the plan the whole
 * file would get. Plain JSON, so it can travel in a job's payload.
 */
export interface CsvPlan {
  sniff: TextSniff;
  columns: ColumnPlan[];
  /** Rows the columns were inferred from. */
  sampledRows: number;
  /**
   * The text-only markers (see TEXT_ONLY_MARKERS) that occur in the sample. Absent in plans
   * made before it existed: then the single pass has DuckDB null every marker, as it did.
   */
  markersSeen?: string[];
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
  /** A plain CSV's plan (what `planCsvHead` hands on). */
  csvPlan?: CsvPlan;
}
