/** Adds "column = value" to a draft, merging several values of one column into IN. */
import type { Draft } from './draft.ts';
import type { Filter } from './plan.ts';
import type { NlqColumn } from './types.ts';

export function addValueFilter(d: Draft, col: NlqColumn, values: string[], negate: boolean): void {
  const existing = d.filters.findIndex(
    (f) =>
      f.column === col.name &&
      (negate ? f.op === 'neq' || f.op === 'not_in' : f.op === 'eq' || f.op === 'in'),
  );
  if (existing >= 0) {
    const f = d.filters[existing];
    const prior =
      f.op === 'eq' || f.op === 'neq' ? [f.value] : f.op === 'in' || f.op === 'not_in' ? f.values : [];
    const merged = [...new Set([...prior, ...values])];
    d.filters[existing] = { column: col.name, op: negate ? 'not_in' : 'in', values: merged };
    return;
  }
  const filter: Filter =
    values.length === 1
      ? { column: col.name, op: negate ? 'neq' : 'eq', value: values[0] }
      : { column: col.name, op: negate ? 'not_in' : 'in', values };
  d.filters.push(filter);
}

/** Values listed for one column ("France and Germany"): the column to break the answer down by. */
export function multiValueColumns(d: Draft): string[] {
  return d.filters.filter((f) => f.op === 'in' && f.values.length > 1).map((f) => f.column);
}
