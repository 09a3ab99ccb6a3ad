import { EngineError } from '../../errors.ts';
import type { SqlParam } from '../query/filter-compile.ts';
import type { StorageType } from '../types.ts';
import { type Recipe, type RecipeInput, type RecipeStep, recipeSchema } from './recipe-schema.ts';
import { type CompileState, ident, type RelColumn } from './relation.ts';
import { cast, dropColumns, renameColumns, reorderColumns, split } from './steps/column-steps.ts';
import { bin, derive, oneHot } from './steps/feature-steps.ts';
import { dropDuplicates, dropMissing, filter, sort } from './steps/row-steps.ts';
import { clip, impute, parse, replacePlaceholders, textStep, winsorize } from './steps/value-steps.ts';

export interface RecipeColumn {
  name: string;
  storageType: StorageType;
}

export interface CompiledRecipe {
  /** One SELECT (a chain of CTEs), with `$1`, `$2`… placeholders, in the output row order. */
  sql: string;
  params: SqlParam[];
  /** Output columns in order; `origin` names the input column each one continues. */
  columns: RelColumn[];
  /** The hidden input-row column, present in `sqlWithRow` only. */
  rowColumn: string;
  /** The same query (unordered) plus the input-row column, for before/after comparisons. */
  sqlWithRow: string;
  recipe: Recipe;
}

export interface CompileOptions {
  /** The input relation; default `"input"` (a name the caller binds, e.g. in a CTE). */
  source?: string;
  /** SQL giving each input row its position; default `row_number() OVER ()`. */
  rowNumber?: string;
}

type StepCompiler = (s: CompileState, step: never) => void;

const COMPILERS: Record<RecipeStep['op'], StepCompiler> = {
  drop_columns: dropColumns,
  rename_columns: renameColumns,
  reorder_columns: reorderColumns,
  cast,
  impute,
  drop_missing: dropMissing,
  drop_duplicates: dropDuplicates,
  filter,
  replace_placeholders: replacePlaceholders,
  text: textStep,
  parse,
  clip,
  winsorize,
  bin,
  one_hot: oneHot,
  derive,
  split,
  sort,
};

/**
 * Validates a recipe and compiles it to one DuckDB query: each step becomes a CTE reading
 * the previous one. Pure (no data is read), so the SQL can be asserted exactly in tests. Every
 * column name is resolved against the schema as it stands at that step and double-quoted;
 * every user value is a bound parameter.
 *
 * @example
 * compileRecipe({ steps: [{ op: 'drop_columns', columns: ['id'] }] }, [{ name: 'id', storageType: 'integer' }, { name: 'x', storageType: 'float' }])
 * // sql: WITH s0 AS (…), s1 AS (SELECT "x", "__uam_row", "__uam_order" FROM s0) SELECT "x" FROM s1 ORDER BY "__uam_order"
 */
export function compileRecipe(
  recipe: RecipeInput | Recipe,
  columns: readonly RecipeColumn[],
  opts: CompileOptions = {},
): CompiledRecipe {
  const parsed = validateRecipe(recipe);
  const rowColumn = uniqueName(
    '__uam_row',
    columns.map((c) => c.name),
  );
  const orderColumn = uniqueName(
    '__uam_order',
    columns.map((c) => c.name),
  );
  const start = columns.map((c) => ({ name: c.name, type: c.storageType, origin: c.name }));
  const source = opts.source ?? '"input"';
  const rowNumber = opts.rowNumber ?? 'row_number() OVER ()';
  const s: CompileState = {
    columns: start,
    ctes: [
      `s0 AS (SELECT *, ${ident(rowColumn)} AS ${ident(orderColumn)} FROM (SELECT ${[...start.map((c) => ident(c.name)), `${rowNumber} AS ${ident(rowColumn)}`].join(', ')} FROM ${source}))`,
    ],
    current: 's0',
    params: [],
    rowColumn,
    orderColumn,
    step: 0,
  };
  for (let i = 0; i < parsed.steps.length; i++) {
    s.step = i;
    (COMPILERS[parsed.steps[i].op] as (s: CompileState, step: RecipeStep) => void)(s, parsed.steps[i]);
  }
  const list = s.columns.map((c) => ident(c.name)).join(', ');
  const withClause = `WITH ${s.ctes.join(', ')}`;
  return {
    sql: `${withClause} SELECT ${list} FROM ${s.current} ORDER BY ${ident(orderColumn)}`,
    sqlWithRow: `${withClause} SELECT ${list}, ${ident(rowColumn)} FROM ${s.current}`,
    params: s.params,
    columns: s.columns,
    rowColumn,
    recipe: parsed,
  };
}

/** The recipe after validation and defaults, or INVALID_OPTIONS listing what is wrong. */
export function validateRecipe(recipe: unknown): Recipe {
  const r = recipeSchema.safeParse(recipe);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new EngineError(
      'INVALID_OPTIONS',
      `Invalid recipe: ${issues.map((i) => `${i.path || 'recipe'}: ${i.message}`).join('; ')}`,
      {
        option: 'recipe',
        issues,
      },
    );
  }
  return r.data;
}

function uniqueName(base: string, taken: readonly string[]): string {
  let name = base;
  for (let i = 1; taken.some((t) => t.toLowerCase() === name.toLowerCase()); i++) name = `${base}${i}`;
  return name;
}
