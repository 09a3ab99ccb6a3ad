import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import type ExcelJS from 'exceljs';
import { EngineError } from '../../errors.ts';
import { csvLine } from '../csv-line.ts';
import { TOTAL_LABEL } from '../detect/total-label.ts';
import type { IngestWarning } from '../types.ts';
import { type CellText, cellText, type DurationUnit, dateFormatKind, isFormula } from './cell-text.ts';
import { loadExcelJs } from './load-exceljs.ts';
import {
  columnNumber,
  decodeRange,
  listSheets,
  pickSheet,
  type SheetRef,
  usesDate1904,
} from './workbook-sheets.ts';
import { headerFromRows } from './xlsx-header.ts';
import { DEFAULT_ZIP_LIMITS, type InspectedZip, inspectZip, type ZipLimits } from './zip-guard.ts';

export interface XlsxLimits extends ZipLimits {
  maxRows: number;
  maxColumns: number;
}

/** Excel's own maxima (1,048,576 rows, 16,384 columns) bound a sheet anyway. */
export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  ...DEFAULT_ZIP_LIMITS,
  maxRows: 1_048_576,
  maxColumns: 16_384,
};

export interface XlsxConversion {
  sheet: string;
  rows: number;
  columns: number;
  warnings: IngestWarning[];
}

/** Rows buffered after the header to learn the table's width before writing. */
const WIDTH_PROBE_ROWS = 100;

/**
 * Streams one sheet of an .xlsx to a UTF-8 CSV (header first) that the CSV path then ingests.
 * The archive is checked for zip bombs before exceljs touches it; cells become text as
 * Excel shows them in essence: formulas give their cached result, dates ISO 8601, times of
 * day `14:30:00`, durations (`[h]:mm`) a number of hours (minutes, seconds), errors (`#DIV/0!`) empty. Empty rows are dropped and counted.
 */
export async function xlsxToCsv(input: string, output: string, opts: XlsxOptions): Promise<XlsxConversion> {
  const limits = opts.limits ?? DEFAULT_XLSX_LIMITS;
  const zip = await inspectZip(input, limits);
  const sheets = listSheets(zip);
  const first = pickSheet(sheets, opts.sheet);
  const convert = (sheet: SheetRef) => convertSheet(input, output, zip, sheet, { ...opts, limits });
  if (opts.sheet !== undefined) return convert(first);
  // Unasked, hidden sheets are passed over: they hold what the author keeps out of sight (the
  // code list behind a dropdown, a macro's scratch space), not the table the user sees first.
  // Asked for by name or number, a hidden sheet is read like any other.
  const visible = sheets.filter((s) => !s.hidden);
  const candidates = visible.length > 0 ? visible : sheets;
  const start = candidates[0];
  const warned = (c: XlsxConversion, sheet: SheetRef, empty?: SheetRef): XlsxConversion => {
    const skipped = sheetSkipped(sheets, candidates, sheet, empty);
    return skipped ? { ...c, warnings: [skipped, ...c.warnings] } : c;
  };
  // The first of those is read; when it holds no table (a cover or notes page), the first
  // sheet that does, with a warning naming both.
  const own: XlsxConversion | Error = await convert(start).catch((e: unknown) =>
    e instanceof Error ? e : new Error(String(e)),
  );
  if (!(own instanceof Error) && !noTable(own)) return warned(own, start);
  for (const sheet of candidates) {
    if (sheet === start) continue;
    const other = await convert(sheet).catch(() => undefined);
    if (!other || noTable(other)) continue;
    return warned(other, sheet, start);
  }
  if (own instanceof Error) throw own;
  // The CSV of the first sheet is what the output holds again.
  return warned(await convert(start), start);
}

/**
 * XLSX_SHEET_SKIPPED when the sheet read is not the workbook's first: hidden sheets before it
 * were passed over, and/or the first visible sheet (`empty`) held no table.
 */
function sheetSkipped(
  sheets: SheetRef[],
  candidates: SheetRef[],
  read: SheetRef,
  empty: SheetRef | undefined,
): IngestWarning | undefined {
  const hidden = sheets.slice(0, sheets.indexOf(read)).filter((s) => !candidates.includes(s));
  if (!empty && hidden.length === 0) return undefined;
  const names = (list: SheetRef[]) => list.map((s) => JSON.stringify(s.name)).join(', ');
  const reasons: string[] = [];
  if (hidden.length > 0)
    reasons.push(
      `the hidden sheet${hidden.length > 1 ? 's' : ''} ${names(hidden)} ${hidden.length > 1 ? 'were' : 'was'} skipped`,
    );
  if (empty)
    reasons.push(`the first ${hidden.length > 0 ? 'visible ' : ''}sheet ${names([empty])} holds no table`);
  const message = reasons.join(' and ');
  return {
    code: 'XLSX_SHEET_SKIPPED',
    message: `${message[0].toUpperCase()}${message.slice(1)}; sheet ${names([read])} was read (choose another with the sheet option)`,
    details: {
      // The sheet a plain "first sheet" rule would have read.
      skipped: sheets[0].name,
      sheet: read.name,
      sheets: sheets.map((x) => x.name),
      hidden: hidden.map((s) => s.name),
      ...(empty ? { empty: empty.name } : {}),
    },
  };
}

/** No data rows, or a few lines of one column: notes rather than a table. */
function noTable(c: XlsxConversion): boolean {
  return c.rows === 0 || (c.columns <= 1 && c.rows <= MAX_TITLE_ROWS);
}

interface XlsxOptions {
  sheet?: string | number;
  skipRows?: number;
  signal?: AbortSignal;
  limits?: XlsxLimits;
  onFraction?: (f: number) => void;
}

async function convertSheet(
  input: string,
  output: string,
  zip: InspectedZip,
  sheet: SheetRef,
  opts: XlsxOptions & { limits: XlsxLimits },
): Promise<XlsxConversion> {
  const limits = opts.limits;
  const date1904 = usesDate1904(zip);
  const merges = (zip.sheets.get(sheet.part)?.merges ?? []).map(decodeRange);
  const booleanFormulas = new Set([...(zip.sheets.get(sheet.part)?.booleanFormulas ?? [])].map(columnNumber));
  const sheetNo = /sheet(\d+)\.xml$/.exec(sheet.part)?.[1];
  const totalBytes = zip.entries.reduce((a, e) => a + e.compressedSize, 0);
  let bytes = 0;
  const source = createReadStream(input);
  source.on('data', (b) => {
    bytes += b.length;
    opts.onFraction?.(Math.min(1, bytes / Math.max(1, totalBytes)));
  });
  const reader = new (loadExcelJs().stream.xlsx.WorkbookReader)(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const out = createWriteStream(output);
  const counts: CellText['counts'] = { formulaNoResult: 0, errors: 0, errorTexts: new Set() };
  const durations: ColumnDurations = new Map();
  const state = {
    rows: 0,
    emptyRows: 0,
    dropped: 0,
    width: 0,
    left: 0,
    skipped: 0,
    titles: [] as string[],
    total: '',
    header: [] as string[],
  };
  let found = false;
  try {
    for await (const ws of reader) {
      if (String((ws as unknown as { id: string | number }).id) !== sheetNo) continue;
      found = true;
      const pending: { row: number; cells: string[] }[] = [];
      let header: string[] | undefined;
      for await (const row of ws) {
        if (opts.signal?.aborted) throw new EngineError('CANCELLED');
        const cells = rowCells(row, { counts, durations, date1904, booleanFormulas }, limits.maxColumns);
        if (cells.every((c) => c === '')) {
          if (header || pending.length > 0) state.emptyRows++;
          continue;
        }
        if (state.skipped < (opts.skipRows ?? 0)) {
          state.skipped++;
          continue;
        }
        pending.push({ row: row.number, cells });
        if (!header) {
          // A report's title lines above the table ("Quarterly sales report", a date): rows
          // with one filled cell before the first row with several.
          const wide = pending.findIndex((p) => filled(p.cells) >= 2);
          if (wide < 0 && pending.length <= MAX_TITLE_ROWS) continue;
          if (wide > 0 && wide <= MAX_TITLE_ROWS) {
            state.titles.push(...pending.slice(0, wide).map((p) => p.cells.find((c) => c !== '') ?? ''));
            pending.splice(0, wide);
            state.emptyRows = 0;
          }
        }
        if (!header && pending.length >= 2) {
          const h = headerFromRows(pending[0], pending[1], merges);
          header = h.names;
          pending.splice(0, h.rows);
        }
        if (header && pending.length >= WIDTH_PROBE_ROWS)
          await flush(out, header, pending, state, limits, false);
      }
      if (!header && pending.length > 0) {
        const h = headerFromRows(pending[0], undefined, merges);
        header = h.names;
        pending.splice(0, h.rows);
      }
      if (!header) throw new EngineError('DATASET_EMPTY', `The sheet "${sheet.name}" is empty`);
      state.header = header;
      await flush(out, header, pending, state, limits, true);
      break;
    }
  } finally {
    source.destroy();
    await new Promise<void>((resolve) => out.end(resolve));
  }
  if (!found)
    throw new EngineError('DATASET_PARSE_ERROR', `The sheet "${sheet.name}" could not be read`, {
      reason: 'xlsx',
    });
  return {
    sheet: sheet.name,
    rows: state.rows,
    columns: state.width - state.left,
    warnings: [
      ...conversionWarnings(counts, state, [
        ...new Set([...(zip.sheets.get(sheet.part)?.errors ?? []), ...counts.errorTexts]),
      ]),
      ...durationWarnings(durations, state),
    ],
  };
}

/** Sheet column (1-based) → the unit (and format) of the durations read from it as numbers. */
type ColumnDurations = Map<number, { unit: DurationUnit; format: string }>;

interface RowContext {
  counts: CellText['counts'];
  durations: ColumnDurations;
  date1904: boolean;
  /** Sheet columns (1-based) with formulas that computed TRUE or FALSE (see zip-guard.ts). */
  booleanFormulas: Set<number>;
}

function rowCells(row: ExcelJS.Row, ctx: RowContext, maxColumns: number): string[] {
  const values = row.values as unknown[];
  if (values.length - 1 > maxColumns) {
    throw new EngineError(
      'DATASET_TOO_MANY_COLUMNS',
      `Row ${row.number} has more than ${maxColumns} columns`,
    );
  }
  const cells: string[] = [];
  for (let c = 1; c < values.length; c++) {
    const raw = values[c];
    // Only numbers and dates look at their format (a style lookup per cell): currency,
    // percent, time of day and durations.
    const cell =
      typeof raw === 'number' || raw instanceof Date || isFormula(raw) ? row.getCell(c) : undefined;
    const v = cell && isFormula(raw) ? withSavedResult(raw, cell, ctx.booleanFormulas.has(c)) : raw;
    const numFmt = cell?.numFmt;
    const text = cellText(v, ctx.counts, { numFmt, date1904: ctx.date1904 });
    if (numFmt && text !== '' && !ctx.durations.has(c)) {
      const kind = dateFormatKind(numFmt);
      if (kind === 'hours' || kind === 'minutes' || kind === 'seconds')
        ctx.durations.set(c, { unit: kind, format: numFmt });
    }
    cells.push(text);
  }
  return cells;
}

/**
 * exceljs's formula value drops a falsy saved result: a formula that computed 0 (or FALSE, or
 * an error, which its reader parses to NaN) would look as if it had none. The cell's model
 * keeps the result as read; a TRUE or FALSE it read as 1 or 0, in a column of `booleans`.
 */
function withSavedResult(value: unknown, cell: ExcelJS.Cell, booleans: boolean): unknown {
  const result = (cell.model as { result?: unknown }).result;
  if (result === undefined) return value;
  return { ...(value as object), result: booleans && (result === 0 || result === 1) ? result === 1 : result };
}

async function flush(
  out: WriteStream,
  header: string[],
  pending: { row: number; cells: string[] }[],
  state: { rows: number; dropped: number; width: number; left: number; total: string },
  limits: XlsxLimits,
  final: boolean,
): Promise<void> {
  // The last row is held back until the end: a "Total" line under the table is not data.
  const held = final ? undefined : pending.pop();
  if (final) {
    const last = pending[pending.length - 1];
    const first = last?.cells.find((c) => c !== '') ?? '';
    // Not when it is the sheet's only row (rows already written count: the held row may be alone here).
    if (last && (pending.length > 1 || state.rows > 0) && TOTAL_LABEL.test(first.trim())) {
      state.total = first.trim();
      pending.pop();
    }
  }
  if (state.width === 0) {
    // Width: the header or the widest of the first data rows, whichever is wider.
    state.width = Math.max(header.length, ...pending.map((p) => p.cells.length));
    state.left = marginColumns(header, pending, state.width);
    await write(out, csvLine(tableCells(header, state)));
  }
  for (const p of pending) {
    if (++state.rows > limits.maxRows) {
      throw new EngineError('DATASET_TOO_LARGE', `The sheet has more than ${limits.maxRows} rows`, {
        limit: limits.maxRows,
      });
    }
    for (let j = 0; j < p.cells.length; j++) {
      if ((j < state.left || j >= state.width) && p.cells[j] !== '') state.dropped++;
    }
    const line = tableCells(p.cells, state);
    // A note in the margin ("Source: ...") under or beside the table is not a row of it.
    if (state.left > 0 && filled(line) === 0) {
      state.rows--;
      continue;
    }
    await write(out, csvLine(line));
  }
  pending.length = 0;
  if (held) pending.push(held);
}

/** A row's cells within the table's columns, `left` up to `width` (missing ones empty). */
function tableCells(cells: string[], table: { width: number; left: number }): string[] {
  return Array.from({ length: table.width - table.left }, (_, j) => cells[table.left + j] ?? '');
}

const MAX_TITLE_ROWS = 5;

/**
 * Empty columns left of a table placed at C3 rather than A1: those left of its header, unless
 * one of the first rows has cells both there and in the table (row labels under a pivot-style
 * header whose first cell is empty). Rows only in the margin are notes ("Source: ...").
 */
function marginColumns(header: string[], rows: { cells: string[] }[], width: number): number {
  const left = Math.min(leadingEmpty(header), width);
  if (left === 0 || left >= width) return 0;
  const labelled = rows.some((r) => leadingEmpty(r.cells) < left && filled(r.cells.slice(left)) > 0);
  return labelled ? 0 : left;
}

function leadingEmpty(cells: string[]): number {
  const i = cells.findIndex((c) => c !== '');
  return i < 0 ? Number.POSITIVE_INFINITY : i;
}

function filled(cells: string[]): number {
  let n = 0;
  for (const c of cells) if (c !== '') n++;
  return n;
}

function write(out: WriteStream, text: string): Promise<void> | undefined {
  if (out.write(text)) return undefined;
  return new Promise((resolve) => out.once('drain', resolve));
}

/** The unit of a duration read as a number is not in the data: say it per column. */
function durationWarnings(
  durations: ColumnDurations,
  state: { header: string[]; left: number; width: number },
): IngestWarning[] {
  const columns = [...durations]
    .filter(([c]) => c - 1 >= state.left && c - 1 < state.width)
    .sort(([a], [b]) => a - b)
    .map(([c, d]) => ({ column: state.header[c - 1] || `column_${c - state.left}`, ...d }));
  if (columns.length === 0) return [];
  const list = columns.map((d) => `"${d.column.slice(0, 40)}" in ${d.unit}`).join(', ');
  return [
    {
      code: 'XLSX_DURATIONS_AS_NUMBERS',
      message: `Durations (elapsed-time formats such as [h]:mm) were read as numbers: ${list}`,
      details: { columns },
    },
  ];
}

function conversionWarnings(
  counts: CellText['counts'],
  state: { emptyRows: number; dropped: number; titles: string[]; total: string },
  errorTexts: string[],
): IngestWarning[] {
  const w: IngestWarning[] = [];
  if (state.titles.length > 0) {
    w.push({
      code: 'XLSX_TITLE_ROWS_SKIPPED',
      message: `${state.titles.length} title row(s) above the table were skipped ("${state.titles[0].slice(0, 80)}")`,
      details: { titles: state.titles.map((t) => t.slice(0, 200)) },
    });
  }
  if (state.total) {
    w.push({
      code: 'XLSX_TOTAL_ROW_SKIPPED',
      message: `The "${state.total.slice(0, 40)}" row under the table was left out (it sums the rows above)`,
      details: { label: state.total.slice(0, 200) },
    });
  }
  if (counts.formulaNoResult > 0) {
    w.push({
      code: 'XLSX_FORMULA_WITHOUT_RESULT',
      message: `${counts.formulaNoResult} formula cells had no saved result and are empty (open and save the file in Excel to compute them)`,
      details: { count: counts.formulaNoResult },
    });
  }
  if (counts.errors > 0) {
    const one = counts.errors === 1;
    const shown = errorTexts.length > 0 ? ` (${errorTexts.slice(0, 5).join(', ')})` : '';
    w.push({
      code: 'XLSX_ERROR_CELLS',
      message: `${counts.errors} ${one ? 'cell holds an Excel error' : 'cells hold Excel errors'}${shown} and ${one ? 'is' : 'are'} empty (missing values)`,
      details: { count: counts.errors, examples: errorTexts },
    });
  }
  if (state.dropped > 0) {
    w.push({
      code: 'XLSX_CELLS_DROPPED',
      message: `${state.dropped} cells outside the table (right of it, or in the margin left of it) were ignored`,
      details: { count: state.dropped },
    });
  }
  if (state.emptyRows > 0) {
    w.push({
      code: 'XLSX_EMPTY_ROWS_SKIPPED',
      message: `${state.emptyRows} empty rows were skipped`,
      details: { count: state.emptyRows },
    });
  }
  return w;
}
