import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
  VARCHAR,
} from '@duckdb/node-api';
import type { ParamType, SqlParam } from '../query/filter-compile.ts';
import { runReader } from '../run-query.ts';

const DUCK_TYPES: Record<ParamType, DuckDBType> = { BIGINT, DOUBLE, VARCHAR, BOOLEAN };

/** Runs a compiled statement with its typed parameters (abortable). */
export function runWithParams(conn: DuckDBConnection, sql: string, params: SqlParam[], signal?: AbortSignal) {
  if (params.length === 0) return runReader(conn, sql, { signal });
  return runReader(conn, sql, {
    signal,
    params: params.map((p) => p.value as DuckDBValue),
    types: params.map((p) => DUCK_TYPES[p.type]),
  });
}
