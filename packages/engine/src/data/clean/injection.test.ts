import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors.ts';
import { writeVersion } from '../../profile/test-support.ts';
import { readParquet, useEngine } from '../test-support/fixtures.ts';
import { applyRecipe } from './apply-recipe.ts';
import type { RecipeInput } from './recipe-schema.ts';

const { engine, out, dir } = useEngine();

/** Strings that would end a quoted token, start a new statement or write a file if pasted into SQL. */
function payloads(): string[] {
  const canary = out('pwned.csv').replaceAll("'", "''");
  return [
    `'; COPY (SELECT 42) TO '${canary}'; --`,
    `"; COPY (SELECT 42) TO '${canary}'; --`,
    `x") TO '${canary}' --`,
    `]; read_csv('/etc/passwd') --`,
    `$1`,
    `? OR 1=1`,
    `\\'; SELECT 1; --`,
    '\u0000',
  ];
}

/** Every string field of every step kind, filled with `p`. */
function recipes(p: string): RecipeInput['steps'][] {
  return [
    [{ op: 'rename_columns', renames: [{ from: 'name', to: p }] }],
    [{ op: 'drop_columns', columns: [p] }],
    [{ op: 'impute', column: 'name', strategy: 'constant', value: p }],
    [{ op: 'filter', expression: `name = "${p.replaceAll('"', '""')}"` }],
    [{ op: 'filter', expression: p }],
    [{ op: 'replace_placeholders', columns: ['name'], values: [p] }],
    [{ op: 'parse', column: 'name', as: 'date', format: p }],
    [{ op: 'one_hot', column: 'name', levels: [p], prefix: p }],
    [{ op: 'split', column: 'name', separator: p, into: [p] }],
    [{ op: 'bin', column: 'x', edges: [0, 1], into: p }],
    [{ op: 'derive', name: p, expression: `concat(name, '${p.replaceAll("'", "''")}')` }],
    [{ op: 'derive', name: 'y', expression: p }],
    [{ op: 'text', columns: [p], trim: true }],
    [{ op: 'sort', by: [{ column: p }] }],
    [{ op: 'cast', column: 'name', to: p as 'string' }],
  ];
}

describe('recipes are safe against SQL injection in every string field', () => {
  it('each payload is rejected by validation or stored as plain data', async () => {
    const input = out('inj.parquet');
    const columns = await writeVersion(engine(), input, [
      { name: 'name', type: 'VARCHAR', values: ['a', null, 'c'] },
      { name: 'x', type: 'DOUBLE', values: [0.5, 1, 2] },
      { name: `we"ird'; --`, type: 'BIGINT', values: [1, 2, 3] },
    ]);
    let applied = 0;
    let rejected = 0;
    for (const p of payloads()) {
      for (const steps of recipes(p)) {
        const output = out(`inj-${applied + rejected}.parquet`);
        try {
          const r = await applyRecipe(engine(), { input, output, recipe: { steps }, columns });
          applied++;
          // Names given by the user come back verbatim as column names.
          const names = r.columns.map((c) => c.name);
          if (steps[0].op === 'rename_columns') expect(names[0]).toBe(p);
          if (steps[0].op === 'impute') expect((await readParquet(engine(), output))[1][0]).toBe(p);
        } catch (e) {
          expect(e, `${p} in ${JSON.stringify(steps)}`).toBeInstanceOf(EngineError);
          rejected++;
        }
      }
    }
    expect(fs.existsSync(out('pwned.csv'))).toBe(false);
    expect(applied).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThan(20);
    // The odd column name itself passes through untouched.
    const r = await applyRecipe(engine(), {
      input,
      output: out('odd.parquet'),
      recipe: { steps: [{ op: 'rename_columns', renames: [{ from: `we"ird'; --`, to: 'ok' }] }] },
      columns,
    });
    expect(r.columns.map((c) => c.name)).toEqual(['name', 'x', 'ok']);
    expect(fs.readdirSync(dir()).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
