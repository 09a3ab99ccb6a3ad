import { columnsLiteral, listLiteral, quoteLiteral } from '../sql.ts';

export interface CsvSource {
  path: string;
  gzip: boolean;
  delimiter: string;
  quote: string;
  escape: string;
  header: boolean;
  skipRows: number;
  /** Clean names, one per field; every field is read as VARCHAR and typed by our own plans. */
  columns: readonly string[];
  nullValues: readonly string[];
  maxLineBytes: number;
  /** With `skipBadLines`: malformed lines go to this temp table instead of failing the read. */
  rejectsTable?: string;
  /** Small buffers for reads that stop early (the sample): DuckDB reads whole buffers. */
  smallBuffers?: boolean;
  /** `false` for the single-threaded reader, which can report lines the parallel one cannot. */
  parallel?: boolean;
  /** Columns the reader types itself (the single-pass fast path); the rest are VARCHAR. */
  types?: ReadonlyMap<string, string>;
}

/**
 * `read_csv(...)` with every dialect option explicit and DuckDB's sniffer off: our sniffer
 * decided, so DuckDB's cannot decide differently on another sample. All columns are VARCHAR;
 * missing markers become NULL while reading.
 */
export function csvSourceSql(s: CsvSource): string {
  const opts = [
    quoteLiteral(s.path),
    'auto_detect = false',
    `header = ${s.header}`,
    `delim = ${quoteLiteral(s.delimiter)}`,
    `quote = ${quoteLiteral(s.quote)}`,
    `escape = ${quoteLiteral(s.escape)}`,
    `skip = ${s.skipRows}`,
    `columns = ${columnsLiteral(s.columns.map((name) => ({ name, type: s.types?.get(name) ?? 'VARCHAR' })))}`,
    `nullstr = ${listLiteral(s.nullValues.length > 0 ? [...s.nullValues] : [''])}`,
    `max_line_size = ${s.maxLineBytes}`,
    `compression = ${s.gzip ? "'gzip'" : "'none'"}`,
    'strict_mode = true',
    'null_padding = false',
  ];
  if (s.parallel === false) opts.push('parallel = false');
  // DuckDB's default buffer is 16 × max_line_size (32 MB): on 2 threads a 140 MB file then
  // splits into few, large units, and the 1M-row ingest took 2.1 s at 475 MB peak; buffers of
  // one maximum line (the least DuckDB accepts) took 1.4 s at 256 MB.
  opts.push(
    `buffer_size = ${s.smallBuffers ? Math.max(4 * 1024 * 1024, 2 * s.maxLineBytes) : s.maxLineBytes}`,
  );
  if (s.rejectsTable) {
    opts.push('store_rejects = true', `rejects_table = ${quoteLiteral(s.rejectsTable)}`);
    opts.push(`rejects_scan = ${quoteLiteral(`${s.rejectsTable}_scan`)}`);
  }
  return `read_csv(${opts.join(', ')})`;
}

/** `columns` (name → DuckDB type) replaces type detection, e.g. to read numbers as their text. */
export function jsonSourceSql(
  path: string,
  opts: { ndjson: boolean; gzip: boolean; columns?: { name: string; type: string }[] },
): string {
  return `read_json(${[
    quoteLiteral(path),
    `format = ${opts.ndjson ? "'newline_delimited'" : "'auto'"}`,
    'records = true',
    `compression = ${opts.gzip ? "'gzip'" : "'uncompressed'"}`,
    'maximum_object_size = 67108864',
    'sample_size = 20480',
    ...(opts.columns
      ? [
          `columns = {${opts.columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ')}}`,
        ]
      : []),
  ].join(', ')})`;
}

export function parquetSourceSql(path: string): string {
  return `read_parquet(${quoteLiteral(path)})`;
}
