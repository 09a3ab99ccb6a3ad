import { describe, expect, it } from 'vitest';
import { assertSafeSql, SqlGuardError } from './sql-guard.ts';

describe('assertSafeSql', () => {
  it('accepts a generated-style select', () => {
    expect(() =>
      assertSafeSql(
        'SELECT "a" AS "a", sum("b") AS "x" FROM "dataset" WHERE "a" = $1 GROUP BY "a" LIMIT $2',
        2,
      ),
    ).not.toThrow();
  });

  it.each([
    ['a second statement', 'SELECT 1 FROM "dataset"; DROP TABLE "dataset"'],
    ['a string literal', `SELECT count(*) FROM "dataset" WHERE "a" = 'x'`],
    ['a file read', `SELECT * FROM read_csv($1)`],
    ['another relation', 'SELECT count(*) FROM "secrets"'],
    ['a subquery in FROM', 'SELECT count(*) FROM (SELECT 1)'],
    ['a join', 'SELECT count(*) FROM "dataset" JOIN "dataset" ON 1 = 1'],
    ['a function outside the allowlist', 'SELECT getenv($1) FROM "dataset"'],
    ['a write', 'COPY "dataset" TO $1'],
    ['attach', 'ATTACH $1 AS "x"'],
    ['install', 'INSTALL httpfs'],
    ['pragma', 'PRAGMA version'],
    ['a comment', 'SELECT count(*) FROM "dataset" -- x'],
    ['a missing parameter value', 'SELECT count(*) FROM "dataset" WHERE "a" = $2'],
    ['an unquoted identifier', 'SELECT password FROM "dataset"'],
  ])('refuses %s', (_, sql) => {
    expect(() => assertSafeSql(sql, 1)).toThrow(SqlGuardError);
  });
});
