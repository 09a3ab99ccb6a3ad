/**
 * The server's one door to the engine's automated-EDA functions (profiles, cleaning recipes,
 * drift), like `datasets/data-engine.ts` for data work: importing it loads DuckDB, so the API
 * imports it dynamically on first use and worker threads `require` it (see profile.jobs.ts).
 */
export {
  applyRecipe,
  compileRecipe,
  type DriftReport,
  driftBetween,
  type Profile,
  previewRecipe,
  profileVersion,
  proposeRecipe,
  type Recipe,
  type RecipeDiff,
  type RecipePreview,
  validateRecipe,
} from '@uam/engine';
