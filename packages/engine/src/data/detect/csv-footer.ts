import { open, stat } from 'node:fs/promises';
import { splitRecords } from './csv-records.ts';
import { type FieldKind, kindOf } from './header-detect.ts';
import { labelRowsOf } from './sniff-text.ts';
import { TOTAL_LABEL } from './total-label.ts';

/** Lines under a CSV table that are not rows of it, from the byte where they start. */
export interface CsvFooter {
  offset: number;
  /** Text under the table (a balance, a total line); may be none. */
  lines: string[];
  /** Rows of empty fields only (`;;;;`) at the end, as Excel writes for formatted empty rows. */
  emptyRows: number;
}

const TAIL_BYTES = 64 * 1024;
/** More lines than this under blank lines are a part of the table, not a footer. */
const MAX_FOOTER_LINES = 30;

/**
 * Finds what bank and accounting exports put under the table, in the last 64 KiB of a UTF-8
 * file: a block of lines after a blank line that are shaped unlike the rows above it
 * (`Kontostand alt;;;;1.000,00;EUR` under dated bookings), or a last line labelled as a
 * total (`Total;1234`). Rows after a blank line that look like the rows before it stay rows.
 */
export async function findCsvFooter(
  path: string,
  dialect: {
    delimiter: string;
    quote: string;
    escape: string;
    skipRows: number;
    header: boolean;
    /** The header's fields (or the first row's), and how many empty ones follow them in every line. */
    firstRecord: string[];
    trailingEmpty: number;
    /** A row of labels under the header (no row of the table). */
    labels?: string[];
    /** How many rows under the header are labels (see TextSniff). */
    labelRows?: number;
  },
): Promise<CsvFooter | null> {
  const size = (await stat(path)).size;
  const start = Math.max(0, size - TAIL_BYTES);
  const handle = await open(path, 'r');
  const buf = Buffer.alloc(size - start);
  try {
    await handle.read(buf, 0, buf.length, start);
  } finally {
    await handle.close();
  }
  // Title lines and the header are no rows to compare with (seen when the tail is the file).
  const lines = tailLines(buf, start, start > 0).slice(
    start > 0 ? 0 : dialect.skipRows + (dialect.header ? 1 : 0) + labelRowsOf(dialect),
  );
  const fields = (text: string) =>
    splitRecords(text, dialect.delimiter, dialect.quote, {
      maxRecords: 1,
      atEof: true,
      escape: dialect.escape,
    }).records[0] ?? [];
  // Blank lines (which the reader skips) and rows of empty fields (which it would keep).
  let emptyRows = 0;
  let firstEmpty: number | undefined;
  for (;;) {
    const last = lines[lines.length - 1];
    if (!last) break;
    const f = last.text.trim() === '' ? [] : fields(last.text);
    if (f.length === 1 || f.some((x) => x.trim() !== '')) break;
    if (f.length > 1) [emptyRows, firstEmpty] = [emptyRows + 1, last.offset];
    lines.pop();
  }
  const cut = (found: { offset: number; lines: string[] } | null): CsvFooter | null =>
    found
      ? { ...found, emptyRows }
      : firstEmpty === undefined
        ? null
        : { offset: firstEmpty, lines: [], emptyRows };
  if (lines.length < 2) return cut(null);
  // A blank line, or one of empty fields (`,,,,`: a blank row of a sheet saved as CSV).
  const isBlank = (text: string) => {
    if (text.trim() === '') return true;
    // Only delimiters, quotes and spaces can make one (most lines are told without a split).
    for (const ch of text)
      if (ch !== dialect.delimiter && ch !== dialect.quote && ch.trim() !== '') return false;
    // Not a line that does not split (inside a quoted field that spans lines).
    const f = fields(text);
    return f.length > 1 && f.every((x) => x.trim() === '');
  };
  const blank = lines.map((l) => isBlank(l.text));
  const width = dialect.firstRecord.length + dialect.trailingEmpty;
  // A row of the table: as many fields as the header (the empty ones at the end may be left off).
  const tableShaped = (f: string[]) => f.length >= dialect.firstRecord.length && f.length <= width;
  // Whether the lines after blank line `b` are no rows of the table: each unlike the rows just
  // above `b`, or of another width (notes, footnotes, rules of `***`), and each whole (an even
  // count of quotes: no part of a quoted value that spans lines).
  const notRowsAfter = (b: number, until: number) => {
    const rows: string[][] = [];
    for (let i = b - 1; i >= 0 && rows.length < 5; i--) {
      const f = blank[i] ? [] : fields(lines[i].text);
      if (f.length > 1 && tableShaped(f)) rows.push(f);
    }
    // In a file of one column a blank line is an empty value, not the end of the table.
    if (rows.length === 0 || width < 2) return false;
    for (let i = b + 1; i < until; i++) {
      if (blank[i]) continue;
      const text = lines[i].text;
      if ((text.split(dialect.quote).length - 1) % 2 !== 0) return false;
      const f = fields(text);
      if (tableShaped(f) && !unlike(f, rows)) return false;
    }
    return true;
  };
  // From the last blank line back to earlier ones while the lines after them are no rows: notes
  // under the table may come in blocks (footnotes, a source, a creation date).
  let footer: number | undefined;
  // Lines that are not blank after `b`.
  let after = 0;
  for (let b = lines.length - 1; b > 0; b--) {
    if (!blank[b]) {
      after++;
      continue;
    }
    if (after === 0) continue;
    if (after > MAX_FOOTER_LINES || !notRowsAfter(b, footer ?? lines.length)) break;
    footer = b;
  }
  if (footer !== undefined) {
    let top = footer;
    while (top > 0 && blank[top - 1]) top--;
    // A total row closing the table above the notes (`Total,120,522` / blank / `Source: ...`).
    const total = top > 0 && isTotal(lines[top - 1].text) ? [lines[top - 1]] : [];
    const notes = lines.slice(footer + 1).filter((_, i) => !blank[footer + 1 + i]);
    const first = total[0] ?? lines[footer + 1];
    return cut({ offset: first.offset, lines: [...total, ...notes].map((l) => l.text) });
  }
  const last = lines[lines.length - 1];
  return cut(isTotal(last.text) ? { offset: last.offset, lines: [last.text] } : null);

  function isTotal(text: string): boolean {
    const label = fields(text).find((f) => f.trim() !== '') ?? '';
    return TOTAL_LABEL.test(label.trim());
  }
}

/** Lines of the tail with their byte offsets in the file; a first line cut by the window is dropped. */
function tailLines(buf: Buffer, start: number, cut: boolean): { offset: number; text: string }[] {
  const out: { offset: number; text: string }[] = [];
  let from = 0;
  if (cut) {
    const nl = buf.indexOf(0x0a);
    if (nl < 0) return out;
    from = nl + 1;
  }
  while (from < buf.length) {
    const nl = buf.indexOf(0x0a, from);
    const end = nl < 0 ? buf.length : nl;
    out.push({ offset: start + from, text: buf.toString('utf8', from, end).replace(/\r$/, '') });
    from = end + 1;
  }
  return out;
}

/**
 * A line unlike every row above: another first-field kind (text under dates), or mostly empty
 * where none of them is that empty (`Summe;;;;4.055,34;EUR` under rows of names).
 */
function unlike(line: string[], rows: string[][]): boolean {
  const empties = (r: string[]) => r.filter((f) => f.trim() === '').length;
  const firstKinds = new Set<FieldKind>(rows.map((r) => kindOf(r[0])));
  const mostEmpty = Math.max(...rows.map(empties));
  return !firstKinds.has(kindOf(line[0])) || (empties(line) > mostEmpty && empties(line) * 2 >= line.length);
}
