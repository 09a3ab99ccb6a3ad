export interface CellText {
  counts: { formulaNoResult: number; errors: number };
}

/**
 * One exceljs cell value as the text the CSV path will re-type: numbers in JS notation,
 * dates as ISO 8601 (date only when the time is midnight), booleans as `true`/`false`,
 * formulas as their cached result, rich text and hyperlinks as their text.
 */
export function cellText(value: unknown, counts: CellText['counts']): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) {
      if (v.result === undefined || v.result === null) {
        counts.formulaNoResult++;
        return '';
      }
      // The streaming reader turns a cached error result (`#DIV/0!`) into NaN.
      if (typeof v.result === 'number' && Number.isNaN(v.result)) {
        counts.errors++;
        return '';
      }
      return cellText(v.result, counts);
    }
    if ('error' in v) {
      counts.errors++;
      return '';
    }
    if (Array.isArray(v.richText)) return v.richText.map((r: { text?: string }) => r.text ?? '').join('');
    if ('text' in v) return cellText(v.text, counts);
    if ('hyperlink' in v) return String(v.hyperlink);
  }
  return String(value);
}

function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
}
