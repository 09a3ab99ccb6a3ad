import { quoteIdent, quoteLiteral } from '../data/sql.ts';
import type { ColumnSchema } from '../data/types.ts';
import type { ColumnKind } from './column-types.ts';

/**
 * The statistics family of a column. Storage decides first (a DATE is a datetime whatever its
 * semantic type); a 0/1 integer column that inference called `boolean` gets boolean counts.
 * Text stays text even when its semantic type is boolean: its spellings are profiled as-is.
 */
export function columnKind(c: Pick<ColumnSchema, 'storageType' | 'semanticType'>): ColumnKind {
  switch (c.storageType) {
    case 'boolean':
      return 'boolean';
    case 'date':
    case 'datetime':
    case 'time':
      return 'datetime';
    case 'integer':
    case 'float':
    case 'decimal':
      return c.semanticType === 'boolean' ? 'boolean' : 'numeric';
    case 'string':
      return 'text';
  }
}

/** `read_parquet('…')`, optionally with DuckDB's `file_row_number` column. */
export function parquetSource(path: string, rowNumbers = false): string {
  return `read_parquet(${quoteLiteral(path)}${rowNumbers ? ', file_row_number=true' : ''})`;
}

/** The column as DOUBLE (integers above 2^53 lose precision, as in pandas' float64). */
export function doubleExpr(name: string): string {
  return `CAST(${quoteIdent(name)} AS DOUBLE)`;
}

/**
 * Milliseconds since the Unix epoch (UTC), as BIGINT: DATE at midnight, TIMESTAMP (any
 * precision; sub-millisecond digits are dropped), TIME as milliseconds since midnight.
 */
export function epochMsExpr(c: Pick<ColumnSchema, 'name' | 'storageType'>): string {
  const id = quoteIdent(c.name);
  if (c.storageType === 'time') return `epoch_ms(DATE '1970-01-01' + CAST(${id} AS TIME))`;
  return `epoch_ms(CAST(${id} AS TIMESTAMP))`;
}

/** A double literal that DuckDB reads back as exactly the same double. */
export function doubleLiteral(x: number): string {
  if (Number.isNaN(x)) return `'NaN'::DOUBLE`;
  if (!Number.isFinite(x)) return x > 0 ? `'Infinity'::DOUBLE` : `'-Infinity'::DOUBLE`;
  return `'${String(x)}'::DOUBLE`;
}
