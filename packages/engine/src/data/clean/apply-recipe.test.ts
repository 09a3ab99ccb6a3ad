import { describe, expect, it } from 'vitest';
import { writeVersion } from '../../profile/test-support.ts';
import { readParquet, useEngine } from '../test-support/fixtures.ts';
import type { ColumnSchema } from '../types.ts';
import { applyRecipe, previewRecipe } from './apply-recipe.ts';
import type { RecipeInput } from './recipe-schema.ts';

const { engine, out } = useEngine();

let n = 0;
async function run(columns: Parameters<typeof writeVersion>[2], steps: RecipeInput['steps']) {
  const input = out(`in-${++n}.parquet`);
  const schema: ColumnSchema[] = await writeVersion(engine(), input, columns);
  const output = out(`out-${n}.parquet`);
  const r = await applyRecipe(engine(), { input, output, recipe: { steps }, columns: schema });
  const rows = await readParquet(engine(), output);
  return { ...r, rows, input, schema };
}

describe('applyRecipe: every step on real data', () => {
  it('impute mean, median, mode, constant, forward fill and group median', async () => {
    const r = await run(
      [
        { name: 'g', type: 'VARCHAR', values: ['a', 'a', 'a', 'b', 'b', 'b'] },
        { name: 'x', type: 'DOUBLE', values: [1, null, 3, 10, Number.NaN, 30] },
        { name: 'k', type: 'BIGINT', values: [1, 2, null, 4, 4, null] },
      ],
      [
        { op: 'impute', column: 'x', strategy: 'group_median', groupBy: 'g' },
        { op: 'impute', column: 'k', strategy: 'mean' },
      ],
    );
    expect(r.rows.map((row) => row[1])).toEqual([1, 2, 3, 10, 20, 30]);
    expect(r.rows.map((row) => row[2])).toEqual(['1', '2', '3', '4', '4', '3']); // mean 2.75 rounds to 3
    const ff = await run(
      [{ name: 's', type: 'VARCHAR', values: ['u', null, 'v', null, null, 'w'] }],
      [{ op: 'impute', column: 's', strategy: 'forward_fill' }],
    );
    expect(ff.rows.map((row) => row[0])).toEqual(['u', 'u', 'v', 'v', 'v', 'w']);
    const mode = await run(
      [{ name: 's', type: 'VARCHAR', values: ['v', null, 'u', 'v', 'u', null] }],
      [{ op: 'impute', column: 's', strategy: 'mode' }],
    );
    expect(mode.rows.map((row) => row[0])).toEqual(['v', 'u', 'u', 'v', 'u', 'u']); // tie → smallest
    const constant = await run(
      [{ name: 'x', type: 'DOUBLE', values: [1, null, 2] }],
      [
        { op: 'impute', column: 'x', strategy: 'constant', value: -1 },
        { op: 'impute', column: 'x', strategy: 'median' },
      ],
    );
    expect(constant.rows.map((row) => row[0])).toEqual([1, -1, 2]);
    expect(constant.diff.columns[0]).toMatchObject({ nullsBefore: 1, nullsAfter: 0, changedValues: 1 });
  });

  it('drops columns, missing rows and duplicates, filters, sorts, and reports the diff', async () => {
    const r = await run(
      [
        { name: 'id', type: 'BIGINT', values: [1, 2, 3, 4, 5, 6] },
        { name: 'city', type: 'VARCHAR', values: ['Rome', 'Paris', 'Rome', null, 'Paris', 'Oslo'] },
        { name: 'v', type: 'DOUBLE', values: [5, 3, 5, 1, 3, 9] },
      ],
      [
        { op: 'drop_missing', columns: ['city'] },
        { op: 'drop_columns', columns: ['id'] },
        { op: 'drop_duplicates' },
        { op: 'filter', expression: 'v < 9' },
        { op: 'sort', by: [{ column: 'v', descending: true }] },
      ],
    );
    expect(r.rows).toEqual([
      ['Rome', 5],
      ['Paris', 3],
    ]);
    expect(r.rowCount).toBe(2);
    expect(r.diff).toMatchObject({
      rowsBefore: 6,
      rowsAfter: 2,
      rowsRemoved: 4,
      columnsRemoved: ['id'],
      columnsAdded: [],
    });
    expect(r.columns.map((c) => [c.name, c.storageType, c.semanticType])).toEqual([
      ['city', 'string', 'categorical'],
      ['v', 'float', 'numeric'],
    ]);
  });

  it('replaces placeholders, tidies text, parses numbers and dates, casts', async () => {
    const r = await run(
      [
        { name: 'name', type: 'VARCHAR', values: ['  alice  SMITH', 'N/A', 'bob   jones ', '?'] },
        { name: 'amount', type: 'VARCHAR', values: ['1.234,5', '12', 'x', '-3,25'] },
        { name: 'day', type: 'VARCHAR', values: ['31/12/2024', '01/02/2024', 'soon', null] },
        { name: 'code', type: 'DOUBLE', values: [-999, 1.5, 2, -999] },
        { name: 'n', type: 'VARCHAR', values: ['1', '2', 'three', '4'] },
      ],
      [
        { op: 'replace_placeholders', columns: ['name', 'code'], values: ['N/A', '?', -999] },
        { op: 'text', columns: ['name'], trim: true, normalize: 'collapse_spaces', case: 'title' },
        { op: 'parse', column: 'amount', as: 'number', decimal: ',', thousands: '.' },
        { op: 'parse', column: 'day', as: 'date', format: '%d/%m/%Y' },
        { op: 'cast', column: 'n', to: 'integer' },
      ],
    );
    expect(r.rows.map((row) => row[0])).toEqual(['Alice Smith', null, 'Bob Jones', null]);
    expect(r.rows.map((row) => row[1])).toEqual([1234.5, 12, null, -3.25]);
    expect(r.rows.map((row) => row[2])).toEqual(['2024-12-31', '2024-02-01', null, null]);
    expect(r.rows.map((row) => row[3])).toEqual([null, 1.5, 2, null]);
    expect(r.rows.map((row) => row[4])).toEqual(['1', '2', null, '4']);
    expect(r.diff.typeChanges).toEqual([
      { column: 'amount', from: 'string', to: 'float' },
      { column: 'day', from: 'string', to: 'date' },
      { column: 'n', from: 'string', to: 'integer' },
    ]);
    expect(r.columns.find((c) => c.name === 'day')?.semanticType).toBe('datetime');
  });

  it('clips, winsorises, bins, one-hot encodes, derives and splits', async () => {
    const r = await run(
      [
        { name: 'x', type: 'DOUBLE', values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 100] },
        { name: 'c', type: 'VARCHAR', values: ['a', 'b', 'a', 'c', null, 'a', 'b', 'a', 'a', 'd'] },
        {
          name: 'full',
          type: 'VARCHAR',
          values: ['a-1', 'b-2', 'c', 'd-4', 'e-5', 'f-6', 'g-7', 'h-8', 'i-9', 'j-10'],
        },
      ],
      [
        { op: 'derive', name: 'y', expression: 'if(x > 4, x * 2, 0 - x) + length(c)' },
        { op: 'clip', column: 'y', upper: 50 },
        { op: 'winsorize', column: 'x', lowerQuantile: 0.1, upperQuantile: 0.9 },
        { op: 'bin', column: 'x', edges: [0, 5, 10] },
        { op: 'one_hot', column: 'c', levels: ['a', 'b'] },
        { op: 'split', column: 'full', separator: '-', into: ['letter', 'number'] },
      ],
    );
    const names = r.columns.map((c) => c.name);
    expect(names).toEqual(['x', 'x_bin', 'c_a', 'c_b', 'c_other', 'letter', 'number', 'y']);
    const col = (name: string) => r.rows.map((row) => row[names.indexOf(name)]);
    // quantile_cont at 0.1 and 0.9 of 0..8,100: 0.9 and 17.2
    expect(col('x').slice(0, 9)).toEqual([0.9, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(col('x')[9]).toBeCloseTo(17.2, 12);
    expect(col('x_bin')).toEqual([
      '[0, 5)',
      '[0, 5)',
      '[0, 5)',
      '[0, 5)',
      '[0, 5)',
      '[5, 10]',
      '[5, 10]',
      '[5, 10]',
      '[5, 10]',
      null,
    ]);
    expect(col('c_a')).toEqual([1, 0, 1, 0, 0, 1, 0, 1, 1, 0]);
    expect(col('c_other')).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect(col('y')).toEqual([1, 0, -1, -2, null, 11, 13, 15, 17, 50]);
    expect(col('letter')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
    expect(col('number')).toEqual(['1', '2', null, '4', '5', '6', '7', '8', '9', '10']);
    expect(r.diff.columnsAdded).toEqual(['x_bin', 'c_a', 'c_b', 'c_other', 'letter', 'number', 'y']);
    expect(r.diff.columnsRemoved).toEqual(['c', 'full']);
  });

  it('equal-width bins and a preview that writes nothing', async () => {
    const input = out('bins.parquet');
    const schema = await writeVersion(engine(), input, [
      { name: 'x', type: 'DOUBLE', values: [0, 2.5, 5, 7.5, 10, null] },
    ]);
    const p = await previewRecipe(engine(), {
      input,
      columns: schema,
      recipe: { steps: [{ op: 'bin', column: 'x', bins: 4 }] },
      limit: 3,
    });
    expect(p.columns).toEqual([
      { name: 'x', type: 'float' },
      { name: 'x_bin', type: 'integer' },
    ]);
    expect(p.rows).toEqual([
      [0, '0'],
      [2.5, '1'],
      [5, '2'],
    ]);
    expect(p.diff.rowsAfter).toBe(6);
  });
});
