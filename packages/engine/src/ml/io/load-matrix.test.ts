import { describe, expect, it } from 'vitest';
import { useEngine } from '../../data/test-support/fixtures.ts';
import { peopleVersion } from '../../data/test-support/people.ts';
import type { CategoricalColumn, NumericColumn } from '../matrix.ts';
import { loadMatrix, matrixKindOf } from './load-matrix.ts';

const fx = useEngine();

describe('loadMatrix', () => {
  it('reads a version into typed columns in file order', async () => {
    const file = await peopleVersion(fx.engine(), fx.file, fx.out);
    const { matrix, sourceTypes } = await loadMatrix(fx.engine(), file);
    expect(matrix.nRows).toBe(6);
    const age = matrix.column('age') as NumericColumn;
    expect(age.kind).toBe('numeric');
    expect(Array.from(age.values)).toEqual([34, 25, 41, Number.NaN, 29, 52]);
    const score = matrix.column('score') as NumericColumn;
    expect(Number.isNaN(score.values[2])).toBe(true);
    expect(score.values[3]).toBe(4.25);
    const country = matrix.column('country') as CategoricalColumn;
    expect(country.kind).toBe('categorical');
    expect(country.levels).toEqual(['DE', 'ES', 'FR', 'US']);
    expect(Array.from(country.codes, (c) => country.levels[c])).toEqual(['FR', 'DE', 'FR', 'US', 'DE', 'ES']);
    const joined = matrix.column('joined') as NumericColumn;
    expect(joined.kind).toBe('datetime');
    expect(joined.values[0]).toBe(Date.UTC(2024, 0, 5));
    expect(matrix.column('active').kind).toBe('boolean');
    expect(Array.from((matrix.column('active') as NumericColumn).values)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(sourceTypes.age).toMatch(/INT/);
  });

  it('reads selected columns as float32 and refuses unknown ones', async () => {
    const file = await peopleVersion(fx.engine(), fx.file, fx.out);
    const { matrix } = await loadMatrix(fx.engine(), file, {
      columns: ['score', 'id'],
      precision: 'float32',
    });
    expect(matrix.names).toEqual(['score', 'id']);
    expect((matrix.column('score') as NumericColumn).values).toBeInstanceOf(Float32Array);
    await expect(loadMatrix(fx.engine(), file, { columns: ['nope'] })).rejects.toMatchObject({
      code: 'ML_FEATURE_NOT_FOUND',
    });
  });

  it('streams more rows than one DuckDB vector, keeping order and missing values', async () => {
    const file = fx.out('big.parquet');
    await fx.engine().withConnection((conn) =>
      conn.run(
        `COPY (SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i END AS x,
                      CASE WHEN i % 3 = 0 THEN NULL ELSE 'k' || (i % 5) END AS c
               FROM range(5000) t(i) ORDER BY i) TO '${file}' (FORMAT parquet)`,
      ),
    );
    const { matrix } = await loadMatrix(fx.engine(), file);
    const x = matrix.column('x') as NumericColumn;
    const c = matrix.column('c') as CategoricalColumn;
    expect(matrix.nRows).toBe(5000);
    for (const i of [0, 1, 2047, 2048, 4095, 4999]) {
      expect(Number.isNaN(x.values[i])).toBe(i % 7 === 0);
      if (i % 7 !== 0) expect(x.values[i]).toBe(i);
      expect(c.codes[i] < 0 ? null : c.levels[c.codes[i]]).toBe(i % 3 === 0 ? null : `k${i % 5}`);
    }
  });

  it('maps DuckDB types to matrix kinds', () => {
    expect(matrixKindOf('DECIMAL(18,2)')).toBe('numeric');
    expect(matrixKindOf('TIMESTAMP WITH TIME ZONE')).toBe('datetime');
    expect(matrixKindOf('VARCHAR')).toBe('categorical');
    expect(matrixKindOf('BOOLEAN')).toBe('boolean');
  });
});
