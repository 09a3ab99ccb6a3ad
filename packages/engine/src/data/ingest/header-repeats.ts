import { quoteIdent, quoteLiteral } from '../sql.ts';

/**
 * Rows that repeat the header: files joined end to end (`cat jan.csv feb.csv`, exports paged
 * into one file) carry each part's header line into the rows, where it is one failed value
 * per number column and a row of names. Such a row is one whose every column holds its own
 * name; it is left out of the sample and the version and counted (HEADER_REPEATS_SKIPPED).
 */
export interface HeaderRepeat {
  /** Output column name → the header's text for it. */
  names: ReadonlyMap<string, string>;
}

/**
 * SQL true (never NULL) for a row whose listed columns (text, as read) all hold their header
 * text; null when fewer than two named columns take part, where a value equal to its
 * column's name could as well be data.
 */
export function headerRepeatSql(repeat: HeaderRepeat, only?: (name: string) => boolean): string | null {
  const parts: string[] = [];
  for (const [name, header] of repeat.names) {
    if (only && !only(name)) continue;
    const ref = quoteIdent(name);
    const text = header.trim();
    // An empty header cell reads as NULL (empty means missing) in a repeated header too.
    parts.push(text === '' ? `${ref} IS NULL` : `coalesce(trim(${ref}) = ${quoteLiteral(text)}, false)`);
  }
  const named = [...repeat.names.values()].filter((h) => h.trim() !== '').length;
  if (named < 2 || parts.length === 0) return null;
  return `(${parts.join(' AND ')})`;
}

/** The header repeat of a CSV read with a header row, or undefined without one. */
export function headerRepeatOf(
  header: boolean,
  names: readonly string[],
  raw: readonly string[],
): HeaderRepeat | undefined {
  if (!header) return undefined;
  return { names: new Map(names.map((n, i) => [n, raw[i] ?? ''])) };
}
