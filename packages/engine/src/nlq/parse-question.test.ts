import { describe, expect, it } from 'vitest';
import { buildContext } from './context.ts';
import type { Outcome } from './draft.ts';
import { parseQuestion } from './parse-question.ts';
import { salesContext } from './test-fixtures.ts';

const ctx = salesContext();
const ask = (q: string): Outcome => parseQuestion(q, ctx);
const plan = (q: string) => {
  const o = ask(q);
  if (o.status !== 'answered') throw new Error(`${q}: ${o.status} ${o.reason}`);
  return o.plan;
};

describe('parseQuestion: plans', () => {
  it('measure by group', () => {
    expect(plan('total revenue by region')).toMatchObject({
      kind: 'aggregate',
      measures: [{ agg: 'sum', column: 'revenue' }],
      dimensions: [{ column: 'region' }],
    });
  });

  it('defaults to a total for amounts and an average for prices', () => {
    expect(plan('revenue per country').measures).toEqual([{ agg: 'sum', column: 'revenue' }]);
    expect(plan('unit price per country').measures).toEqual([{ agg: 'avg', column: 'unit_price' }]);
  });

  it('values inside categorical columns become filters', () => {
    expect(plan('revenue in France').filters).toEqual([{ column: 'country', op: 'eq', value: 'France' }]);
    expect(plan('revenue excluding the Retail channel').filters).toEqual([
      { column: 'channel', op: 'neq', value: 'Retail' },
    ]);
  });

  it('numbers with units and words', () => {
    expect(plan('how many orders with revenue over 2k').filters).toEqual([
      { column: 'revenue', op: 'gt', value: 2000 },
    ]);
    expect(plan('orders with more than ten units').filters).toEqual([
      { column: 'quantity', op: 'gt', value: 10 },
    ]);
    expect(plan('count orders with a cost of at least 1.5m').filters).toEqual([
      { column: 'cost', op: 'gte', value: 1_500_000 },
    ]);
  });

  it('dates relative to the data', () => {
    expect(plan('revenue in the last 3 months').filters).toEqual([
      { column: 'order_date', op: 'date_range', from: '2024-10-01', to: '2025-01-01' },
    ]);
    expect(plan('revenue by quarter').dimensions).toEqual([{ column: 'order_date', bucket: 'quarter' }]);
  });

  it('rank / top-k', () => {
    expect(plan('top 3 countries by revenue')).toMatchObject({
      dimensions: [{ column: 'country' }],
      sort: [{ by: 'measure', index: 0, dir: 'desc' }],
      limit: 3,
    });
    expect(plan('which region has the lowest revenue')).toMatchObject({ sort: [{ dir: 'asc' }], limit: 1 });
  });

  it('counting and distinct', () => {
    expect(plan('how many orders are there').measures).toEqual([{ agg: 'count', column: null }]);
    expect(plan('how many different products').measures).toEqual([
      { agg: 'count_distinct', column: 'product' },
    ]);
    expect(plan('what channels are there')).toMatchObject({ kind: 'distinct', select: ['channel'] });
  });

  it('share of a part and share by group', () => {
    expect(plan('what share of revenue comes from Europe').measures).toEqual([
      { agg: 'share', column: 'revenue', where: [{ column: 'region', op: 'eq', value: 'Europe' }] },
    ]);
    expect(plan('percentage of revenue by region')).toMatchObject({
      share: true,
      dimensions: [{ column: 'region' }],
    });
  });

  it('distribution, correlation, drivers', () => {
    expect(plan('distribution of unit price')).toMatchObject({
      kind: 'distribution',
      select: ['unit_price'],
    });
    expect(plan('correlation between quantity and revenue')).toMatchObject({
      kind: 'correlation',
      correlate: ['quantity', 'revenue'],
    });
    expect(plan('what drives revenue')).toMatchObject({
      kind: 'drivers',
      correlate: ['revenue', 'quantity', 'unit_price', 'cost'],
    });
  });

  it('compare periods and change over time', () => {
    expect(plan('compare revenue in 2023 and 2024')).toMatchObject({
      kind: 'compare_periods',
      periods: [{ label: '2023' }, { label: '2024' }],
    });
    expect(plan('year over year revenue')).toMatchObject({
      dimensions: [{ column: 'order_date', bucket: 'year' }],
      change: 'previous',
    });
  });

  it('typos and synonyms', () => {
    expect(plan('totl revenu by contry').measures).toEqual([{ agg: 'sum', column: 'revenue' }]);
    expect(plan('total sales by nation').dimensions).toEqual([{ column: 'country' }]);
    expect(plan('total expenses in Germny').filters).toEqual([
      { column: 'country', op: 'eq', value: 'Germany' },
    ]);
  });

  it('reports how each word was understood', () => {
    const o = ask('average unit price in Japan');
    expect(o.status).toBe('answered');
    expect(o.interpretation).toEqual(
      expect.arrayContaining([
        { span: 'unit price', meaning: 'avg unit_price' },
        { span: 'Japan', meaning: 'country = Japan' },
      ]),
    );
  });
});

describe('parseQuestion: refusals and clarifications', () => {
  it.each([
    'what will revenue be next year',
    'forecast revenue for 2026',
    'revenue in Tokyo',
    'what is our profit margin',
    'delete all orders',
    'how many employees do we have',
    'revenue in 2019',
  ])('refuses: %s', (q) => {
    const o = ask(q);
    expect(o.status).not.toBe('answered');
  });

  it('asks which column when a word fits several', () => {
    const o = ask('average price or cost?');
    expect(['clarify', 'answered']).toContain(o.status);
    const amb = ask('what is the average?');
    expect(amb.status).toBe('clarify');
    if (amb.status === 'clarify') expect(amb.choices.map((c) => c.label)).toContain('revenue');
  });

  it('never throws on garbage', () => {
    for (const q of ['', '???', 'a'.repeat(2000), '; DROP TABLE x; --', '\u0000\u0001', '12345'])
      expect(() => ask(q)).not.toThrow();
  });
});

describe('parseQuestion: a column named like a thesaurus phrase', () => {
  const prices = buildContext({
    columns: [
      { name: 'region', storageType: 'string', semanticType: 'categorical' },
      { name: 'list_price', storageType: 'float', semanticType: 'numeric' },
      { name: 'sale_price', storageType: 'float', semanticType: 'numeric' },
    ],
    values: new Map([['region', ['North', 'South']]]),
    dateSpans: new Map(),
  });

  it('asks which price is meant, and the chosen name ("sale price" is a phrase for price) answers', () => {
    const o = parseQuestion('average price', prices);
    expect(o.status).toBe('clarify');
    for (const q of ['average sale_price', 'average sale price']) {
      const chosen = parseQuestion(q, prices);
      expect(chosen.status, q).toBe('answered');
      if (chosen.status === 'answered')
        expect(chosen.plan.measures).toEqual([{ agg: 'avg', column: 'sale_price' }]);
    }
  });
});

describe('parseQuestion: column names written out in full', () => {
  // Names with units, dots and underscores, as ingest makes them (nested JSON, sklearn data).
  const odd = buildContext({
    columns: [
      { name: 'Beak Length (mm)', storageType: 'float', semanticType: 'numeric' },
      { name: 'Beak Depth (mm)', storageType: 'float', semanticType: 'numeric' },
      { name: 'record.high', storageType: 'integer', semanticType: 'numeric' },
      { name: 'normal.high', storageType: 'integer', semanticType: 'numeric' },
      { name: 'pixel_0_0', storageType: 'float', semanticType: 'numeric' },
      { name: 'pixel_0_1', storageType: 'float', semanticType: 'numeric' },
    ],
    values: new Map(),
    dateSpans: new Map(),
    datasetName: 'odd',
  });
  const oddPlan = (q: string) => {
    const o = parseQuestion(q, odd);
    if (o.status !== 'answered') throw new Error(`${q}: ${o.status} ${o.reason}`);
    return o.plan;
  };

  it('reads "(mm)", "record.high" and "pixel_0_1" as parts of the names', () => {
    expect(oddPlan('correlation between Beak Length (mm) and Beak Depth (mm)').correlate).toEqual([
      'Beak Length (mm)',
      'Beak Depth (mm)',
    ]);
    expect(oddPlan('average record.high').measures).toEqual([{ agg: 'avg', column: 'record.high' }]);
    expect(oddPlan('what is the maximum pixel_0_1').measures).toEqual([{ agg: 'max', column: 'pixel_0_1' }]);
  });
});
