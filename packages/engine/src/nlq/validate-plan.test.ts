import { describe, expect, it } from 'vitest';
import { planJsonSchema } from './plan.ts';
import { SALES_COLUMNS } from './test-fixtures.ts';
import { checkPlan } from './validate-plan.ts';

const base = { version: 1, kind: 'aggregate', measures: [{ agg: 'sum', column: 'revenue' }] };

describe('checkPlan', () => {
  it('accepts a valid plan and fills defaults', () => {
    const r = checkPlan(base, SALES_COLUMNS);
    expect(r.ok && r.plan).toMatchObject({ filters: [], dimensions: [], limit: null, chart: 'auto' });
  });

  it.each([
    ['an unknown key (no raw SQL field)', { ...base, sql: 'DROP TABLE x' }],
    ['an unknown column', { ...base, measures: [{ agg: 'sum', column: 'password' }] }],
    ['a sum of text', { ...base, measures: [{ agg: 'sum', column: 'country' }] }],
    ['an unknown aggregate', { ...base, measures: [{ agg: 'read_csv', column: 'revenue' }] }],
    ['an unknown filter op', { ...base, filters: [{ column: 'country', op: 'like', value: '%' }] }],
    [
      'a date range on a number',
      { ...base, filters: [{ column: 'revenue', op: 'date_range', from: '2020-01-01', to: '2021-01-01' }] },
    ],
    [
      'a malformed date',
      { ...base, filters: [{ column: 'order_date', op: 'date_range', from: "2020'; --", to: '2021-01-01' }] },
    ],
    ['the latest of a text column', { ...base, filters: [{ column: 'country', op: 'latest' }] }],
    ['a huge limit', { ...base, limit: 10_000_000 }],
    ['a bucket on text', { ...base, dimensions: [{ column: 'country', bucket: 'month' }] }],
    ['a non-numeric correlation', { version: 1, kind: 'correlation', correlate: ['country', 'revenue'] }],
    ['version 2', { ...base, version: 2 }],
  ])('rejects %s', (_, plan) => {
    expect(checkPlan(plan, SALES_COLUMNS).ok).toBe(false);
  });

  it('exports the plan language as JSON Schema for the LLM prompt', () => {
    const schema = planJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['kind', 'measures', 'filters', 'dimensions']),
    );
  });
});
