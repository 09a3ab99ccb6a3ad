/**
 * A second round of questions, written after the first round in the phrasing of ad-hoc
 * analyst requests (breakdowns, splits, "how much did we…", column-vs-column traps).
 */
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
  monthKey,
  nums,
  topKeys,
  topRows,
  year,
} from '../ref.ts';

const by = (k: string) => (r: Row) => r[k];
const named = (k: string) => (r: Row) => r[k] !== null;

export const MORE: Record<string, (d: EvalDataset) => EvalCase[]> = {
  barley: (d) => {
    const R = d.rows;
    const where = (p: (r: Row) => boolean) => R.filter(p);
    const y = aggs.sum('yield');
    return [
      {
        id: 'bar-grp-1',
        category: 'group_by',
        q: 'average yield by site',
        expect: { groups: groupBy(R, by('site'), aggs.avg('yield')) },
      },
      {
        id: 'bar-top-1',
        category: 'top_k',
        q: 'which variety had the highest total yield in 1932?',
        expect: {
          first: topKeys(
            groupBy(
              where((r) => r.year === 1932),
              by('variety'),
              y,
            ),
            1,
          )[0],
        },
      },
      {
        id: 'bar-grp-2',
        category: 'change_over_time',
        q: 'total yield per year',
        expect: { groups: groupBy(R, by('year'), y) },
      },
      {
        id: 'bar-dst-1',
        category: 'distinct',
        q: 'how many varieties are there',
        expect: { value: aggs.distinct('variety')(R) },
      },
      {
        id: 'bar-flt-1',
        category: 'filter',
        q: 'yield of Manchuria at Waseca in 1931',
        expect: {
          value: y(where((r) => r.variety === 'Manchuria' && r.site === 'Waseca' && r.year === 1931)),
        },
      },
      {
        id: 'bar-cmp-1',
        category: 'compare_periods',
        q: 'compare total yield in 1931 vs 1932',
        expect: { values: [y(where((r) => r.year === 1931)), y(where((r) => r.year === 1932))] },
      },
      {
        id: 'bar-top-2',
        category: 'top_k',
        q: 'top 3 varieties by average yield',
        expect: { list: topKeys(groupBy(R, by('variety'), aggs.avg('yield')), 3), ordered: true },
      },
      {
        id: 'bar-ref-1',
        category: 'must_refuse',
        q: 'what was the harvest weather like?',
        expect: { refuse: true },
      },
    ];
  },
  disasters: (d) => {
    const R = d.rows;
    const where = (p: (r: Row) => boolean) => R.filter(p);
    const deaths = aggs.sum('Deaths');
    const e = (x: string) => (r: Row) => r.Entity === x;
    return [
      {
        id: 'dis-flt-1',
        category: 'filter',
        q: 'total deaths from earthquakes',
        expect: { value: deaths(where(e('Earthquake'))) },
      },
      {
        id: 'dis-dt-1',
        category: 'dates',
        q: 'how many deaths were caused by drought in the 1920s?',
        expect: {
          value: deaths(where((r) => e('Drought')(r) && Number(r.Year) >= 1920 && Number(r.Year) <= 1929)),
        },
      },
      {
        id: 'dis-top-1',
        category: 'top_k',
        q: 'what year had the most deaths from floods',
        expect: { first: topKeys(groupBy(where(e('Flood')), by('Year'), deaths), 1)[0] },
      },
      {
        id: 'dis-flt-2',
        category: 'filter',
        q: 'deaths from volcanic activity in 2010',
        expect: { value: deaths(where((r) => e('Volcanic activity')(r) && r.Year === 2010)) },
      },
      {
        id: 'dis-grp-1',
        category: 'group_by',
        q: 'deaths by entity since 2000',
        expect: {
          groups: groupBy(
            where((r) => Number(r.Year) >= 2000),
            by('Entity'),
            deaths,
          ),
        },
      },
      {
        // "deadliest" ranks by Deaths, like "the most deaths".
        id: 'dis-top-2',
        category: 'top_k',
        q: 'what was the deadliest year',
        expect: { first: topKeys(groupBy(R, by('Year'), deaths), 1)[0] },
      },
      {
        // Decades of a column of years.
        id: 'dis-grp-2',
        category: 'group_by',
        q: 'how many deaths per decade',
        expect: { groups: groupBy(R, (r) => Math.floor(Number(r.Year) / 10) * 10, deaths) },
      },
      {
        id: 'dis-ref-1',
        category: 'must_refuse',
        q: 'how many people died in hurricanes?',
        expect: { refuse: true },
      },
    ];
  },
  iowa: (d) => {
    const R = d.rows;
    const where = (p: (r: Row) => boolean) => R.filter(p);
    const gen = aggs.sum('net_generation');
    return [
      {
        id: 'iowa-grp-1',
        category: 'group_by',
        q: 'net generation by source',
        expect: { groups: groupBy(R, by('source'), gen) },
      },
      {
        id: 'iowa-flt-1',
        category: 'filter',
        q: 'how much electricity came from renewables in 2017?',
        expect: { value: gen(where((r) => r.source === 'Renewables' && inYear('year', 2017)(r))) },
      },
      {
        id: 'iowa-shr-1',
        category: 'share',
        q: 'share of generation by source in 2017',
        expect: {
          groups: new Map(
            [...groupBy(where(inYear('year', 2017)), by('source'), gen)].map(([k, v]) => [
              k,
              (100 * (v ?? 0)) / (gen(where(inYear('year', 2017))) ?? 1),
            ]),
          ),
          column: 'Share (%)',
        },
      },
      {
        id: 'iowa-chg-1',
        category: 'change_over_time',
        q: 'how has fossil fuel generation changed over time?',
        expect: {
          groups: groupBy(
            where((r) => r.source === 'Fossil Fuels'),
            year('year'),
            gen,
          ),
        },
      },
      {
        id: 'iowa-top-1',
        category: 'top_k',
        q: 'which source generated the most in 2001?',
        expect: { first: topKeys(groupBy(where(inYear('year', 2001)), by('source'), gen), 1)[0] },
      },
    ];
  },
  sales: (d) => {
    const R = d.rows;
    const where = (p: (r: Row) => boolean) => R.filter(p);
    const rev = aggs.sum('revenue');
    return [
      {
        id: 'sal2-grp-1',
        category: 'group_by',
        q: 'Give me the breakdown of revenue across regions for 2023',
        expect: { groups: groupBy(where(inYear('order_date', 2023)), by('region'), rev) },
      },
      {
        id: 'sal2-flt-1',
        category: 'filter',
        q: 'Sum of quantity where channel is Online',
        expect: { value: aggs.sum('quantity')(where((r) => r.channel === 'Online')) },
      },
      {
        id: 'sal2-dt-1',
        category: 'dates',
        q: 'Show total revenue per month for the last 6 months',
        expect: {
          groups: groupBy(
            where(between('order_date', '2024-07-01', '2025-01-01')),
            monthKey('order_date'),
            rev,
          ),
        },
      },
      {
        id: 'sal2-top-1',
        category: 'top_k',
        q: 'Which country generated the least revenue?',
        expect: { first: topKeys(groupBy(R, by('country'), rev), 1, 'asc')[0] },
      },
      {
        id: 'sal2-shr-1',
        category: 'share',
        q: 'What proportion of orders came through partners?',
        expect: { value: (100 * where((r) => r.channel === 'Partner').length) / R.length },
      },
      {
        id: 'sal2-top-2',
        category: 'top_k',
        q: 'List the top 3 sales reps by number of orders in 2023',
        expect: {
          list: topKeys(groupBy(where(inYear('order_date', 2023)), by('sales_rep'), aggs.count()), 3),
          ordered: true,
        },
      },
      {
        id: 'sal2-flt-2',
        category: 'filter',
        q: 'What is the revenue of the Laptop product in Germany in 2024?',
        expect: {
          value: rev(
            where((r) => r.product === 'Laptop' && r.country === 'Germany' && inYear('order_date', 2024)(r)),
          ),
        },
      },
      {
        id: 'sal2-flt-3',
        category: 'filter',
        q: 'Revenue by region where discount > 0.1',
        expect: {
          groups: groupBy(
            where((r) => Number(r.discount) > 0.1),
            by('region'),
            rev,
          ),
        },
      },
      {
        id: 'sal2-agg-1',
        category: 'aggregate',
        q: "What's the median quantity per order?",
        expect: { value: aggs.median('quantity')(R) },
      },
      {
        id: 'sal2-flt-4',
        category: 'filter',
        q: 'how many orders had no discount',
        expect: { value: where((r) => r.discount === 0).length },
      },
      {
        id: 'sal2-top-3',
        category: 'top_k',
        q: 'which sales rep sold the most in Europe?',
        expect: {
          first: topKeys(
            groupBy(
              where((r) => r.region === 'Europe'),
              by('sales_rep'),
              rev,
            ),
            1,
          )[0],
        },
      },
      {
        id: 'sal2-flt-5',
        category: 'filter',
        q: 'average discount given to corporate clients',
        expect: { value: aggs.avg('discount')(where((r) => r.customer_segment === 'Corporate')) },
      },
      {
        id: 'sal2-flt-6',
        category: 'filter',
        q: 'how many returns did we have last year',
        expect: { value: where((r) => r.returned === true && inYear('order_date', 2024)(r)).length },
      },
      {
        id: 'sal2-dt-2',
        category: 'dates',
        q: 'how much did we sell in December 2024?',
        expect: { value: rev(where(between('order_date', '2024-12-01', '2025-01-01'))) },
      },
      {
        id: 'sal2-cmp-1',
        category: 'compare_periods',
        q: 'compare Q1 and Q2 revenue in 2023',
        expect: {
          values: [
            rev(where(between('order_date', '2023-01-01', '2023-04-01'))),
            rev(where(between('order_date', '2023-04-01', '2023-07-01'))),
          ],
        },
      },
      {
        id: 'sal2-grp-2',
        category: 'group_by',
        q: "what's the revenue split between online and retail?",
        expect: {
          groups: groupBy(
            where((r) => r.channel === 'Online' || r.channel === 'Retail'),
            by('channel'),
            rev,
          ),
        },
      },
      {
        id: 'sal2-dt-3',
        category: 'dates',
        q: 'average discount by channel in 2022 and 2023',
        expect: {
          groups: groupBy(
            where((r) => inYear('order_date', 2022)(r) || inYear('order_date', 2023)(r)),
            by('channel'),
            aggs.avg('discount'),
          ),
        },
      },
      {
        id: 'sal2-ref-1',
        category: 'must_refuse',
        q: 'show me the 5 biggest orders',
        expect: { clarify: true },
      },
      {
        id: 'sal2-ref-2',
        category: 'must_refuse',
        q: "what's the average basket size?",
        expect: { refuse: true },
      },
      { id: 'sal2-ref-3', category: 'must_refuse', q: 'revenue per store', expect: { refuse: true } },
    ];
  },
  cars: (d) => {
    const R = d.rows;
    const where = (p: (r: Row) => boolean) => R.filter(p);
    return [
      {
        id: 'cars2-top-1',
        category: 'top_k',
        q: 'cars with the lowest horsepower',
        expect: { first: topRows(R, 'Horsepower', 1, 'Name', 'asc')[0] },
      },
      {
        id: 'cars2-flt-1',
        category: 'filter',
        q: 'how many cars have 8 cylinders and weigh more than 4000 pounds?',
        expect: { value: where((r) => r.Cylinders === 8 && Number(r.Weight_in_lbs) > 4000).length },
      },
      {
        id: 'cars2-chg-1',
        category: 'change_over_time',
        q: 'average mpg over the years',
        expect: { groups: groupBy(R, year('Year'), aggs.avg('Miles_per_Gallon')) },
      },
      {
        id: 'cars2-cor-1',
        category: 'correlation',
        q: 'What is the correlation of displacement with horsepower?',
        expect: { value: corr(R, get('Displacement'), get('Horsepower')) },
      },
      {
        id: 'cars2-dis-1',
        category: 'distribution',
        q: 'how is weight distributed?',
        expect: { bins: histogram(nums(R, get('Weight_in_lbs'))) },
      },
      { id: 'cars2-ref-1', category: 'must_refuse', q: 'fastest accelerating car', expect: { refuse: true } },
    ];
  },
  movies: (d) => {
    const R = d.rows;
    const where = (p: (r: Row) => boolean) => R.filter(p);
    return [
      {
        id: 'mov2-lkp-1',
        category: 'lookup',
        q: 'Who directed Jurassic Park?',
        expect: { rowCount: 1, firstColumn: ['Jurassic Park'] },
      },
      {
        id: 'mov2-lkp-2',
        category: 'lookup',
        q: "what's the highest rated movie on IMDB?",
        expect: { first: topRows(R, 'IMDB Rating', 1, 'Title')[0] },
      },
      {
        id: 'mov2-flt-1',
        category: 'filter',
        q: 'how many comedies were released in the 2000s?',
        expect: {
          value: where(
            (r) =>
              r['Major Genre'] === 'Comedy' &&
              String(r['Release Date'] ?? '') >= '2000-01-01' &&
              String(r['Release Date'] ?? '') < '2010-01-01',
          ).length,
        },
      },
      {
        id: 'mov2-top-1',
        category: 'top_k',
        q: 'which distributor had the highest total US gross?',
        expect: {
          first: topKeys(groupBy(where(named('Distributor')), by('Distributor'), aggs.sum('US Gross')), 1)[0],
        },
      },
      {
        id: 'mov2-dis-1',
        category: 'distribution',
        q: 'distribution of running time',
        expect: { bins: histogram(nums(R, get('Running Time min'))) },
      },
      {
        id: 'mov2-ref-1',
        category: 'must_refuse',
        q: 'Which movies had a budget greater than their worldwide gross?',
        expect: { refuse: true },
      },
    ];
  },
  weather: (d) => {
    const R = d.rows;
    const where = (p: (r: Row) => boolean) => R.filter(p);
    return [
      {
        id: 'wx2-flt-1',
        category: 'filter',
        q: 'how many days did it rain in 2014?',
        expect: { value: where((r) => r.weather === 'rain' && inYear('date', 2014)(r)).length },
      },
      {
        id: 'wx2-dt-1',
        category: 'dates',
        q: 'What was the max wind speed in March 2015?',
        expect: { value: aggs.max('wind')(where(between('date', '2015-03-01', '2015-04-01'))) },
      },
      {
        id: 'wx2-dt-2',
        category: 'dates',
        q: 'How many foggy days in 2012 and 2013?',
        expect: {
          value: where((r) => r.weather === 'fog' && (inYear('date', 2012)(r) || inYear('date', 2013)(r)))
            .length,
        },
      },
      {
        id: 'wx2-top-1',
        category: 'top_k',
        q: 'which month was the rainiest?',
        expect: { first: topKeys(groupBy(R, monthKey('date'), aggs.sum('precipitation')), 1)[0] },
      },
      {
        id: 'wx2-dis-1',
        category: 'distribution',
        q: 'distribution of wind speed',
        expect: { bins: histogram(nums(R, get('wind'))) },
      },
    ];
  },
  gapminder: (d) => {
    const R = d.rows;
    const where = (p: (r: Row) => boolean) => R.filter(p);
    return [
      {
        id: 'gap2-chg-1',
        category: 'change_over_time',
        q: 'Life expectancy in Japan over time',
        expect: {
          groups: groupBy(
            where((r) => r.country === 'Japan'),
            by('year'),
            aggs.avg('life_expect'),
          ),
        },
      },
      {
        id: 'gap2-flt-1',
        category: 'having',
        q: 'Which countries had a population over 200 million in 2005?',
        expect: { list: where((r) => r.year === 2005 && Number(r.pop) > 2e8).map((r) => String(r.country)) },
      },
      {
        id: 'gap2-cmp-1',
        category: 'compare_periods',
        q: 'What was the fertility rate of India in 1970 compared to 2005?',
        expect: {
          values: [
            aggs.avg('fertility')(where((r) => r.country === 'India' && r.year === 1970)),
            aggs.avg('fertility')(where((r) => r.country === 'India' && r.year === 2005)),
          ],
        },
      },
      {
        id: 'gap2-grp-1',
        category: 'group_by',
        q: 'Compare the population of China and India in 2005',
        expect: {
          groups: groupBy(
            where((r) => (r.country === 'China' || r.country === 'India') && r.year === 2005),
            by('country'),
            aggs.sum('pop'),
          ),
        },
      },
    ];
  },
  penguins: (d) => {
    const R = d.rows;
    const where = (p: (r: Row) => boolean) => R.filter(p);
    return [
      {
        id: 'pen2-grp-1',
        category: 'group_by',
        q: 'How many penguins per species on Dream island',
        expect: {
          groups: groupBy(
            where((r) => r.Island === 'Dream'),
            by('Species'),
            aggs.count(),
          ),
        },
      },
      {
        id: 'pen2-syn-1',
        category: 'synonyms',
        q: "What's the average bill depth of Gentoo males?",
        expect: {
          value: aggs.avg('Beak Depth (mm)')(where((r) => r.Species === 'Gentoo' && r.Sex === 'MALE')),
        },
      },
    ];
  },
  stocks: (d) => {
    const R = d.rows;
    const where = (p: (r: Row) => boolean) => R.filter(p);
    return [
      {
        id: 'stk2-dt-1',
        category: 'dates',
        q: 'what was the highest price of MSFT in 2000?',
        expect: { value: aggs.max('price')(where((r) => r.symbol === 'MSFT' && inYear('date', 2000)(r))) },
      },
      {
        id: 'stk2-ref-1',
        category: 'must_refuse',
        q: "What's the average stock price of Amazon?",
        expect: { refuse: true },
      },
      {
        // One year holds no two periods: ranking plain averages would answer another question.
        id: 'stk2-ref-3',
        category: 'must_refuse',
        q: 'which stock had the biggest drop in 2008',
        expect: { refuse: true },
      },
      {
        id: 'stk2-ref-2',
        category: 'must_refuse',
        q: 'which stock grew the most between 2005 and 2009',
        expect: { refuse: true },
      },
    ];
  },
};
