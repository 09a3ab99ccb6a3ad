import { describe, expect, it } from 'vitest';
import { findDates } from './resolve-dates.ts';
import { tokenize } from './tokenize.ts';

const MAX = '2024-12-14';
const one = (q: string) => {
  const found = findDates(tokenize(q), { maxDate: MAX });
  expect(found).toHaveLength(1);
  return found[0];
};

describe('findDates', () => {
  it.each([
    ['revenue in 2019', { from: '2019-01-01', to: '2020-01-01' }],
    ['orders in March 2020', { from: '2020-03-01', to: '2020-04-01' }],
    ['sales in Q3 2023', { from: '2023-07-01', to: '2023-10-01' }],
    ['the third quarter of 2022', { from: '2022-07-01', to: '2022-10-01' }],
    ['between March and June 2020', { from: '2020-03-01', to: '2020-07-01' }],
    ['from 2015 to 2017', { from: '2015-01-01', to: '2018-01-01' }],
    ['since 2021', { from: '2021-01-01' }],
    ['after 2021', { from: '2022-01-01' }],
    ['before 2010', { to: '2010-01-01' }],
    ['on 2024-02-29', { from: '2024-02-29', to: '2024-03-01' }],
    ['in the 1990s', { from: '1990-01-01', to: '2000-01-01' }],
    ['first half of 2020', { from: '2020-01-01', to: '2020-07-01' }],
  ])('%s', (q, range) => {
    expect(one(q)).toMatchObject({ kind: 'range', range });
  });

  it('anchors relative windows at the last date in the data', () => {
    expect(one('in the last 3 months').range).toEqual({ from: '2024-09-15', to: '2024-12-15' });
    // Data ends mid-December: the last complete month is November, the last complete year 2023.
    expect(one('last month').range).toEqual({ from: '2024-11-01', to: '2024-12-01' });
    expect(one('last year').range).toEqual({ from: '2023-01-01', to: '2024-01-01' });
    expect(one('this year').range).toEqual({ from: '2024-01-01', to: '2024-12-15' });
    expect(one('year to date').range).toEqual({ from: '2024-01-01', to: '2024-12-15' });
  });

  it('reads cyclic parts', () => {
    expect(one('on weekends')).toMatchObject({ kind: 'part', part: { part: 'day_of_week', values: [6, 7] } });
    expect(one('on Mondays and Fridays')).toMatchObject({ part: { part: 'day_of_week', values: [1, 5] } });
    expect(one('in summer')).toMatchObject({ part: { part: 'month', values: [6, 7, 8] } });
    expect(one('in Q3')).toMatchObject({ part: { part: 'quarter', values: [3] } });
    expect(one('in March')).toMatchObject({ part: { part: 'month', values: [3] } });
  });

  it('reads buckets and changes', () => {
    expect(one('revenue by quarter')).toMatchObject({ kind: 'bucket', bucket: 'quarter' });
    expect(one('monthly revenue')).toMatchObject({ kind: 'bucket', bucket: 'month' });
    expect(one('orders by day of week')).toMatchObject({ kind: 'bucket', bucket: 'day_of_week' });
    expect(one('revenue over time')).toMatchObject({ kind: 'bucket', bucket: 'auto' });
    expect(one('year over year growth')).toMatchObject({ kind: 'change', bucket: 'year' });
  });

  it('turns "A vs B" into a comparison of periods', () => {
    expect(one('revenue 2023 vs 2024')).toMatchObject({
      kind: 'compare',
      periods: [
        { label: '2023', range: { from: '2023-01-01', to: '2024-01-01' } },
        { label: '2024', range: { from: '2024-01-01', to: '2025-01-01' } },
      ],
    });
  });

  it('leaves numbers next to a numeric column alone', () => {
    const t = tokenize('weight over 2000');
    expect(findDates(t, { maxDate: MAX, numericAt: (i) => t[i - 1]?.norm === 'over' })).toEqual([]);
  });

  it('does not read "may" or "fall" as dates when they are verbs', () => {
    expect(findDates(tokenize('what may cause sales to fall'), { maxDate: MAX })).toEqual([]);
  });
});
