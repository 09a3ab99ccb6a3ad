import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../data/sql.ts';
import type { ColumnSchema } from '../data/types.ts';
import { queryRows } from '../profile/duck-fetch.ts';
import { chiSquareHomogeneity, psi } from './drift-stats.ts';
import type { CategoryCount } from './types.ts';

/** Each side contributes at most this many categories (most frequent); the rest pool into one. */
export const MAX_CATEGORIES = 1000;
const LISTED = 20;
/** Value counts read per side; new/missing categories are judged among these. */
const MAX_FETCHED = 100_000;

export interface CategoricalComparison {
  psi: number | null;
  chiSquare: { statistic: number; df: number; pValue: number; cramersV: number } | null;
  newCategories: CategoryCount[];
  missingCategories: CategoryCount[];
  missing: { from: number; to: number };
}

/**
 * Categorical (and boolean) drift from each side's value counts: PSI over the categories
 * plus a missing bin, χ² homogeneity over the present values, and the categories that
 * appeared or disappeared. Categories beyond the top MAX_CATEGORIES of either side pool
 * into an "other" cell.
 */
export async function compareCategorical(
  conn: DuckDBConnection,
  column: ColumnSchema,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<CategoricalComparison> {
  const a = await counts(conn, column, from, signal);
  const b = await counts(conn, column, to, signal);
  const keys = [...new Set([...a.top.keys(), ...b.top.keys()])].sort();
  const row = (s: typeof a) => {
    const cells = keys.map((k) => s.top.get(k) ?? 0);
    const listed = cells.reduce((x, y) => x + y, 0);
    return [...cells, s.present - listed];
  };
  const ra = row(a);
  const rb = row(b);
  const only = (x: typeof a, y: typeof a): CategoryCount[] =>
    [...x.top]
      .filter(([k]) => !y.all.has(k))
      .sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1))
      .slice(0, LISTED)
      .map(([value, count]) => ({ value, count }));
  return {
    psi: psi([...ra, a.missing], [...rb, b.missing]),
    chiSquare: chiSquareHomogeneity(ra, rb),
    newCategories: only(b, a),
    missingCategories: only(a, b),
    missing: { from: share(a.missing, a.rows), to: share(b.missing, b.rows) },
  };
}

const share = (x: number, n: number) => (n > 0 ? x / n : 0);

async function counts(conn: DuckDBConnection, c: ColumnSchema, source: string, signal?: AbortSignal) {
  const v = `CAST(${quoteIdent(c.name)} AS VARCHAR)`;
  const rows = await queryRows(
    conn,
    `SELECT v, n, sum(n) OVER () AS present, (SELECT count(*) FROM ${source}) AS total FROM (SELECT ${v} AS v, count(*) AS n FROM ${source} WHERE ${v} IS NOT NULL GROUP BY 1) ORDER BY n DESC, v LIMIT ${MAX_FETCHED}`,
    signal,
  );
  const top = new Map<string, number>();
  const all = new Set<string>();
  for (const [value, n] of rows) {
    all.add(String(value));
    if (top.size < MAX_CATEGORIES) top.set(String(value), Number(n));
  }
  const present = rows.length > 0 ? Number(rows[0][2]) : 0;
  const total =
    rows.length > 0
      ? Number(rows[0][3])
      : Number((await queryRows(conn, `SELECT count(*) FROM ${source}`, signal))[0][0]);
  return { top, all, present, rows: total, missing: total - present };
}
