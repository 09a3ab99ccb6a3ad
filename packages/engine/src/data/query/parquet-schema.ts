import fs from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { storageOfDuckType } from '../duck-types.ts';
import { runRows } from '../run-query.ts';
import { quoteLiteral } from '../sql.ts';
import type { StorageType } from '../types.ts';

export interface VersionColumn {
  name: string;
  type: StorageType;
  physicalType: string;
}

const cache = new Map<string, VersionColumn[]>();
const CACHE_SIZE = 128;

/**
 * Columns of a Parquet version, cached: versions are immutable, so the rows endpoint skips a
 * metadata read per page. The key includes size and mtime in case a path is ever rewritten.
 */
export async function versionColumns(conn: DuckDBConnection, parquetPath: string): Promise<VersionColumn[]> {
  const st = await fs.stat(parquetPath);
  const key = `${parquetPath}\0${st.size}\0${st.mtimeMs}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const rows = await runRows(conn, `DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(parquetPath)})`);
  const cols = rows.map((r) => {
    const physicalType = String(r[1]);
    return { name: String(r[0]), type: storageOfDuckType(physicalType) ?? 'string', physicalType };
  });
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, cols);
  return cols;
}
