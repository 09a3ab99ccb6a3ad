import { quoteIdent, quoteLiteral } from '../../data/sql.ts';

/**
 * The version's rows with a stable row number `rn` (the position in the file), for sampling
 * and for pointing at example rows. DuckDB's `file_row_number` is free; it cannot be used when
 * the data has its own column of that name, and then a window row number stands in.
 */
export function rowSource(parquetPath: string, columnNames: readonly string[]): { sql: string; rn: string } {
  const path = quoteLiteral(parquetPath);
  if (!columnNames.includes('file_row_number')) {
    return { sql: `read_parquet(${path}, file_row_number=true)`, rn: 'file_row_number' };
  }
  const rn = uniqueName('__uam_rn', columnNames);
  return {
    sql: `(SELECT *, row_number() OVER () - 1 AS ${quoteIdent(rn)} FROM read_parquet(${path}))`,
    rn: quoteIdent(rn),
  };
}

function uniqueName(base: string, taken: readonly string[]): string {
  let name = base;
  for (let i = 1; taken.includes(name); i++) name = `${base}${i}`;
  return name;
}

/** `hash(a, b, …)` over any number of columns, nested in groups of 100 arguments. */
export function rowHashExpr(columnNames: readonly string[]): string {
  let parts = columnNames.map(quoteIdent);
  if (parts.length === 0) return '0';
  while (parts.length > 1 || !parts[0].startsWith('hash(')) {
    const next: string[] = [];
    for (let i = 0; i < parts.length; i += 100) next.push(`hash(${parts.slice(i, i + 100).join(', ')})`);
    parts = next;
  }
  return parts[0];
}
