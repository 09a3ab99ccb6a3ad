import type { ColumnSchema } from '../../data/types.ts';
import { columnKind } from '../column-kind.ts';
import { isCategoricalText, isConstant, isIdLike } from '../column-traits.ts';
import type { ColumnProfile } from '../column-types.ts';

/** Categorical columns with more levels than this stay out of the matrix (contingency tables explode). */
export const MAX_ASSOCIATION_LEVELS = 1000;
export const MIN_ROWS_PER_LEVEL = 5;

/**
 * Columns worth fetching into the correlation sample, decided from the schema alone so the
 * sample can be read while the columns are still being profiled. The target always comes.
 */
export function sampleCandidates(columns: readonly ColumnSchema[], target?: string): ColumnSchema[] {
  return columns.filter((c) => {
    if (c.name === target) return columnKind(c) !== 'datetime';
    if (columnKind(c) === 'datetime') return false;
    return !['free_text', 'email', 'url', 'identifier'].includes(c.semanticType);
  });
}

/** Why a profiled column stays out of the correlation matrix, or null when it is in. */
export function exclusionReason(c: ColumnProfile): string | null {
  if (c.kind === 'datetime') return 'dates are not correlated directly; use date parts';
  if (c.count === 0) return 'no values';
  if (isConstant(c)) return 'constant';
  if (isIdLike(c)) return 'identifier';
  if (c.kind === 'text' && !isCategoricalText(c))
    return `${c.semanticType.replace('_', ' ')} is not categorical`;
  if (c.kind === 'text' && c.distinct.value > MAX_ASSOCIATION_LEVELS)
    return `more than ${MAX_ASSOCIATION_LEVELS} levels`;
  return null;
}
