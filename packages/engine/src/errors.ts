/**
 * The engine's error catalog for data work (ingest, schema, query, export). Every code is a
 * stable string the platform maps to an HTTP status in `api/`; the engine never decides
 * statuses. The shape `{ code, message, details }` matches the API error body.
 */
export const ENGINE_ERROR_CODES = {
  DATASET_EMPTY: 'The file is empty',
  DATASET_HEADER_ONLY: 'The file has a header row but no data rows',
  DATASET_PARSE_ERROR: 'The file could not be parsed',
  DATASET_BINARY: 'The file is binary data, not a supported table format',
  DATASET_TOO_MANY_COLUMNS: 'The file has more columns than allowed',
  DATASET_TOO_LARGE: 'The data exceeds a size limit of the requested operation',
  DATASET_ZIP_BOMB: 'The archive expands to far more data than it holds; refused as a zip bomb',
  DATASET_UNSUPPORTED_FORMAT: 'The file format is not supported',
  DATASET_ENCODING: 'The text encoding of the file could not be read',
  FILTER_SYNTAX: 'The filter expression is not valid',
  FILTER_UNKNOWN_COLUMN: 'The filter names a column that does not exist',
  COLUMN_NOT_FOUND: 'A requested column does not exist',
  SCHEMA_CAST_FAILED: 'The column cannot be converted to the requested type',
  INVALID_OPTIONS: 'An option is missing, out of range or of the wrong type',
  CANCELLED: 'The operation was cancelled',
} as const;

export type EngineErrorCode = keyof typeof ENGINE_ERROR_CODES;

/** The error every data-engine function throws for bad input, bad options or cancellation. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: EngineErrorCode, message?: string, details: Record<string, unknown> = {}) {
    super(message ?? ENGINE_ERROR_CODES[code]);
    this.name = 'EngineError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: EngineErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}

/** Throws INVALID_OPTIONS unless `ok`; keeps option checks to one line each. */
export function checkOption(ok: boolean, name: string, rule: string, value: unknown): void {
  if (!ok) {
    throw new EngineError('INVALID_OPTIONS', `${name} must be ${rule} (got ${String(value)})`, {
      option: name,
    });
  }
}
