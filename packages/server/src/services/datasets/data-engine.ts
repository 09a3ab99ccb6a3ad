/**
 * The one place the server calls the data engine (`@uam/engine/data`, the data part alone, so a
 * dataset job's thread loads no more than it runs): the rest of the server takes
 * engine functions and types from here, so an engine API change is absorbed in one file, and
 * server-side shapes (sort keys, schema overrides) are translated to the engine's here.
 *
 * Importing this file loads the engine (and DuckDB): the API process imports it dynamically on
 * first use, so a server that never touches data does not pay for it. Worker threads load it
 * through `require` (see dataset.jobs.ts), because on Node 20 under tsx a dynamic import() of a
 * .ts module fails there ("Unknown file extension"); hence the static import here.
 */
import {
  type ColumnSchema,
  type CsvPlan,
  type DataFormat,
  type DuckEngine,
  type EngineOptions,
  type ExportFormat,
  castSchema as engineCastSchema,
  exportVersion as engineExportVersion,
  queryRows as engineQueryRows,
  versionStats as engineVersionStats,
  hasCsvFooter,
  type IngestResult,
  type IngestWarning,
  ingestCsvStream,
  ingestFile,
  isEngineError,
  openEngine,
  type ParseOptions,
  type ProgressFn,
  planCsvHead,
  STORAGE_TYPES,
  type StorageType,
  type VersionStats,
} from '@uam/engine/data';

export { EXPORT_FORMATS } from './dataset-keys.ts';
export type {
  ColumnSchema,
  CsvPlan,
  DataFormat,
  DuckEngine,
  EngineOptions,
  ExportFormat,
  IngestResult,
  IngestWarning,
  ParseOptions,
  ProgressFn,
  StorageType,
  VersionStats,
};
export { hasCsvFooter, ingestCsvStream, ingestFile, isEngineError, openEngine, planCsvHead, STORAGE_TYPES };

export interface SortKey {
  column: string;
  direction: 'asc' | 'desc';
}

export interface RowsRequest {
  offset: number;
  limit: number;
  sort: SortKey[];
  filter?: string;
  columns?: string[];
  signal?: AbortSignal;
}

export interface RowsPage {
  columns: Array<{ name: string; type: string }>;
  rows: unknown[][];
  total: number;
}

/** A page of a version; filter syntax errors come back as the engine's FILTER_SYNTAX. */
export async function queryRows(duck: DuckEngine, parquetPath: string, req: RowsRequest): Promise<RowsPage> {
  return engineQueryRows(duck, parquetPath, {
    offset: req.offset,
    limit: req.limit,
    sort: req.sort.map((s) => ({ column: s.column, desc: s.direction === 'desc' })),
    filter: req.filter,
    columns: req.columns,
    signal: req.signal,
  });
}

export interface CastRequest {
  input: string;
  output: string;
  /** The source version's schema: the new one is it with the overridden columns re-typed. */
  schema: ColumnSchema[];
  overrides: Array<{ name: string; storageType: StorageType }>;
  signal?: AbortSignal;
}

export interface CastOutcome {
  rowCount: number;
  columns: ColumnSchema[];
  /** One VALUES_UNPARSED warning per column with values that did not convert (count + examples). */
  warnings: IngestWarning[];
  parquetBytes: number;
  report: Array<{
    column: string;
    from: StorageType;
    to: StorageType;
    failures: { count: number; examples: string[] };
  }>;
}

/**
 * Re-type columns into a new Parquet version. Values that do not convert are NULL in the new
 * version and reported per column (count + examples), in the schema and as warnings.
 */
export async function castSchema(duck: DuckEngine, req: CastRequest): Promise<CastOutcome> {
  const r = await engineCastSchema(duck, {
    input: req.input,
    output: req.output,
    overrides: req.overrides.map((o) => ({ column: o.name, type: o.storageType })),
    signal: req.signal,
  });
  const byName = new Map(r.columns.map((c) => [c.name, c]));
  const reports = new Map(r.report.map((x) => [x.column, x]));
  const columns = req.schema.map((c): ColumnSchema => {
    const report = reports.get(c.name);
    const now = byName.get(c.name);
    if (!report || !now) return c;
    return {
      ...c,
      storageType: now.type,
      physicalType: now.physicalType,
      failures: report.failures,
      missingCount: c.missingCount,
      format: report.from === 'string' ? c.format : {},
    };
  });
  const warnings: IngestWarning[] = r.report
    .filter((x) => x.failures.count > 0)
    .map((x) => ({
      code: 'VALUES_UNPARSED',
      message: `${x.failures.count} values of "${x.column}" are not valid ${x.to} and are empty in this version`,
      column: x.column,
      details: { count: x.failures.count, examples: x.failures.examples, from: x.from, to: x.to },
    }));
  return { rowCount: r.rowCount, columns, warnings, parquetBytes: r.parquetBytes, report: r.report };
}

export async function exportVersion(
  duck: DuckEngine,
  parquetPath: string,
  format: ExportFormat,
  outPath: string,
  signal?: AbortSignal,
): Promise<void> {
  await engineExportVersion(duck, parquetPath, format, outPath, { signal });
}

/**
 * Per-column statistics stored with a version: null counts and min/max, from the Parquet
 * footer where it answers exactly (the `footer` detail), so the version is ready sooner; its
 * profile, computed right after, has everything else.
 */
export function versionStats(
  duck: DuckEngine,
  parquetPath: string,
  signal?: AbortSignal,
): Promise<VersionStats> {
  return engineVersionStats(duck, parquetPath, { signal, detail: 'footer' });
}
