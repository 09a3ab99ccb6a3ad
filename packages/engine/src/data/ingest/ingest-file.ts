import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { EngineError } from '../../errors.ts';
import { findCsvFooter } from '../detect/csv-footer.ts';
import { detectEncoding } from '../detect/encoding.ts';
import { type DetectedFormat, detectFormat, type FormatHint } from '../detect/format-detect.ts';
import { readGunzipHead, readHead } from '../detect/read-head.ts';
import { DEFAULT_MAX_LINE_BYTES } from '../detect/sniff-text.ts';
import type { DuckEngine } from '../duck-engine.ts';
import { DEFAULT_NULL_VALUES } from '../infer/patterns.ts';
import type {
  ColumnSchema,
  DataFormat,
  IngestResult,
  IngestWarning,
  ParseOptions,
  ProgressFn,
  TextEncoding,
} from '../types.ts';
import { xlsxToCsv } from '../xlsx/xlsx-to-csv.ts';
import { type CsvPlan, type IngestContext, type SourceOutcome, StreamDeclined } from './ingest-context.ts';
import { ingestCsv } from './ingest-csv.ts';
import { ingestTyped } from './ingest-typed.ts';
import { isMarkdownTable, markdownTableToCsv } from './markdown-table.ts';
import { validateParseOptions } from './parse-options.ts';
import { columnSchema, columnWarnings, schemaOf } from './schema-report.ts';
import { jsonSourceSql, parquetSourceSql } from './sources.ts';
import { transcodedWarning, transcodeToUtf8 } from './transcode.ts';

/**
 * Rows read to decide types. Decisions are re-checked over all rows while writing, so the
 * sample only has to be large enough to see every format a column uses; 10,000 rows keep
 * inference under a tenth of a second on the 1M-row benchmark.
 */
export const DEFAULT_SAMPLE_ROWS = 10_000;

export interface IngestRequest {
  /** The raw upload on local disk. */
  input: string;
  /** Where the Parquet version goes; written under a temporary name and renamed on success. */
  output: string;
  options?: ParseOptions;
  /** Original file name / content type, used only to break format ties. */
  hint?: FormatHint;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /**
   * The plan `planCsvHead` made from a copy of this file's head (same parse options): a plain
   * CSV then skips sniffing and inference. Ignored for any other format.
   */
  csvPlan?: CsvPlan;
}

/**
 * Parses any supported file into an immutable Parquet dataset version and reports its schema.
 * Either the output file exists complete and a result is returned, or nothing is left behind
 * and a typed EngineError is thrown (CANCELLED on abort).
 *
 * @example
 * const r = await ingestFile(engine, { input: '/data/raw/abc', output: '/data/v/1.parquet', hint: { fileName: 'sales.csv' } });
 * r.columns.map((c) => `${c.name}: ${c.storageType}/${c.semanticType}`);
 */
export async function ingestFile(engine: DuckEngine, req: IngestRequest): Promise<IngestResult> {
  return writeVersion(engine, req);
}

/**
 * `ingestFile` for a plain UTF-8 CSV that is still arriving: `input` is a pipe (FIFO) fed with
 * the file's bytes from the first, read once, typed by `csvPlan` (made by `planCsvHead` from
 * the same head and options). Only the optimistic single pass can run on a pipe, so this
 * resolves null whenever a stored file is needed (a value the plan does not fit, a malformed
 * line, bytes that are not UTF-8, skipped bad lines): the caller then ingests the stored file,
 * which reports those properly. A result is exactly what `ingestFile` returns for the file.
 */
export async function ingestCsvStream(
  engine: DuckEngine,
  req: IngestRequest & { csvPlan: CsvPlan },
): Promise<IngestResult | null> {
  try {
    return await writeVersion(engine, req, { format: 'csv', gzip: false, by: 'content' }, true);
  } catch (e) {
    if (e instanceof StreamDeclined) return null;
    throw e;
  }
}

async function writeVersion(
  engine: DuckEngine,
  req: IngestRequest,
  known?: DetectedFormat,
  readOnce?: boolean,
): Promise<IngestResult> {
  const started = performance.now();
  const finish = async (ctx: IngestContext, detected: DetectedFormat, outcome: SourceOutcome) => {
    await fs.rename(ctx.output, req.output);
    const columns = await schemaOf(ctx.conn, req.output, outcome);
    const { size } = await fs.stat(req.output);
    return {
      rowCount: outcome.rowCount,
      columnCount: columns.length,
      columns,
      warnings: [...ctx.warnings, ...outcome.warnings, ...columnWarnings(columns, outcome)],
      format: detected.format,
      gzip: detected.gzip,
      encoding: outcome.encoding,
      delimiter: outcome.delimiter,
      skippedRows: outcome.skippedRows,
      parquetBytes: size,
      durationMs: Math.round(performance.now() - started),
    };
  };
  return withIngest(engine, req, false, finish, known, readOnce);
}

export interface SchemaPreview {
  format: DataFormat;
  gzip: boolean;
  encoding?: TextEncoding;
  delimiter?: string;
  /** Rows the inference read; counts in `columns` are over these rows only. */
  sampledRows: number;
  columns: ColumnSchema[];
  warnings: IngestWarning[];
}

/**
 * Detects the format and infers the schema from a sample without writing a version (for a
 * preview or the CLI). Failure counts are the sample's; `ingestFile` counts over all rows.
 */
export async function inferSchema(
  engine: DuckEngine,
  req: { input: string; options?: ParseOptions; hint?: FormatHint; signal?: AbortSignal },
): Promise<SchemaPreview> {
  return withIngest(
    engine,
    { ...req, output: engine.tempPath('.preview') },
    true,
    async (ctx, detected, outcome) => {
      const columns: ColumnSchema[] = outcome.columns.map((c, index) => ({
        ...columnSchema(c, index),
        missingCount: outcome.rowCount - c.sampleNonMissing,
        failures: c.sampleFailures,
      }));
      return {
        format: detected.format,
        gzip: detected.gzip,
        encoding: outcome.encoding,
        delimiter: outcome.delimiter,
        sampledRows: outcome.rowCount,
        columns,
        warnings: [...ctx.warnings, ...columnWarnings(columns, outcome)],
      };
    },
  );
}

/**
 * The plan of a plain UTF-8 CSV from a copy of its first bytes (`head`, cut after a line end),
 * made while the rest of the file is still arriving; hand it to `ingestFile` as `csvPlan` with
 * the same options. Null when the head cannot stand for the file: another format, gzip, another
 * encoding, or fewer rows than a full sample (or bytes than the sniffer may read).
 */
export async function planCsvHead(
  engine: DuckEngine,
  req: { head: string; options?: ParseOptions; hint?: FormatHint; signal?: AbortSignal },
): Promise<CsvPlan | null> {
  const options = validateParseOptions(req.options ?? {});
  const { size } = await fs.stat(req.head);
  if (size <= (options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES)) return null;
  // Decline other formats before opening a connection: the upload path asks for every file.
  const detected = await detect(req.head, req.hint, options);
  if (detected.format !== 'csv' || detected.gzip) return null;
  // Read as the CSV made of it, whose plan does not fit the file's own bytes.
  if (options.delimiter === undefined && (await isMarkdownTable(req.head))) return null;
  return withIngest(
    engine,
    { input: req.head, output: engine.tempPath('.plan'), options, hint: req.hint, signal: req.signal },
    true,
    async (ctx, _detected, outcome) => {
      const plan = outcome.csvPlan;
      const utf8 = plan?.sniff.encoding === 'utf-8' && plan.sniff.invalidUtf8Bytes === 0;
      return utf8 && plan.sampledRows === ctx.sampleRows ? plan : null;
    },
    detected,
  );
}

async function withIngest<T>(
  engine: DuckEngine,
  req: IngestRequest,
  planOnly: boolean,
  finish: (ctx: IngestContext, detected: DetectedFormat, outcome: SourceOutcome) => Promise<T>,
  /** The input's format when the caller has detected it already. */
  known?: DetectedFormat,
  readOnce?: boolean,
): Promise<T> {
  const options = validateParseOptions(req.options ?? {});
  const progress = (f: number, m: string) => req.onProgress?.(Math.max(0, Math.min(1, f)), m);
  progress(0, 'Detecting the file format');
  const detected = known ?? (await detect(req.input, req.hint, options));
  const temps: string[] = [];
  const tmpOutput = `${req.output}.tmp-${randomUUID()}`;
  const conn = await engine.connect();
  const ctx: IngestContext = {
    planOnly,
    csvPlan: detected.format === 'csv' && !detected.gzip ? req.csvPlan : undefined,
    readOnce,
    conn,
    output: tmpOutput,
    nullValues: options.nullValues ?? DEFAULT_NULL_VALUES,
    sampleRows: options.sampleRows ?? DEFAULT_SAMPLE_ROWS,
    warnings: [],
    signal: req.signal,
    progress,
    tempFile: (suffix) => {
      const p = engine.tempPath(suffix);
      temps.push(p);
      return p;
    },
  };
  try {
    const outcome = await readFormat(ctx, req.input, detected, options);
    const result = await finish(ctx, detected, outcome);
    progress(1, 'Done');
    return result;
  } catch (e) {
    if (req.signal?.aborted) throw new EngineError('CANCELLED');
    throw e;
  } finally {
    conn.closeSync();
    await Promise.all([tmpOutput, ...temps].map((p) => fs.rm(p, { force: true })));
  }
}

async function detect(
  input: string,
  hint: FormatHint | undefined,
  options: ParseOptions,
): Promise<DetectedFormat> {
  const detected = await detectFormat(input, hint);
  if (!options.format || options.format === detected.format) return detected;
  // A forced format wins over content sniffing, but a gzip wrapper is still a gzip wrapper.
  return { format: options.format, gzip: detected.gzip, by: 'extension' };
}

async function readFormat(
  ctx: IngestContext,
  input: string,
  detected: DetectedFormat,
  options: ParseOptions,
): Promise<SourceOutcome> {
  switch (detected.format) {
    case 'csv': {
      // A pipe streaming in is never a Markdown table: its head was planned (planCsvHead).
      const markdown =
        !detected.gzip && !ctx.readOnce && options.delimiter === undefined && (await isMarkdownTable(input));
      if (!markdown) {
        return ingestCsv(ctx, { path: input, gzip: detected.gzip }, options);
      }
      const csv = ctx.tempFile('.md.csv');
      // A plan of the head read it as pipe-delimited text; the CSV made here is planned anew.
      ctx.csvPlan = undefined;
      const { linesAfter } = await markdownTableToCsv(input, csv);
      ctx.warnings.push({
        code: 'MARKDOWN_TABLE',
        message: `The file is a Markdown table${linesAfter > 0 ? `; ${linesAfter} line(s) of text under it were left out` : ''}`,
        details: { linesAfter },
      });
      return ingestCsv(ctx, { path: csv, gzip: false }, ownCsv(options));
    }
    case 'json':
    case 'ndjson': {
      const file = await jsonAsUtf8(ctx, input, detected.gzip);
      const json = { ndjson: detected.format === 'ndjson', gzip: file.gzip };
      return ingestTyped(ctx, jsonSourceSql(file.path, json), 'json', options, {
        file: { path: file.path, ...json },
        retyped: (columns) => jsonSourceSql(file.path, { ...json, columns }),
      });
    }
    case 'parquet':
      return ingestTyped(ctx, parquetSourceSql(input), 'parquet', options);
    case 'xlsx': {
      const csv = ctx.tempFile('.xlsx.csv');
      ctx.progress(0.02, 'Reading the workbook');
      const conv = await xlsxToCsv(input, csv, {
        sheet: options.sheet,
        skipRows: options.skipRows,
        signal: ctx.signal,
        onFraction: (f) => ctx.progress(0.02 + 0.3 * f, 'Reading the workbook'),
      });
      ctx.warnings.push(...conv.warnings);
      // Cells hold numbers already: no decimal comma to read.
      return ingestCsv(ctx, { path: csv, gzip: false }, { ...ownCsv(options), decimalComma: false });
    }
  }
}

/**
 * The dialect of a CSV file the ingest wrote itself (from a workbook, from a Markdown table):
 * the user's other options still apply, its shape is known.
 */
function ownCsv(options: ParseOptions): ParseOptions {
  return {
    ...options,
    encoding: 'utf-8',
    delimiter: ',',
    quote: '"',
    escape: '"',
    header: true,
    skipRows: 0,
  };
}

/**
 * DuckDB's JSON reader refuses a byte-order mark, which Windows tools (PowerShell, Notepad)
 * write, and reads only UTF-8: a file that starts with one is read from a UTF-8 copy without it.
 */
async function jsonAsUtf8(
  ctx: IngestContext,
  input: string,
  gzip: boolean,
): Promise<{ path: string; gzip: boolean }> {
  const head = gzip ? await readGunzipHead(input, 4) : await readHead(input, 4);
  const { bom, encoding } = detectEncoding(head, true);
  if (!bom) return { path: input, gzip };
  const out = ctx.tempFile('.utf8.json');
  ctx.progress(
    0.02,
    encoding === 'utf-8' ? 'Removing the byte-order mark' : `Converting ${encoding} to UTF-8`,
  );
  await transcodeToUtf8(input, out, encoding, { gzip, signal: ctx.signal });
  if (encoding !== 'utf-8') ctx.warnings.push(transcodedWarning(encoding));
  return { path: out, gzip: false };
}

/**
 * Whether the CSV file a plan was made from ends in lines under its table. A version written
 * while the file streamed in could not see its end and holds them as rows: it is ingested again.
 */
export async function hasCsvFooter(input: string, plan: CsvPlan): Promise<boolean> {
  return (await findCsvFooter(input, plan.sniff)) !== null;
}
