import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../../data/sql.ts';
import type { ColumnSchema } from '../../data/types.ts';
import { columnKind } from '../column-kind.ts';
import type { ColumnSample } from '../column-lists.ts';
import type { RowSource } from '../column-lists-sql.ts';
import { materializedDoubles } from '../duck-fetch.ts';

export interface SampleColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Numeric: the value, NaN when missing or ±Infinity. Categorical: level code ≥ 0, −1 when missing. */
  values: Float64Array;
  /** Categorical: number of levels seen in the sample. */
  levels: number;
}

export interface CorrelationSample {
  size: number;
  sampled: boolean;
  columns: SampleColumn[];
}

/**
 * The sample predicate on the row number `rn`: each row is kept when hash(rn, seed) falls
 * below size/rows of the hash range — a Bernoulli sample of expected size `size` (the exact
 * size is reported), the same on every run and thread count, and free of any sort.
 */
export function samplePredicate(rn: string, plan: { rows: number; size: number; seed: number }): string {
  if (plan.rows <= plan.size) return 'true';
  const threshold = (2n ** 64n * BigInt(plan.size)) / BigInt(plan.rows);
  return `hash(${rn}, ${plan.seed}) < ${threshold}::UBIGINT`;
}

/**
 * The sampled rows of the columns not sampled elsewhere, in row order, with their row
 * numbers. Numeric columns come as doubles; text and boolean columns as 53-bit value hashes,
 * re-coded 0..k−1 here.
 */
export async function fetchSampleRows(
  conn: DuckDBConnection,
  source: RowSource,
  columns: readonly ColumnSchema[],
  plan: { rows: number; size: number; seed: number },
  signal?: AbortSignal,
): Promise<{ rn: Float64Array; columns: SampleColumn[] }> {
  const kinds = columns.map(
    (c) => (columnKind(c) === 'numeric' ? 'numeric' : 'categorical') as SampleColumn['kind'],
  );
  const exprs = columns.map((c, i) => valueExpr(c, kinds[i]));
  const where = samplePredicate(source.rn, plan);
  const sql = `SELECT CAST(${source.rn} AS DOUBLE)${exprs.map((e) => `, ${e}`).join('')} FROM ${source.sql} WHERE ${where} ORDER BY ${source.rn}`;
  const arrays = await materializedDoubles(conn, sql, columns.length + 1, signal);
  return {
    rn: arrays[0],
    columns: columns.map((c, i) =>
      kinds[i] === 'categorical'
        ? recode(c.name, arrays[i + 1])
        : { name: c.name, kind: 'numeric', values: finiteOnly(arrays[i + 1]), levels: 0 },
    ),
  };
}

/**
 * Joins the sample query's columns with the numeric columns sampled during their own scan:
 * both list the same rows in row order, which is checked row number by row number.
 */
export function assembleSample(
  rows: { rn: Float64Array; columns: SampleColumn[] },
  presampled: ReadonlyMap<string, ColumnSample>,
  order: readonly string[],
  sampled: boolean,
): CorrelationSample {
  const byName = new Map(rows.columns.map((c) => [c.name, c]));
  for (const [name, s] of presampled) {
    if (s.rn.length !== rows.rn.length || s.rn.some((r, i) => r !== rows.rn[i])) {
      throw new Error(`the sample of ${name} is not row-aligned with the sample query`);
    }
    byName.set(name, { name, kind: 'numeric', values: finiteOnly(Float64Array.from(s.values)), levels: 0 });
  }
  const columns = order.flatMap((n) => {
    const c = byName.get(n);
    return c ? [c] : [];
  });
  return { size: rows.rn.length, sampled, columns };
}

function valueExpr(c: ColumnSchema, kind: SampleColumn['kind']): string {
  const id = quoteIdent(c.name);
  if (kind === 'numeric') return `coalesce(CAST(${id} AS DOUBLE), 'NaN'::DOUBLE)`;
  if (columnKind(c) === 'boolean')
    return `CAST(coalesce(CAST(CAST(${id} AS BOOLEAN) AS INTEGER), -1) AS DOUBLE)`;
  // 53 bits of the value's hash are exact in a double; a collision among a column's levels
  // would need ~10^8 of them.
  return `coalesce(CAST(hash(${id}) >> 11 AS DOUBLE), -1)`;
}

/** Dense codes 0..k−1 in order of first appearance; −1 stays missing. */
function recode(name: string, hashes: Float64Array): SampleColumn {
  const codes = new Map<number, number>();
  const values = new Float64Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i];
    if (h < 0) {
      values[i] = -1;
      continue;
    }
    let code = codes.get(h);
    if (code === undefined) {
      code = codes.size;
      codes.set(h, code);
    }
    values[i] = code;
  }
  return { name, kind: 'categorical', values, levels: codes.size };
}

function finiteOnly(values: Float64Array): Float64Array {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) values[i] = Number.NaN;
  return values;
}
