import { THRESHOLDS } from './alerts/thresholds.ts';
import { numericLikeShare } from './column-traits.ts';
import type { ColumnProfile } from './column-types.ts';
import type { QualityScore } from './types.ts';

export const QUALITY_WEIGHTS = {
  completeness: 0.4,
  validity: 0.3,
  uniqueness: 0.15,
  consistency: 0.15,
} as const;

/**
 * Data-quality score, 0–100:
 *
 *   score = 100 · (0.40·C + 0.30·V + 0.15·U + 0.15·K), one decimal, where with
 *   cells = rows × columns:
 *   C completeness = 1 − missing cells / cells                  (NULL, and NaN in floats)
 *   V validity     = 1 − invalid cells / cells, invalid = values that failed to parse at
 *                    ingest + placeholder values (`N/A`, `?`, `''`, −999 at an extreme…)
 *                    + ±Infinity + dates in the future
 *   U uniqueness   = 1 − duplicate rows / rows
 *   K consistency  = 1 − inconsistent cells / cells, inconsistent = text values that differ
 *                    from a more frequent spelling only by case or surrounding spaces
 *                    + untrimmed values + the minority kind in a text column that mixes
 *                    numbers and words (5–95 % number-like)
 *
 * Each component is clamped to [0, 1]. A table without rows scores 0 (nothing can be
 * trusted); a failed parse counts against both completeness and validity, on purpose.
 */
export function qualityScore(
  columns: readonly ColumnProfile[],
  rows: number,
  duplicateRows: number,
): QualityScore {
  const cells = rows * columns.length;
  let missingCells = 0;
  let invalidCells = 0;
  let inconsistentCells = 0;
  for (const c of columns) {
    missingCells += c.missing;
    invalidCells += c.parseFailures.count + (c.datetime?.future ?? 0) + (c.numeric?.infinities ?? 0);
    invalidCells += sum(c.numeric?.placeholders) + sum(c.text?.placeholders);
    if (c.text) {
      inconsistentCells += c.text.caseVariants + c.text.untrimmed;
      const share = numericLikeShare(c);
      if (share >= THRESHOLDS.mixedTypesLow && share < THRESHOLDS.mixedTypesHigh) {
        inconsistentCells += Math.min(c.text.numericLike, c.count - c.text.numericLike);
      }
    }
  }
  const part = (bad: number, total: number) => (total > 0 ? clamp01(1 - bad / total) : 0);
  const completeness = part(missingCells, cells);
  const validity = part(invalidCells, cells);
  const uniqueness = part(duplicateRows, rows);
  const consistency = part(inconsistentCells, cells);
  const w = QUALITY_WEIGHTS;
  const raw =
    w.completeness * completeness +
    w.validity * validity +
    w.uniqueness * uniqueness +
    w.consistency * consistency;
  return {
    score: Math.round(1000 * raw) / 10,
    completeness,
    validity,
    uniqueness,
    consistency,
    weights: { ...w },
    counts: { cells, missingCells, invalidCells, duplicateRows, inconsistentCells },
  };
}

function sum(hits: readonly { count: number }[] | undefined): number {
  return (hits ?? []).reduce((a, h) => a + h.count, 0);
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}
