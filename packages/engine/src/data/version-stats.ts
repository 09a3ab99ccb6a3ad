import type { DuckEngine } from './duck-engine.ts';
import { footerStats } from './footer-stats.ts';
import { type VersionColumn, versionColumns } from './query/parquet-schema.ts';
import { runRows } from './run-query.ts';
import { chunk, quoteIdent, quoteLiteral } from './sql.ts';
import type { StorageType } from './types.ts';

export interface ColumnStats {
  name: string;
  type: StorageType;
  physicalType: string;
  nullCount: number;
  /** HyperLogLog estimate (DuckDB `approx_count_distinct`); null in `basic` detail. */
  distinctCount: number | null;
  /** Numbers as numbers; dates, times and text as strings (text cut at 100 characters). */
  min: number | string | boolean | null;
  max: number | string | boolean | null;
  mean: number | null;
  stddev: number | null;
  /** Text columns only. */
  minLength: number | null;
  maxLength: number | null;
}

export interface VersionStats {
  rowCount: number;
  columnCount: number;
  columns: ColumnStats[];
}

const STATS_PER_COLUMN = 8;

/**
 * Row/column counts and per-column basic statistics of a version (what DuckDB's SUMMARIZE
 * gives, typed for JSON), computed in one scan per 100 columns.
 *
 * @example
 * const s = await versionStats(engine, '/data/v/1.parquet'); s.columns[0].nullCount
 */
export async function versionStats(
  engine: DuckEngine,
  parquetPath: string,
  opts: {
    signal?: AbortSignal;
    /**
     * `basic`: null counts, min and max only, about a quarter of the work of `full` (which adds
     * the distinct estimate, mean and standard deviation). `footer`: the same read from the
     * Parquet footer where it can answer exactly (no text lengths), scanning only the columns
     * it cannot. A dataset's profile computes all of it exactly, so a version can be ready
     * without waiting for these.
     */
    detail?: 'footer' | 'basic' | 'full';
  } = {},
): Promise<VersionStats> {
  return engine.withConnection(async (conn) => {
    const detail = opts.detail ?? 'full';
    const cols = await versionColumns(conn, parquetPath);
    const source = `read_parquet(${quoteLiteral(parquetPath)})`;
    const footer = detail === 'footer' ? await footerStats(conn, parquetPath, cols) : null;
    const rowCount = footer
      ? footer.rowCount
      : Number((await runRows(conn, `SELECT count(*) FROM ${source}`))[0][0]);
    const scanned = new Map<string, ColumnStats>();
    const toScan = cols.filter((_, i) => !footer?.columns[i]);
    for (const batch of chunk(toScan, 100)) {
      const [row] = await runRows(
        conn,
        `SELECT ${batch.map((c) => statsSql(c, detail === 'full' ? 'full' : 'basic')).join(', ')} FROM ${source}`,
        {
          signal: opts.signal,
        },
      );
      for (let i = 0; i < batch.length; i++) {
        scanned.set(
          batch[i].name,
          readStats(batch[i], row.slice(i * STATS_PER_COLUMN, (i + 1) * STATS_PER_COLUMN), rowCount),
        );
      }
    }
    const out = cols.map((c, i) => footer?.columns[i] ?? (scanned.get(c.name) as ColumnStats));
    return { rowCount, columnCount: cols.length, columns: out };
  });
}

function statsSql(c: VersionColumn, detail: 'basic' | 'full'): string {
  const ref = quoteIdent(c.name);
  const numeric = c.type === 'integer' || c.type === 'float' || c.type === 'decimal';
  const text = c.type === 'string';
  const full = detail === 'full';
  const asText = (e: string) => (text ? `left(${e}, 100)` : `CAST(${e} AS VARCHAR)`);
  // Over finite values only: one ±inf makes the sum overflow (DuckDB: "STDDEV_SAMP is out of
  // range"). Only floats can hold one, so only they pay for the filter.
  const finite = c.type === 'float' ? ` FILTER (WHERE isfinite(${ref}))` : '';
  return [
    `count(${ref})`,
    full ? `approx_count_distinct(${ref})` : 'NULL',
    numeric
      ? `CAST(min(${ref}) AS DOUBLE)`
      : c.type === 'boolean'
        ? `bool_and(${ref})`
        : asText(`min(${ref})`),
    numeric
      ? `CAST(max(${ref}) AS DOUBLE)`
      : c.type === 'boolean'
        ? `bool_or(${ref})`
        : asText(`max(${ref})`),
    full && numeric ? `avg(CAST(${ref} AS DOUBLE))${finite}` : 'NULL',
    full && numeric ? `stddev_samp(CAST(${ref} AS DOUBLE))${finite}` : 'NULL',
    text ? `min(length(${ref}))` : 'NULL',
    text ? `max(length(${ref}))` : 'NULL',
  ].join(', ');
}

function readStats(c: VersionColumn, v: unknown[], rows: number): ColumnStats {
  const num = (x: unknown) => (x === null || x === undefined ? null : typeof x === 'number' ? x : Number(x));
  const value = (x: unknown) => (x === null || x === undefined ? null : (x as number | string | boolean));
  return {
    name: c.name,
    type: c.type,
    physicalType: c.physicalType,
    nullCount: rows - Number(v[0]),
    distinctCount: v[1] === null || v[1] === undefined ? null : Number(v[1]),
    min: value(v[2]),
    max: value(v[3]),
    mean: num(v[4]),
    stddev: num(v[5]),
    minLength: num(v[6]),
    maxLength: num(v[7]),
  };
}
