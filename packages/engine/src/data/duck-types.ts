import type { StorageType } from './types.ts';

/** Storage type of a DuckDB/Parquet physical type; `null` for types read as text. */
export function storageOfDuckType(t: string): StorageType | null {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t))
    return 'integer';
  if (t === 'FLOAT' || t === 'DOUBLE') return 'float';
  if (t.startsWith('DECIMAL')) return 'decimal';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'datetime';
  if (t === 'TIME') return 'time';
  if (t === 'VARCHAR') return 'string';
  return null;
}
