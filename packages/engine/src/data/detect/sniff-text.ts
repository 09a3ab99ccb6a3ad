import { EngineError } from '../../errors.ts';
import { DEFAULT_NULL_VALUES } from '../infer/patterns.ts';
import type { ParseOptions, TextEncoding } from '../types.ts';
import { splitRecords } from './csv-records.ts';
import { decodeSample, detectEncoding, looksBinary } from './encoding.ts';
import { detectHeader, kindOf, typedColumn, YEAR } from './header-detect.ts';
import { readGunzipHead, readHead } from './read-head.ts';

export interface TextSniff {
  encoding: TextEncoding;
  bom: boolean;
  delimiter: string;
  quote: string;
  escape: string;
  header: boolean;
  decimalComma: boolean;
  /** 0..1 per decision; 1 when the user forced the option. */
  confidence: { encoding: number; delimiter: number; header: number };
  /** Invalid UTF-8 bytes seen in the sample of a file read as UTF-8. */
  invalidUtf8Bytes: number;
  /** Fields of the first record after `skipRows` (the header when `header` is true). */
  firstRecord: string[];
  /** Records found in the sample, header included. */
  sampleRecords: number;
  /** Lines skipped before the header: the user's `skipRows`, or title lines found above the table. */
  skipRows: number;
  /** The skipped title lines, when they were found rather than asked for. */
  preamble: string[];
  /**
   * Empty fields at the end of every sampled record, left out of `firstRecord`: lines that end
   * with a delimiter (a header's too). The reader takes empty trailing fields as the line's end
   * and refuses a line with a value there, so none is lost unseen.
   */
  trailingEmpty: number;
  /**
   * Lines end in more than one way (`\r\n` and `\n`, or a lone `\r`) outside quotes, as when
   * rows were appended on another system: DuckDB's reader fails on such a file.
   */
  mixedNewlines: boolean;
  /**
   * A second header row under the names, of labels or units (US Census tables: `GEO_ID,NAME,
   * B01001_001E` over `Geography,Geographic Area Name,Estimate!!Total:`): not data. Absent in
   * plans made before it existed.
   */
  labels?: string[];
  /**
   * Rows under the header that are not data: the labels, and after them the row of import ids
   * a Qualtrics survey export writes (`{"ImportId":"QID1"}` in every column): 1 or 2.
   */
  labelRows?: number;
  /**
   * Column names completed from the labels (SurveyMonkey: a question spanning columns is named
   * in its first only, and the row under it names each column's answer). Absent when the
   * header row's own names stand.
   */
  headerNames?: string[];
}

/** Rows of labels under the header (plans made before `labelRows` have one with `labels`). */
export function labelRowsOf(d: { labels?: string[]; labelRows?: number }): number {
  return d.labelRows ?? (d.labels ? 1 : 0);
}

const SAMPLE_BYTES = 1024 * 1024;
const MAX_RECORDS = 200;
/** DuckDB's own default; its read buffers grow with it, so a bigger default slows every read. */
export const DEFAULT_MAX_LINE_BYTES = 2 * 1024 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];

/**
 * Sniffs a delimited text file from its first MiB: encoding, delimiter (the candidate that
 * splits most lines into the same number of fields, more than one), quote, header and decimal
 * comma. Options the user forced are taken as given. When the first record does not fit the
 * sample the window grows to `maxLineBytes`, and a longer record is a parse error: memory stays
 * bounded for a file that is one 50 MB line.
 */
export async function sniffText(
  filePath: string,
  opts: { gzip?: boolean; options?: ParseOptions } = {},
): Promise<TextSniff> {
  const options = opts.options ?? {};
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let window = Math.min(SAMPLE_BYTES, maxLine);
  for (;;) {
    const head = opts.gzip ? await readGunzipHead(filePath, window) : await readHead(filePath, window);
    const atEof = head.length < window;
    const sniff = sniffSample(head, atEof, options);
    if (sniff) return sniff;
    if (atEof || window >= maxLine) {
      throw new EngineError(
        'DATASET_PARSE_ERROR',
        `Line ${(options.skipRows ?? 0) + 1} is longer than ${maxLine} bytes`,
        {
          reason: 'line_too_long',
          lines: [(options.skipRows ?? 0) + 1],
          maxLineBytes: maxLine,
        },
      );
    }
    window = Math.min(window * 4, maxLine);
  }
}

function sniffSample(head: Buffer, atEof: boolean, options: ParseOptions): TextSniff | undefined {
  // Excel's `sep=;` first line names the delimiter; it is a directive, not a title or a row.
  const sep = options.skipRows === undefined ? excelSeparator(head, options) : undefined;
  if (sep !== undefined) {
    const sniff = sniffLines(head, atEof, { ...options, skipRows: 1, delimiter: options.delimiter ?? sep });
    return sniff && { ...sniff, confidence: { ...sniff.confidence, delimiter: 1 } };
  }
  const read = sniffRecords(head, atEof, options);
  if (!read || options.skipRows !== undefined) return read?.sniff;
  const { sniff } = read;
  // Titles and notes above the table in records of the table's delimiter: padded to its width
  // (`Sales report,,,,`, as Excel saves a sheet's rows) or narrower (`Region:;Germany`).
  const titles = titleRecords(read.records);
  if (titles.length > 0) {
    const again = sniffLines(head, atEof, { ...options, skipRows: titles.length });
    if (again && again.delimiter === sniff.delimiter && filledFields(again.firstRecord) >= 2)
      return { ...again, preamble: titles.filter((l) => l !== '') };
  }
  // A first record of several fields is already the table: no title to look for (the usual case).
  if (sniff.firstRecord.length > 1) return sniff;
  // Title lines above the table ("Sales report Q1", a blank line): without the delimiter the
  // table uses, before the first line that has it. Read again from that line.
  const found = titleLines(head, sniff);
  if (found.length === 0) return sniff;
  const again = sniffLines(head, atEof, { ...options, skipRows: found.length });
  if (!again || again.delimiter !== sniff.delimiter || again.firstRecord.length < 2) return sniff;
  return { ...again, preamble: found.filter((l) => l.trim() !== '') };
}

/** At most this many title lines are looked for above a table. */
const MAX_TITLE_LINES = 15;

const filledFields = (record: string[]) => record.filter((f) => f.trim() !== '').length;

/**
 * Leading one-line records above the table that are no header: blank, one text field (a title,
 * a unit), or labelled notes in at most half of the table's width (`Region:;Germany` over
 * eleven columns, the World Bank's `"Last Updated Date","2024-06-28",` over 69). The table's width is the most common record width of the sample; it starts at the
 * first record of at least that width with two fields filled, mostly names (or years), and the
 * records after it are of its width too. Returns the titles' texts (`''` for a blank record),
 * or none.
 */
function titleRecords(sampled: string[][]): string[] {
  // Enough for the table's rows to outnumber the most titles looked for.
  const records = sampled.slice(0, MAX_TITLE_LINES + 20);
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let width = 0;
  for (const [w, n] of counts)
    if (n > (counts.get(width) ?? 0) || (n === counts.get(width) && w > width)) width = w;
  if (width < 2) return [];
  const tableStart = (r: string[]) => r.length >= width && filledFields(r) >= 2 && !isComment(r);
  // The usual case: the header first.
  const titles = records.findIndex(tableStart);
  if (titles < 1 || titles > MAX_TITLE_LINES) return [];
  const table = records.slice(titles, titles + 4);
  if (table.length < 2 || table.some((r) => r.length < width)) return [];
  // The table starts with a header (names, or years over a pivot table's columns): above data
  // rows, a record of one name may be a header of its own (`id,,,` over `1,2,3,4`).
  const names = table[0].filter((f) => f.trim() !== '' && (kindOf(f) === 'text' || YEAR.test(f.trim())));
  if (names.length * 2 < filledFields(table[0])) return [];
  const title = (r: string[]) => {
    const filled = r.filter((f) => f.trim() !== '');
    // Skipped by lines: a title that spans lines would shift the count.
    if (spansLines(r)) return false;
    if (isComment(r)) return true;
    const labelled = filled.some((f) => kindOf(f) === 'text');
    // One field: text (`5,,,` is a row). Narrower: a label with its value (`Updated,2024-06-28`).
    if (filled.length <= 1) return filled.length === 0 || labelled;
    return r.length < width && filled.length * 2 <= width && labelled;
  };
  const above = records.slice(0, titles);
  if (!above.every(title)) return [];
  const out = above.map((r) =>
    r
      .filter((f) => f.trim() !== '')
      .join(' ')
      .trim(),
  );
  return out.some((l) => l !== '') ? out : [];
}

/**
 * A comment line, as instruments, R and Python scripts write them above a table (`# Units: C,
 * %`), whatever its delimiters: `#` then a space or another `#`, or a lone `#`. A header's
 * `#` or `#id` column is a name, not a comment.
 */
function isComment(r: string[]): boolean {
  const first = (r[0] ?? '').trimStart();
  return /^#(\s|#)/.test(first) || (r.length === 1 && first.trim() === '#');
}

/**
 * Whether a record holds a line end inside a quoted field: one that rows skipped by line count
 * (titles, labels) must not be, or the count would stop inside it.
 */
function spansLines(r: string[]): boolean {
  return r.some((f) => f.includes('\n') || f.includes('\r'));
}

/** The delimiter named by a first line `sep=X` (written by Excel and read by it), if any. */
function excelSeparator(head: Buffer, options: ParseOptions): string | undefined {
  const start = head.subarray(0, 16);
  const encoding = options.encoding ?? detectEncoding(start, true).encoding;
  const text = decodeSample(start, encoding).replace(/^\uFEFF/, '');
  return /^sep=([^\r\n])\r?\n/i.exec(text)?.[1];
}

/** Leading lines (at most 10) before the first that splits into the table's width. */
function titleLines(head: Buffer, sniff: TextSniff): string[] {
  const text = decodeSample(head, sniff.encoding).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/, 12);
  const out: string[] = [];
  for (const line of lines) {
    if (line.includes(sniff.delimiter)) break;
    out.push(line);
    if (out.length > 10) return [];
  }
  // Only when there was a title: a file of one column never has the delimiter.
  if (out.length === lines.length || !out.some((l) => l.trim() !== '')) return [];
  return out;
}

function sniffLines(head: Buffer, atEof: boolean, options: ParseOptions): TextSniff | undefined {
  return sniffRecords(head, atEof, options)?.sniff;
}

/** The sniffed dialect, with the sample's records it was read from (split by that dialect). */
function sniffRecords(
  head: Buffer,
  atEof: boolean,
  options: ParseOptions,
): { sniff: TextSniff; records: string[][] } | undefined {
  const guess = detectEncoding(head, !atEof);
  const encoding = options.encoding ?? guess.encoding;
  let text = decodeSample(head, encoding).replace(/^\uFEFF/, '');
  if (looksBinary(text)) throw new EngineError('DATASET_BINARY', 'The file holds binary data, not text');
  text = skipLines(text, options.skipRows ?? 0);
  if (text.trim().length === 0) throw new EngineError('DATASET_EMPTY', 'The file holds no data');
  const quote = options.quote ?? detectQuote(text);
  const escapeChar = options.escape ?? detectEscape(text, quote);
  const split = (d: string) =>
    splitRecords(text, d, quote, { maxRecords: MAX_RECORDS, atEof, escape: escapeChar });
  const { delimiter, confidence: delimiterConfidence } = options.delimiter
    ? { delimiter: options.delimiter, confidence: 1 }
    : detectDelimiter(split);
  const { records } = split(delimiter);
  if (records.length === 0) return undefined;
  const trailingEmpty = emptyTrailingFields(records);
  const fields = trailingEmpty > 0 ? records.map((r) => r.slice(0, r.length - trailingEmpty)) : records;
  const header =
    options.header !== undefined ? { header: options.header, confidence: 1 } : detectHeader(fields);
  const sniff: TextSniff = {
    encoding,
    bom: guess.bom,
    delimiter,
    quote,
    escape: escapeChar,
    header: header.header,
    decimalComma: options.decimalComma ?? detectDecimalComma(records.slice(1), delimiter),
    confidence: {
      encoding: options.encoding ? 1 : guess.confidence,
      delimiter: delimiterConfidence,
      header: header.confidence,
    },
    invalidUtf8Bytes: encoding === 'utf-8' ? guess.invalidUtf8Bytes : 0,
    firstRecord: records[0].slice(0, records[0].length - trailingEmpty),
    sampleRecords: records.length,
    skipRows: options.skipRows ?? 0,
    preamble: [],
    trailingEmpty,
    mixedNewlines: mixedLineEnds(text, quote),
    ...(header.header ? labelRowOf(fields) : {}),
  };
  return { sniff, records };
}

/**
 * The record under the header when it is a second header: text in every column (no missing
 * marker, no number), over values that are numbers or dates in at least two columns, each of
 * them labelled with its own label. Such a row in a numeric column would otherwise be a failed value per column.
 */
function labelRowOf(records: string[][]): { labels?: string[]; labelRows?: number; headerNames?: string[] } {
  if (records.length < 4) return {};
  const [names, labels, ...after] = records;
  // Skipped by lines: a label row that spans lines would shift the count.
  if (spansLines(labels)) return {};
  const survey = surveyMonkeyNames(names, labels, after);
  if (survey) return { labels: labels.slice(0, names.length), labelRows: 1, headerNames: survey };
  const filled = labels.filter((f) => f.trim() !== '');
  if (filled.length * 2 < names.length || filled.some((f) => kindOf(f) !== 'text' || MARKERS.has(f.trim())))
    return {};
  const importIds = after.length > 2 && isImportIdRow(after[0]) ? 1 : 0;
  const rows = after.slice(importIds);
  const typed = new Set<string>();
  for (let j = 0; j < names.length; j++) {
    if (!typedColumn(rows, j)) continue;
    const label = (labels[j] ?? '').trim();
    // Each column its own label: `absent,absent` in a first row is a row's values.
    if (label === '' || typed.has(label)) return {};
    typed.add(label);
  }
  return typed.size >= 2 ? { labels: labels.slice(0, names.length), labelRows: 1 + importIds } : {};
}

/** What SurveyMonkey writes under a question answered in one column. */
export const SURVEY_RESPONSE: ReadonlySet<string> = new Set(['Response', 'Open-Ended Response']);

/**
 * The names of a SurveyMonkey export's columns, when `labels` is its second header row: the
 * question is named over its first column only (the next ones have empty names), and the row
 * under it holds each column's answer (`Reports`, `Dashboards`, `Other (please specify)`) or
 * `Response` / `Open-Ended Response` for a one-column question, with empty cells under the
 * respondent columns. A column then is its question, or `question - answer`. Undefined unless
 * the row has such a `Response` word that no later row repeats in its column (then it is a
 * value, as in a column of `Request`/`Response`), and fills a column without a name or leaves
 * a named one empty.
 */
function surveyMonkeyNames(names: string[], labels: string[], after: string[][]): string[] | undefined {
  const label = (j: number) => (labels[j] ?? '').trim();
  const responses = names.map((_, j) => j).filter((j) => SURVEY_RESPONSE.has(label(j)));
  if (responses.length === 0) return undefined;
  if (responses.some((j) => after.some((r) => (r[j] ?? '').trim() === label(j)))) return undefined;
  if (!names.some((n, j) => (n.trim() === '') !== (label(j) === ''))) return undefined;
  let question = '';
  return names.map((n, j) => {
    const name = n.trim();
    if (name !== '') question = name;
    const answer = label(j);
    if (answer === '' || (name !== '' && SURVEY_RESPONSE.has(answer))) return name;
    return question === '' ? answer : `${question} - ${answer}`;
  });
}

/** Qualtrics' third header row: `{"ImportId":"QID1"}` (JSON naming each column's question). */
function isImportIdRow(r: string[]): boolean {
  const filled = r.filter((f) => f.trim() !== '');
  return filled.length > 0 && filled.every((f) => /^\{\s*"ImportId"\s*:/.test(f.trim()));
}

const MARKERS = new Set(DEFAULT_NULL_VALUES);

/** Whether lines end in more than one way outside quoted fields (a cell may hold any). */
function mixedLineEnds(text: string, quote: string): boolean {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === quote) quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\n') lf++;
    else if (ch === '\r') {
      if (text[i + 1] === '\n') {
        crlf++;
        i++;
      } else cr++;
    }
  }
  return (crlf > 0 ? 1 : 0) + (lf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0) > 1;
}

/**
 * How many fields at the end of the first record are empty in every record of the sample (a
 * shorter record counts as empty there), keeping at least one. `a,b,c,` over `1,2,3,` (or over
 * `1,2,3`) is three columns, not a fourth nameless and empty one. Not for a lone record.
 */
function emptyTrailingFields(records: string[][]): number {
  if (records.length < 2) return 0;
  const width = records[0].length;
  let keep = width;
  while (keep > 1 && records.every((r) => r.length < keep || r[keep - 1].trim() === '')) keep--;
  return width - keep;
}

/** The text after its first `n` lines, which may end in `\n`, `\r\n` or `\r` (old Mac files). */
function skipLines(text: string, n: number): string {
  const ends = /\r\n?|\n/g;
  for (let i = 0; i < n; i++) if (!ends.exec(text)) return '';
  return text.slice(ends.lastIndex);
}

function detectDelimiter(split: (d: string) => { records: string[][] }): {
  delimiter: string;
  confidence: number;
} {
  let best = { delimiter: ',', confidence: 0.3, width: 1 };
  for (const d of DELIMITERS) {
    const { records } = split(d);
    if (records.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let mode = 1;
    let freq = 0;
    for (const [width, f] of counts) if (f > freq || (f === freq && width > mode)) [mode, freq] = [width, f];
    if (mode < 2) continue;
    const consistency = freq / records.length;
    if (consistency > best.confidence || (consistency === best.confidence && mode > best.width)) {
      best = { delimiter: d, confidence: consistency, width: mode };
    }
  }
  return { delimiter: best.delimiter, confidence: Math.round(best.confidence * 100) / 100 };
}

/** `'` only when fields are wrapped in single quotes and never in double quotes. */
function detectQuote(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  const double = (sample.match(/(^|[,;\t|])"/gm) ?? []).length;
  const single = (sample.match(/(^|[,;\t|])'[^']*'(?=[,;\t|]|$)/gm) ?? []).length;
  return double === 0 && single >= 3 ? "'" : '"';
}

/**
 * `\` when quotes inside fields are written `\"` (MySQL dumps, some exporters) and never
 * doubled (`""`). A backslash before a delimiter or line end ends a field (`"C:\dir\",`).
 */
function detectEscape(text: string, quote: string): string {
  if (quote !== '"') return quote;
  const sample = text.slice(0, 64 * 1024);
  const backslashed = (sample.match(/\\"(?![,;\t|\r\n]|$)/gm) ?? []).length;
  const doubled = (sample.match(/[^,;\t|\r\n\\]""/g) ?? []).length;
  return backslashed > 0 && doubled === 0 ? '\\' : quote;
}

const COMMA_DECIMAL = /^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$/;
const DOT_DECIMAL = /^[+-]?\d+\.\d+$/;

function detectDecimalComma(rows: string[][], delimiter: string): boolean {
  if (delimiter === ',') return false;
  let comma = 0;
  let dot = 0;
  for (const r of rows) {
    for (const f of r) {
      const v = f.trim();
      if (COMMA_DECIMAL.test(v)) comma++;
      else if (DOT_DECIMAL.test(v)) dot++;
    }
  }
  return comma > 0 && comma >= dot;
}
