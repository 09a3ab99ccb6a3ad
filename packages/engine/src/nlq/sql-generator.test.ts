import { describe, expect, it } from 'vitest';
import { makePlan, type QueryPlanInput } from './plan.ts';
import { generateSql } from './sql-generator.ts';
import { assertSafeSql } from './sql-guard.ts';
import { SALES_COLUMNS } from './test-fixtures.ts';

/** Golden SQL: the exact text and parameters for each plan shape. */
function sqlOf(plan: Omit<QueryPlanInput, 'version'>) {
  const g = generateSql(makePlan(plan), SALES_COLUMNS, { rowCap: 1000 });
  assertSafeSql(g.sql, g.params.length);
  return { sql: g.sql, params: g.params };
}

describe('generateSql', () => {
  it('scalar aggregate with a bound filter value', () => {
    expect(
      sqlOf({
        kind: 'aggregate',
        measures: [{ agg: 'sum', column: 'revenue' }],
        filters: [{ column: 'country', op: 'eq', value: 'France' }],
      }),
    ).toEqual({
      sql: 'SELECT sum("revenue") AS "Total revenue" FROM "dataset" WHERE "country" = $1',
      params: ['France'],
    });
  });

  it('a point in time: the last date among the rows the other filters keep', () => {
    expect(
      sqlOf({
        kind: 'aggregate',
        measures: [{ agg: 'sum', column: 'revenue' }],
        filters: [
          { column: 'country', op: 'eq', value: 'France' },
          { column: 'order_date', op: 'latest' },
        ],
      }),
    ).toEqual({
      sql: 'SELECT sum("revenue") AS "Total revenue" FROM "dataset" WHERE "country" = $1 AND "order_date" = (SELECT max("order_date") FROM "dataset" WHERE "order_date" IS NOT NULL AND "country" = $2)',
      params: ['France', 'France'],
    });
  });

  it('grouped aggregate over a date range, ordered by the measure, capped', () => {
    expect(
      sqlOf({
        kind: 'aggregate',
        measures: [{ agg: 'avg', column: 'unit_price' }],
        dimensions: [{ column: 'region' }],
        filters: [{ column: 'order_date', op: 'date_range', from: '2024-01-01', to: '2025-01-01' }],
      }),
    ).toEqual({
      sql: 'SELECT "region" AS "region", avg("unit_price") AS "Average unit_price" FROM "dataset" WHERE "order_date" >= CAST($1 AS DATE) AND "order_date" < CAST($2 AS DATE) GROUP BY "region" ORDER BY avg("unit_price") DESC NULLS LAST, "region" ASC LIMIT $3',
      params: ['2024-01-01', '2025-01-01', 1001],
    });
  });

  it('top-k', () => {
    expect(
      sqlOf({
        kind: 'aggregate',
        measures: [{ agg: 'sum', column: 'revenue' }],
        dimensions: [{ column: 'country' }],
        sort: [{ by: 'measure', index: 0, dir: 'desc' }],
        limit: 3,
      }),
    ).toEqual({
      sql: 'SELECT "country" AS "country", sum("revenue") AS "Total revenue" FROM "dataset" GROUP BY "country" ORDER BY sum("revenue") DESC NULLS LAST, "country" ASC LIMIT $1',
      params: [3],
    });
  });

  it('share of a part, with IN values bound one by one', () => {
    expect(
      sqlOf({
        kind: 'aggregate',
        measures: [
          {
            agg: 'share',
            column: 'revenue',
            where: [{ column: 'region', op: 'in', values: ['Europe', 'Asia Pacific'] }],
          },
        ],
      }),
    ).toEqual({
      sql: 'SELECT 100.0 * sum("revenue") FILTER (WHERE "region" IN ($1, $2)) / sum("revenue") AS "Share of revenue (%)" FROM "dataset"',
      params: ['Europe', 'Asia Pacific'],
    });
  });

  it('having', () => {
    expect(
      sqlOf({
        kind: 'aggregate',
        measures: [{ agg: 'count', column: null }],
        dimensions: [{ column: 'country' }],
        having: [{ measure: 0, op: 'gt', value: 50 }],
      }),
    ).toEqual({
      sql: 'SELECT "country" AS "country", count(*) AS "Count" FROM "dataset" GROUP BY "country" HAVING count(*) > $1 ORDER BY count(*) DESC NULLS LAST, "country" ASC LIMIT $2',
      params: [50, 1001],
    });
  });

  it('day-of-week groups ordered Monday first, weekend filter by ISO day', () => {
    expect(
      sqlOf({
        kind: 'aggregate',
        measures: [{ agg: 'sum', column: 'quantity' }],
        dimensions: [{ column: 'order_date', bucket: 'day_of_week' }],
        filters: [{ column: 'order_date', op: 'date_part', part: 'day_of_week', values: [6, 7] }],
      }),
    ).toEqual({
      sql: 'SELECT dayname("order_date") AS "order_date (day of week)", sum("quantity") AS "Total quantity" FROM "dataset" WHERE isodow("order_date") IN ($1, $2) GROUP BY isodow("order_date"), dayname("order_date") ORDER BY isodow("order_date") ASC LIMIT $3',
      params: [6, 7, 1001],
    });
  });

  it('decades of a date column (1990 stands for the 1990s)', () => {
    const d = 'CAST(floor(year("order_date") / 10) * 10 AS INTEGER)';
    expect(
      sqlOf({
        kind: 'aggregate',
        measures: [{ agg: 'count', column: null }],
        dimensions: [{ column: 'order_date', bucket: 'decade' }],
      }).sql,
    ).toBe(
      `SELECT ${d} AS "order_date (decade)", count(*) AS "Count" FROM "dataset" GROUP BY ${d} ORDER BY ${d} ASC LIMIT $1`,
    );
  });

  it('month buckets with change from the previous month', () => {
    const m = `CAST(date_trunc('month', "order_date") AS DATE)`;
    const lag = `lag(count(*)) OVER (ORDER BY ${m})`;
    expect(
      sqlOf({
        kind: 'aggregate',
        measures: [{ agg: 'count', column: null }],
        dimensions: [{ column: 'order_date', bucket: 'month' }],
        change: 'previous',
      }),
    ).toEqual({
      sql: `SELECT ${m} AS "order_date (month)", count(*) AS "Count", count(*) - ${lag} AS "Change", 100.0 * (count(*) - ${lag}) / abs(${lag}) AS "Change (%)" FROM "dataset" GROUP BY ${m} ORDER BY ${m} ASC LIMIT $1`,
      params: [1001],
    });
  });

  it('rows: a quote in a value stays a parameter; contains needs no LIKE escaping', () => {
    expect(
      sqlOf({
        kind: 'rows',
        select: ['order_id', 'revenue'],
        filters: [
          { column: 'product', op: 'contains', value: "Lap'top" },
          { column: 'quantity', op: 'between', from: 2, to: 5 },
        ],
        sort: [{ by: 'column', column: 'revenue', dir: 'desc' }],
        limit: 5,
      }),
    ).toEqual({
      sql: 'SELECT "order_id", "revenue" FROM "dataset" WHERE contains(lower("product"), $1) AND "quantity" BETWEEN $2 AND $3 ORDER BY "revenue" DESC NULLS LAST, "order_id" ASC LIMIT $4',
      params: ["lap'top", 2, 5, 5],
    });
  });

  it('distinct values by frequency', () => {
    expect(sqlOf({ kind: 'distinct', select: ['channel'] })).toEqual({
      sql: 'SELECT "channel", count(*) AS "Rows" FROM "dataset" WHERE "channel" IS NOT NULL GROUP BY "channel" ORDER BY count(*) DESC, "channel" ASC LIMIT $1',
      params: [1001],
    });
  });

  it('correlation and drivers', () => {
    expect(sqlOf({ kind: 'correlation', correlate: ['quantity', 'revenue'] })).toEqual({
      sql: 'SELECT corr("quantity", "revenue") AS "Correlation", count(*) AS "Rows" FROM "dataset" WHERE "quantity" IS NOT NULL AND "revenue" IS NOT NULL',
      params: [],
    });
    expect(sqlOf({ kind: 'drivers', correlate: ['revenue', 'quantity', 'cost'] })).toEqual({
      sql: 'SELECT corr("revenue", "quantity") AS "quantity", corr("revenue", "cost") AS "cost" FROM "dataset"',
      params: [],
    });
  });

  it('two periods side by side with their change', () => {
    const a = `sum("revenue") FILTER (WHERE "order_date" >= CAST($1 AS DATE) AND "order_date" < CAST($2 AS DATE))`;
    const b = `sum("revenue") FILTER (WHERE "order_date" >= CAST($3 AS DATE) AND "order_date" < CAST($4 AS DATE))`;
    expect(
      sqlOf({
        kind: 'compare_periods',
        measures: [{ agg: 'sum', column: 'revenue' }],
        periods: [
          { label: '2023', column: 'order_date', from: '2023-01-01', to: '2024-01-01' },
          { label: '2024', column: 'order_date', from: '2024-01-01', to: '2025-01-01' },
        ],
      }),
    ).toEqual({
      sql: `SELECT ${a} AS "2023", ${b} AS "2024", ${b} - ${a} AS "Change", 100.0 * (${b} - ${a}) / abs(${a}) AS "Change (%)" FROM "dataset"`,
      params: ['2023-01-01', '2024-01-01', '2024-01-01', '2025-01-01'],
    });
  });

  it('quotes identifiers with quotes inside', () => {
    const cols = [{ name: 'we"ird', storageType: 'float' as const, semanticType: 'numeric' as const }];
    const g = generateSql(
      makePlan({ kind: 'aggregate', measures: [{ agg: 'max', column: 'we"ird' }] }),
      cols,
      { rowCap: 10 },
    );
    expect(g.sql).toBe('SELECT max("we""ird") AS "Maximum we""ird" FROM "dataset"');
  });

  it('a histogram is one guarded statement', () => {
    const g = generateSql(makePlan({ kind: 'distribution', select: ['unit_price'] }), SALES_COLUMNS, {
      rowCap: 1000,
    });
    expect(
      g.sql.startsWith(
        'WITH "values" AS (SELECT CAST("unit_price" AS DOUBLE) AS "v" FROM "dataset" WHERE "unit_price" IS NOT NULL)',
      ),
    ).toBe(true);
    expect(() => assertSafeSql(g.sql, g.params.length)).not.toThrow();
  });
});
