import { beforeAll, describe, expect, it } from 'vitest';
import { castSchema } from './cast-schema.ts';
import { readParquet, useEngine } from './test-support/fixtures.ts';
import { peopleVersion } from './test-support/people.ts';

const t = useEngine();
let v = '';
beforeAll(async () => {
  v = await peopleVersion(t.engine(), t.file, t.out);
});

describe('castSchema', () => {
  it('converts, reports failures with examples, and stores them as NULL', async () => {
    const r = await castSchema(t.engine(), {
      input: v,
      output: t.out('cast1.parquet'),
      overrides: [
        { column: 'zip', type: 'integer' },
        { column: 'note', type: 'float' },
        { column: 'score', type: 'string' },
      ],
    });
    expect(r.rowCount).toBe(6);
    expect(r.report).toEqual([
      { column: 'zip', from: 'string', to: 'integer', failures: { count: 0, examples: [] } },
      expect.objectContaining({
        column: 'note',
        from: 'string',
        to: 'float',
        failures: expect.objectContaining({ count: 5 }),
      }),
      { column: 'score', from: 'float', to: 'string', failures: { count: 0, examples: [] } },
    ]);
    expect(r.report[1].failures.examples).toContain('plain');
    const rows = await readParquet(t.engine(), t.out('cast1.parquet'));
    expect(rows.map((x) => x[8])).toEqual(['2134', '90210', '10001', '501', '12345', '54321']);
    expect(rows.map((x) => x[7])).toEqual([null, null, -5, null, null, null]);
    expect(r.columns.find((c) => c.name === 'score')).toEqual({
      name: 'score',
      type: 'string',
      physicalType: 'VARCHAR',
    });
  });

  it('failOnError refuses instead of writing', async () => {
    const out = t.out('cast2.parquet');
    await expect(
      castSchema(t.engine(), {
        input: v,
        output: out,
        overrides: [{ column: 'name', type: 'date' }],
        failOnError: true,
      }),
    ).rejects.toMatchObject({ code: 'SCHEMA_CAST_FAILED' });
  });

  it('typed conversions: float → integer fails on fractions, date → datetime, unknown columns', async () => {
    const r = await castSchema(t.engine(), {
      input: v,
      output: t.out('cast3.parquet'),
      overrides: [
        { column: 'score', type: 'integer' },
        { column: 'joined', type: 'datetime' },
      ],
    });
    expect(r.report[0].failures.count).toBe(4);
    expect(r.report[1].failures.count).toBe(0);
    await expect(
      castSchema(t.engine(), {
        input: v,
        output: t.out('x.parquet'),
        overrides: [{ column: 'nope', type: 'string' }],
      }),
    ).rejects.toMatchObject({ code: 'COLUMN_NOT_FOUND' });
  });

  it('a text column turned into numbers reads (12) as -12, as inference does', async () => {
    const input = t.out('steps.parquet');
    await t
      .engine()
      .withConnection((c) =>
        c.run(
          `COPY (SELECT * FROM (VALUES ('(1)'), ('2'), ('(3.5)'), ('x')) AS s(step)) TO '${input}' (FORMAT parquet)`,
        ),
      );
    const r = await castSchema(t.engine(), {
      input,
      output: t.out('steps-cast.parquet'),
      overrides: [{ column: 'step', type: 'float' }],
    });
    expect(r.report[0].failures).toEqual({ count: 1, examples: ['x'] });
    const rows = await readParquet(t.engine(), t.out('steps-cast.parquet'));
    expect(rows.map((x) => x[0])).toEqual([-1, 2, -3.5, null]);
  });
});
