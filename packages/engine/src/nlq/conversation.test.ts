import { describe, expect, it } from 'vitest';
import { newConversation, pickPendingChoice, resolveFollowUp } from './conversation.ts';
import { parseQuestion } from './parse-question.ts';
import type { QueryPlan } from './plan.ts';
import { salesContext } from './test-fixtures.ts';
import type { Conversation } from './types.ts';

const ctx = salesContext();

function after(first: string): Conversation {
  const o = parseQuestion(first, ctx);
  if (o.status !== 'answered') throw new Error(o.reason);
  return { ...newConversation(), lastPlan: o.plan };
}

function follow(first: string, next: string): QueryPlan {
  const o = resolveFollowUp(next, ctx, after(first));
  if (o?.status !== 'answered') throw new Error(`${next}: ${o ? o.reason : 'not a follow-up'}`);
  return o.plan;
}

describe('follow-ups', () => {
  it('"and for Germany?" replaces the country', () => {
    expect(follow('total revenue in France', 'and for Germany?').filters).toEqual([
      { column: 'country', op: 'eq', value: 'Germany' },
    ]);
  });

  it('"what about 2023?" replaces the period', () => {
    expect(follow('revenue by region in 2024', 'what about 2023?').filters).toEqual([
      { column: 'order_date', op: 'date_range', from: '2023-01-01', to: '2024-01-01' },
    ]);
  });

  it('"only the top 5" ranks and cuts', () => {
    expect(follow('revenue by country', 'only the top 5')).toMatchObject({
      limit: 5,
      sort: [{ by: 'measure', index: 0, dir: 'desc' }],
    });
  });

  it('"show it as a line chart" changes only the chart', () => {
    const p = follow('revenue by quarter', 'show it as a line chart');
    expect(p.chart).toBe('line');
    expect(p.dimensions).toEqual([{ column: 'order_date', bucket: 'quarter' }]);
  });

  it('"by channel instead" swaps the grouping', () => {
    expect(follow('revenue by region', 'by channel instead').dimensions).toEqual([{ column: 'channel' }]);
  });

  it('"what about the average?" changes the aggregate', () => {
    expect(follow('total revenue by region', 'what about the average instead?').measures).toEqual([
      { agg: 'avg', column: 'revenue' },
    ]);
  });

  it('"why?" looks for drivers of the measure', () => {
    expect(follow('average revenue in France', 'why?')).toMatchObject({
      kind: 'drivers',
      correlate: ['revenue', 'quantity', 'unit_price', 'cost'],
      filters: [{ column: 'country', value: 'France' }],
    });
  });

  it('a full question starts over', () => {
    expect(resolveFollowUp('how many orders were placed online', ctx, after('revenue by region'))).toBeNull();
  });

  it('a follow-up naming something unknown is refused', () => {
    expect(resolveFollowUp('and for Atlantis?', ctx, after('total revenue in France'))?.status).toBe(
      'unanswerable',
    );
  });

  it('a reply to a clarification picks the choice', () => {
    const conv: Conversation = {
      ...newConversation(),
      pending: {
        question: 'average?',
        choices: [
          { label: 'revenue', question: 'average revenue' },
          { label: 'cost', question: 'average cost' },
        ],
      },
    };
    expect(pickPendingChoice('the second one', conv)).toBe('average cost');
    expect(pickPendingChoice('revenue', conv)).toBe('average revenue');
    expect(pickPendingChoice('revenue by region in 2024 please', conv)).toBeNull();
  });
});
