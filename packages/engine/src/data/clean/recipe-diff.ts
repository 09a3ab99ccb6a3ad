import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../sql.ts';
import type { StorageType } from '../types.ts';
import { runWithParams } from './bind-params.ts';
import type { CompiledRecipe, RecipeColumn } from './compile-recipe.ts';

export interface ColumnDiff {
  /** Output column name. */
  column: string;
  /** The input column it continues, when it is not new. */
  from?: string;
  typeBefore?: StorageType;
  typeAfter: StorageType;
  nullsBefore: number | null;
  nullsAfter: number;
  /** Values (compared as text) that differ in the rows kept; null for new columns. */
  changedValues: number | null;
}

export interface RecipeDiff {
  rowsBefore: number;
  rowsAfter: number;
  rowsRemoved: number;
  columnsAdded: string[];
  columnsRemoved: string[];
  columnsRenamed: { from: string; to: string }[];
  typeChanges: { column: string; from: StorageType; to: StorageType }[];
  columns: ColumnDiff[];
}

/**
 * Before/after summary of a recipe in one query: row counts, NULLs per column, and cells
 * changed in the kept rows (joined on the input-row column, compared as text so type changes
 * count too). `input` is the relation with the input-row number as `__uam_src`.
 */
export async function recipeDiff(
  conn: DuckDBConnection,
  before: { sql: string; rn: string },
  inputColumns: readonly RecipeColumn[],
  compiled: CompiledRecipe,
  signal?: AbortSignal,
): Promise<RecipeDiff> {
  const out = compiled.columns;
  const a = (name: string) => `a.${quoteIdent(name)}`;
  const b = (name: string) => `b.${quoteIdent(name)}`;
  const selects = [
    '(SELECT count(*) FROM before)',
    '(SELECT count(*) FROM after)',
    ...inputColumns.map((c) => `(SELECT count(*) FILTER (WHERE ${quoteIdent(c.name)} IS NULL) FROM before)`),
    ...out.map((c) => `(SELECT count(*) FILTER (WHERE ${quoteIdent(c.name)} IS NULL) FROM after)`),
    ...out
      .filter((c) => c.origin)
      .map(
        (c) =>
          `(SELECT count(*) FILTER (WHERE CAST(${b(c.origin!)} AS VARCHAR) IS DISTINCT FROM CAST(${a(c.name)} AS VARCHAR)) FROM after a JOIN before b ON a.${quoteIdent(compiled.rowColumn)} = b.__uam_src)`,
      ),
  ];
  const sql = `WITH after AS (${compiled.sqlWithRow}), before AS (SELECT *, ${before.rn} AS __uam_src FROM ${before.sql}) SELECT ${selects.join(', ')}`;
  const reader = await runWithParams(conn, sql, compiled.params, signal);
  const row = (reader.getRowsJson()[0] as unknown[]).map(Number);
  const [rowsBefore, rowsAfter] = row;
  const nullsIn = new Map(inputColumns.map((c, i) => [c.name, row[2 + i]]));
  const nullsOut = out.map((_, i) => row[2 + inputColumns.length + i]);
  let k = 2 + inputColumns.length + out.length;
  const typeIn = new Map(inputColumns.map((c) => [c.name, c.storageType]));
  const columns: ColumnDiff[] = out.map((c, i) => ({
    column: c.name,
    ...(c.origin ? { from: c.origin, typeBefore: typeIn.get(c.origin) } : {}),
    typeAfter: c.type,
    nullsBefore: c.origin ? (nullsIn.get(c.origin) ?? null) : null,
    nullsAfter: nullsOut[i],
    changedValues: c.origin ? row[k++] : null,
  }));
  const kept = new Set(out.map((c) => c.origin).filter(Boolean));
  return {
    rowsBefore,
    rowsAfter,
    rowsRemoved: rowsBefore - rowsAfter,
    columnsAdded: out.filter((c) => !c.origin).map((c) => c.name),
    columnsRemoved: inputColumns.filter((c) => !kept.has(c.name)).map((c) => c.name),
    columnsRenamed: out
      .filter((c) => c.origin && c.origin !== c.name)
      .map((c) => ({ from: c.origin!, to: c.name })),
    typeChanges: out
      .filter((c) => c.origin && typeIn.get(c.origin) !== c.type)
      .map((c) => ({ column: c.name, from: typeIn.get(c.origin!)!, to: c.type })),
    columns,
  };
}
