import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors.ts';
import { compileFilter, type FilterColumn } from './filter-compile.ts';

const columns: FilterColumn[] = [
  { name: 'age', type: 'integer' },
  { name: 'country', type: 'string' },
  { name: 'score', type: 'float' },
  { name: 'active', type: 'boolean' },
  { name: 'born', type: 'date' },
  { name: 'seen', type: 'datetime' },
  { name: 'Sales 2024 / Q1', type: 'decimal' },
  { name: 'in', type: 'string' },
];

const compile = (src: string) => compileFilter(src, columns);
const values = (src: string) => compile(src).params.map((p) => p.value);

function code(src: string): string {
  try {
    compile(src);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return (e as EngineError).code;
  }
  return 'OK';
}

describe('filter language: golden SQL', () => {
  it.each([
    ['age > 30 and country in ("FR","DE")', '("age" > $1 AND "country" IN ($2, $3))', [30n, 'FR', 'DE']],
    ['age >= 18 or not active = true', '("age" >= $1 OR (NOT "active" = $2))', [18n, true]],
    [
      '(age < 10 or age > 90) and score != 1.5',
      '(("age" < $1 OR "age" > $2) AND "score" <> $3)',
      [10n, 90n, 1.5],
    ],
    ['country is null', '"country" IS NULL', []],
    ['country is not null and score <> -2', '("country" IS NOT NULL AND "score" <> $1)', [-2]],
    ["country contains 'an'", 'contains(lower("country"), lower($1))', ['an']],
    ['country starts with "Fr"', 'starts_with(lower("country"), lower($1))', ['Fr']],
    ['country not contains "x"', '(NOT contains(lower("country"), lower($1)))', ['x']],
    ['age contains "4"', 'contains(lower(CAST("age" AS VARCHAR)), lower($1))', ['4']],
    ['country not in ("a", \'b\')', '"country" NOT IN ($1, $2)', ['a', 'b']],
    ['born >= "2024-01-01"', '"born" >= CAST($1 AS DATE)', ['2024-01-01']],
    ['seen < "2024-01-01T10:00:00"', '"seen" < CAST($1 AS TIMESTAMP)', ['2024-01-01T10:00:00']],
    ['[Sales 2024 / Q1] > 1e3', '"Sales 2024 / Q1" > $1', [1000]],
    ['[in] = "x"', '"in" = $1', ['x']],
    ['AGE == 3', '"age" = $1', [3n]],
    ['country = "say \\"hi\\""', '"country" = $1', ['say "hi"']],
  ])('%s', (src, sql, params) => {
    const c = compile(src);
    expect(c.sql).toBe(sql);
    expect(c.params.map((p) => p.value)).toEqual(params);
  });

  it('binds typed parameters', () => {
    expect(compile('age = 3 and score = 3 and country = 3').params.map((p) => p.type)).toEqual([
      'BIGINT',
      'DOUBLE',
      'VARCHAR',
    ]);
  });
});

describe('filter language: errors', () => {
  it('unknown columns suggest the closest name', () => {
    try {
      compile('contry = "FR"');
      expect.unreachable();
    } catch (e) {
      expect((e as EngineError).code).toBe('FILTER_UNKNOWN_COLUMN');
      expect((e as EngineError).details).toMatchObject({ column: 'contry', suggestion: 'country' });
    }
  });

  it.each([
    ['', 'FILTER_SYNTAX'],
    ['age >', 'FILTER_SYNTAX'],
    ['age > 30 and', 'FILTER_SYNTAX'],
    ['(age > 1', 'FILTER_SYNTAX'],
    ['age = "old"', 'FILTER_SYNTAX'],
    ['born > "yesterday"', 'FILTER_SYNTAX'],
    ['active = 2', 'FILTER_SYNTAX'],
    ['country in ()', 'FILTER_SYNTAX'],
    [`${'not '.repeat(40)}age = 1`, 'FILTER_SYNTAX'],
    ['x'.repeat(5000), 'FILTER_SYNTAX'],
  ])('%j → %s', (src, expected) => {
    expect(code(src)).toBe(expected);
  });
});

describe('filter language: injection attempts fail or stay literal', () => {
  // Each either fails to parse or compiles to SQL that holds no user text: the text, if any,
  // only reaches DuckDB as a bound parameter value.
  const attempts = [
    '"; DROP TABLE x; --',
    "' OR 1=1 --",
    "country = '' OR 1=1 --'",
    'country = "x"; DROP TABLE t',
    "read_csv('/etc/passwd')",
    "country = read_csv('/etc/passwd')",
    'country in (select 1)',
    '`country` = "x"',
    'country = `x`',
    'country = “FR”',
    'country = ‘FR’',
    'age > 1 /* comment */',
    'age > 1 -- comment',
    'age > 1 # comment',
    'country = "x" UNION SELECT * FROM duckdb_settings()',
    '[country"] = 1',
    '[a]; DROP TABLE t; --] = 1',
    "age > 1; COPY (SELECT 1) TO '/tmp/x'",
    'country = $1',
    'country = ?',
    'country = "a" || "b"',
    'age = 1 OR age = getenv("HOME")',
    "country = '\\' OR 1=1 --'",
    'country\u0000 = "x"',
    'country = "x\u0000y"',
  ];

  it.each(attempts)('%s', (src) => {
    let compiled: ReturnType<typeof compile> | undefined;
    try {
      compiled = compile(src);
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      expect(['FILTER_SYNTAX', 'FILTER_UNKNOWN_COLUMN']).toContain((e as EngineError).code);
      return;
    }
    // Compiled: only quoted known identifiers, operators, keywords and $n placeholders.
    const stripped = compiled.sql.replace(/"(?:[^"]|"")*"/g, 'ID').replace(/\$\d+/g, 'P');
    expect(stripped).toMatch(/^[A-Za-z_() ,<>=!]+$/);
    expect(stripped).not.toMatch(/DROP|SELECT|COPY|read_csv|getenv|--|;/i);
  });

  it('treats quote tricks inside strings as plain literal text', () => {
    expect(values('country = "\' OR 1=1 --"')).toEqual(["' OR 1=1 --"]);
    expect(values("country = '\"; DROP TABLE x; --'")).toEqual(['"; DROP TABLE x; --']);
    expect(values('[in] contains "%_"')).toEqual(['%_']);
  });
});
