/** Public value types of the data engine: formats, parse options, schemas and results. */

export type DataFormat = 'csv' | 'json' | 'ndjson' | 'parquet' | 'xlsx';

/** Encodings the engine reads; every other encoding is transcoded to UTF-8 before DuckDB. */
/**
 * Encodings a text file is read in (WHATWG names, as TextDecoder takes them). The East Asian
 * double-byte ones are what Excel writes CSV in on Japanese (shift_jis), Chinese (gbk, big5)
 * and Korean (euc-kr) Windows.
 */
export const TEXT_ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'shift_jis',
  'euc-jp',
  'gbk',
  'big5',
  'euc-kr',
] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** How a column is stored in the Parquet version. */
export type StorageType =
  | 'integer'
  | 'float'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'string';

export const STORAGE_TYPES: readonly StorageType[] = [
  'integer',
  'float',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'time',
  'string',
];

/** What a column means, independent of how it is stored. */
export type SemanticType =
  | 'numeric'
  | 'categorical'
  | 'ordinal'
  | 'identifier'
  | 'free_text'
  | 'email'
  | 'url'
  | 'phone'
  | 'currency'
  | 'percentage'
  | 'latitude'
  | 'longitude'
  | 'postal_code'
  | 'datetime'
  | 'boolean';

/** `dmy` reads 01/02/2024 as 1 February; `mdy` as January 2. */
export type DateOrder = 'dmy' | 'mdy';

/** Parse options; every one can be forced by the user, otherwise it is detected. */
export interface ParseOptions {
  format?: DataFormat;
  encoding?: TextEncoding;
  /** One of `,` `;` `\t` `|` (any single character is accepted). */
  delimiter?: string;
  quote?: string;
  escape?: string;
  header?: boolean;
  decimalComma?: boolean;
  dateOrder?: DateOrder;
  /** Lines to skip before the header (preamble). */
  skipRows?: number;
  /** Skip ragged or malformed lines instead of failing; the count is reported. */
  skipBadLines?: boolean;
  /** Strings that mean "missing"; replaces the default list. */
  nullValues?: string[];
  /** Excel: sheet name or 1-based position; default the first sheet. */
  sheet?: string | number;
  /** Rows read for type inference (1,000..100,000; default 10,000). */
  sampleRows?: number;
  /** Default 10,000 (DATASET_TOO_MANY_COLUMNS above it). */
  maxColumns?: number;
  /** Longest accepted CSV line in bytes; default 2 MiB. */
  maxLineBytes?: number;
}

/** How text values of a column were turned into typed values. */
export interface ParseFormat {
  /**
   * Number style: `plain` 1234.5, `us` 1,234.5 (also India's 12,34,567.5), `eu` 1.234,5,
   * `space` 1 234,5, `apos` 1'234.5 (Swiss).
   */
  numberStyle?: 'plain' | 'us' | 'eu' | 'space' | 'apos';
  currencySymbol?: string;
  /** Values like `45%` were stored as fractions (0.45). */
  percent?: boolean;
  /** Values in parentheses, `(1,234.00)`, were read as negative (accounting style). */
  negativeParens?: boolean;
  /** Values with a trailing minus, `1.234,00-`, were read as negative (SAP and ERP exports). */
  negativeTrailingMinus?: boolean;
  /** strptime formats tried in order for dates/datetimes that are not ISO 8601. */
  dateFormats?: string[];
  dateOrder?: DateOrder;
  /** Datetimes with a UTC offset were converted to UTC. */
  utcOffsets?: boolean;
}

export interface ValueFailures {
  count: number;
  /** Up to five distinct raw values that did not parse (they are stored as NULL). */
  examples: string[];
}

export interface ColumnSchema {
  name: string;
  /** The header text as found in the file, before cleaning. */
  sourceName: string;
  index: number;
  storageType: StorageType;
  semanticType: SemanticType;
  /** Physical DuckDB/Parquet type, e.g. `BIGINT`, `DECIMAL(18,2)`. */
  physicalType: string;
  format: ParseFormat;
  missingCount: number;
  /** Values that did not parse as `storageType` (stored as NULL), over all rows. */
  failures: ValueFailures;
  /** Share of non-missing sample values that parsed, 0..1. */
  confidence: number;
  /** Distinct non-missing values in the inference sample. */
  sampleDistinct: number;
  /** Levels in order, for ordinal columns. */
  ordinalLevels?: string[];
}

export type IngestWarningCode =
  | 'COLUMN_RENAMED'
  | 'VALUES_UNPARSED'
  | 'DATE_ORDER_AMBIGUOUS'
  | 'DATE_ORDER_REVISED'
  | 'NUMBER_FORMAT_AMBIGUOUS'
  | 'ROWS_SKIPPED'
  | 'COMMENT_LINES_SKIPPED'
  | 'ENCODING_TRANSCODED'
  | 'INVALID_BYTES_REPLACED'
  | 'HEADER_UNCERTAIN'
  | 'TYPE_WIDENED'
  | 'NESTED_AS_JSON'
  | 'JSON_RECORDS_FROM_LIST'
  | 'JSON_TABLE_LAYOUT'
  | 'JSON_POINTS_SPLIT'
  | 'XLSX_FORMULA_WITHOUT_RESULT'
  | 'XLSX_ERROR_CELLS'
  | 'XLSX_CELLS_DROPPED'
  | 'XLSX_EMPTY_ROWS_SKIPPED'
  | 'XLSX_TITLE_ROWS_SKIPPED'
  | 'XLSX_SHEET_SKIPPED'
  | 'XLSX_DURATIONS_AS_NUMBERS'
  | 'TITLE_LINES_SKIPPED'
  | 'HEADER_LABELS_SKIPPED'
  | 'HEADER_REPEATS_SKIPPED'
  | 'QUOTES_AS_TEXT'
  | 'COLUMNS_EMPTY'
  | 'EMPTY_COLUMNS_DROPPED'
  | 'FOOTER_LINES_SKIPPED'
  | 'EMPTY_ROWS_SKIPPED'
  | 'MARKDOWN_TABLE'
  | 'XLSX_TOTAL_ROW_SKIPPED'
  | 'WARNINGS_TRUNCATED';

export interface IngestWarning {
  code: IngestWarningCode;
  message: string;
  column?: string;
  details?: Record<string, unknown>;
}

export interface IngestResult {
  rowCount: number;
  columnCount: number;
  columns: ColumnSchema[];
  warnings: IngestWarning[];
  format: DataFormat;
  gzip: boolean;
  encoding?: TextEncoding;
  delimiter?: string;
  /** Malformed lines dropped because `skipBadLines` was set. */
  skippedRows: number;
  parquetBytes: number;
  durationMs: number;
}

export type ProgressFn = (fraction: number, message: string) => void;
