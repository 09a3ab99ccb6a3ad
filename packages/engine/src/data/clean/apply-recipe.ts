import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { EngineError } from '../../errors.ts';
import type { DuckEngine } from '../duck-engine.ts';
import { PARQUET_OPTIONS } from '../ingest/write-version.ts';
import { versionColumns } from '../query/parquet-schema.ts';
import { quoteIdent, quoteLiteral } from '../sql.ts';
import type { ColumnSchema, SemanticType, StorageType } from '../types.ts';
import { runWithParams } from './bind-params.ts';
import { type CompiledRecipe, compileRecipe, type RecipeColumn } from './compile-recipe.ts';
import { type RecipeDiff, recipeDiff } from './recipe-diff.ts';
import type { Recipe, RecipeInput } from './recipe-schema.ts';

export interface ApplyRecipeRequest {
  /** The parent version's Parquet file. */
  input: string;
  /** Where the new version goes; written under a temporary name and renamed on success. */
  output: string;
  recipe: RecipeInput | Recipe;
  /** The parent's schema (semantic types carry over); read from the file when absent. */
  columns?: ColumnSchema[];
  signal?: AbortSignal;
}

export interface ApplyRecipeResult {
  rowCount: number;
  columns: ColumnSchema[];
  diff: RecipeDiff;
  parquetBytes: number;
}

/**
 * Applies a recipe to a version and writes the result as a new Parquet version: either the
 * output exists complete or nothing is left behind.
 *
 * @example
 * const r = await applyRecipe(engine, { input: v1.path, output: v2.path, recipe, columns: v1.columns });
 * r.diff.rowsRemoved; r.columns.map((c) => c.name);
 */
export async function applyRecipe(engine: DuckEngine, req: ApplyRecipeRequest): Promise<ApplyRecipeResult> {
  return engine.withConnection(async (conn) =>
    asEngineError(async () => {
      const inputCols = req.columns ?? (await schemaOfFile(conn, req.input));
      const source = rowSource(
        req.input,
        inputCols.map((c) => c.name),
      );
      const compiled = compileRecipe(req.recipe, recipeColumns(inputCols), {
        source: source.sql,
        rowNumber: source.rn,
      });
      const tmp = `${req.output}.tmp-${randomUUID()}`;
      try {
        const written = await runWithParams(
          conn,
          `COPY (${compiled.sql}) TO ${quoteLiteral(tmp)} (${PARQUET_OPTIONS})`,
          compiled.params,
          req.signal,
        );
        const rowCount = Number(written.getRowsJson()[0]?.[0] ?? 0);
        const diff = await recipeDiff(conn, source, recipeColumns(inputCols), compiled, req.signal);
        const physical = await versionColumns(conn, tmp);
        await fs.rename(tmp, req.output);
        const parquetBytes = (await fs.stat(req.output)).size;
        return { rowCount, columns: outputSchema(compiled, inputCols, physical, diff), diff, parquetBytes };
      } finally {
        await fs.rm(tmp, { force: true });
      }
    }),
  );
}

export interface PreviewRecipeRequest {
  input: string;
  recipe: RecipeInput | Recipe;
  columns?: ColumnSchema[];
  /** Rows to return (default 100, at most 1000). */
  limit?: number;
  signal?: AbortSignal;
}

export interface RecipePreview {
  columns: { name: string; type: StorageType }[];
  /** The first rows of the result, values as JSON (BIGINT as strings, as DuckDB returns them). */
  rows: unknown[][];
  diff: RecipeDiff;
}

/** The first rows of what a recipe would produce and its before/after summary; writes nothing. */
export async function previewRecipe(engine: DuckEngine, req: PreviewRecipeRequest): Promise<RecipePreview> {
  const limit = Math.min(Math.max(1, Math.floor(req.limit ?? 100)), 1000);
  return engine.withConnection(async (conn) =>
    asEngineError(async () => {
      const inputCols = req.columns ?? (await schemaOfFile(conn, req.input));
      const source = rowSource(
        req.input,
        inputCols.map((c) => c.name),
      );
      const compiled = compileRecipe(req.recipe, recipeColumns(inputCols), {
        source: source.sql,
        rowNumber: source.rn,
      });
      const reader = await runWithParams(conn, `${compiled.sql} LIMIT ${limit}`, compiled.params, req.signal);
      const diff = await recipeDiff(conn, source, recipeColumns(inputCols), compiled, req.signal);
      return {
        columns: compiled.columns.map((c) => ({ name: c.name, type: c.type })),
        rows: reader.getRowsJson() as unknown[][],
        diff,
      };
    }),
  );
}

/**
 * A valid recipe can still fail on the data (a constant that does not cast to the column's
 * type, a date format DuckDB refuses): that is the user's input, so it surfaces as
 * INVALID_OPTIONS with DuckDB's message, never as a raw driver error.
 */
async function asEngineError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof EngineError) throw e;
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new EngineError('INVALID_OPTIONS', `The recipe could not be applied: ${message}`, {
      option: 'recipe',
    });
  }
}

function recipeColumns(cols: readonly ColumnSchema[]): RecipeColumn[] {
  return cols.map((c) => ({ name: c.name, storageType: c.storageType }));
}

/** DuckDB's `file_row_number` as the input-row column, or a window row number if a column already has that name. */
function rowSource(path: string, names: readonly string[]): { sql: string; rn: string } {
  if (!names.includes('file_row_number'))
    return { sql: `read_parquet(${quoteLiteral(path)}, file_row_number=true)`, rn: 'file_row_number' };
  return {
    sql: `(SELECT *, row_number() OVER () - 1 AS __uam_frn FROM read_parquet(${quoteLiteral(path)}))`,
    rn: quoteIdent('__uam_frn'),
  };
}

async function schemaOfFile(
  conn: Parameters<typeof versionColumns>[0],
  path: string,
): Promise<ColumnSchema[]> {
  const cols = await versionColumns(conn, path);
  return cols.map((c, index) => blankSchema(c.name, index, c.type, c.physicalType));
}

const SEMANTIC: Record<StorageType, SemanticType> = {
  integer: 'numeric',
  float: 'numeric',
  decimal: 'numeric',
  boolean: 'boolean',
  date: 'datetime',
  datetime: 'datetime',
  time: 'datetime',
  string: 'categorical',
};

function blankSchema(
  name: string,
  index: number,
  storageType: StorageType,
  physicalType: string,
): ColumnSchema {
  return {
    name,
    sourceName: name,
    index,
    storageType,
    semanticType: SEMANTIC[storageType],
    physicalType,
    format: {},
    missingCount: 0,
    failures: { count: 0, examples: [] },
    confidence: 1,
    sampleDistinct: 0,
  };
}

/**
 * The new version's schema: a column that continues an input column with the same storage
 * type keeps its semantic type and source name; new or re-typed columns get the default
 * semantic type of their storage. Missing counts come from the diff.
 */
function outputSchema(
  compiled: CompiledRecipe,
  input: readonly ColumnSchema[],
  physical: { name: string; type: StorageType; physicalType: string }[],
  diff: RecipeDiff,
): ColumnSchema[] {
  const byName = new Map(input.map((c) => [c.name, c]));
  return compiled.columns.map((c, index) => {
    const phys = physical.find((p) => p.name === c.name);
    const storage = phys?.type ?? c.type;
    const parent = c.origin ? byName.get(c.origin) : undefined;
    const base = blankSchema(c.name, index, storage, phys?.physicalType ?? storage);
    const kept =
      parent && parent.storageType === storage
        ? {
            semanticType: parent.semanticType,
            sourceName: parent.sourceName,
            format: parent.format,
            ordinalLevels: parent.ordinalLevels,
          }
        : {};
    return { ...base, ...kept, missingCount: diff.columns[index]?.nullsAfter ?? 0 };
  });
}
