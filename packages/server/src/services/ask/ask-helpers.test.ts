import { makePlan, type NlqColumn } from '@uam/engine';
import { describe, expect, it } from 'vitest';
import { followUpsFor } from './follow-ups.ts';
import { NlqProfileCache } from './nlq-profiles.ts';

const COLUMNS: NlqColumn[] = [
  { name: 'region', storageType: 'string', semanticType: 'categorical' },
  { name: 'country', storageType: 'string', semanticType: 'categorical' },
  { name: 'order_date', storageType: 'date', semanticType: 'datetime' },
  { name: 'revenue', storageType: 'float', semanticType: 'numeric' },
  { name: 'quantity', storageType: 'integer', semanticType: 'numeric' },
];
const PROFILE = {
  columns: {
    region: { distinct: 4, topValues: ['North', 'South'] },
    country: { distinct: 5, topValues: ['France', 'Germany'] },
  },
};

describe('followUpsFor', () => {
  it('offers a top-k, another grouping and drivers after a grouped total', () => {
    const plan = makePlan({
      kind: 'aggregate',
      measures: [{ agg: 'sum', column: 'revenue' }],
      dimensions: [{ column: 'region' }],
    });
    expect(followUpsFor(plan, 12, COLUMNS, PROFILE)).toEqual([
      'only the top 5',
      'by country instead',
      'why?',
    ]);
    expect(followUpsFor(plan, 3, COLUMNS, PROFILE)).not.toContain('only the top 5');
  });

  it('offers another frequent value after a filter, a chart change over time, and nothing without a plan', () => {
    const filtered = makePlan({
      kind: 'aggregate',
      measures: [{ agg: 'sum', column: 'revenue' }],
      filters: [{ column: 'country', op: 'eq', value: 'France' }],
    });
    expect(followUpsFor(filtered, 1, COLUMNS, PROFILE)).toContain('and for Germany?');
    const monthly = makePlan({
      kind: 'aggregate',
      measures: [{ agg: 'sum', column: 'revenue' }],
      dimensions: [{ column: 'order_date', bucket: 'month' }],
    });
    expect(followUpsFor(monthly, 3, COLUMNS, PROFILE)).toContain('show it as a bar chart');
    expect(followUpsFor(null, 0, COLUMNS, PROFILE)).toEqual([]);
  });
});

describe('NlqProfileCache', () => {
  it('builds once per version, drops the least recently used, and forgets failures', async () => {
    const cache = new NlqProfileCache(2);
    let builds = 0;
    const build = () => {
      builds++;
      return Promise.resolve({ columns: {} });
    };
    await cache.get('a', build);
    await cache.get('b', build);
    await cache.get('a', build); // a is now the most recent
    await cache.get('c', build); // evicts b
    await cache.get('a', build);
    expect(builds).toBe(3);
    await cache.get('b', build);
    expect(builds).toBe(4);

    await expect(cache.get('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await cache.get('x', build);
    expect(builds).toBe(5);
  });
});
