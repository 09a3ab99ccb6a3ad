import { beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../errors.ts';
import { useEngine } from '../test-support/fixtures.ts';
import { peopleVersion } from '../test-support/people.ts';
import { queryRows } from './query-rows.ts';
import { rowsCacheOf } from './rows-cache.ts';

const t = useEngine();
let v = '';
beforeAll(async () => {
  v = await peopleVersion(t.engine(), t.file, t.out);
});

describe('queryRows', () => {
  it('returns typed, columnar-ish rows and the total', async () => {
    const page = await queryRows(t.engine(), v, { limit: 2 });
    expect(page.total).toBe(6);
    expect(page.columns.slice(0, 6)).toEqual([
      { name: 'id', type: 'integer' },
      { name: 'name', type: 'string' },
      { name: 'age', type: 'integer' },
      { name: 'country', type: 'string' },
      { name: 'score', type: 'float' },
      { name: 'joined', type: 'date' },
    ]);
    expect(page.rows[0].slice(0, 7)).toEqual([1, 'Ann', 34, 'FR', 1.5, '2024-01-05', true]);
  });

  it('filters with bound parameters and sorts with nulls last and stable ties', async () => {
    const page = await queryRows(t.engine(), v, {
      filter: 'age > 26 and country in ("FR", "DE", "US")',
      sort: [{ column: 'country' }, { column: 'age', desc: true }],
      columns: ['name', 'country', 'age'],
    });
    expect(page.total).toBe(3);
    expect(page.rows).toEqual([
      ['Eve', 'DE', 29],
      ['Cé', 'FR', 41],
      ['Ann', 'FR', 34],
    ]);
    const nulls = await queryRows(t.engine(), v, { sort: [{ column: 'age' }], columns: ['age'] });
    expect(nulls.rows.at(-1)).toEqual([null]);
  });

  it('pages with offset and limit', async () => {
    const ids = [];
    for (let offset = 0; offset < 6; offset += 4) {
      const p = await queryRows(t.engine(), v, {
        offset,
        limit: 4,
        sort: [{ column: 'active' }],
        columns: ['id'],
      });
      ids.push(...p.rows.map((r) => r[0]));
    }
    expect(ids.sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('compares dates and text case-insensitively', async () => {
    const p = await queryRows(t.engine(), v, {
      filter: 'joined >= "2024-01-01" and name contains "E"',
      columns: ['name'],
    });
    expect(p.rows).toEqual([['Eve']]);
  });

  it('rejects unknown columns and bad limits with typed errors', async () => {
    await expect(queryRows(t.engine(), v, { sort: [{ column: 'nope' }] })).rejects.toMatchObject({
      code: 'COLUMN_NOT_FOUND',
    });
    await expect(queryRows(t.engine(), v, { filter: 'nmae = "x"' })).rejects.toMatchObject({
      code: 'FILTER_UNKNOWN_COLUMN',
      details: { suggestion: 'name' },
    });
    await expect(queryRows(t.engine(), v, { limit: 0 })).rejects.toBeInstanceOf(EngineError);
  });

  it('an injection attempt in a value matches nothing and harms nothing', async () => {
    const p = await queryRows(t.engine(), v, { filter: "name = \"x' OR '1'='1\"" });
    expect(p.total).toBe(0);
    expect((await queryRows(t.engine(), v)).total).toBe(6);
  });
});

describe('queryRows on a scrolled query (rows cache)', () => {
  it('serves every page of a repeated sort + filter exactly as a direct read does', async () => {
    const engine = t.engine();
    const file = t.out('scroll.parquet');
    await engine.withConnection((c) =>
      c.run(
        `COPY (SELECT i AS id, (i * 7919) % 1000 AS k, CASE WHEN i % 9 = 0 THEN NULL ELSE (i * 31) % 97 END AS v, 'g' || (i % 5) AS g FROM range(5000) t(i)) TO '${file}' (FORMAT parquet)`,
      ),
    );
    const q = {
      filter: 'k > 100 and g in ("g1","g3")',
      sort: [{ column: 'v', desc: true }, { column: 'k' }],
    };
    const cache = rowsCacheOf(engine);
    const pages: unknown[][][] = [];
    for (let i = 0; i < 6; i++) {
      const page = await queryRows(engine, file, { ...q, offset: i * 300, limit: 300 });
      const direct = await queryRows(engine, file, { ...q, offset: i * 300, limit: 300, cache: false });
      expect(page.rows).toEqual(direct.rows);
      expect(page.total).toBe(direct.total);
      pages.push(page.rows);
      // The second sighting starts the build; let it finish so later pages read the table.
      if (i === 1) await new Promise((r) => setTimeout(r, 200));
    }
    const key = [...(cache as unknown as { entries: Map<string, unknown> }).entries.keys()].find((k) =>
      k.includes('scroll'),
    );
    expect(key).toBeDefined();
    const ids = pages.flat().map((r) => r[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(Math.min(1800, pages.length > 0 ? (await queryRows(engine, file, q)).total : 0));
  });

  it('keeps position order on cached pages that span row groups', async () => {
    const engine = t.engine();
    const file = t.out('groups.parquet');
    // 300,000 matching rows: the cached table has three row groups (122,880 rows each).
    await engine.withConnection((c) =>
      c.run(
        `COPY (SELECT i AS id, (i * 7919) % 100003 AS k FROM range(300000) t(i)) TO '${file}' (FORMAT parquet)`,
      ),
    );
    const q = { filter: 'k >= 0', sort: [{ column: 'k', desc: true }] };
    await queryRows(engine, file, q);
    // Seen twice: its result is being built; later pages wait for it and read the table.
    await queryRows(engine, file, { ...q, offset: 1 });
    const entries = (rowsCacheOf(engine) as unknown as { entries: Map<string, unknown> }).entries;
    expect([...entries.keys()].some((k) => k.includes('groups.parquet'))).toBe(true);
    for (const offset of [122_800, 245_700, 299_900]) {
      const page = await queryRows(engine, file, { ...q, offset, limit: 200 });
      const direct = await queryRows(engine, file, { ...q, offset, limit: 200, cache: false });
      expect(page.rows).toEqual(direct.rows);
    }
  });
});
