import { describe, expect, it } from 'vitest';
import { useEngine } from './test-support/fixtures.ts';
import { peopleVersion } from './test-support/people.ts';
import { versionStats } from './version-stats.ts';

const t = useEngine();

describe('versionStats', () => {
  it('counts rows and columns and summarises each column', async () => {
    const v = await peopleVersion(t.engine(), t.file, t.out);
    const s = await versionStats(t.engine(), v);
    expect([s.rowCount, s.columnCount]).toEqual([6, 9]);
    const age = s.columns.find((c) => c.name === 'age')!;
    expect(age).toMatchObject({ type: 'integer', nullCount: 1, min: 25, max: 52 });
    expect(age.mean).toBeCloseTo((34 + 25 + 41 + 29 + 52) / 5, 10);
    expect(s.columns.find((c) => c.name === 'joined')).toMatchObject({
      min: '2021-01-01',
      max: '2024-03-01',
      nullCount: 0,
    });
    expect(s.columns.find((c) => c.name === 'name')).toMatchObject({
      minLength: 2,
      maxLength: 3,
      distinctCount: 6,
    });
    expect(s.columns.find((c) => c.name === 'active')).toMatchObject({ min: false, max: true });
  });

  it('reads null counts and min/max from the Parquet footer exactly as a scan finds them', async () => {
    const file = t.out('footer.parquet');
    // Several row groups, every storage type, non-ASCII text (ordered by UTF-8 bytes), a column
    // with no values, and ±inf, for which DuckDB writes no footer min/max (scanned instead).
    await t.engine().withConnection((conn) =>
      conn.run(`COPY (
        SELECT i AS n, CASE WHEN i % 7 = 0 THEN NULL ELSE i - 5000 END AS int_col,
          100 - i / 7 AS float_col, CAST(i AS DECIMAL(10, 2)) / 8 AS dec_col,
          CASE WHEN i % 3 = 2 THEN NULL WHEN i < 5000 THEN 'Ábc' || (i % 10) ELSE 'héllo' || (i % 10) END AS text_col,
          DATE '2030-01-01' - CAST(i AS INTEGER) AS date_col,
          TIMESTAMP '2021-06-01 00:00:00' + to_minutes(i) AS ts_col,
          CASE WHEN i < 5000 THEN '😀' ELSE 'ｘ' END AS emoji_col,
          i > 9000 AS bool_col, NULL::VARCHAR AS empty_col,
          CASE WHEN i = 123 THEN 'inf'::DOUBLE ELSE i / 3 END AS inf_col
        FROM range(10000) r(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`),
    );
    const scan = await versionStats(t.engine(), file, { detail: 'basic' });
    const footer = await versionStats(t.engine(), file, { detail: 'footer' });
    expect(footer.rowCount).toBe(10000);
    expect(footer.columnCount).toBe(scan.columnCount);
    for (const [i, c] of footer.columns.entries()) {
      const s = scan.columns[i];
      expect({ name: c.name, nullCount: c.nullCount, min: c.min, max: c.max }).toEqual({
        name: s.name,
        nullCount: s.nullCount,
        min: s.min,
        max: s.max,
      });
    }
    // Answered by the footer (no text lengths there), across row groups, in UTF-8 byte order.
    expect(footer.columns.find((c) => c.name === 'text_col')).toMatchObject({
      min: 'héllo0',
      max: 'Ábc9',
      minLength: null,
    });
    // UTF-8 order puts U+FF58 before U+1F600; UTF-16 (JavaScript's <) would not.
    expect(footer.columns.find((c) => c.name === 'emoji_col')).toMatchObject({ min: 'ｘ', max: '😀' });
    expect(String(footer.columns.find((c) => c.name === 'inf_col')?.max)).toBe('Infinity');
    expect(footer.columns.find((c) => c.name === 'empty_col')).toMatchObject({ nullCount: 10000, min: null });
  });
});
