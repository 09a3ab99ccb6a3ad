import fs from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { checkOption, EngineError } from '../errors.ts';
import type { DuckEngine } from './duck-engine.ts';
import { classHistogram } from './infer/class-histogram.ts';
import { createLongSample } from './infer/long-sample.ts';
import { parseSql, physicalType } from './infer/parse-expr.ts';
import { DEFAULT_NULL_VALUES } from './infer/patterns.ts';
import { planForKind } from './infer/plan-for-kind.ts';
import { PARQUET_OPTIONS } from './ingest/write-version.ts';
import { resolveColumn } from './query/column-resolve.ts';
import { type VersionColumn, versionColumns } from './query/parquet-schema.ts';
import { runRows } from './run-query.ts';
import { quoteIdent, quoteLiteral } from './sql.ts';
import { type DateOrder, STORAGE_TYPES, type StorageType, type ValueFailures } from './types.ts';

export interface CastOverride {
  column: string;
  type: StorageType;
  /** For text → date/datetime: how to read `01/02/2024`. */
  dateOrder?: DateOrder;
}

export interface CastColumnReport {
  column: string;
  from: StorageType;
  to: StorageType;
  /** Values that were present but could not be converted; they are NULL in the new version. */
  failures: ValueFailures;
}

export interface CastResult {
  rowCount: number;
  columns: { name: string; type: StorageType; physicalType: string }[];
  report: CastColumnReport[];
  parquetBytes: number;
}

/**
 * Writes a new version with some columns converted to new storage types (a user's schema
 * override). Values that do not convert are counted with examples and stored as NULL, and the
 * caller decides what to tell the user; with `failOnError` any failure throws
 * SCHEMA_CAST_FAILED instead and nothing is written.
 *
 * @example
 * const r = await castSchema(engine, { input: v1, output: v2, overrides: [{ column: 'zip', type: 'string' }] });
 * r.report[0].failures // { count: 0, examples: [] }
 */
export async function castSchema(
  engine: DuckEngine,
  req: {
    input: string;
    output: string;
    overrides: CastOverride[];
    failOnError?: boolean;
    signal?: AbortSignal;
  },
): Promise<CastResult> {
  checkOption(
    Array.isArray(req.overrides) && req.overrides.length > 0,
    'overrides',
    'a non-empty list',
    req.overrides,
  );
  const tmp = `${req.output}.tmp-${process.pid}-${Date.now()}`;
  try {
    const result = await engine.withConnection(async (conn) => {
      const cols = await versionColumns(conn, req.input);
      const targets = resolveOverrides(cols, req.overrides);
      const source = `read_parquet(${quoteLiteral(req.input)})`;
      const exprs = new Map<string, { sql: string; type: StorageType; physical: string }>();
      for (const [name, o] of targets)
        exprs.set(name, await castExpr(conn, source, cols.find((c) => c.name === name)!, o));
      const report = await countFailures(conn, source, cols, targets, exprs, req.signal);
      if (req.failOnError && report.some((r) => r.failures.count > 0)) {
        throw new EngineError(
          'SCHEMA_CAST_FAILED',
          'Some values cannot be converted to the requested types',
          { report },
        );
      }
      const select = cols
        .map((c) => `${exprs.get(c.name)?.sql ?? quoteIdent(c.name)} AS ${quoteIdent(c.name)}`)
        .join(', ');
      const [[rows]] = await runRows(
        conn,
        `COPY (SELECT ${select} FROM ${source}) TO ${quoteLiteral(tmp)} (${PARQUET_OPTIONS})`,
        {
          signal: req.signal,
        },
      );
      const columns = cols.map((c) => {
        const e = exprs.get(c.name);
        return { name: c.name, type: e?.type ?? c.type, physicalType: e?.physical ?? c.physicalType };
      });
      return { rowCount: Number(rows), columns, report };
    });
    await fs.rename(tmp, req.output);
    const { size } = await fs.stat(req.output);
    return { ...result, parquetBytes: size };
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

function resolveOverrides(cols: VersionColumn[], overrides: CastOverride[]): Map<string, CastOverride> {
  const out = new Map<string, CastOverride>();
  for (const o of overrides) {
    checkOption(STORAGE_TYPES.includes(o.type), 'type', STORAGE_TYPES.join('|'), o.type);
    const col = resolveColumn(o.column, cols, 'COLUMN_NOT_FOUND');
    checkOption(!out.has(col.name), 'overrides', 'one entry per column', o.column);
    out.set(col.name, o);
  }
  return out;
}

/** Direct SQL for conversions between typed values; everything else goes through text. */
function directCast(ref: string, from: StorageType, to: StorageType): string | undefined {
  const numeric = (t: StorageType) => t === 'integer' || t === 'float' || t === 'decimal';
  if (from === to) return ref;
  if (to === 'string') return `CAST(${ref} AS VARCHAR)`;
  if (to === 'float' && (numeric(from) || from === 'boolean')) return `CAST(${ref} AS DOUBLE)`;
  if (to === 'integer' && numeric(from))
    return `CASE WHEN ${ref} = trunc(${ref}) THEN TRY_CAST(${ref} AS BIGINT) END`;
  if (to === 'integer' && from === 'boolean') return `CAST(${ref} AS BIGINT)`;
  if (to === 'decimal' && (numeric(from) || from === 'boolean')) return `TRY_CAST(${ref} AS DECIMAL(18,2))`;
  if (to === 'boolean' && numeric(from))
    return `CASE WHEN ${ref} = 1 THEN true WHEN ${ref} = 0 THEN false END`;
  if (to === 'datetime' && from === 'date') return `CAST(${ref} AS TIMESTAMP)`;
  if (to === 'date' && from === 'datetime') return `CAST(${ref} AS DATE)`;
  if (to === 'time' && from === 'datetime') return `CAST(${ref} AS TIME)`;
  return undefined;
}

async function castExpr(conn: DuckDBConnection, source: string, col: VersionColumn, o: CastOverride) {
  const ref = quoteIdent(col.name);
  const direct = directCast(ref, col.type, o.type);
  const physicalOf = {
    integer: 'BIGINT',
    float: 'DOUBLE',
    decimal: 'DECIMAL(18,2)',
    boolean: 'BOOLEAN',
    date: 'DATE',
    datetime: 'TIMESTAMP',
    time: 'TIME',
    string: 'VARCHAR',
  };
  if (direct)
    return {
      sql: direct,
      type: o.type,
      physical: o.type === col.type ? col.physicalType : physicalOf[o.type],
    };
  // Text → type: learn the number style / date order from a sample of the values first.
  await createLongSample(
    conn,
    'uam_cast_sample',
    `SELECT CAST(${ref} AS VARCHAR) AS v FROM ${source} LIMIT 20000`,
    1,
    DEFAULT_NULL_VALUES,
  );
  const hist = await classHistogram(conn, 'uam_cast_sample', ['v']);
  const plan = planForKind(hist.get('v') ?? [], o.type, { decimalComma: false, dateOrder: o.dateOrder });
  return { sql: parseSql(plan, `trim(CAST(${ref} AS VARCHAR))`), type: o.type, physical: physicalType(plan) };
}

async function countFailures(
  conn: DuckDBConnection,
  source: string,
  cols: VersionColumn[],
  targets: Map<string, CastOverride>,
  exprs: Map<string, { sql: string }>,
  signal?: AbortSignal,
): Promise<CastColumnReport[]> {
  const names = [...targets.keys()];
  const parts = names.map((n) => {
    const ref = quoteIdent(n);
    const failed = `${ref} IS NOT NULL AND (${exprs.get(n)!.sql}) IS NULL`;
    return `count_if(${failed}), approx_top_k(CASE WHEN ${failed} THEN CAST(${ref} AS VARCHAR) END, 5)`;
  });
  const [row] = await runRows(conn, `SELECT ${parts.join(', ')} FROM ${source}`, { signal });
  return names.map((n, i) => {
    const count = Number(row[i * 2]);
    const examples = Array.isArray(row[i * 2 + 1])
      ? (row[i * 2 + 1] as unknown[]).filter((x) => x !== null).map(String)
      : [];
    const from = cols.find((c) => c.name === n)!.type;
    return {
      column: n,
      from,
      to: targets.get(n)!.type,
      failures: { count, examples: count > 0 ? examples : [] },
    };
  });
}
