import { z } from 'zod';
import { STORAGE_TYPES } from '../types.ts';

/**
 * A cleaning recipe: a JSON list of typed steps, validated before anything is compiled.
 * Strings that name columns are checked against the schema at compile time and always
 * double-quoted; every other user string (constants, formats, separators, placeholder values,
 * filter and derive expressions) reaches DuckDB as a bound parameter or through a parser
 * that only emits allow-listed SQL. Limits keep a recipe from being a denial of service.
 */

const MAX_NAME = 256;
const MAX_TEXT = 1000;
const MAX_LIST = 1000;

/** A column name: non-empty, no control characters (NUL included). */
export const columnName = z
  .string()
  .min(1)
  .max(MAX_NAME)
  .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

const columnList = z.array(columnName).min(1).max(MAX_LIST);
const text = z.string().max(MAX_TEXT);
const finite = z.number().finite();
const comment = z.string().max(500).optional();

const dropColumns = z.object({ op: z.literal('drop_columns'), columns: columnList, comment });
const renameColumns = z.object({
  op: z.literal('rename_columns'),
  renames: z
    .array(z.object({ from: columnName, to: columnName }))
    .min(1)
    .max(MAX_LIST),
  comment,
});
const reorderColumns = z.object({ op: z.literal('reorder_columns'), columns: columnList, comment });
const cast = z.object({
  op: z.literal('cast'),
  column: columnName,
  to: z.enum(STORAGE_TYPES as [string, ...string[]]),
  comment,
});
const impute = z
  .object({
    op: z.literal('impute'),
    column: columnName,
    strategy: z.enum(['mean', 'median', 'mode', 'constant', 'forward_fill', 'group_median']),
    value: z.union([finite, text, z.boolean()]).optional(),
    groupBy: columnName.optional(),
    orderBy: columnName.optional(),
    comment,
  })
  .refine((s) => s.strategy !== 'constant' || s.value !== undefined, 'strategy "constant" needs a value')
  .refine(
    (s) => s.strategy !== 'group_median' || s.groupBy !== undefined,
    'strategy "group_median" needs groupBy',
  );
const dropMissing = z.object({
  op: z.literal('drop_missing'),
  columns: columnList.optional(),
  how: z.enum(['any', 'all']).default('any'),
  comment,
});
const dropDuplicates = z.object({
  op: z.literal('drop_duplicates'),
  columns: columnList.optional(),
  comment,
});
const filter = z.object({ op: z.literal('filter'), expression: z.string().min(1).max(4000), comment });
const replacePlaceholders = z.object({
  op: z.literal('replace_placeholders'),
  columns: columnList.optional(),
  values: z
    .array(z.union([text, finite]))
    .min(1)
    .max(MAX_LIST)
    .optional(),
  comment,
});
const textStep = z
  .object({
    op: z.literal('text'),
    columns: columnList,
    trim: z.boolean().optional(),
    case: z.enum(['lower', 'upper', 'title']).optional(),
    normalize: z.enum(['nfc', 'strip_accents', 'collapse_spaces']).optional(),
    comment,
  })
  .refine((s) => s.trim || s.case || s.normalize, 'a text step needs trim, case or normalize');
const parse = z.object({
  op: z.literal('parse'),
  column: columnName,
  as: z.enum(['number', 'date', 'datetime']),
  /** Dates: a strptime format such as `%d/%m/%Y`. */
  format: text.optional(),
  decimal: z.enum(['.', ',']).optional(),
  thousands: z.enum([',', '.', ' ', "'", '']).optional(),
  comment,
});
const clip = z
  .object({
    op: z.literal('clip'),
    column: columnName,
    lower: finite.optional(),
    upper: finite.optional(),
    comment,
  })
  .refine((s) => s.lower !== undefined || s.upper !== undefined, 'clip needs lower or upper')
  .refine(
    (s) => s.lower === undefined || s.upper === undefined || s.lower <= s.upper,
    'lower must be ≤ upper',
  );
const winsorize = z
  .object({
    op: z.literal('winsorize'),
    column: columnName,
    lowerQuantile: z.number().min(0).max(0.5).default(0.01),
    upperQuantile: z.number().min(0.5).max(1).default(0.99),
    comment,
  })
  .refine((s) => s.lowerQuantile < s.upperQuantile, 'lowerQuantile must be < upperQuantile');
const bin = z
  .object({
    op: z.literal('bin'),
    column: columnName,
    into: columnName.optional(),
    edges: z.array(finite).min(2).max(MAX_LIST).optional(),
    bins: z.number().int().min(2).max(1000).optional(),
    comment,
  })
  .refine((s) => (s.edges === undefined) !== (s.bins === undefined), 'bin needs exactly one of edges or bins')
  .refine((s) => !s.edges || s.edges.every((e, i) => i === 0 || e > s.edges![i - 1]), 'edges must increase');
const oneHot = z.object({
  op: z.literal('one_hot'),
  column: columnName,
  /** The levels that get a column; any other value sets `<prefix>_other`. */
  levels: z.array(text).min(1).max(200),
  prefix: columnName.optional(),
  keepOriginal: z.boolean().default(false),
  comment,
});
const derive = z.object({
  op: z.literal('derive'),
  name: columnName,
  expression: z.string().min(1).max(4000),
  comment,
});
const split = z.object({
  op: z.literal('split'),
  column: columnName,
  separator: z.string().min(1).max(100),
  into: z.array(columnName).min(1).max(100),
  keepOriginal: z.boolean().default(false),
  comment,
});
const sort = z.object({
  op: z.literal('sort'),
  by: z
    .array(z.object({ column: columnName, descending: z.boolean().default(false) }))
    .min(1)
    .max(32),
  comment,
});

export const recipeStepSchema = z.discriminatedUnion('op', [
  dropColumns,
  renameColumns,
  reorderColumns,
  cast,
  impute,
  dropMissing,
  dropDuplicates,
  filter,
  replacePlaceholders,
  textStep,
  parse,
  clip,
  winsorize,
  bin,
  oneHot,
  derive,
  split,
  sort,
]);

export const recipeSchema = z.object({
  steps: z.array(recipeStepSchema).max(200),
});

export type RecipeStep = z.infer<typeof recipeStepSchema>;
export type Recipe = z.infer<typeof recipeSchema>;
/** What callers write: defaults may be left out. */
export type RecipeInput = z.input<typeof recipeSchema>;
export type StepOf<K extends RecipeStep['op']> = Extract<RecipeStep, { op: K }>;
