import fs from 'node:fs/promises';
import path from 'node:path';
import { EngineError } from '../../errors.ts';
import type { DataFormat } from '../types.ts';
import { readZipDirectory } from '../xlsx/zip-directory.ts';
import { decodeSample, detectEncoding, looksBinary } from './encoding.ts';
import { readGunzipHead, readHead } from './read-head.ts';

export interface FormatHint {
  fileName?: string;
  contentType?: string;
}

export interface DetectedFormat {
  format: DataFormat;
  /** The text format is gzip-compressed (`.csv.gz`, `.ndjson.gz`, ...). */
  gzip: boolean;
  /** What decided it: `magic` bytes, `content` sniffing or the file `extension`. */
  by: 'magic' | 'content' | 'extension';
}

const HEAD_BYTES = 64 * 1024;

/** Magic numbers of formats users upload by mistake; named so the error says what it was. */
const FOREIGN_MAGIC: [number[], string][] = [
  [[0xd0, 0xcf, 0x11, 0xe0], 'legacy Excel .xls / OLE2 (save it as .xlsx)'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG image'],
  [[0xff, 0xd8, 0xff], 'JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF image'],
  [[0x42, 0x5a, 0x68], 'bzip2 archive'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a], 'xz archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7-Zip archive'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR archive'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'SQLite database'],
  // ARROW1 / FEA1 / ORC: columnar formats of their own; Parquet is the one read here.
  [[0x41, 0x52, 0x52, 0x4f, 0x57, 0x31], 'file in Apache Arrow (Feather v2) format (save it as Parquet)'],
  [[0x46, 0x45, 0x41, 0x31], 'file in Feather v1 format (save it as Parquet)'],
  [[0x4f, 0x52, 0x43], 'file in ORC format (save it as Parquet)'],
];

const startsWith = (buf: Buffer, magic: number[]) => magic.every((b, i) => buf[i] === b);

/**
 * Decides the format of an uploaded file: magic bytes first (zip → xlsx only when it holds
 * `[Content_Types].xml` and `xl/` parts; `PAR1` → Parquet; gzip → the text format inside),
 * then the text content (`[` → JSON array, one JSON value per line → NDJSON, else CSV), and the
 * extension only to break ties. Empty files, binary garbage and foreign formats get typed errors.
 *
 * @example
 * await detectFormat('/uploads/abc', { fileName: 'sales.csv.gz' }) // { format: 'csv', gzip: true, by: 'magic' }
 */
export async function detectFormat(filePath: string, hint: FormatHint = {}): Promise<DetectedFormat> {
  const { size } = await fs.stat(filePath);
  if (size === 0) throw new EngineError('DATASET_EMPTY', 'The file is empty (0 bytes)');
  const head = await readHead(filePath, HEAD_BYTES);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return { format: await zipKind(filePath, head), gzip: false, by: 'magic' };
  }
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return { format: 'parquet', gzip: false, by: 'magic' };
  for (const [magic, what] of FOREIGN_MAGIC) {
    if (startsWith(head, magic)) {
      throw new EngineError('DATASET_UNSUPPORTED_FORMAT', `This is a ${what}, not a supported table format`, {
        detected: what,
      });
    }
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const inner = await readGunzipHead(filePath, HEAD_BYTES);
    if (inner.length === 0) throw new EngineError('DATASET_EMPTY', 'The gzip file holds no data');
    const format = textKind(inner, inner.length >= HEAD_BYTES, stripGz(hint.fileName));
    return { format, gzip: true, by: 'magic' };
  }
  const format = textKind(head, head.length < size, hint.fileName);
  return { format, gzip: false, by: 'content' };
}

async function zipKind(filePath: string, head: Buffer): Promise<DataFormat> {
  const entries = await readZipDirectory(filePath);
  const names = new Set(entries.map((e) => e.name));
  // An .xlsb has the .xlsx layout with binary parts: exceljs would find no sheets in it.
  if (names.has('xl/workbook.bin'))
    throw unsupported('an Excel binary workbook (.xlsb)', 'xlsb', SAVE_AS_XLSX);
  if (names.has('[Content_Types].xml') && entries.some((e) => e.name.startsWith('xl/'))) return 'xlsx';
  const office = officeKind(names, head);
  if (office) throw unsupported(office.what, office.detected, office.fix);
  // Someone zipped their data file: say which, so extracting it is the obvious next step.
  const files = entries
    .map((e) => e.name)
    .filter((n) => !n.endsWith('/') && !n.startsWith('__MACOSX/') && !/(^|\/)\.DS_Store$/.test(n));
  const shown = files.slice(0, 5).join(', ') + (files.length > 5 ? ', ...' : '');
  throw new EngineError(
    'DATASET_UNSUPPORTED_FORMAT',
    files.length === 0
      ? 'This is an empty zip archive, not a supported table format'
      : files.length === 1
        ? `This is a zip archive holding ${files[0]}: extract it and upload the file`
        : `This is a zip archive holding ${files.length} files (${shown}): extract it and upload the file you want`,
    { detected: 'zip', entries: files.slice(0, 20) },
  );
}

/**
 * Office documents other than .xlsx, by their parts. OpenDocument names its kind in the
 * `mimetype` entry, which its spec stores first and uncompressed: it is in the head bytes.
 */
function officeKind(
  names: Set<string>,
  head: Buffer,
): { what: string; detected: string; fix: string } | undefined {
  const odf = /application\/vnd\.oasis\.opendocument\.([a-z-]+)/.exec(head.toString('latin1'))?.[1];
  if (names.has('mimetype') && odf) {
    if (odf.startsWith('spreadsheet'))
      return { what: 'an OpenDocument spreadsheet (.ods)', detected: 'ods', fix: SAVE_AS_XLSX };
    return {
      what: `an OpenDocument ${odf.replace(/-.*/, '')} document`,
      detected: `odf-${odf}`,
      fix: UPLOAD_A_TABLE,
    };
  }
  if (names.has('word/document.xml'))
    return { what: 'a Word document (.docx)', detected: 'docx', fix: UPLOAD_A_TABLE };
  if (names.has('ppt/presentation.xml'))
    return { what: 'a PowerPoint presentation (.pptx)', detected: 'pptx', fix: UPLOAD_A_TABLE };
  return undefined;
}

function stripGz(fileName: string | undefined): string | undefined {
  return fileName?.replace(/\.gz$/i, '');
}

function textKind(head: Buffer, truncated: boolean, fileName: string | undefined): DataFormat {
  const { encoding } = detectEncoding(head, truncated);
  const text = decodeSample(head, encoding).replace(/^\uFEFF/, '');
  if (looksBinary(text)) throw new EngineError('DATASET_BINARY', 'The file holds binary data, not text');
  const trimmed = text.trimStart();
  if (trimmed.length === 0) throw new EngineError('DATASET_EMPTY', 'The file holds only whitespace');
  const markup = trimmed[0] === '<' ? markupKind(trimmed) : undefined;
  if (markup) throw unsupported(markup.what, markup.detected, SAVE_AS_XLSX);
  if (trimmed[0] === '[') return 'json';
  if (trimmed[0] !== '{') return 'csv';
  const nl = trimmed.indexOf('\n');
  // One object on one line (longer than the sample, or the whole file: `json.dumps` and
  // pandas' `to_json` write one line, an editor or `echo` a line end after it): only the
  // extension can tell NDJSON from JSON. Read as JSON, a table laid out by columns is one.
  if (nl < 0 || (!truncated && trimmed.slice(nl).trim() === '')) {
    const ext = path.extname(fileName ?? '').toLowerCase();
    return ext === '.ndjson' || ext === '.jsonl' ? 'ndjson' : 'json';
  }
  return lineIsJson(trimmed.slice(0, nl)) ? 'ndjson' : 'json';
}

const SAVE_AS_XLSX = 'open it in Excel or LibreOffice and save it as .xlsx or CSV';
/** For documents that hold no table to save: what to send instead. */
const UPLOAD_A_TABLE = 'upload a spreadsheet (.xlsx) or CSV file';

const unsupported = (what: string, detected: string, fix: string) =>
  new EngineError('DATASET_UNSUPPORTED_FORMAT', `This is ${what}, not a supported table format: ${fix}`, {
    detected,
  });

/**
 * Markup that Excel opens but is no CSV: a web page's table saved under an .xls name (what many
 * web apps export as "Excel"), and Excel 2003's XML spreadsheet. Read as CSV they give one
 * column named `<?xml version="1.0"?>`, or rows of tags. Only the start decides (a CSV whose
 * values hold tags starts with its header), and other XML is refused as well.
 */
function markupKind(text: string): { what: string; detected: string } | undefined {
  const start = text.slice(0, 4096);
  if (/^<\?xml\b/i.test(start)) {
    if (/progid="Excel\.Sheet"|urn:schemas-microsoft-com:office:spreadsheet/i.test(start))
      return { what: 'an Excel 2003 XML spreadsheet (SpreadsheetML)', detected: 'spreadsheetml' };
    if (!/<html\b/i.test(start)) return { what: 'an XML document', detected: 'xml' };
  }
  if (
    /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|table|meta)\b/i.test(
      start,
    )
  )
    return { what: 'a web page (an HTML table, often saved as .xls)', detected: 'html' };
  return undefined;
}

function lineIsJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
