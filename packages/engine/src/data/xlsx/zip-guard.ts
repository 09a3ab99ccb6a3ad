import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { EngineError } from '../../errors.ts';
import { readZipDirectory, type ZipEntry } from './zip-directory.ts';

export interface ZipLimits {
  /** Sum of all entries once expanded; default 1 GiB. */
  maxUncompressedBytes: number;
  /** Expansion ratio above which a large entry is refused; default 200 (real sheets: 5–30). */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxUncompressedBytes: 1024 ** 3, maxRatio: 200 };

/** Entries smaller than this may have any ratio (a tiny XML part of zeros compresses 1000:1). */
const RATIO_FLOOR = 8 * 1024 * 1024;

export interface InspectedZip {
  entries: ZipEntry[];
  /** Text of the small parts we need before parsing (workbook, relationships). */
  texts: Map<string, string>;
  /**
   * `<mergeCell ref>`, `<dimension ref>`, the distinct Excel error values (`#DIV/0!`) and the
   * columns (letters) holding formulas that computed TRUE or FALSE, of each worksheet part,
   * read while verifying it.
   */
  sheets: Map<string, SheetScan>;
}

export interface SheetScan {
  merges: string[];
  dimension?: string;
  errors: Set<string>;
  booleanFormulas: Set<string>;
}

const bomb = (message: string, details: Record<string, unknown>) =>
  new EngineError('DATASET_ZIP_BOMB', message, details);

/**
 * Refuses a zip bomb before any parser sees it. First the central directory: the declared
 * total and each large entry's ratio must stay within limits. Then, because declared sizes
 * can lie, every entry is inflated once with a byte counter that stops at the declared size
 * (and at the total limit), so a lying archive is caught after at most that many bytes.
 * The same pass keeps the workbook parts' text and each sheet's merged ranges.
 */
export async function inspectZip(
  filePath: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<InspectedZip> {
  const entries = await readZipDirectory(filePath);
  let declared = 0;
  for (const e of entries) {
    declared += e.uncompressedSize;
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > RATIO_FLOOR && ratio > limits.maxRatio) {
      throw bomb(`"${e.name}" would expand ${Math.round(ratio)}-fold`, {
        entry: e.name,
        ratio: Math.round(ratio),
      });
    }
  }
  if (declared > limits.maxUncompressedBytes) {
    throw bomb(`The archive would expand to ${declared} bytes`, {
      declared,
      limit: limits.maxUncompressedBytes,
    });
  }
  const out: InspectedZip = { entries, texts: new Map(), sheets: new Map() };
  const fh = await fs.open(filePath, 'r');
  let total = 0;
  try {
    for (const e of entries) {
      if (e.name.endsWith('/')) continue;
      const start = await dataStart(fh, e);
      const keepText =
        /^xl\/workbook\.xml$|^xl\/_rels\/workbook\.xml\.rels$/.test(e.name) &&
        e.uncompressedSize < 8 * 1024 * 1024;
      const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(e.name);
      const seen = await inflateEntry(filePath, e, start, {
        budget: Math.min(e.uncompressedSize, limits.maxUncompressedBytes - total),
        onText: keepText || isSheet ? collector(out, e.name, keepText, isSheet) : undefined,
      });
      total += seen;
    }
  } finally {
    await fh.close();
  }
  return out;
}

async function dataStart(fh: fs.FileHandle, e: ZipEntry): Promise<number> {
  const header = Buffer.alloc(30);
  await fh.read(header, 0, 30, e.localHeaderOffset);
  if (header.readUInt32LE(0) !== 0x04034b50) {
    throw new EngineError('DATASET_PARSE_ERROR', 'The zip archive is corrupt: bad local header', {
      reason: 'zip',
    });
  }
  return e.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

async function inflateEntry(
  filePath: string,
  e: ZipEntry,
  start: number,
  opts: { budget: number; onText?: (s: string) => void },
): Promise<number> {
  if (e.method !== 0 && e.method !== 8) {
    throw new EngineError(
      'DATASET_UNSUPPORTED_FORMAT',
      `Zip compression method ${e.method} is not supported`,
    );
  }
  if (e.compressedSize === 0) return 0;
  const raw = createReadStream(filePath, {
    start,
    end: start + e.compressedSize - 1,
    highWaterMark: 256 * 1024,
  });
  const stream = e.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  let seen = 0;
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const part of stream) {
      const b = part as Buffer;
      seen += b.length;
      if (seen > opts.budget) {
        throw bomb(`"${e.name}" expands beyond its declared size or the archive limit`, {
          entry: e.name,
          declared: e.uncompressedSize,
        });
      }
      opts.onText?.(decoder.decode(b, { stream: true }));
    }
  } catch (err) {
    if (err instanceof EngineError) throw err;
    throw new EngineError('DATASET_PARSE_ERROR', `The zip entry "${e.name}" is corrupt`, { reason: 'zip' });
  } finally {
    raw.destroy();
  }
  return seen;
}

/**
 * A saved Excel error value. exceljs parses the one of a formula cell to NaN, so the text the
 * user saw is read here; a string that merely looks like one counts too (examples only).
 */
const ERROR_VALUE =
  /<v>(#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!))<\/v>/g;
const MAX_ERROR_TEXTS = 20;
/**
 * A formula cell whose saved result is a boolean (`t="b"`). exceljs's streaming reader parses
 * that result as the number 1 or 0, so the column is found here.
 */
const BOOLEAN_FORMULA = /<c r="([A-Z]{1,3})\d+"(?: [^>]*)? t="b"[^>]*><f[ >/]/g;

/** Keeps whole small parts; for sheets, scans for merge/dimension tags and error values across chunk edges. */
function collector(out: InspectedZip, name: string, keepText: boolean, isSheet: boolean) {
  let carry = '';
  // Error values and boolean formula columns are collected into sets, so their tail may be
  // seen twice: a plain tail is enough.
  let errorCarry = '';
  const sheet: SheetScan = { merges: [], errors: new Set(), booleanFormulas: new Set() };
  if (isSheet) out.sheets.set(name, sheet);
  return (s: string) => {
    if (keepText) out.texts.set(name, (out.texts.get(name) ?? '') + s);
    if (!isSheet) return;
    const text = carry + s;
    for (const m of text.matchAll(/<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g)) {
      if (sheet.merges.length < 10_000) sheet.merges.push(m[1]);
    }
    if (!sheet.dimension) sheet.dimension = /<(?:\w+:)?dimension\s+ref="([A-Z0-9:]+)"/.exec(text)?.[1];
    const values = errorCarry + s;
    for (const m of values.matchAll(ERROR_VALUE)) {
      if (sheet.errors.size < MAX_ERROR_TEXTS) sheet.errors.add(m[1]);
    }
    for (const m of values.matchAll(BOOLEAN_FORMULA)) sheet.booleanFormulas.add(m[1]);
    errorCarry = values.slice(-64);
    // A tag is < 200 chars: keep the tail so one cut in half is seen whole next time, but
    // drop it once matched so it is not counted twice.
    const lastClose = text.lastIndexOf('>');
    carry = text.slice(Math.max(lastClose + 1, text.length - 200));
  };
}
