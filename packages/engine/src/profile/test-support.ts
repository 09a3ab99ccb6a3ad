import type { DuckEngine } from '../data/duck-engine.ts';
import { quoteIdent, quoteLiteral } from '../data/sql.ts';
import type { ColumnSchema, SemanticType, StorageType } from '../data/types.ts';
import { doubleLiteral } from './column-kind.ts';

/**
 * Test helpers: write a small Parquet version from JS arrays with exact values (doubles as
 * round-trip literals), and the matching schema. Tests only.
 */

export type SqlType = 'DOUBLE' | 'BIGINT' | 'VARCHAR' | 'DATE' | 'TIMESTAMP' | 'TIME' | 'BOOLEAN';
export type Cell = number | string | boolean | null;

export interface TestColumn {
  name: string;
  type: SqlType;
  values: Cell[];
  semanticType?: SemanticType;
}

const STORAGE: Record<SqlType, StorageType> = {
  DOUBLE: 'float',
  BIGINT: 'integer',
  VARCHAR: 'string',
  DATE: 'date',
  TIMESTAMP: 'datetime',
  TIME: 'time',
  BOOLEAN: 'boolean',
};

const SEMANTIC: Record<StorageType, SemanticType> = {
  float: 'numeric',
  integer: 'numeric',
  decimal: 'numeric',
  string: 'categorical',
  date: 'datetime',
  datetime: 'datetime',
  time: 'datetime',
  boolean: 'boolean',
};

function literal(v: Cell, type: SqlType): string {
  if (v === null) return `CAST(NULL AS ${type})`;
  if (typeof v === 'number') return type === 'DOUBLE' ? doubleLiteral(v) : `CAST(${String(v)} AS ${type})`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return `CAST(${quoteLiteral(v)} AS ${type})`;
}

/** Writes `columns` (equal lengths) to `path` as Parquet and returns their schema. */
export async function writeVersion(
  engine: DuckEngine,
  path: string,
  columns: TestColumn[],
): Promise<ColumnSchema[]> {
  const rows = columns[0]?.values.length ?? 0;
  const names = columns.map((c) => quoteIdent(c.name)).join(', ');
  let select: string;
  if (rows === 0) {
    select = `SELECT ${columns.map((c) => `CAST(NULL AS ${c.type}) AS ${quoteIdent(c.name)}`).join(', ')} LIMIT 0`;
  } else {
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++)
      tuples.push(`(${columns.map((c) => literal(c.values[r], c.type)).join(', ')})`);
    select = `SELECT * FROM (VALUES ${tuples.join(', ')}) AS t(${names})`;
  }
  await engine.withConnection((conn) =>
    conn.run(`COPY (${select}) TO ${quoteLiteral(path)} (FORMAT parquet)`),
  );
  return columns.map((c, index) => schemaOf(c, index));
}

export function schemaOf(c: TestColumn, index: number): ColumnSchema {
  const storageType = STORAGE[c.type];
  const present = c.values.filter((v) => v !== null);
  return {
    name: c.name,
    sourceName: c.name,
    index,
    storageType,
    semanticType: c.semanticType ?? SEMANTIC[storageType],
    physicalType: c.type,
    format: {},
    missingCount: c.values.length - present.length,
    failures: { count: 0, examples: [] },
    confidence: 1,
    sampleDistinct: new Set(present).size,
  };
}

/** Deterministic pseudo-random numbers (mulberry32) for generated test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** |a − b| ≤ tol·|b| (relative), with a 1e-12 absolute floor for values that should be 0. */
export function close(a: number | null | undefined, b: number | null | undefined, tol = 1e-9): boolean {
  // An undefined statistic is NaN in the reference and null in the profile.
  if (b == null || Number.isNaN(b)) return a == null;
  if (a == null) return false;
  if (a === b) return true;
  return Math.abs(a - b) <= tol * Math.abs(b) + 1e-12;
}
