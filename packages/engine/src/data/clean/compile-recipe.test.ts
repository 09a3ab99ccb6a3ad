import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors.ts';
import { compileRecipe, type RecipeColumn } from './compile-recipe.ts';
import type { RecipeInput } from './recipe-schema.ts';

const COLS: RecipeColumn[] = [
  { name: 'id', storageType: 'integer' },
  { name: 'price', storageType: 'float' },
  { name: 'city', storageType: 'string' },
];
const S0 =
  's0 AS (SELECT *, "__uam_row" AS "__uam_order" FROM (SELECT "id", "price", "city", row_number() OVER () AS "__uam_row" FROM "input"))';

function sql(steps: RecipeInput['steps']) {
  return compileRecipe({ steps }, COLS);
}

describe('compileRecipe golden SQL', () => {
  it('an empty recipe selects the input in order', () => {
    expect(sql([]).sql).toBe(`WITH ${S0} SELECT "id", "price", "city" FROM s0 ORDER BY "__uam_order"`);
  });

  it('drop, rename and reorder', () => {
    const c = sql([
      { op: 'drop_columns', columns: ['id'] },
      { op: 'rename_columns', renames: [{ from: 'city', to: 'town' }] },
      { op: 'reorder_columns', columns: ['town'] },
    ]);
    expect(c.sql).toBe(
      `WITH ${S0}, s1 AS (SELECT "price", "city", "__uam_row", "__uam_order" FROM s0), ` +
        's2 AS (SELECT "price", "city" AS "town", "__uam_row", "__uam_order" FROM s1), ' +
        's3 AS (SELECT "town", "price", "__uam_row", "__uam_order" FROM s2) SELECT "town", "price" FROM s3 ORDER BY "__uam_order"',
    );
    expect(c.columns).toEqual([
      { name: 'town', type: 'string', origin: 'city' },
      { name: 'price', type: 'float', origin: 'price' },
    ]);
  });

  it('median imputation reads the previous step and treats NaN as missing', () => {
    expect(sql([{ op: 'impute', column: 'price', strategy: 'median' }]).sql).toBe(
      `WITH ${S0}, s1 AS (SELECT "id", CASE WHEN ("price" IS NULL OR isnan("price")) THEN CAST((SELECT quantile_cont("price", 0.5) FROM s0 WHERE NOT ("price" IS NULL OR isnan("price"))) AS DOUBLE) ELSE "price" END AS "price", "city", "__uam_row", "__uam_order" FROM s0) SELECT "id", "price", "city" FROM s1 ORDER BY "__uam_order"`,
    );
  });

  it('filter and derive bind every value as a parameter', () => {
    const c = sql([
      { op: 'filter', expression: 'price > 10 and city = "Paris"' },
      { op: 'derive', name: 'vat', expression: 'round(price * 0.2, 2)' },
    ]);
    expect(c.sql).toBe(
      `WITH ${S0}, s1 AS (SELECT "id", "price", "city", "__uam_row", "__uam_order" FROM s0 WHERE ("price" > $1 AND "city" = $2)), ` +
        's2 AS (SELECT "id", "price", "city", CAST(round(("price" * $3), CAST($4 AS INTEGER)) AS DOUBLE) AS "vat", "__uam_row", "__uam_order" FROM s1) ' +
        'SELECT "id", "price", "city", "vat" FROM s2 ORDER BY "__uam_order"',
    );
    expect(c.params).toEqual([
      { value: 10, type: 'DOUBLE' },
      { value: 'Paris', type: 'VARCHAR' },
      { value: 0.2, type: 'DOUBLE' },
      { value: 2n, type: 'BIGINT' },
    ]);
  });

  it('sort renumbers the order column; drop_duplicates keeps the first row in that order', () => {
    expect(
      sql([
        { op: 'sort', by: [{ column: 'price', descending: true }] },
        { op: 'drop_duplicates', columns: ['city'] },
      ]).sql,
    ).toBe(
      `WITH ${S0}, s1 AS (SELECT "id", "price", "city", "__uam_row", row_number() OVER (ORDER BY "price" DESC NULLS LAST, "__uam_order") AS "__uam_order" FROM s0), ` +
        's2 AS (SELECT "id", "price", "city", "__uam_row", "__uam_order" FROM s1 QUALIFY row_number() OVER (PARTITION BY "city" ORDER BY "__uam_order") = 1) ' +
        'SELECT "id", "price", "city" FROM s2 ORDER BY "__uam_order"',
    );
  });

  it('one_hot and split name their columns and place them where the source was', () => {
    const c = sql([
      { op: 'one_hot', column: 'city', levels: ['Paris', 'Rome'] },
      { op: 'split', column: 'id', separator: '-', into: ['a', 'b'], keepOriginal: true },
    ]);
    expect(c.columns.map((x) => `${x.name}:${x.type}`)).toEqual([
      'id:integer',
      'a:string',
      'b:string',
      'price:float',
      'city_Paris:integer',
      'city_Rome:integer',
      'city_other:integer',
    ]);
    expect(c.sql).toContain('CAST(coalesce(CAST("city" AS VARCHAR) = $1, false) AS INTEGER) AS "city_Paris"');
    expect(c.sql).toContain(`nullif(split_part(CAST("id" AS VARCHAR), $3, 1), '') AS "a"`);
  });

  it('uses a different hidden name when the data already has one', () => {
    const c = compileRecipe({ steps: [] }, [{ name: '__uam_row', storageType: 'integer' }]);
    expect(c.rowColumn).toBe('__uam_row1');
  });

  it('rejects invalid recipes with the step and the reason', () => {
    const fail = (steps: unknown) => {
      try {
        compileRecipe({ steps } as RecipeInput, COLS);
      } catch (e) {
        expect(e).toBeInstanceOf(EngineError);
        return (e as EngineError).code;
      }
      throw new Error('no error');
    };
    expect(fail([{ op: 'explode' }])).toBe('INVALID_OPTIONS');
    expect(fail([{ op: 'drop_columns', columns: ['nope'] }])).toBe('COLUMN_NOT_FOUND');
    expect(fail([{ op: 'drop_columns', columns: ['id', 'price', 'city'] }])).toBe('INVALID_OPTIONS');
    expect(fail([{ op: 'impute', column: 'city', strategy: 'mean' }])).toBe('INVALID_OPTIONS');
    expect(fail([{ op: 'impute', column: 'price', strategy: 'constant' }])).toBe('INVALID_OPTIONS');
    expect(fail([{ op: 'rename_columns', renames: [{ from: 'id', to: 'price' }] }])).toBe('INVALID_OPTIONS');
    expect(fail([{ op: 'clip', column: 'price', lower: 5, upper: 1 }])).toBe('INVALID_OPTIONS');
    expect(fail([{ op: 'filter', expression: 'nope > 1' }])).toBe('FILTER_UNKNOWN_COLUMN');
    expect(fail([{ op: 'derive', name: 'x', expression: 'read_csv("/etc/passwd")' }])).toBe(
      'INVALID_OPTIONS',
    );
  });
});
