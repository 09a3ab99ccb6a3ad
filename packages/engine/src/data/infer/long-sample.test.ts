import { describe, expect, it } from 'vitest';
import { useEngine } from '../test-support/fixtures.ts';
import { createLongSample } from './long-sample.ts';
import { DEFAULT_NULL_VALUES } from './patterns.ts';

const t = useEngine();

/** The long sample of two text columns, as `name|raw|v` per cell in row order. */
async function sample(nullValues: readonly string[]) {
  return t.engine().withConnection(async (conn) => {
    const rows = await createLongSample(
      conn,
      'uam_test_sample',
      `SELECT * FROM (VALUES (' 12 ', 'NA'), ('  ', ' n/a '), (NULL, 'x'), ('missing', '')) AS s(a, b)`,
      2,
      nullValues,
    );
    const r = await conn.runAndReadAll('SELECT name, raw, v FROM uam_test_sample');
    return {
      rows,
      cells: r.getRowsJson().map((c) => c.map((x) => (x === null ? '∅' : String(x))).join('|')),
    };
  });
}

describe('createLongSample', () => {
  it('keeps each raw cell and its trimmed value, which is NULL when missing', async () => {
    const { rows, cells } = await sample(DEFAULT_NULL_VALUES);
    expect(rows).toBe(4);
    expect(cells).toEqual([
      'a| 12 |12',
      'b|NA|∅',
      'a|  |∅',
      // Markers are matched after trimming, as the inference always did.
      'b| n/a |∅',
      'a|∅|∅',
      'b|x|x',
      'a|missing|missing',
      'b||∅',
    ]);
  });

  it('takes only the given markers as missing', async () => {
    const { cells } = await sample(['', 'missing']);
    expect(cells.filter((c) => c.endsWith('|∅'))).toEqual(['a|  |∅', 'a|∅|∅', 'a|missing|∅', 'b||∅']);
    expect(cells).toContain('b|NA|NA');
  });
});
