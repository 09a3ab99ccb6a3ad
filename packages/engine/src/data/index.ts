/**
 * The data engine: ingest any supported file into an immutable Parquet version with an
 * inferred schema, then browse, filter, re-type, summarise and export it. Pure library:
 * no HTTP, no metadata database; every error is an EngineError with a stable code.
 *
 * Also published alone as `@uam/engine/data`: a dataset job's worker thread loads this and
 * DuckDB only (~0.5 s, ~30 MB), not the ML, question and profile engines beside it.
 */

export { EngineError, type EngineErrorCode, isEngineError } from '../errors.ts';
export { type CastColumnReport, type CastOverride, type CastResult, castSchema } from './cast-schema.ts';
export { contentHash } from './content-hash.ts';
export { type DetectedFormat, detectFormat, type FormatHint } from './detect/format-detect.ts';
export { sniffText, type TextSniff } from './detect/sniff-text.ts';
export { DuckEngine, type EngineOptions, openEngine } from './duck-engine.ts';
export { type ExportFormat, type ExportResult, exportVersion } from './export/export-version.ts';
export { TYPE_THRESHOLD } from './infer/decide-type.ts';
export { DEFAULT_NULL_VALUES } from './infer/patterns.ts';
export type { CsvPlan } from './ingest/ingest-context.ts';
export {
  hasCsvFooter,
  type IngestRequest,
  inferSchema,
  ingestCsvStream,
  ingestFile,
  planCsvHead,
  type SchemaPreview,
} from './ingest/ingest-file.ts';
export {
  type CompiledFilter,
  compileFilter,
  type FilterColumn,
  type SqlParam,
} from './query/filter-compile.ts';
export { type FilterNode, parseFilter } from './query/filter-parser.ts';
export { queryRows, type RowsPage, type RowsQuery } from './query/query-rows.ts';
export type {
  ColumnSchema,
  DataFormat,
  DateOrder,
  IngestResult,
  IngestWarning,
  IngestWarningCode,
  ParseFormat,
  ParseOptions,
  ProgressFn,
  SemanticType,
  StorageType,
  TextEncoding,
  ValueFailures,
} from './types.ts';
export { STORAGE_TYPES } from './types.ts';
export { type ColumnStats, type VersionStats, versionStats } from './version-stats.ts';
