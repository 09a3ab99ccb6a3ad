import { EngineError } from '../../errors.ts';
import type { InspectedZip } from './zip-guard.ts';

export interface SheetRef {
  name: string;
  /** Part path inside the zip, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
  /** `state="hidden"` or `"veryHidden"` in the workbook: not shown as a tab in Excel. */
  hidden: boolean;
}

const decodeXml = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

/** Sheets in workbook order, resolved to their parts through the workbook relationships. */
export function listSheets(zip: InspectedZip): SheetRef[] {
  const workbook = zip.texts.get('xl/workbook.xml') ?? '';
  const rels = zip.texts.get('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[1])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[1])?.[1];
    if (id && target)
      targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const sheets: SheetRef[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1])?.[1];
    const rid = /\br:id="([^"]+)"/.exec(m[1])?.[1] ?? /\bid="([^"]+)"/.exec(m[1])?.[1];
    const part = rid ? targets.get(rid) : undefined;
    const hidden = /\bstate="(?:hidden|veryHidden)"/.test(m[1]);
    if (name !== undefined && part) sheets.push({ name: decodeXml(name), part, hidden });
  }
  return sheets;
}

/**
 * The workbook counts dates from 1904 (`<workbookPr date1904="1"/>`, old Mac Excel). Read as
 * exceljs reads it (only `"1"`), so the serials of the dates it made can be recovered exactly.
 */
export function usesDate1904(zip: InspectedZip): boolean {
  const pr = /<(?:\w+:)?workbookPr\b([^>]*)>/.exec(zip.texts.get('xl/workbook.xml') ?? '')?.[1] ?? '';
  return /\bdate1904="1"/.test(pr);
}

/** The sheet the user asked for (name, or 1-based position), else the first one. */
export function pickSheet(sheets: SheetRef[], wanted: string | number | undefined): SheetRef {
  if (sheets.length === 0) throw new EngineError('DATASET_EMPTY', 'The workbook has no sheets');
  if (wanted === undefined) return sheets[0];
  const found =
    typeof wanted === 'number'
      ? sheets[wanted - 1]
      : (sheets.find((s) => s.name === wanted) ??
        sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase()));
  if (!found) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `No sheet ${JSON.stringify(wanted)}; the workbook has ${sheets.map((s) => JSON.stringify(s.name)).join(', ')}`,
      {
        option: 'sheet',
        sheets: sheets.map((s) => s.name),
      },
    );
  }
  return found;
}

/** `B12` → `{ row: 12, col: 2 }` (1-based). */
export function decodeCell(ref: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return { row: 0, col: 0 };
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

/** The 1-based number of a column's letters (`A` → 1, `AA` → 27). */
export function columnNumber(letters: string): number {
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col;
}

export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function decodeRange(ref: string): MergeRange {
  const [a, b] = ref.split(':');
  const s = decodeCell(a);
  const e = decodeCell(b ?? a);
  return { top: s.row, left: s.col, bottom: e.row, right: e.col };
}
