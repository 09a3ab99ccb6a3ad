export interface CellText {
  /** `errorTexts`: the distinct error values of error cells that are not formulas. */
  counts: { formulaNoResult: number; errors: number; errorTexts: Set<string> };
}

/**
 * One exceljs cell value as the text the CSV path will re-type: numbers in JS notation (with
 * the symbol of a currency format, `$9.99`, or as a percentage under a percent format, `12.5%`,
 * so inference sees what the sheet shows), dates as ISO 8601 (date only when the time is
 * midnight), booleans as `true`/`false`, formulas as their cached result, rich text and
 * hyperlinks as their text.
 */
export function cellText(value: unknown, counts: CellText['counts'], numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return numFmt ? formattedNumber(value, numFmt) : String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (isFormula(v)) {
      if (v.result === undefined || v.result === null) {
        counts.formulaNoResult++;
        return '';
      }
      // The streaming reader turns a cached error result (`#DIV/0!`) into NaN.
      if (typeof v.result === 'number' && Number.isNaN(v.result)) {
        counts.errors++;
        return '';
      }
      return cellText(v.result, counts, numFmt);
    }
    if ('error' in v) {
      counts.errors++;
      if (typeof v.error === 'string' && counts.errorTexts.size < 20) counts.errorTexts.add(v.error);
      return '';
    }
    if (Array.isArray(v.richText)) return v.richText.map((r: { text?: string }) => r.text ?? '').join('');
    if ('text' in v) return cellText(v.text, counts);
    if ('hyperlink' in v) return String(v.hyperlink);
  }
  return String(value);
}

/**
 * A number under a percent format as `12.5%`, under a currency format with its symbol
 * (`-$5.5`), else as is. Only the format's first section (positive numbers) is read. A quoted
 * `"%"` is literal text (Excel does not scale it); a symbol counts quoted (`"$"#,##0.00`) or in
 * a currency tag (`[$€-407]`), never in a locale tag (`[$-409]`).
 */
function formattedNumber(value: number, numFmt: string): string {
  const first = numFmt.split(';')[0];
  const bare = first.replace(/"[^"]*"/g, '');
  if (bare.includes('%')) return `${exact(value * 100)}%`;
  const symbol = /\[\$([^\]-]+)[^\]]*\]|([$€£¥₹])/.exec(first.replace(/\[\$-[^\]]*\]/g, ''));
  const s = symbol?.[1] ?? symbol?.[2];
  if (!s || !/^[$€£¥₹]$/.test(s)) return String(value);
  return value < 0 ? `-${s}${exact(-value)}` : `${s}${exact(value)}`;
}

/** Decimal text without binary noise (`0.07 * 100` is 7.000000000000001). */
function exact(x: number): string {
  return String(Number(x.toPrecision(15)));
}

/** An exceljs formula cell (`{ formula, result }`, or a shared formula). */
export function isFormula(v: unknown): boolean {
  return typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);
}

function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
}
