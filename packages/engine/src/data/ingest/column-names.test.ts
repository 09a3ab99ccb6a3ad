import { describe, expect, it } from 'vitest';
import { cleanColumnNames, MAX_NAME_LENGTH } from './column-names.ts';

describe('cleanColumnNames', () => {
  it('dedupes case-insensitively without stealing existing names', () => {
    expect(cleanColumnNames(['a', 'a', 'a_2', 'A']).names).toEqual(['a', 'a_3', 'a_2', 'A_4']);
  });

  it('names empty headers by position and trims whitespace', () => {
    const { names, warnings } = cleanColumnNames(['', '  x  ', 'y']);
    expect(names).toEqual(['column_1', 'x', 'y']);
    expect(warnings.map((w) => w.details?.reasons)).toEqual([['empty'], ['whitespace']]);
  });

  it('takes off the double quotes spaces left around a whole name, and no others', () => {
    const { names, warnings } = cleanColumnNames([' "First Name" ', '"a"b"', 'say "hi"', '""']);
    expect(names).toEqual(['First Name', '"a"b"', 'say "hi"', 'column_4']);
    expect(warnings.map((w) => w.details?.reasons)).toEqual([
      ['whitespace', 'quotes'],
      ['quotes', 'empty'],
    ]);
  });

  it('strips control characters and caps length at 128, keeping suffixes inside the cap', () => {
    const long = 'é'.repeat(1000);
    const { names } = cleanColumnNames(['a\u0000b\nc', long, long]);
    expect(names[0]).toBe('a b c');
    expect(Array.from(names[1])).toHaveLength(MAX_NAME_LENGTH);
    expect(Array.from(names[2])).toHaveLength(MAX_NAME_LENGTH);
    expect(names[2].endsWith('_2')).toBe(true);
  });

  it('summarises after 50 rename warnings', () => {
    const { warnings } = cleanColumnNames(Array.from({ length: 200 }, () => ''));
    expect(warnings).toHaveLength(51);
    expect(warnings[50]).toMatchObject({ code: 'WARNINGS_TRUNCATED', details: { omitted: 150 } });
  });
});
