import { SURVEY_RESPONSE } from '../detect/sniff-text.ts';
import type { MergeRange } from './workbook-sheets.ts';

export interface HeaderRows {
  names: string[];
  /** How many sheet rows the header used (1 or 2). */
  rows: number;
}

/**
 * Column names from the first non-empty row, or from two rows when the first has a
 * horizontally merged cell (a group title over sub-columns): the group text is spread over
 * its merged columns and joined to the row below, giving `Sales 2024 / Q1`. A cell merged
 * down over both rows (`ID` in A1:A2) keeps its own name, and so does a question over
 * SurveyMonkey's `Response` (its export merges the question over its answer columns).
 */
export function headerFromRows(
  first: { row: number; cells: string[] },
  second: { row: number; cells: string[] } | undefined,
  merges: readonly MergeRange[],
): HeaderRows {
  const width = Math.max(first.cells.length, second?.cells.length ?? 0);
  const top = spread(first, merges, width);
  const grouped = merges.some((m) => m.top === first.row && m.bottom === first.row && m.right > m.left);
  if (!grouped || !second || second.row !== first.row + 1) return { names: top, rows: 1 };
  const names = top.map((t, j) => {
    const b = (second.cells[j] ?? '').trim();
    const a = t.trim();
    // SurveyMonkey's `Response` under a one-column question names nothing more.
    if (a && SURVEY_RESPONSE.has(b)) return a;
    return a && b && a !== b ? `${a} / ${b}` : a || b;
  });
  return { names, rows: 2 };
}

/** Row values with each merged range's top-left value copied into all its columns. */
function spread(
  row: { row: number; cells: string[] },
  merges: readonly MergeRange[],
  width: number,
): string[] {
  const out = Array.from({ length: width }, (_, j) => row.cells[j] ?? '');
  for (const m of merges) {
    if (m.top !== row.row || m.right <= m.left) continue;
    const value = out[m.left - 1] ?? '';
    for (let c = m.left; c <= Math.min(m.right, width); c++) out[c - 1] = value;
  }
  return out;
}
