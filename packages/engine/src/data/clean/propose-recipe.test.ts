import { describe, expect, it } from 'vitest';
import { profileVersion } from '../../profile/profile-version.ts';
import { writeVersion } from '../../profile/test-support.ts';
import { useEngine } from '../test-support/fixtures.ts';
import { applyRecipe } from './apply-recipe.ts';
import { proposeRecipe } from './propose-recipe.ts';
import { recipeSchema } from './recipe-schema.ts';

const { engine, out } = useEngine();

describe('proposeRecipe (auto mode)', () => {
  it('turns alerts into a valid recipe whose result no longer raises them', async () => {
    const rows = 40;
    // The last row repeats row 2.
    const col = <T>(f: (i: number) => T) => Array.from({ length: rows }, (_, i) => f(i === rows - 1 ? 2 : i));
    const input = out('messy.parquet');
    const columns = await writeVersion(engine(), input, [
      { name: 'id', type: 'BIGINT', values: col((i) => i) },
      { name: 'const', type: 'VARCHAR', values: col(() => 'same') },
      {
        name: 'city',
        type: 'VARCHAR',
        values: col((i) => (['Rome', ' Rome', 'Oslo', 'N/A'] as const)[i % 4]),
      },
      {
        name: 'price',
        type: 'DOUBLE',
        values: col((i) => (i % 5 === 0 ? null : i === 1 ? -999 : (i % 9) * 2.5)),
      },
    ]);
    const profile = await profileVersion(engine(), { parquetPath: input, columns });
    const recipe = proposeRecipe(profile);
    expect(recipeSchema.safeParse(recipe).success).toBe(true);
    expect(recipe.steps.map((s) => s.op)).toEqual([
      'replace_placeholders',
      'replace_placeholders',
      'text',
      'drop_duplicates',
      'drop_columns',
      'impute',
      'impute',
    ]);
    expect(recipe.steps.every((s) => (s.comment ?? '').length > 0)).toBe(true);
    const output = out('tidy.parquet');
    const r = await applyRecipe(engine(), { input, output, recipe, columns });
    expect(r.columns.map((c) => c.name)).toEqual(['city', 'price']);
    const after = await profileVersion(engine(), { parquetPath: output, columns: r.columns });
    const left = new Set(after.alerts.map((a) => a.type));
    for (const gone of ['placeholders', 'constant', 'id_like', 'inconsistent_text'])
      expect(left.has(gone as never), gone).toBe(false);
    expect(after.columns.every((c) => c.missing === 0)).toBe(true);
  });
});
