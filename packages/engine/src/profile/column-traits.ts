import { THRESHOLDS } from './alerts/thresholds.ts';
import type { ColumnProfile } from './column-types.ts';

/**
 * Judgements about a column shared by alerts, correlations, suggestions and insights, so
 * they never disagree about what is an identifier or a category.
 */

/** Values that identify rows rather than describe them (keys, codes, UUIDs). */
export function isIdLike(c: ColumnProfile): boolean {
  if (c.semanticType === 'identifier') return true;
  if (c.kind !== 'text' && !(c.kind === 'numeric' && c.numeric?.integral)) return false;
  return c.count >= THRESHOLDS.idLikeMinRows && (c.distinctRatio ?? 0) >= THRESHOLDS.idLikeRatio;
}

export function isConstant(c: ColumnProfile): boolean {
  return c.count > 0 && c.distinct.value === 1;
}

/** Share of the most frequent value among non-missing values. */
export function topShare(c: ColumnProfile): number {
  if (c.boolean) {
    const n = c.boolean.trueCount + c.boolean.falseCount;
    return n > 0 ? Math.max(c.boolean.trueCount, c.boolean.falseCount) / n : 0;
  }
  const top = c.text?.topValues[0] ?? c.numeric?.topValues[0];
  return top?.share ?? 0;
}

/** Free text, e-mails and URLs are not categories even when stored as text. */
export function isCategoricalText(c: ColumnProfile): boolean {
  return c.kind === 'text' && !['free_text', 'email', 'url', 'identifier'].includes(c.semanticType);
}

/** Number-like share of a text column's values, placeholders left out. */
export function numericLikeShare(c: ColumnProfile): number {
  const t = c.text;
  if (!t) return 0;
  const placeholders = t.placeholders.reduce((a, p) => a + p.count, 0);
  const n = c.count - placeholders;
  return n > 0 ? t.numericLike / n : 0;
}

export function dateLikeShare(c: ColumnProfile): number {
  const t = c.text;
  if (!t) return 0;
  const placeholders = t.placeholders.reduce((a, p) => a + p.count, 0);
  const n = c.count - placeholders;
  return n > 0 ? t.dateLike / n : 0;
}
