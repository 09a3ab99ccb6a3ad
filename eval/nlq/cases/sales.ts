import type { EvalDataset, Row } from '../datasets.ts';
import type { EvalCase } from '../expect.ts';
import {
  aggs,
  between,
  corr,
  get,
  groupBy,
  histogram,
  inYear,
  isoDow,
  monthKey,
  nums,
  quarterKey,
  topKeys,
  year,
} from '../ref.ts';

export function salesCases(d: EvalDataset): EvalCase[] {
  const R = d.rows;
  const where = (p: (r: Row) => boolean) => R.filter(p);
  const rev = aggs.sum('revenue');
  const by = (k: string) => (r: Row) => r[k];
  const date = (r: Row) => String(r.order_date);
  const y24 = inYear('order_date', 2024);
  const is = (k: string, v: string) => (r: Row) => r[k] === v;
  return [
    { id: 'sal-agg-1', category: 'aggregate', q: 'What is our total revenue?', expect: { value: rev(R) } },
    { id: 'sal-agg-2', category: 'aggregate', q: 'How many orders do we have?', expect: { value: R.length } },
    {
      id: 'sal-agg-3',
      category: 'aggregate',
      q: "What's the average order value?",
      expect: { value: aggs.avg('revenue')(R) },
    },
    {
      id: 'sal-agg-4',
      category: 'aggregate',
      q: 'total units sold',
      expect: { value: aggs.sum('quantity')(R) },
    },
    {
      id: 'sal-agg-5',
      category: 'aggregate',
      q: 'How many unique customers bought something in 2024?',
      expect: { value: aggs.distinct('customer_id')(where(y24)) },
    },
    {
      id: 'sal-agg-6',
      category: 'aggregate',
      q: 'average discount',
      expect: { value: aggs.avg('discount')(R) },
    },
    {
      id: 'sal-agg-7',
      category: 'aggregate',
      q: 'total cost and revenue in 2023',
      expect: {
        values: [aggs.sum('cost')(where(inYear('order_date', 2023))), rev(where(inYear('order_date', 2023)))],
      },
    },
    {
      id: 'sal-grp-1',
      category: 'group_by',
      q: 'revenue by region',
      expect: { groups: groupBy(R, by('region'), rev) },
    },
    {
      id: 'sal-grp-2',
      category: 'group_by',
      q: 'number of orders per channel',
      expect: { groups: groupBy(R, by('channel'), aggs.count()) },
    },
    {
      id: 'sal-grp-3',
      category: 'group_by',
      q: 'average unit price for each product',
      expect: { groups: groupBy(R, by('product'), aggs.avg('unit_price')) },
    },
    {
      id: 'sal-grp-4',
      category: 'group_by',
      q: 'total quantity by product category in 2022',
      expect: {
        groups: groupBy(where(inYear('order_date', 2022)), by('product_category'), aggs.sum('quantity')),
      },
    },
    {
      id: 'sal-grp-5',
      category: 'group_by',
      q: 'revenue by sales rep',
      expect: { groups: groupBy(R, by('sales_rep'), rev) },
    },
    {
      id: 'sal-grp-6',
      category: 'group_by',
      q: 'monthly revenue in 2024',
      expect: { groups: groupBy(where(y24), monthKey('order_date'), rev) },
    },
    {
      id: 'sal-grp-7',
      category: 'group_by',
      q: 'revenue by quarter',
      expect: { groups: groupBy(R, quarterKey('order_date'), rev) },
    },
    { id: 'sal-grp-8', category: 'group_by', q: 'orders by day of week', expect: { rowCount: 7 } },
    {
      id: 'sal-flt-1',
      category: 'filter',
      q: 'total revenue in France',
      expect: { value: rev(where(is('country', 'France'))) },
    },
    {
      id: 'sal-flt-2',
      category: 'filter',
      q: 'How many online orders were there in Europe?',
      expect: { value: where((r) => r.channel === 'Online' && r.region === 'Europe').length },
    },
    {
      id: 'sal-flt-3',
      category: 'filter',
      q: 'number of orders with revenue over 2k',
      expect: { value: where((r) => Number(r.revenue) > 2000).length },
    },
    {
      id: 'sal-flt-4',
      category: 'filter',
      q: 'how many orders had a discount of at least 15%',
      expect: { value: where((r) => Number(r.discount) >= 0.15).length },
    },
    {
      id: 'sal-flt-5',
      category: 'filter',
      q: 'revenue from laptops sold to corporate customers',
      expect: { value: rev(where((r) => r.product === 'Laptop' && r.customer_segment === 'Corporate')) },
    },
    {
      id: 'sal-flt-6',
      category: 'filter',
      q: 'How many orders were returned?',
      expect: { value: where((r) => r.returned === true).length },
    },
    {
      id: 'sal-flt-7',
      category: 'filter',
      q: 'total revenue excluding the Partner channel',
      expect: { value: rev(where((r) => r.channel !== 'Partner')) },
    },
    {
      id: 'sal-flt-8',
      category: 'filter',
      q: 'orders with more than ten units',
      expect: { rowCount: where((r) => Number(r.quantity) > 10).length },
    },
    {
      id: 'sal-flt-9',
      category: 'filter',
      q: 'average revenue of orders with quantity between 5 and 10',
      expect: {
        value: aggs.avg('revenue')(where((r) => Number(r.quantity) >= 5 && Number(r.quantity) <= 10)),
      },
    },
    {
      id: 'sal-flt-10',
      category: 'filter',
      q: 'how much revenue did Alice Moreno bring in',
      expect: { value: rev(where(is('sales_rep', 'Alice Moreno'))) },
    },
    { id: 'sal-dt-1', category: 'dates', q: 'revenue last year', expect: { value: rev(where(y24)) } },
    {
      id: 'sal-dt-2',
      category: 'dates',
      q: 'total revenue in the last 3 months',
      expect: { value: rev(where(between('order_date', '2024-10-01', '2025-01-01'))) },
    },
    {
      id: 'sal-dt-3',
      category: 'dates',
      q: 'How many orders in Q3 2023?',
      expect: { value: where(between('order_date', '2023-07-01', '2023-10-01')).length },
    },
    {
      id: 'sal-dt-4',
      category: 'dates',
      q: 'revenue on weekends',
      expect: { value: rev(where((r) => isoDow('order_date')(r) >= 6)) },
    },
    {
      id: 'sal-dt-5',
      category: 'dates',
      q: 'total sales between March and June 2023',
      expect: { value: rev(where(between('order_date', '2023-03-01', '2023-07-01'))) },
    },
    {
      id: 'sal-dt-6',
      category: 'dates',
      q: 'orders since 2024-06-01',
      expect: { rowCount: Math.min(1000, where((r) => date(r) >= '2024-06-01').length) },
    },
    { id: 'sal-dt-7', category: 'dates', q: 'revenue year to date', expect: { value: rev(where(y24)) } },
    {
      id: 'sal-dt-8',
      category: 'dates',
      q: 'average order value in December',
      expect: { value: aggs.avg('revenue')(where((r) => date(r).slice(5, 7) === '12')) },
    },
    {
      id: 'sal-top-1',
      category: 'top_k',
      q: 'top 3 countries by revenue',
      expect: { list: topKeys(groupBy(R, by('country'), rev), 3), ordered: true },
    },
    {
      id: 'sal-top-2',
      category: 'top_k',
      q: 'Which product sold the most units?',
      expect: { first: topKeys(groupBy(R, by('product'), aggs.sum('quantity')), 1)[0] },
    },
    {
      id: 'sal-top-3',
      category: 'top_k',
      q: 'who is the best sales rep by revenue in 2024',
      expect: { first: topKeys(groupBy(where(y24), by('sales_rep'), rev), 1)[0] },
    },
    {
      id: 'sal-top-4',
      category: 'top_k',
      q: 'bottom 2 products by revenue',
      expect: { list: topKeys(groupBy(R, by('product'), rev), 2, 'asc'), ordered: true },
    },
    {
      id: 'sal-top-5',
      category: 'top_k',
      q: 'top 5 customers by total revenue',
      expect: { list: topKeys(groupBy(R, by('customer_id'), rev), 5), ordered: true },
    },
    {
      id: 'sal-top-6',
      category: 'top_k',
      q: 'which region had the lowest revenue last year',
      expect: { first: topKeys(groupBy(where(y24), by('region'), rev), 1, 'asc')[0] },
    },
    {
      id: 'sal-shr-1',
      category: 'share',
      q: 'What share of revenue comes from Europe?',
      expect: { value: (100 * (rev(where(is('region', 'Europe'))) ?? 0)) / (rev(R) ?? 1) },
    },
    {
      id: 'sal-shr-2',
      category: 'share',
      q: 'percentage of orders by channel',
      expect: {
        groups: new Map(
          [...groupBy(R, by('channel'), aggs.count())].map(([k, v]) => [k, (100 * (v ?? 0)) / R.length]),
        ),
        column: 'Share (%)',
      },
    },
    {
      id: 'sal-shr-3',
      category: 'share',
      q: 'what percent of orders were returned',
      expect: { value: (100 * where((r) => r.returned === true).length) / R.length },
    },
    {
      id: 'sal-dst-1',
      category: 'distinct',
      q: 'What sales channels do we have?',
      expect: { list: ['Online', 'Retail', 'Partner'] },
    },
    {
      id: 'sal-dst-2',
      category: 'distinct',
      q: 'how many different products do we sell',
      expect: { value: aggs.distinct('product')(R) },
    },
    {
      id: 'sal-dst-3',
      category: 'distinct',
      q: 'list the countries in Latin America',
      expect: { list: ['Brazil', 'Argentina', 'Chile'] },
    },
    {
      id: 'sal-dis-1',
      category: 'distribution',
      q: 'distribution of order quantity',
      expect: { bins: histogram(nums(R, get('quantity'))) },
    },
    {
      id: 'sal-cor-1',
      category: 'correlation',
      q: 'is discount correlated with quantity?',
      expect: { value: corr(R, get('discount'), get('quantity')) },
    },
    {
      id: 'sal-cmp-1',
      category: 'compare_periods',
      q: 'compare revenue in 2023 and 2024',
      expect: { values: [rev(where(inYear('order_date', 2023))), rev(where(y24))] },
    },
    {
      id: 'sal-cmp-2',
      category: 'compare_periods',
      q: 'revenue growth from Q1 2024 to Q2 2024',
      expect: {
        values: [
          rev(where(between('order_date', '2024-01-01', '2024-04-01'))),
          rev(where(between('order_date', '2024-04-01', '2024-07-01'))),
        ],
      },
    },
    {
      id: 'sal-cmp-3',
      category: 'compare_periods',
      q: 'How many orders did we get in 2022 versus 2023?',
      expect: {
        values: [where(inYear('order_date', 2022)).length, where(inYear('order_date', 2023)).length],
      },
    },
    {
      id: 'sal-chg-1',
      category: 'change_over_time',
      q: 'year over year revenue growth',
      expect: { groups: groupBy(R, year('order_date'), rev) },
    },
    {
      // Ranked by each category's own change from its previous year (largest first).
      id: 'sal-chg-5',
      category: 'change_over_time',
      q: 'which product category had the biggest revenue increase year over year',
      expect: biggestYearlyChange(R, 'product_category', rev, 'desc'),
    },
    {
      id: 'sal-chg-6',
      category: 'change_over_time',
      q: 'which region declined the most year over year',
      expect: biggestYearlyChange(R, 'region', (rows) => rows.length, 'asc'),
    },
    {
      id: 'sal-chg-2',
      category: 'change_over_time',
      q: 'how has revenue changed over time',
      expect: { groups: groupBy(R, monthKey('order_date'), rev) },
    },
    {
      id: 'sal-chg-3',
      category: 'change_over_time',
      q: 'monthly revenue trend for Electronics in 2023',
      expect: {
        groups: groupBy(
          where((r) => r.product_category === 'Electronics' && inYear('order_date', 2023)(r)),
          monthKey('order_date'),
          rev,
        ),
      },
    },
    {
      id: 'sal-hav-1',
      category: 'having',
      q: 'Which countries had more than 400 orders?',
      expect: {
        list: [...groupBy(R, by('country'), aggs.count())].filter(([, n]) => (n ?? 0) > 400).map(([k]) => k),
      },
    },
    {
      id: 'sal-hav-2',
      category: 'having',
      q: 'products with total revenue over 1 million',
      expect: { list: [...groupBy(R, by('product'), rev)].filter(([, v]) => (v ?? 0) > 1e6).map(([k]) => k) },
    },
    {
      id: 'sal-typo-1',
      category: 'typos',
      q: 'totl revenu by regin',
      expect: { groups: groupBy(R, by('region'), rev) },
    },
    {
      id: 'sal-typo-2',
      category: 'typos',
      q: 'revenue in Germnay last year',
      expect: { value: rev(where((r) => r.country === 'Germany' && y24(r))) },
    },
    {
      id: 'sal-syn-1',
      category: 'synonyms',
      q: 'total sales by client segment',
      expect: { groups: groupBy(R, by('customer_segment'), rev) },
    },
    {
      id: 'sal-syn-2',
      category: 'synonyms',
      q: 'total expenses in Asia Pacific',
      expect: { value: aggs.sum('cost')(where(is('region', 'Asia Pacific'))) },
    },
    {
      id: 'sal-syn-3',
      category: 'synonyms',
      q: 'turnover per item category',
      expect: { groups: groupBy(R, by('product_category'), rev) },
    },
    {
      // "Rank" lists every group in order; it is not "which one".
      id: 'sal-top-9',
      category: 'top_k',
      q: 'rank regions by average discount',
      expect: { list: topKeys(groupBy(R, by('region'), aggs.avg('discount')), 99), ordered: true },
    },
    {
      // A new bucket of the same date column regroups it instead of adding a second grouping.
      id: 'sal-fu-8',
      category: 'follow_up',
      q: ['what was our best month for revenue', 'and the worst quarter?'],
      expect: { first: topKeys(groupBy(R, quarterKey('order_date'), rev), 1, 'asc')[0] },
    },
    {
      id: 'sal-fu-1',
      category: 'follow_up',
      q: ['revenue by country in 2024', 'only the top 5'],
      expect: { list: topKeys(groupBy(where(y24), by('country'), rev), 5), ordered: true },
    },
    {
      id: 'sal-fu-2',
      category: 'follow_up',
      q: ['total revenue in France', 'and for Germany?'],
      expect: { value: rev(where(is('country', 'Germany'))) },
    },
    {
      id: 'sal-fu-3',
      category: 'follow_up',
      q: ['revenue by region', 'by channel instead'],
      expect: { groups: groupBy(R, by('channel'), rev) },
    },
    {
      id: 'sal-fu-4',
      category: 'follow_up',
      q: ['number of orders by region', 'what about 2022?'],
      expect: { groups: groupBy(where(inYear('order_date', 2022)), by('region'), aggs.count()) },
    },
    {
      id: 'sal-fu-5',
      category: 'follow_up',
      q: ['average revenue', 'why?'],
      expect: { first: corrFirst(R) },
    },
    { id: 'sal-ref-1', category: 'must_refuse', q: 'What is our profit margin?', expect: { refuse: true } },
    { id: 'sal-ref-2', category: 'must_refuse', q: 'Forecast revenue for 2025', expect: { refuse: true } },
    { id: 'sal-ref-3', category: 'must_refuse', q: 'total revenue in Tokyo', expect: { refuse: true } },
    { id: 'sal-ref-4', category: 'must_refuse', q: 'delete all orders from 2022', expect: { refuse: true } },
    {
      id: 'sal-ref-5',
      category: 'must_refuse',
      q: 'how many employees do we have',
      expect: { refuse: true },
    },
    {
      id: 'sal-ref-6',
      category: 'must_refuse',
      q: 'What was the revenue in 2019?',
      expect: { refuse: true },
    },
    {
      id: 'sal-ref-7',
      category: 'must_refuse',
      q: 'Which marketing campaign drove the most sales?',
      expect: { refuse: true },
    },
    {
      id: 'sal-syn-4',
      category: 'synonyms',
      q: 'average price',
      expect: { value: aggs.avg('unit_price')(R) },
    },
    {
      id: 'sal-ref-9',
      category: 'must_refuse',
      q: "what is the customer's satisfaction score",
      expect: { refuse: true },
    },
  ];
}

/** The numeric column most correlated (in absolute value) with revenue. */
function corrFirst(R: Row[]): string {
  const cands = ['quantity', 'unit_price', 'discount', 'cost'];
  return cands
    .map((c) => [c, Math.abs(corr(R, get('revenue'), get(c)))] as const)
    .sort((a, b) => b[1] - a[1])[0][0];
}

/** The (year, group) whose measure changed most from the group's previous year, as `first`. */
function biggestYearlyChange(
  R: Row[],
  groupKey: string,
  measure: (rows: Row[]) => number | null,
  dir: 'asc' | 'desc',
): { first: string; value: number } {
  const series = new Map<string, Map<number, Row[]>>();
  for (const r of R) {
    if (r[groupKey] === null || r.order_date === null) continue;
    const g = String(r[groupKey]);
    const y = Number(String(r.order_date).slice(0, 4));
    const byYear = series.get(g) ?? new Map<number, Row[]>();
    series.set(g, byYear);
    byYear.set(y, [...(byYear.get(y) ?? []), r]);
  }
  let best: { year: number; change: number; value: number } | null = null;
  for (const byYear of series.values()) {
    const years = [...byYear.keys()].sort((a, b) => a - b);
    for (let i = 1; i < years.length; i++) {
      const now = measure(byYear.get(years[i])!) ?? 0;
      const change = now - (measure(byYear.get(years[i - 1])!) ?? 0);
      if (!best || (dir === 'desc' ? change > best.change : change < best.change))
        best = { year: years[i], change, value: now };
    }
  }
  return { first: String(best!.year), value: best!.value };
}
