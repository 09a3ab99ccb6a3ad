/**
 * Cleaning recipes: a JSON list of typed steps compiled to one DuckDB query (pure, golden-SQL
 * tested), applied to a version to write a new one, previewed without writing, or proposed
 * automatically from a profile's alerts.
 */
export {
  type ApplyRecipeRequest,
  type ApplyRecipeResult,
  applyRecipe,
  type PreviewRecipeRequest,
  previewRecipe,
  type RecipePreview,
} from './apply-recipe.ts';
export {
  type CompiledRecipe,
  type CompileOptions,
  compileRecipe,
  type RecipeColumn,
  validateRecipe,
} from './compile-recipe.ts';
export { DATE_UNITS, FUNCTIONS as EXPRESSION_FUNCTIONS } from './expression/expr-functions.ts';
export { parseExpression } from './expression/expr-parser.ts';
export { proposeRecipe } from './propose-recipe.ts';
export type { ColumnDiff, RecipeDiff } from './recipe-diff.ts';
export {
  type Recipe,
  type RecipeInput,
  type RecipeStep,
  recipeSchema,
  recipeStepSchema,
} from './recipe-schema.ts';
export type { RelColumn } from './relation.ts';
export { DEFAULT_PLACEHOLDERS } from './steps/value-steps.ts';
