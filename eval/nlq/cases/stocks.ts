import type { EvalDataset, Row } from '../datasets.ts';
import type { EvalCase } from '../expect.ts';
import { aggs, get, groupBy, inYear, nums, stddev, topKeys, year } from '../ref.ts';

export function stocksCases(d: EvalDataset): EvalCase[] {
  const R = d.rows;
  const where = (p: (r: Row) => boolean) => R.filter(p);
  const sym = (s: string) => (r: Row) => r.symbol === s;
  const price = aggs.avg('price');
  const date = (r: Row) => String(r.date);
  /** The price on the last (first) date of `rows`. */
  const at = (rows: Row[], which: 'first' | 'last') => {
    const sorted = [...rows].sort((a, b) => date(a).localeCompare(date(b)));
    return Number((which === 'last' ? sorted[sorted.length - 1] : sorted[0]).price);
  };
  return [
    {
      // The table's one amount is what changed.
      id: 'stk-chg-9',
      category: 'change_over_time',
      q: 'how did GOOG change from 2005 to 2009',
      expect: {
        values: [
          price(where((r) => sym('GOOG')(r) && inYear('date', 2005)(r))),
          price(where((r) => sym('GOOG')(r) && inYear('date', 2009)(r))),
        ],
      },
    },
    {
      id: 'stk-agg-1',
      category: 'aggregate',
      q: 'What is the average stock price?',
      expect: { value: price(R) },
    },
    {
      id: 'stk-agg-2',
      category: 'aggregate',
      q: 'highest price of AAPL',
      expect: { value: aggs.max('price')(where(sym('AAPL'))) },
    },
    {
      id: 'stk-agg-3',
      category: 'aggregate',
      q: 'How many price records do we have for GOOG?',
      expect: { value: where(sym('GOOG')).length },
    },
    {
      id: 'stk-agg-4',
      category: 'aggregate',
      q: "What was MSFT's lowest price?",
      expect: { value: aggs.min('price')(where(sym('MSFT'))) },
    },
    {
      id: 'stk-grp-1',
      category: 'group_by',
      q: 'average price by symbol',
      expect: { groups: groupBy(R, (r) => r.symbol, price) },
    },
    {
      id: 'stk-grp-2',
      category: 'group_by',
      q: 'average IBM price per year',
      expect: { groups: groupBy(where(sym('IBM')), year('date'), price) },
    },
    {
      id: 'stk-grp-3',
      category: 'group_by',
      q: 'maximum price for each ticker',
      expect: { groups: groupBy(R, (r) => r.symbol, aggs.max('price')) },
    },
    {
      id: 'stk-flt-1',
      category: 'filter',
      q: 'how many times did AMZN close above 100',
      expect: { value: where((r) => r.symbol === 'AMZN' && Number(r.price) > 100).length },
    },
    {
      id: 'stk-flt-2',
      category: 'filter',
      q: 'average price of IBM and MSFT',
      expect: {
        groups: groupBy(
          where((r) => r.symbol === 'IBM' || r.symbol === 'MSFT'),
          (r) => r.symbol,
          price,
        ),
      },
    },
    {
      id: 'stk-flt-3',
      category: 'filter',
      q: 'average price of stocks other than GOOG',
      expect: { value: price(where((r) => r.symbol !== 'GOOG')) },
    },
    {
      id: 'stk-dt-1',
      category: 'dates',
      q: 'average AAPL price in 2008',
      expect: { value: price(where((r) => r.symbol === 'AAPL' && inYear('date', 2008)(r))) },
    },
    {
      id: 'stk-dt-2',
      category: 'dates',
      q: 'average price of MSFT since 2005',
      expect: { value: price(where((r) => r.symbol === 'MSFT' && date(r) >= '2005-01-01')) },
    },
    {
      id: 'stk-dt-3',
      category: 'dates',
      q: 'what was the AMZN price in March 2009',
      expect: { value: price(where((r) => r.symbol === 'AMZN' && date(r).startsWith('2009-03'))) },
    },
    {
      id: 'stk-dt-4',
      category: 'dates',
      q: 'average GOOG price in the last 12 months',
      expect: {
        value: price(where((r) => r.symbol === 'GOOG' && date(r) >= '2009-04-01' && date(r) <= '2010-03-01')),
      },
    },
    {
      id: 'stk-top-1',
      category: 'top_k',
      q: 'Which stock had the highest average price?',
      expect: {
        first: topKeys(
          groupBy(R, (r) => r.symbol, price),
          1,
        )[0],
      },
    },
    {
      id: 'stk-top-2',
      category: 'top_k',
      q: 'which symbol has the lowest average price in 2003',
      expect: {
        first: topKeys(
          groupBy(where(inYear('date', 2003)), (r) => r.symbol, price),
          1,
          'asc',
        )[0],
      },
    },
    {
      id: 'stk-top-3',
      category: 'top_k',
      q: 'top 2 stocks by average price',
      expect: {
        list: topKeys(
          groupBy(R, (r) => r.symbol, price),
          2,
        ),
        ordered: true,
      },
    },
    {
      id: 'stk-chg-1',
      category: 'change_over_time',
      q: "how did Apple's price trend over time?",
      expect: { groups: groupBy(where(sym('AAPL')), year('date'), price) },
    },
    {
      id: 'stk-chg-2',
      category: 'change_over_time',
      q: 'AAPL average price over time',
      expect: { groups: groupBy(where(sym('AAPL')), year('date'), price) },
    },
    {
      id: 'stk-cmp-1',
      category: 'compare_periods',
      q: 'compare the average price of AMZN in 2005 and 2009',
      expect: {
        values: [
          price(where((r) => r.symbol === 'AMZN' && inYear('date', 2005)(r))),
          price(where((r) => r.symbol === 'AMZN' && inYear('date', 2009)(r))),
        ],
      },
    },
    {
      id: 'stk-cmp-2',
      category: 'compare_periods',
      q: "What was the growth in MSFT's average price from 2003 to 2007?",
      expect: {
        values: [
          price(where((r) => r.symbol === 'MSFT' && inYear('date', 2003)(r))),
          price(where((r) => r.symbol === 'MSFT' && inYear('date', 2007)(r))),
        ],
      },
    },
    {
      id: 'stk-dis-1',
      category: 'aggregate',
      q: 'volatility of IBM price',
      expect: { value: stddev(nums(where(sym('IBM')), get('price'))) },
    },
    {
      id: 'stk-dst-1',
      category: 'distinct',
      q: 'Which tickers are in the data?',
      expect: { list: ['AAPL', 'AMZN', 'GOOG', 'IBM', 'MSFT'] },
    },
    {
      id: 'stk-typo-1',
      category: 'typos',
      q: 'avearge prcie by symbl',
      expect: { groups: groupBy(R, (r) => r.symbol, price) },
    },
    {
      id: 'stk-fu-1',
      category: 'follow_up',
      q: ['average price of GOOG in 2008', 'and for AAPL?'],
      expect: { value: price(where((r) => r.symbol === 'AAPL' && inYear('date', 2008)(r))) },
    },
    {
      id: 'stk-fu-2',
      category: 'follow_up',
      q: ['average price by symbol', 'what about the maximum instead?'],
      expect: { groups: groupBy(R, (r) => r.symbol, aggs.max('price')) },
    },
    {
      id: 'stk-ref-1',
      category: 'must_refuse',
      q: 'What will AAPL be worth next year?',
      expect: { refuse: true },
    },
    {
      id: 'stk-ref-2',
      category: 'must_refuse',
      q: 'What was the trading volume of IBM in 2005?',
      expect: { refuse: true },
    },
    { id: 'stk-ref-3', category: 'must_refuse', q: 'Should I buy MSFT or IBM?', expect: { refuse: true } },
    { id: 'stk-ref-4', category: 'must_refuse', q: 'average price of TSLA', expect: { refuse: true } },
    {
      // "Over time" after a one-year question asks across every year, not within that year.
      id: 'stk-fu-over-time',
      category: 'follow_up',
      q: ['average price of AAPL in 2005', 'how did it change over time'],
      expect: { groups: groupBy(where(sym('AAPL')), year('date'), price) },
    },
    // A point in time: the value at the last (first) date of the rows asked about.
    {
      id: 'stk-point-1',
      category: 'lookup',
      q: 'latest price of MSFT',
      expect: { value: at(where(sym('MSFT')), 'last') },
    },
    {
      id: 'stk-point-2',
      category: 'lookup',
      q: 'What was the last price of AAPL in 2009?',
      expect: {
        value: at(
          where((r) => sym('AAPL')(r) && inYear('date', 2009)(r)),
          'last',
        ),
      },
    },
    {
      id: 'stk-point-3',
      category: 'lookup',
      q: 'price of MSFT at the start of 2005',
      expect: {
        value: at(
          where((r) => sym('MSFT')(r) && inYear('date', 2005)(r)),
          'first',
        ),
      },
    },
  ];
}
