import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../errors.ts';
import type { SqlParam } from '../../query/filter-compile.ts';
import { useEngine } from '../../test-support/fixtures.ts';
import { runWithParams } from '../bind-params.ts';
import type { RelColumn } from '../relation.ts';
import { compileExpression } from './expr-compile.ts';

const { engine } = useEngine();
const COLS: RelColumn[] = [
  { name: 'price', type: 'float' },
  { name: 'qty', type: 'integer' },
  { name: 'name', type: 'string' },
  { name: 'day', type: 'date' },
  { name: 'unit price', type: 'float' },
];
const ROW = `SELECT 2.5 AS price, 4::BIGINT AS qty, ' Ab ' AS "name", DATE '2024-03-15' AS "day", 10.0 AS "unit price"`;

function compile(src: string) {
  const params: SqlParam[] = [];
  const c = compileExpression(
    src,
    (name) => {
      const col = COLS.find((x) => x.name === name);
      if (!col) throw new EngineError('COLUMN_NOT_FOUND', name);
      return col;
    },
    (v) => {
      params.push(
        typeof v === 'number'
          ? { value: v, type: 'DOUBLE' }
          : typeof v === 'boolean'
            ? { value: v, type: 'BOOLEAN' }
            : { value: v, type: 'VARCHAR' },
      );
      return `$${params.length}`;
    },
  );
  return { ...c, params };
}

async function evaluate(src: string): Promise<unknown> {
  const c = compile(src);
  return engine().withConnection(async (conn) => {
    const r = await runWithParams(conn, `SELECT ${c.sql} FROM (${ROW})`, c.params);
    return r.getRowsJson()[0][0];
  });
}

describe('derive expressions', () => {
  it('evaluate arithmetic, text, dates and conditionals with the right types', async () => {
    expect(await evaluate('price * qty + 1')).toBe(11);
    expect(await evaluate('qty / 0')).toBeNull();
    expect(await evaluate('round([unit price] / 3, 2)')).toBe(3.33);
    expect(await evaluate('upper(trim(name))')).toBe('AB');
    expect(await evaluate(`concat(name, '-', qty)`)).toBe(' Ab -4');
    expect(await evaluate('year(day) * 100 + month(day)')).toBe(202403);
    expect(await evaluate(`date_diff('day', to_date('2024-03-01'), day)`)).toBe(14);
    expect(await evaluate('if(qty > 3 and not is_null(name), "big", "small")')).toBe('big');
    expect(await evaluate('coalesce(null, price)')).toBe(2.5);
    expect(await evaluate('weekday(day)')).toBe(5);
    expect(compile('qty > 1').storage).toBe('boolean');
    expect(compile('day').storage).toBe('date');
  });

  it('reject unknown functions, wrong types and bad syntax with a position', () => {
    const error = (src: string) => {
      try {
        compile(src);
      } catch (e) {
        return (e as EngineError).message;
      }
      return 'no error';
    };
    expect(error('read_csv("x")')).toMatch(/Unknown function read_csv/);
    expect(error('name + 1')).toMatch(/concat/);
    expect(error('round(name)')).toMatch(/must be a number/);
    expect(error('price > name')).toMatch(/Cannot compare/);
    expect(error(`date_diff('fortnight', day, day)`)).toMatch(/unit must be one of/);
    expect(error('price * (2')).toMatch(/position/);
    expect(error('nope + 1')).toBe('nope');
    expect(error('1 ; DROP TABLE x')).toMatch(/Unexpected ";"/);
    expect(error('substr(name)')).toMatch(/takes 2 to 3 arguments/);
    expect(error('('.repeat(100) + '1' + ')'.repeat(100))).toMatch(/nested too deeply/);
  });
});
