export interface SortKey {
  column: string;
  dir: 'asc' | 'desc';
}

/** The `sort` query parameter: `col:desc,other:asc`, or undefined for the stored order. */
export function toSortParam(keys: SortKey[]): string | undefined {
  return keys.length ? keys.map((k) => `${k.column}:${k.dir}`).join(',') : undefined;
}

/**
 * A header click: ascending, then descending, then unsorted. A plain click sorts by that
 * column alone; with `additive` (shift-click) it is added to, or cycled within, the others.
 */
export function nextSort(keys: SortKey[], column: string, additive: boolean): SortKey[] {
  const existing = keys.find((k) => k.column === column);
  const next: SortKey | null = !existing
    ? { column, dir: 'asc' }
    : existing.dir === 'asc'
      ? { column, dir: 'desc' }
      : null;
  if (!additive) return next ? [next] : [];
  if (!existing) return [...keys, next as SortKey];
  return next ? keys.map((k) => (k.column === column ? next : k)) : keys.filter((k) => k.column !== column);
}
