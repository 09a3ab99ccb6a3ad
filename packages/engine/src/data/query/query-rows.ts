import { BIGINT, BOOLEAN, DOUBLE, type DuckDBType, type DuckDBValue, VARCHAR } from '@duckdb/node-api';
import { checkOption } from '../../errors.ts';
import type { DuckEngine } from '../duck-engine.ts';
import { runReader } from '../run-query.ts';
import { quoteIdent, quoteLiteral } from '../sql.ts';
import type { StorageType } from '../types.ts';
import { resolveColumn } from './column-resolve.ts';
import { compileFilter, type ParamType, type SqlParam } from './filter-compile.ts';
import { jsonConverter } from './json-values.ts';
import { versionColumns, versionFileId } from './parquet-schema.ts';
import { POSITION_COLUMN, rowsCacheOf } from './rows-cache.ts';

export interface RowsQuery {
  offset?: number;
  /** 1..10,000; default 100. */
  limit?: number;
  sort?: { column: string; desc?: boolean }[];
  /** Filter language, see filter-parser.ts (e.g. `age > 30 and country in ("FR","DE")`). */
  filter?: string;
  /** Subset and order of columns to return; default all. */
  columns?: string[];
  signal?: AbortSignal;
  /**
   * `false` reads the file for this page alone. By default a sorted or filtered query is kept
   * as a table (see rows-cache.ts) so the next pages of the same query are range reads.
   */
  cache?: false;
}

export interface RowsPage {
  columns: { name: string; type: StorageType }[];
  /** One array per row, values in `columns` order: numbers, strings, booleans, null; dates ISO. */
  rows: unknown[][];
  /** Rows matching the filter (all rows without one). */
  total: number;
}

const DUCK_TYPES: Record<ParamType, DuckDBType> = { BIGINT, DOUBLE, VARCHAR, BOOLEAN };

/**
 * One page of a dataset version, sorted and filtered by DuckDB over the Parquet file. Ties
 * in the sort are broken by the row's position in the file, so pages never overlap or skip.
 *
 * @example
 * await queryRows(engine, v, { sort: [{ column: 'age', desc: true }], filter: 'country = "FR"', limit: 100 })
 */
export async function queryRows(
  engine: DuckEngine,
  parquetPath: string,
  q: RowsQuery = {},
): Promise<RowsPage> {
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 100;
  checkOption(Number.isSafeInteger(offset) && offset >= 0, 'offset', 'a non-negative integer', offset);
  checkOption(
    Number.isInteger(limit) && limit >= 1 && limit <= 10_000,
    'limit',
    'an integer 1..10,000',
    limit,
  );
  return engine.withConnection(async (conn) => {
    // Cache keys name the file's content, in case a path is ever rewritten (tests, benches).
    const fileId = await versionFileId(parquetPath);
    const all = await versionColumns(conn, parquetPath, fileId);
    const picked = q.columns ? q.columns.map((c) => resolveColumn(c, all, 'COLUMN_NOT_FOUND')) : all;
    checkOption(picked.length > 0, 'columns', 'a non-empty list', q.columns);
    const filter = q.filter?.trim() ? compileFilter(q.filter, all) : undefined;
    const order = (q.sort ?? []).map((s) => {
      const col = resolveColumn(s.column, all, 'COLUMN_NOT_FOUND');
      return `${quoteIdent(col.name)} ${s.desc ? 'DESC' : 'ASC'} NULLS LAST`;
    });
    const where = filter ? ` WHERE ${filter.sql}` : '';
    const select = picked.map((c) => quoteIdent(c.name)).join(', ');
    const params = filter?.params ?? [];
    const cache = q.cache === false ? undefined : rowsCacheOf(engine);
    const cacheable =
      cache !== undefined &&
      (filter !== undefined || order.length > 0) &&
      cache.accepts(picked.length) &&
      !all.some((c) => c.name === POSITION_COLUMN);
    let page: Awaited<ReturnType<typeof run>> | undefined;
    let total: number | undefined;
    if (cacheable) {
      const key = JSON.stringify([fileId, where, params, order, select], (_, v) =>
        typeof v === 'bigint' ? `${v}n` : v,
      );
      const cached = cache.lookup(key);
      const result = cached ? await cached.catch(() => undefined) : undefined;
      if (result) {
        // An eviction racing this read drops the table: then the page is read directly below.
        // No ORDER BY: the table was written in position order and DuckDB scans keep insertion
        // order (preserve_insertion_order, on by default), which saves a sort per page.
        page = await run(
          conn,
          `SELECT ${select} FROM ${quoteIdent(result.table)} WHERE ${POSITION_COLUMN} >= ${offset} AND ${POSITION_COLUMN} < ${offset + limit}`,
          [],
          q.signal,
        ).catch(() => undefined);
        total = result.total;
      } else if (!cached) {
        cache.noteMiss(key, (table) =>
          engine.withConnection(async (own) => {
            const source = `read_parquet(${quoteLiteral(parquetPath)}, file_row_number = true)`;
            const position = `row_number() OVER (ORDER BY ${[...order, 'file_row_number'].join(', ')}) - 1`;
            await run(
              own,
              `CREATE TABLE ${quoteIdent(table)} AS SELECT ${position} AS ${POSITION_COLUMN}, ${select} FROM ${source}${where} ORDER BY ${POSITION_COLUMN}`,
              params,
              AbortSignal.timeout(BUILD_TIMEOUT_MS),
            );
            const n = await run(own, `SELECT count(*) FROM ${quoteIdent(table)}`, []);
            return Number(n.getRowsJson()[0][0]);
          }),
        );
      }
    }
    if (!page || total === undefined) {
      const source = `read_parquet(${quoteLiteral(parquetPath)}${order.length > 0 ? ', file_row_number = true' : ''})`;
      const orderBy = order.length > 0 ? ` ORDER BY ${[...order, 'file_row_number'].join(', ')}` : '';
      page = await run(
        conn,
        `SELECT ${select} FROM ${source}${where}${orderBy} LIMIT ${limit} OFFSET ${offset}`,
        params,
        q.signal,
      );
      total = await countMatches(conn, parquetPath, fileId, where, params, q.signal);
    }
    const converters = picked.map((c) => jsonConverter(c.physicalType));
    const rows = page.getRowsJson() as unknown[][];
    for (const row of rows) {
      for (let j = 0; j < row.length; j++) row[j] = converters[j](row[j]);
    }
    return {
      columns: picked.map((c) => ({ name: c.name, type: c.type })),
      rows,
      total,
    };
  });
}

/** A background result build gives up after this long (the direct path still answers). */
const BUILD_TIMEOUT_MS = 120_000;

const counts = new Map<string, number>();

/** Rows matching a filter; remembered, since versions never change and grids ask on every page. */
async function countMatches(
  conn: Parameters<typeof runReader>[0],
  parquetPath: string,
  fileId: string,
  where: string,
  params: SqlParam[],
  signal?: AbortSignal,
): Promise<number> {
  const key = JSON.stringify([fileId, where, params], (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
  const hit = counts.get(key);
  if (hit !== undefined) return hit;
  const r = await run(
    conn,
    `SELECT count(*) FROM read_parquet(${quoteLiteral(parquetPath)})${where}`,
    params,
    signal,
  );
  const n = Number(r.getRowsJson()[0][0]);
  if (counts.size >= 1024) counts.delete(counts.keys().next().value as string);
  counts.set(key, n);
  return n;
}

function run(conn: Parameters<typeof runReader>[0], sql: string, params: SqlParam[], signal?: AbortSignal) {
  if (params.length === 0) return runReader(conn, sql, { signal });
  return runReader(conn, sql, {
    signal,
    params: params.map((p) => p.value as DuckDBValue),
    types: params.map((p) => DUCK_TYPES[p.type]),
  });
}
