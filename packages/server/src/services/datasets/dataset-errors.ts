import { type ErrorCode, isUamError, UamError } from '../../errors/index.ts';

/**
 * Engine error codes → platform codes (and so HTTP statuses, see errors/error-codes.ts). Bad
 * input is 4xx, which also makes the job runner fail the job at once instead of retrying.
 */
const ENGINE_TO_UAM: Record<string, ErrorCode> = {
  DATASET_EMPTY: 'DATASET_EMPTY',
  DATASET_HEADER_ONLY: 'DATASET_HEADER_ONLY',
  DATASET_PARSE_ERROR: 'DATASET_PARSE_ERROR',
  DATASET_BINARY: 'DATASET_BINARY',
  DATASET_TOO_MANY_COLUMNS: 'DATASET_TOO_MANY_COLUMNS',
  DATASET_TOO_LARGE: 'DATASET_TOO_LARGE',
  DATASET_ZIP_BOMB: 'DATASET_ZIP_BOMB',
  DATASET_UNSUPPORTED_FORMAT: 'DATASET_UNSUPPORTED_FORMAT',
  DATASET_ENCODING: 'DATASET_ENCODING',
  FILTER_SYNTAX: 'FILTER_SYNTAX',
  FILTER_UNKNOWN_COLUMN: 'FILTER_UNKNOWN_COLUMN',
  COLUMN_NOT_FOUND: 'COLUMN_NOT_FOUND',
  SCHEMA_CAST_FAILED: 'SCHEMA_CAST_FAILED',
  INVALID_OPTIONS: 'DATASET_OPTIONS_INVALID',
  CANCELLED: 'JOB_CANCELLED',
};

/**
 * DuckDB's own messages for input it cannot read. Anything else from DuckDB (out of disk,
 * I/O) stays an internal, retryable failure.
 */
const DUCKDB_INPUT_ERROR = /^(Invalid Input Error|Conversion Error|Parser Error|Binder Error)/;

/** The engine's `EngineError`, recognised by shape so this module does not load the engine. */
function isEngineError(e: unknown): e is Error & { code: string; details: Record<string, unknown> } {
  return e instanceof Error && e.name === 'EngineError' && typeof (e as { code?: unknown }).code === 'string';
}

/** Any error from engine work as a UamError; unknown errors become JOB_FAILED (retryable). */
export function toDatasetError(err: unknown): UamError {
  if (isUamError(err)) return err;
  if (isEngineError(err)) {
    const code = ENGINE_TO_UAM[err.code] ?? 'DATASET_PARSE_ERROR';
    return new UamError(code, withoutPaths(err.message), { ...err.details, engineCode: err.code });
  }
  const message = err instanceof Error ? err.message : String(err);
  if (DUCKDB_INPUT_ERROR.test(message)) {
    return new UamError('DATASET_PARSE_ERROR', firstLine(message), {});
  }
  return new UamError('JOB_FAILED', firstLine(message), {}, { cause: err });
}

function firstLine(message: string): string {
  return withoutPaths(message.split('\n')[0]!).slice(0, 500);
}

/**
 * DuckDB names the files it failed on (`Malformed JSON in file "/var/lib/uam/cache/raw-…"`):
 * the server's folders are nobody's business, and the user knows which file they sent.
 */
export function withoutPaths(message: string): string {
  const path = /(["'])(?:\/|[A-Za-z]:\\)[^"'\n]*\1/.source;
  return message
    .replace(new RegExp(`\\bfile\\s+${path}`, 'g'), 'the file')
    .replace(new RegExp(path, 'g'), 'a file');
}
