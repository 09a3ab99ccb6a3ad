import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../../errors.ts';
import { type CsvFooter, findCsvFooter } from '../detect/csv-footer.ts';
import { DEFAULT_MAX_LINE_BYTES, labelRowsOf, sniffText, type TextSniff } from '../detect/sniff-text.ts';
import type { SignForms } from '../infer/decide-type.ts';
import { inferTextColumns } from '../infer/infer-columns.ts';
import { createLongSample } from '../infer/long-sample.ts';
import { TEXT_ONLY_MARKERS } from '../infer/patterns.ts';
import { runRows, throwIfAborted } from '../run-query.ts';
import { listLiteral, quoteIdent, quoteLiteral } from '../sql.ts';
import type { ParseOptions } from '../types.ts';
import { cleanColumnNames } from './column-names.ts';
import { type ColumnPlan, innerTextSql, STRICT_MARKER } from './column-plan.ts';
import { csvParseError, csvProblemOf, readRejects } from './csv-errors.ts';
import { excelTextSql, unwrapExcelText } from './excel-text.ts';
import { type HeaderRepeat, headerRepeatOf, headerRepeatSql } from './header-repeats.ts';
import { type CsvPlan, type IngestContext, type SourceOutcome, StreamDeclined } from './ingest-context.ts';
import { type CsvSource, csvSourceSql } from './sources.ts';
import { transcodedWarning, transcodeToUtf8 } from './transcode.ts';
import { writeWithPlans } from './write-plans.ts';

/**
 * CSV/TSV (plain or gzip) to a Parquet version: sniff the dialect, transcode to UTF-8 if
 * needed, read a sample, infer plans, write. A file DuckDB finds not to be valid UTF-8 past
 * the sniffed sample is transcoded with replacement and read again, never rejected.
 */
export async function ingestCsv(
  ctx: IngestContext,
  file: { path: string; gzip: boolean },
  options: ParseOptions,
  /** The dialect to read with, instead of sniffing it (or taking the plan's). */
  sniffed?: TextSniff,
): Promise<SourceOutcome> {
  if (ctx.readOnce && !ctx.csvPlan) throw new StreamDeclined('no plan of its head');
  const warningsAt = ctx.warnings.length;
  const sniff = sniffed ?? ctx.csvPlan?.sniff ?? (await sniffText(file.path, { gzip: file.gzip, options }));
  ctx.progress(0.05, 'Detected the text format');
  let current = file;
  let newlines = sniff.mixedNewlines;
  // Whether `current` is a copy written by toUtf8: valid UTF-8 throughout.
  let transcoded = false;
  if (sniff.encoding !== 'utf-8' || sniff.invalidUtf8Bytes > 0 || newlines) {
    if (ctx.readOnce) throw new StreamDeclined('the text is not plain UTF-8 with one kind of line end');
    current = await toUtf8(ctx, file, sniff, newlines);
    transcoded = true;
  }
  // Not while the file streams in, nor for a plan of its head: the end is not there yet (the
  // ingest job checks it then).
  const footer =
    current.gzip || ctx.readOnce || ctx.planOnly ? null : await findCsvFooter(current.path, sniff);
  if (footer) current = await withoutFooter(ctx, current.path, footer);
  const maxColumns = options.maxColumns ?? 10_000;
  const width = sniff.firstRecord.length;
  if (width > maxColumns) {
    throw new EngineError(
      'DATASET_TOO_MANY_COLUMNS',
      `The file has ${width} columns; the limit is ${maxColumns}`,
      {
        columns: width,
        limit: maxColumns,
      },
    );
  }
  const raw = sniff.header
    ? (sniff.headerNames ?? sniff.firstRecord)
    : sniff.firstRecord.map((_, i) => `column_${i + 1}`);
  const { names, warnings } = cleanColumnNames(raw);
  ctx.warnings.push(...warnings);
  if (sniff.preamble.length > 0) {
    ctx.warnings.push({
      code: 'TITLE_LINES_SKIPPED',
      message: `${sniff.skipRows} line(s) above the table were skipped ("${sniff.preamble[0].trim().slice(0, 80)}")`,
      details: { lines: sniff.skipRows, text: sniff.preamble.map((l) => l.slice(0, 200)) },
    });
  }
  if (sniff.labels) {
    const labels = sniff.labels;
    const rows = labelRowsOf(sniff);
    ctx.warnings.push({
      code: 'HEADER_LABELS_SKIPPED',
      message: `${sniff.headerNames ? 'The row under the header names the answers of a SurveyMonkey export, joined to their questions in the column names' : rows > 1 ? 'The two rows under the header hold labels and import ids (a Qualtrics export)' : 'The row under the header holds labels'}, not data ("${labels
        .filter((l) => l.trim() !== '')
        .slice(0, 3)
        .join('", "')
        .slice(0, 120)}"...): left out`,
      details: { labels: Object.fromEntries(names.map((n, i) => [n, labels[i] ?? ''])), rows },
    });
  }
  if (sniff.trailingEmpty > 0) {
    ctx.warnings.push({
      code: 'EMPTY_COLUMNS_DROPPED',
      message: `The lines end with a delimiter: ${sniff.trailingEmpty} empty column(s) without a name at the end were left out`,
      details: { columns: sniff.trailingEmpty },
    });
  }
  if (sniff.confidence.header < 0.6) {
    ctx.warnings.push({
      code: 'HEADER_UNCERTAIN',
      message: `The first row was ${sniff.header ? '' : 'not '}taken as the header, without strong evidence`,
      details: { header: sniff.header, confidence: sniff.confidence.header },
    });
  }
  // What the reads warn of comes after this.
  const readAt = ctx.warnings.length;
  for (;;) {
    try {
      return await readAndWrite(ctx, current, sniff, names, raw, options);
    } catch (e) {
      const problem = e instanceof Error ? csvProblemOf(e.message) : null;
      if (problem === 'encoding' && ctx.readOnce) throw new StreamDeclined('bytes that are not UTF-8');
      if (problem === 'mixed_newlines' && ctx.readOnce) throw new StreamDeclined('mixed line ends');
      // Invalid bytes past the sniffed sample; `current` may be the file cut before its footer.
      if (problem === 'encoding' && !transcoded) {
        current = await toUtf8(ctx, current, { ...sniff, encoding: 'utf-8' }, newlines);
        transcoded = true;
        continue;
      }
      // Line ends that change after the sniffed sample (rows appended on another system).
      if (problem === 'mixed_newlines' && !newlines) {
        newlines = true;
        current = await toUtf8(ctx, current, { ...sniff, encoding: 'utf-8' }, newlines);
        transcoded = true;
        continue;
      }
      // `#` comment lines among the rows (`# sensor restarted`), and no other bad line: left out.
      if (isRagged(e) && (e as EngineError).details.commentLines === true && !options.skipBadLines) {
        if (ctx.readOnce) throw new StreamDeclined('comment lines among the rows');
        ctx.warnings.length = readAt;
        return await readAndWrite(
          ctx,
          current,
          sniff,
          names,
          raw,
          { ...options, skipBadLines: true },
          'comments',
        );
      }
      if (isRagged(e) && sniff.trailingEmpty > 0) {
        if (ctx.readOnce) throw new StreamDeclined('a value in a column its head had empty');
        // A value came in the nameless column the sample had empty all along: keep it after all.
        ctx.warnings.length = warningsAt;
        ctx.csvPlan = undefined;
        const empty = Array.from({ length: sniff.trailingEmpty }, () => '');
        return ingestCsv(ctx, file, options, {
          ...sniff,
          firstRecord: [...sniff.firstRecord, ...empty],
          trailingEmpty: 0,
        });
      }
      if (quotesNotQuoting(e, sniff, options)) {
        if (ctx.readOnce) throw new StreamDeclined('quotes that do not quote a tab-separated value');
        const retry = await readQuotesAsText(ctx, file, options, sniff, warningsAt);
        if (retry) return retry;
      }
      if (problem === 'mixed_newlines') {
        throw new EngineError(
          'DATASET_PARSE_ERROR',
          'The CSV file could not be read: its lines are malformed',
          {
            reason: 'malformed',
          },
        );
      }
      throw e;
    }
  }
}

/**
 * A tab-separated file whose quotes are part of its values (`TV 55" screen`, `"Weird Al"
 * Yankovic`: IMDb's files, database dumps), which no tab in a value needs: a quote that opens
 * a value and closes before its end fails the read as an unterminated quote. Only when the
 * user did not set the quote.
 */
function quotesNotQuoting(e: unknown, sniff: TextSniff, options: ParseOptions): boolean {
  return (
    e instanceof EngineError &&
    e.code === 'DATASET_PARSE_ERROR' &&
    e.details.reason === 'unterminated_quote' &&
    sniff.delimiter === '\t' &&
    sniff.quote !== '' &&
    options.quote === undefined
  );
}

/** The file read again with quotes as text (QUOTES_AS_TEXT); null when that fails too. */
async function readQuotesAsText(
  ctx: IngestContext,
  file: { path: string; gzip: boolean },
  options: ParseOptions,
  sniff: TextSniff,
  warningsAt: number,
): Promise<SourceOutcome | null> {
  const warnings = ctx.warnings.splice(warningsAt);
  const plan = ctx.csvPlan;
  ctx.csvPlan = undefined;
  try {
    const outcome = await ingestCsv(ctx, file, options, { ...sniff, quote: '', escape: '' });
    ctx.warnings.push({
      code: 'QUOTES_AS_TEXT',
      message:
        'Quotes in this tab-separated file are part of the values (one starts a value and closes before its end, as in "Weird Al" Yankovic), so every quote was kept as text',
      details: { quote: sniff.quote },
    });
    return outcome;
  } catch (e) {
    // A stop (CANCELLED, raised only on an aborted signal) or a size limit is itself, not a
    // reason to report the first error.
    throwIfAborted(ctx.signal);
    if (e instanceof EngineError && e.code === 'DATASET_TOO_LARGE') throw e;
    // Not the reason after all: the first error stands.
    ctx.warnings.splice(warningsAt, ctx.warnings.length - warningsAt, ...warnings);
    ctx.csvPlan = plan;
    return null;
  }
}

function isRagged(e: unknown): boolean {
  return e instanceof EngineError && e.code === 'DATASET_PARSE_ERROR' && e.details.reason === 'ragged_rows';
}

async function readAndWrite(
  ctx: IngestContext,
  file: { path: string; gzip: boolean },
  sniff: TextSniff,
  names: string[],
  raw: string[],
  options: ParseOptions,
  /** What lines skipped as bad are: `comments` when every one is (see csvParseError). */
  skipped: 'malformed' | 'comments' = 'malformed',
): Promise<SourceOutcome> {
  const { conn, nullValues } = ctx;
  const headerRepeat = headerRepeatOf(sniff.header, names, raw);
  const source = (rejectsTable: string): CsvSource => ({
    path: file.path,
    gzip: file.gzip,
    delimiter: sniff.delimiter,
    quote: sniff.quote,
    escape: sniff.escape,
    header: sniff.header,
    // A row of labels under the header: the reader takes it for the header (names are given).
    skipRows: sniff.skipRows + labelRowsOf(sniff),
    columns: names,
    nullValues,
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    rejectsTable: options.skipBadLines ? rejectsTable : undefined,
  });
  if (ctx.readOnce && options.skipBadLines) throw new StreamDeclined('bad lines are to be skipped');
  const planned =
    ctx.csvPlan ??
    (await planColumns(ctx, source('uam_rejects_sample'), sniff, names, raw, options, headerRepeat));
  const { columns, sampledRows: sampled, markersSeen } = planned;
  if (ctx.planOnly) {
    const r = {
      rowCount: sampled,
      columns,
      outcomes: new Map(),
      warnings: [],
      skippedRows: 0,
      pass: 'single' as const,
    };
    return { ...r, delimiter: sniff.delimiter, encoding: sniff.encoding, csvPlan: planned };
  }
  ctx.progress(0.25, 'Writing the dataset version');
  const writeSource = source('uam_rejects_write');
  const native = nativeColumns(columns);
  const fastNulls = fastPassNulls(columns, nullValues, markersSeen, native.exprs);
  const written = await guardCsv(ctx, writeSource, () =>
    writeWithPlans(conn, {
      sourceSql: csvSourceSql(writeSource),
      fast: {
        sourceSql: csvSourceSql({ ...writeSource, nullValues: fastNulls, types: native.types }),
        native: native.exprs,
      },
      columns,
      nullValues,
      output: ctx.output,
      signal: ctx.signal,
      onProgress: (f) => ctx.progress(0.25 + 0.7 * f, 'Writing the dataset version'),
      reread: (col, plan) =>
        innerTextSql(col.excelText ? excelTextSql(quoteIdent(col.name)) : quoteIdent(col.name), plan),
      readOnce: ctx.readOnce,
      headerRepeat,
    }),
  );
  let skippedRows = 0;
  if (writeSource.rejectsTable) {
    const bad = await readRejects(conn, writeSource.rejectsTable);
    skippedRows = bad.count;
    if (bad.lines.some((l) => l.problem === 'encoding')) {
      throw new Error('CSV Error: Invalid unicode in skipped lines');
    }
    if (skippedRows > 0) {
      const comments = skipped === 'comments';
      ctx.warnings.push({
        code: comments ? 'COMMENT_LINES_SKIPPED' : 'ROWS_SKIPPED',
        message: `${skippedRows} ${comments ? 'comment lines (#) among the rows were left out' : 'malformed lines were skipped'} (first: ${bad.lines
          .map((l) => l.line)
          .slice(0, 5)
          .join(', ')})`,
        details: { count: skippedRows, lines: bad.lines },
      });
    }
  }
  return { ...written, skippedRows, delimiter: sniff.delimiter, encoding: sniff.encoding };
}

/** Reads the first `sampleRows` rows as text and infers each column's plan from them. */
async function planColumns(
  ctx: IngestContext,
  sampleBase: CsvSource,
  sniff: TextSniff,
  names: string[],
  raw: string[],
  options: ParseOptions,
  repeat: HeaderRepeat | undefined,
): Promise<CsvPlan> {
  const { conn, nullValues } = ctx;
  // Text-only markers stay text in the sample (inference skips every marker itself), to see
  // which of them the file uses.
  const candidates = nullValues.filter((m) => TEXT_ONLY_MARKERS.has(m));
  const sampleSource = {
    ...sampleBase,
    nullValues: nullValues.filter((m) => !TEXT_ONLY_MARKERS.has(m)),
    smallBuffers: true,
  };
  // Rows repeating the header are no sample of the column.
  const repeatSql = repeat && headerRepeatSql(repeat);
  const sampled = await guardCsv(ctx, sampleSource, () =>
    createLongSample(
      conn,
      'uam_sample',
      `SELECT * FROM ${csvSourceSql(sampleSource)}${repeatSql ? ` WHERE NOT ${repeatSql}` : ''} LIMIT ${ctx.sampleRows}`,
      names.length,
      nullValues,
      ctx.signal,
    ),
  );
  if (sampled === 0) {
    throw sniff.header
      ? new EngineError('DATASET_HEADER_ONLY', 'The file has a header row but no data rows', {
          columns: names.length,
        })
      : new EngineError('DATASET_EMPTY', 'The file has no data rows');
  }
  const markersSeen =
    candidates.length === 0
      ? []
      : (
          await runRows(
            conn,
            `SELECT DISTINCT raw FROM uam_sample WHERE v IS NULL AND raw IN ${listLiteral(candidates)}`,
            {
              signal: ctx.signal,
            },
          )
        ).map((r) => String(r[0]));
  const excelText = await unwrapExcelText(conn, 'uam_sample', nullValues, ctx.signal);
  ctx.progress(0.15, 'Inferring column types');
  const inferred = await inferTextColumns(
    conn,
    'uam_sample',
    names.map((name, index) => ({
      name,
      sourceName: raw[index],
      index,
      sourceRef: excelText.has(name) ? excelTextSql(quoteIdent(name)) : quoteIdent(name),
    })),
    {
      nullValues,
      decimalComma: sniff.decimalComma,
      dateOrder: options.dateOrder,
      sourceNullsMarkers: true,
      signal: ctx.signal,
    },
  );
  const columns = inferred.map((c) => (excelText.has(c.name) ? { ...c, excelText: true as const } : c));
  if (sniff.delimiter !== ',' && !sniff.decimalComma && options.decimalComma === undefined) {
    await markThousandsAmbiguous(conn, columns, ctx.signal);
  }
  await conn.run('DROP TABLE IF EXISTS uam_sample');
  throwIfAborted(ctx.signal);
  return { sniff, columns, sampledRows: sampled, markersSeen };
}

/**
 * Number columns of the sample whose every dotted value has one to three digits (not a lone
 * 0) before the dot and three after, as `669.491`: decimals to the file's writer, or
 * thousands (669,491) if it wrote in German, Spanish, Italian... Only asked of files not
 * separated by commas (where European numbers come: `;`, tabs) that show no decimal comma.
 */
async function markThousandsAmbiguous(conn: DuckDBConnection, columns: ColumnPlan[], signal?: AbortSignal) {
  const candidates = columns.filter(
    (c) => (c.plan?.kind === 'float' && !c.plan.percent) || c.plan?.kind === 'decimal',
  );
  if (candidates.length === 0) return;
  const rows = await runRows(
    conn,
    `SELECT name, count(*), count(*) FILTER (WHERE regexp_full_match(v, '[+-]?[1-9][0-9]{0,2}\\.[0-9]{3}')), min(v)
       FROM uam_sample WHERE v IS NOT NULL AND contains(v, '.') AND name IN ${listLiteral(candidates.map((c) => c.name))}
       GROUP BY name`,
    { signal },
  );
  for (const [name, dotted, grouped, example] of rows) {
    if (Number(dotted) === 0 || Number(dotted) !== Number(grouped)) continue;
    const col = columns.find((c) => c.name === name);
    if (col) col.thousandsAmbiguous = { example: String(example) };
  }
}

/**
 * The single pass's `nullstr`: every marker but the text-only ones the sample does not hold.
 * Those are left to SQL on the text columns (an exact IN, as the reader compares; added to
 * `exprs`); in a typed column one fails the pass, and the counting pass, whose reader has every
 * marker, takes over. Only with '' among the markers, since a `nullstr` is never empty.
 */
function fastPassNulls(
  columns: ColumnPlan[],
  nullValues: readonly string[],
  markersSeen: string[] | undefined,
  exprs: Map<string, string>,
): readonly string[] {
  if (!markersSeen || !nullValues.includes('')) return nullValues;
  const unseen = nullValues.filter((m) => TEXT_ONLY_MARKERS.has(m) && !markersSeen.includes(m));
  if (unseen.length === 0) return nullValues;
  // A cell longer than every marker is none of them: its byte length (stored with the string)
  // spares the list search for nearly every cell of a text column.
  const longest = Math.max(...unseen.map((m) => Buffer.byteLength(m)));
  for (const c of columns) {
    if (c.plan?.kind !== 'string' || exprs.has(c.name)) continue;
    const ref = c.innerSql;
    exprs.set(
      c.name,
      `CASE WHEN strlen(${ref}) <= ${longest} AND ${ref} IN ${listLiteral(unseen)} THEN NULL ELSE ${ref} END`,
    );
  }
  return nullValues.filter((m) => !unseen.includes(m));
}

/**
 * Columns DuckDB's CSV reader may parse itself in the single pass, which saves a string copy
 * and a cast per cell. Its parsers are lenient in ways ours are not, so only where that is
 * harmless: floats, ISO dates, booleans; integers are read as DOUBLE and must come back whole
 * and below 2^53 (exact), else the pass aborts and the staged path parses them as text.
 */
function nativeColumns(columns: ColumnPlan[]): { types: Map<string, string>; exprs: Map<string, string> } {
  const types = new Map<string, string>();
  const exprs = new Map<string, string>();
  for (const c of columns) {
    const p = c.plan;
    const ref = quoteIdent(c.name);
    // The reader's parsers would fail on its `None`s (it has no per-column null strings), and
    // on `="12"`.
    if (!p || c.typedMissing || c.excelText) continue;
    if (p.kind === 'float' && readerNumber(p) && !p.percent) types.set(c.name, 'DOUBLE');
    // Month names and year-months are not ISO: the reader's DATE parser would fail the pass.
    else if (
      p.kind === 'date' &&
      p.order === null &&
      !p.monthNames &&
      !p.yearMonth &&
      !p.quarters &&
      !p.localMonths
    )
      types.set(c.name, 'DATE');
    else if (p.kind === 'boolean' && !p.localized) types.set(c.name, 'BOOLEAN');
    else if (p.kind === 'integer' && readerNumber(p)) {
      types.set(c.name, 'DOUBLE');
      exprs.set(
        c.name,
        `CASE WHEN ${ref} IS NULL THEN NULL WHEN ${ref} = trunc(${ref}) AND abs(${ref}) < 9007199254740992 THEN CAST(${ref} AS BIGINT) ELSE error(${quoteLiteral(STRICT_MARKER)}) END`,
      );
      continue;
    } else continue;
    exprs.set(c.name, ref);
  }
  return { types, exprs };
}

/** A number written as the reader parses it: plain digits, an ASCII minus in front. */
function readerNumber(p: { style: string } & SignForms): boolean {
  return p.style === 'plain' && !p.negParens && !p.negTrailing && !p.unicodeMinus;
}

/** Runs a read; a CSV failure becomes DATASET_PARSE_ERROR with line numbers (encoding ones pass up). */
async function guardCsv<T>(ctx: IngestContext, source: CsvSource, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof Error) || e instanceof EngineError) throw e;
    const problem = csvProblemOf(e.message);
    // Both are mended by reading a rewritten copy (ingestCsv), not reported by line.
    if (!problem || problem === 'encoding' || problem === 'mixed_newlines') throw e;
    // Line numbers come from a second, single-threaded read.
    if (ctx.readOnce) throw new StreamDeclined(`a malformed line (${problem})`);
    throw await csvParseError(ctx.conn, { ...source, rejectsTable: undefined }, e, problem);
  }
}

/** A copy of the file up to its footer, which a warning quotes. */
async function withoutFooter(ctx: IngestContext, file: string, footer: CsvFooter) {
  const out = ctx.tempFile('.table.csv');
  await pipeline(createReadStream(file, { end: footer.offset - 1 }), createWriteStream(out), {
    signal: ctx.signal,
  });
  if (footer.lines.length > 0) {
    ctx.warnings.push({
      code: 'FOOTER_LINES_SKIPPED',
      message: `${footer.lines.length} line(s) under the table were left out ("${footer.lines[0].trim().slice(0, 80)}")`,
      details: { lines: footer.lines.length, text: footer.lines.map((l) => l.slice(0, 200)) },
    });
  }
  if (footer.emptyRows > 0) {
    ctx.warnings.push({
      code: 'EMPTY_ROWS_SKIPPED',
      message: `${footer.emptyRows} empty row(s) at the end of the file were left out`,
      details: { rows: footer.emptyRows },
    });
  }
  return { path: out, gzip: false };
}

/** A UTF-8 copy of the file, its lines ending in `\n` when `newlines`. */
async function toUtf8(
  ctx: IngestContext,
  file: { path: string; gzip: boolean },
  sniff: TextSniff,
  newlines: boolean,
) {
  const out = ctx.tempFile('.utf8.csv');
  ctx.progress(
    0.06,
    sniff.encoding === 'utf-8' ? 'Making the line ends alike' : `Converting ${sniff.encoding} text to UTF-8`,
  );
  const { replacements } = await transcodeToUtf8(file.path, out, sniff.encoding, {
    gzip: file.gzip,
    signal: ctx.signal,
    newlines,
  });
  if (sniff.encoding !== 'utf-8') ctx.warnings.push(transcodedWarning(sniff.encoding));
  if (replacements > 0) {
    ctx.warnings.push({
      code: 'INVALID_BYTES_REPLACED',
      message: `${replacements} invalid byte sequences were replaced with U+FFFD; if the text looks wrong, set the encoding option (e.g. windows-1252)`,
      details: { replacements },
    });
  }
  return { path: out, gzip: false };
}
