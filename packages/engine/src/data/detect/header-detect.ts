export type FieldKind = 'empty' | 'number' | 'date' | 'text';

const NUMBER = /^[+-]?[$€£¥]?\s?(\d[\d\s.,]*|[.,]\d+)\s?[%€]?$/;
/** A year, which may name a column (pivot tables: `country,2019,2020`). */
export const YEAR = /^(1[89]|20)\d\d$/;
const DATE = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})([T ][\d:.]+)?/;

/** What a raw field looks like, for comparing the shapes of records. */
export function kindOf(raw: string | undefined): FieldKind {
  const v = (raw ?? '').trim();
  if (v === '') return 'empty';
  if (DATE.test(v)) return 'date';
  if (NUMBER.test(v)) return 'number';
  return 'text';
}

/** Whether column `j` of `rows` is ≥ 80 % numbers or dates among its filled fields (and has some). */
export function typedColumn(rows: string[][], j: number): boolean {
  let typed = 0;
  let filled = 0;
  for (const r of rows) {
    const k = kindOf(r[j]);
    if (k === 'empty') continue;
    filled++;
    if (k === 'number' || k === 'date') typed++;
  }
  return filled > 0 && typed / filled >= 0.8;
}

/**
 * Decides whether the first record is a header.
 *
 * Strong evidence for: a column whose first value is text while ≥ 80 % of the values below
 * are numbers or dates. Strong evidence against: a first row made only of numbers or dates,
 * or at least half of it numbers (not years) over columns of numbers.
 * For all-text tables the first row counts as a header when its values are distinct, none
 * empty, and at least half of them never occur again in their column. With nothing to go on
 * (one record) it is a header, with low confidence, as in nearly every real export.
 */
export function detectHeader(records: string[][]): { header: boolean; confidence: number } {
  if (records.length < 2) return { header: true, confidence: 0.5 };
  const first = records[0];
  const rest = records.slice(1);
  const firstKinds = first.map(kindOf);
  if (firstKinds.every((k) => k === 'number' || k === 'date')) return { header: false, confidence: 0.9 };
  for (let j = 0; j < first.length; j++) {
    if (firstKinds[j] === 'text' && typedColumn(rest, j)) return { header: true, confidence: 0.95 };
  }
  // Most of the first row is numbers over columns of numbers: data (`1,2.5,a` over `2,5.0,b`).
  // Years do not count, since they head the columns of pivot tables (`country,2019,2020`).
  const numbersOverNumbers = first.filter(
    (v, j) => firstKinds[j] === 'number' && !YEAR.test(v.trim()) && typedColumn(rest, j),
  ).length;
  if (numbersOverNumbers > 0 && numbersOverNumbers * 2 >= first.length)
    return { header: false, confidence: 0.85 };
  const distinct = new Set(first.map((v) => v.trim())).size === first.length;
  const noneEmpty = firstKinds.every((k) => k !== 'empty');
  let unseen = 0;
  for (let j = 0; j < first.length; j++) {
    const v = first[j].trim();
    if (!rest.some((r) => (r[j] ?? '').trim() === v)) unseen++;
  }
  if (distinct && noneEmpty && unseen * 2 >= first.length) return { header: true, confidence: 0.8 };
  return { header: true, confidence: 0.4 };
}
