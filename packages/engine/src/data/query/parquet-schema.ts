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

/** Names a version file's content for caches: its path, size and mtime. */
export async function versionFileId(parquetPath: string): Promise<string> {
  const st = await fs.stat(parquetPath);
  return `${parquetPath}\0${st.size}\0${st.mtimeMs}`;
}

/**
 * Columns of a Parquet version, cached: versions are immutable, so the rows endpoint skips a
 * metadata read per page. `key` is the file's versionFileId (read when not given).
 */
export async function versionColumns(
  conn: DuckDBConnection,
  parquetPath: string,
  key?: string,
): Promise<VersionColumn[]> {
  key ??= await versionFileId(parquetPath);
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
