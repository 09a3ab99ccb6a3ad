import type { Alert, ColumnProfile, Profile } from '../../profile/index.ts';
import type { Recipe, RecipeStep } from './recipe-schema.ts';

/** Columns missing in at least this share of rows are proposed for dropping rather than imputing. */
const DROP_MISSING_SHARE = 0.5;

/**
 * "Auto mode": a recipe proposed from a profile's alerts, for the user to review. Each step
 * says in `comment` which alert it answers. Order matters and is fixed: placeholders become
 * NULL first (so imputation sees them as missing), text is tidied and typed, duplicates go,
 * useless columns go, then the remaining gaps are filled and extreme values winsorised.
 * Nothing is proposed for what only a person can judge (skew, correlation, leakage).
 *
 * @example
 * const recipe = proposeRecipe(profile);
 * const preview = await previewRecipe(engine, { input, recipe });
 */
export function proposeRecipe(profile: Profile): Recipe {
  const steps: RecipeStep[] = [];
  const byName = new Map(profile.columns.map((c) => [c.name, c]));
  const of = (type: Alert['type']) => profile.alerts.filter((a) => a.type === type);
  const target = profile.target?.column;

  // Columns that will have gaps once placeholders are NULL, and so need imputing too.
  const gaps = new Set(profile.columns.filter((c) => c.missing > 0).map((c) => c.name));
  for (const a of of('placeholders')) {
    const c = byName.get(a.columns[0]);
    const values = (a.evidence.values as (string | number)[] | undefined) ?? [];
    if (c && values.length > 0) {
      steps.push({ op: 'replace_placeholders', columns: [c.name], values, comment: `alert: ${a.message}` });
      gaps.add(c.name);
    }
  }
  const untidy = of('inconsistent_text').map((a) => a.columns[0]);
  if (untidy.length > 0) {
    steps.push({
      op: 'text',
      columns: untidy,
      trim: true,
      normalize: 'collapse_spaces',
      comment: 'alert: spellings differ only by spaces',
    });
  }
  for (const a of of('numbers_as_text'))
    steps.push({ op: 'parse', column: a.columns[0], as: 'number', comment: `alert: ${a.message}` });
  for (const a of of('dates_as_text'))
    steps.push({ op: 'parse', column: a.columns[0], as: 'date', comment: `alert: ${a.message}` });
  const dup = of('duplicates')[0];
  if (dup) steps.push({ op: 'drop_duplicates', comment: `alert: ${dup.message}` });

  const drop = new Set<string>();
  for (const type of ['all_missing', 'constant', 'id_like'] as const) {
    for (const a of of(type)) if (a.columns[0] !== target) drop.add(a.columns[0]);
  }
  for (const a of of('high_missing')) {
    const c = byName.get(a.columns[0]);
    if (c && c.name !== target && c.missing / Math.max(1, c.rows) >= DROP_MISSING_SHARE) drop.add(c.name);
  }
  if (drop.size > 0 && drop.size < profile.columns.length) {
    steps.push({
      op: 'drop_columns',
      columns: [...drop],
      comment: 'alerts: empty, constant, identifier or mostly missing columns',
    });
  }
  for (const c of profile.columns) {
    if (drop.has(c.name) || !gaps.has(c.name) || c.count === 0 || c.name === target) continue;
    const step = imputeFor(c);
    if (step) steps.push(step);
  }
  for (const a of of('outliers')) {
    if (a.severity === 'warning' && !drop.has(a.columns[0])) {
      steps.push({
        op: 'winsorize',
        column: a.columns[0],
        lowerQuantile: 0.01,
        upperQuantile: 0.99,
        comment: `alert: ${a.message}`,
      });
    }
  }
  return { steps };
}

/** Median for numbers (robust to skew), most frequent value for text and booleans; dates are left alone. */
function imputeFor(c: ColumnProfile): RecipeStep | null {
  const reason =
    c.missing > 0
      ? `${c.missing} missing values (${c.missingPct.toFixed(1)}%)`
      : 'placeholder values become missing';
  if (c.kind === 'numeric') return { op: 'impute', column: c.name, strategy: 'median', comment: reason };
  if (c.kind === 'text' || c.kind === 'boolean')
    return { op: 'impute', column: c.name, strategy: 'mode', comment: reason };
  return null;
}
