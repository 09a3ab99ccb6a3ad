import type { Recipe, RecipeStep } from '../api/profile-types.ts';

/** The recipe operations, with a label and a starting point for their parameters. */
export const STEP_OPS: { op: string; label: string; params: (column: string) => Record<string, unknown> }[] =
  [
    { op: 'replace_placeholders', label: 'Placeholders → missing', params: (c) => ({ columns: [c] }) },
    { op: 'impute', label: 'Impute missing values', params: (c) => ({ column: c, strategy: 'median' }) },
    { op: 'drop_missing', label: 'Drop rows with missing values', params: () => ({ how: 'any' }) },
    { op: 'drop_duplicates', label: 'Drop duplicate rows', params: () => ({}) },
    { op: 'filter', label: 'Filter rows', params: (c) => ({ expression: `${c} is not null` }) },
    { op: 'drop_columns', label: 'Drop columns', params: (c) => ({ columns: [c] }) },
    {
      op: 'rename_columns',
      label: 'Rename columns',
      params: (c) => ({ renames: [{ from: c, to: `${c}_new` }] }),
    },
    { op: 'reorder_columns', label: 'Reorder columns', params: (c) => ({ columns: [c] }) },
    { op: 'cast', label: 'Change type', params: (c) => ({ column: c, to: 'string' }) },
    { op: 'text', label: 'Tidy text', params: (c) => ({ columns: [c], trim: true, case: 'lower' }) },
    {
      op: 'parse',
      label: 'Parse numbers / dates',
      params: (c) => ({ column: c, as: 'date', format: '%Y-%m-%d' }),
    },
    { op: 'clip', label: 'Clip values', params: (c) => ({ column: c, lower: 0 }) },
    {
      op: 'winsorize',
      label: 'Winsorise outliers',
      params: (c) => ({ column: c, lowerQuantile: 0.01, upperQuantile: 0.99 }),
    },
    { op: 'bin', label: 'Bin into ranges', params: (c) => ({ column: c, bins: 5 }) },
    { op: 'one_hot', label: 'One-hot encode', params: (c) => ({ column: c, levels: [] }) },
    { op: 'derive', label: 'Derive a column', params: (c) => ({ name: `${c}_2`, expression: `${c} * 2` }) },
    {
      op: 'split',
      label: 'Split a column',
      params: (c) => ({ column: c, separator: ' ', into: [`${c}_1`, `${c}_2`] }),
    },
    { op: 'sort', label: 'Sort rows', params: (c) => ({ by: [{ column: c, descending: false }] }) },
  ];

export function opLabel(op: string): string {
  return STEP_OPS.find((s) => s.op === op)?.label ?? op;
}

/** A step as the builder edits it: its op, its parameters as JSON text, and its comment. */
export interface DraftStep {
  key: string;
  op: string;
  text: string;
  /** Why the step is there (auto proposals say which alert it answers); kept as is. */
  comment?: string;
}

let counter = 0;
export function draftOf(step: RecipeStep): DraftStep {
  const { op, comment, ...params } = step;
  return {
    key: `s${++counter}`,
    op,
    text: formatParams(params),
    ...(typeof comment === 'string' ? { comment } : {}),
  };
}

/** One parameter a line, each value on one line: `{\n  "columns": ["a", "b"]\n}`. */
export function formatParams(params: Record<string, unknown>): string {
  const lines = Object.entries(params).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return lines.length === 0 ? '{}' : `{\n${lines.join(',\n')}\n}`;
}

export function newDraft(op: string, column: string): DraftStep {
  const def = STEP_OPS.find((s) => s.op === op);
  return draftOf({ op, ...(def ? def.params(column) : {}) });
}

/** The recipe the drafts describe, or the first step whose parameters are not a JSON object. */
export function toRecipe(drafts: DraftStep[]): { recipe: Recipe } | { invalid: number; message: string } {
  const steps: RecipeStep[] = [];
  for (let i = 0; i < drafts.length; i++) {
    try {
      const params = JSON.parse(drafts[i]!.text || '{}') as unknown;
      if (typeof params !== 'object' || params === null || Array.isArray(params))
        throw new Error('not an object');
      const { comment } = drafts[i]!;
      steps.push({
        ...(params as Record<string, unknown>),
        op: drafts[i]!.op,
        ...(comment ? { comment } : {}),
      });
    } catch {
      return { invalid: i, message: `Step ${i + 1}: the parameters must be a JSON object` };
    }
  }
  return { recipe: { steps } };
}
