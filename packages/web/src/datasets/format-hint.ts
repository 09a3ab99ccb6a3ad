import type { ColumnFormat } from '../api/dataset-types.ts';

const STYLES = { us: '1,234.5', eu: '1.234,5', space: '1 234,5', apos: "1'234.5" } as const;

/**
 * How a column's text was read, in a few words for the schema table (`$1,234.5 · (12) = −12`),
 * so a user can check the inference at a glance; null when values were read as they are.
 */
export function formatHint(format: ColumnFormat | undefined): string | null {
  if (!format) return null;
  const parts: string[] = [];
  const style = format.numberStyle && format.numberStyle !== 'plain' ? STYLES[format.numberStyle] : null;
  if (format.currencySymbol) parts.push(`${format.currencySymbol}${style ?? '1234.5'}`);
  else if (style) parts.push(style);
  if (format.percent) parts.push('45% → 0.45');
  if (format.negativeParens) parts.push('(12) = −12');
  if (format.negativeTrailingMinus) parts.push('12- = −12');
  if (format.dateOrder) parts.push(format.dateOrder === 'dmy' ? 'day/month/year' : 'month/day/year');
  if (format.utcOffsets) parts.push('offsets → UTC');
  return parts.length > 0 ? parts.join(' · ') : null;
}
