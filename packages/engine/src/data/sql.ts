/**
 * SQL text helpers. Identifiers are always double-quoted and literals single-quoted with the
 * quote doubled, so no name or path coming from a file or a user can end the token early.
 * User values in filters never go through here: they are bound as parameters.
 */

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('NUL byte in SQL literal');
  return `'${value.replaceAll("'", "''")}'`;
}

/** `['a','b']` as a DuckDB list literal of strings. */
export function listLiteral(values: readonly string[]): string {
  return `[${values.map(quoteLiteral).join(', ')}]`;
}

/** `{'a': 'VARCHAR', ...}` struct literal used by read_csv's `columns` option. */
export function columnsLiteral(columns: readonly { name: string; type: string }[]): string {
  return `{${columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ')}}`;
}

/**
 * SQL that is true when `v` holds only characters of `charClass` (the inside of a regex
 * character class, e.g. `0-9+-`), or is empty: what `ltrim(v, chars) = ''` says. DuckDB's
 * `ltrim` with a character list costs ~0.3 µs a value, ten times one compiled RE2 match, and
 * these checks run on every sampled cell and on every row of a staged integer parse.
 */
export function onlyCharsSql(v: string, charClass: string): string {
  return `regexp_full_match(${v}, ${quoteLiteral(`[${charClass}]*`)})`;
}

/** Splits a list into chunks of at most `size`; wide tables are processed in column batches. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
