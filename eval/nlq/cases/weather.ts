import type { EvalDataset, Row } from '../datasets.ts';
import type { EvalCase } from '../expect.ts';
import { aggs, corr, get, groupBy, inYear, isoDow, month, monthKey, topKeys, topRows, year } from '../ref.ts';

export function weatherCases(d: EvalDataset): EvalCase[] {
  const R = d.rows;
  const where = (p: (r: Row) => boolean) => R.filter(p);
  const date = (r: Row) => String(r.date);
  const is = (w: string) => (r: Row) => r.weather === w;
  const last = '2015-12-31';
  return [
    {
      // "the wettest month" ranks the months, like "which month was the wettest".
      id: 'wx-top-8',
      category: 'top_k',
      q: 'what was the wettest month',
      expect: { first: topKeys(groupBy(R, monthKey('date'), aggs.sum('precipitation')), 1)[0] },
    },
    {
      // "windiest" is the column `wind` itself, still a superlative.
      id: 'wx-top-9',
      category: 'top_k',
      q: 'the windiest day',
      expect: { first: topKeys(groupBy(R, date, aggs.avg('wind')), 1)[0] },
    },
    {
      id: 'wx-agg-1',
      category: 'aggregate',
      q: 'What was the highest temperature ever recorded?',
      expect: { value: aggs.max('temp_max')(R) },
    },
    {
      id: 'wx-agg-2',
      category: 'aggregate',
      q: 'total precipitation',
      expect: { value: aggs.sum('precipitation')(R) },
    },
    {
      id: 'wx-agg-3',
      category: 'aggregate',
      q: "What's the average wind speed?",
      expect: { value: aggs.avg('wind')(R) },
    },
    {
      id: 'wx-agg-4',
      category: 'aggregate',
      q: 'What was the coldest minimum temperature?',
      expect: { value: aggs.min('temp_min')(R) },
    },
    {
      id: 'wx-agg-5',
      category: 'aggregate',
      q: 'how many days are in the data',
      expect: { value: R.length },
    },
    {
      id: 'wx-grp-1',
      category: 'group_by',
      q: 'average max temperature by weather type',
      expect: { groups: groupBy(R, (r) => r.weather, aggs.avg('temp_max')) },
    },
    {
      id: 'wx-grp-2',
      category: 'group_by',
      q: 'total rainfall per year',
      expect: { groups: groupBy(R, year('date'), aggs.sum('precipitation')) },
    },
    {
      id: 'wx-grp-3',
      category: 'group_by',
      q: 'How many days of each weather type were there?',
      expect: { groups: groupBy(R, (r) => r.weather, aggs.count()) },
    },
    {
      id: 'wx-grp-4',
      category: 'group_by',
      q: 'average wind by month in 2014',
      expect: { groups: groupBy(where(inYear('date', 2014)), monthKey('date'), aggs.avg('wind')) },
    },
    {
      id: 'wx-flt-1',
      category: 'filter',
      q: 'How many days had more than 20 mm of precipitation?',
      expect: { value: where((r) => Number(r.precipitation) > 20).length },
    },
    {
      id: 'wx-flt-2',
      category: 'filter',
      q: 'How many rainy days were there in 2013?',
      expect: { value: where((r) => r.weather === 'rain' && inYear('date', 2013)(r)).length },
    },
    {
      id: 'wx-flt-3',
      category: 'filter',
      q: 'average max temperature on sunny days',
      expect: { value: aggs.avg('temp_max')(where(is('sun'))) },
    },
    {
      id: 'wx-flt-4',
      category: 'filter',
      q: 'how many days did it snow',
      expect: { value: where(is('snow')).length },
    },
    {
      id: 'wx-flt-5',
      category: 'filter',
      q: 'number of days with a minimum temperature below 0',
      expect: { value: where((r) => Number(r.temp_min) < 0).length },
    },
    {
      id: 'wx-flt-6',
      category: 'filter',
      q: 'count the foggy days with wind above 5',
      expect: { value: where((r) => r.weather === 'fog' && Number(r.wind) > 5).length },
    },
    {
      id: 'wx-dt-1',
      category: 'dates',
      q: 'total precipitation in the last 3 months',
      expect: { value: aggs.sum('precipitation')(where((r) => date(r) >= '2015-10-01' && date(r) <= last)) },
    },
    {
      id: 'wx-dt-2',
      category: 'dates',
      q: 'average max temperature in summer',
      expect: { value: aggs.avg('temp_max')(where((r) => [6, 7, 8].includes(month('date')(r) ?? 0))) },
    },
    {
      id: 'wx-dt-3',
      category: 'dates',
      q: 'How much did it rain on weekends in 2015?',
      expect: {
        value: aggs.sum('precipitation')(where((r) => inYear('date', 2015)(r) && isoDow('date')(r) >= 6)),
      },
    },
    {
      id: 'wx-dt-4',
      category: 'dates',
      q: 'average temp_max between March and June 2014',
      expect: {
        value: aggs.avg('temp_max')(where((r) => date(r) >= '2014-03-01' && date(r) < '2014-07-01')),
      },
    },
    {
      id: 'wx-dt-5',
      category: 'dates',
      q: 'total precipitation in Q4 2012',
      expect: {
        value: aggs.sum('precipitation')(where((r) => date(r) >= '2012-10-01' && date(r) < '2013-01-01')),
      },
    },
    {
      id: 'wx-dt-6',
      category: 'dates',
      q: 'average wind last year',
      expect: { value: aggs.avg('wind')(where(inYear('date', 2015))) },
    },
    {
      id: 'wx-dt-7',
      category: 'dates',
      q: 'how many days of rain in January 2015',
      expect: { value: where((r) => r.weather === 'rain' && date(r).startsWith('2015-01')).length },
    },
    { id: 'wx-dt-8', category: 'dates', q: 'rainfall by quarter', expect: { rowCount: 16 } },
    {
      id: 'wx-top-1',
      category: 'top_k',
      q: 'Which day had the most precipitation?',
      expect: { first: topRows(R, 'precipitation', 1, 'date')[0] },
    },
    {
      id: 'wx-top-2',
      category: 'top_k',
      q: 'what is the most common weather',
      expect: {
        first: topKeys(
          groupBy(R, (r) => r.weather, aggs.count()),
          1,
        )[0],
      },
    },
    {
      id: 'wx-top-3',
      category: 'top_k',
      q: 'which year was the windiest on average',
      expect: { first: topKeys(groupBy(R, year('date'), aggs.avg('wind')), 1)[0] },
    },
    {
      id: 'wx-top-4',
      category: 'top_k',
      q: 'the 5 hottest days',
      expect: { list: topRows(R, 'temp_max', 5, 'date'), ordered: true },
    },
    {
      id: 'wx-shr-1',
      category: 'share',
      q: 'What percentage of days were rainy?',
      expect: { value: (100 * where(is('rain')).length) / R.length },
    },
    {
      id: 'wx-shr-2',
      category: 'share',
      q: 'what share of days in 2015 were sunny',
      expect: {
        value:
          (100 * where((r) => r.weather === 'sun' && inYear('date', 2015)(r)).length) /
          where(inYear('date', 2015)).length,
      },
    },
    {
      id: 'wx-dst-1',
      category: 'distinct',
      q: 'What kinds of weather are there?',
      expect: { list: ['drizzle', 'fog', 'rain', 'snow', 'sun'] },
    },
    {
      id: 'wx-cor-1',
      category: 'correlation',
      q: 'Is there a correlation between wind and precipitation?',
      expect: { value: corr(R, get('wind'), get('precipitation')) },
    },
    {
      id: 'wx-chg-1',
      category: 'change_over_time',
      q: 'how has the average max temperature changed over time',
      expect: { groups: groupBy(R, year('date'), aggs.avg('temp_max')) },
    },
    {
      id: 'wx-chg-2',
      category: 'change_over_time',
      q: 'year over year change in total precipitation',
      expect: { groups: groupBy(R, year('date'), aggs.sum('precipitation')) },
    },
    {
      id: 'wx-cmp-1',
      category: 'compare_periods',
      q: 'compare total precipitation in 2014 vs 2015',
      expect: {
        values: [
          aggs.sum('precipitation')(where(inYear('date', 2014))),
          aggs.sum('precipitation')(where(inYear('date', 2015))),
        ],
      },
    },
    {
      id: 'wx-cmp-2',
      category: 'compare_periods',
      q: 'How did average wind change from 2012 to 2013?',
      expect: {
        values: [
          aggs.avg('wind')(where(inYear('date', 2012))),
          aggs.avg('wind')(where(inYear('date', 2013))),
        ],
      },
    },
    {
      id: 'wx-hav-1',
      category: 'having',
      q: 'which weather types have an average wind above 3.5',
      expect: {
        list: [...groupBy(R, (r) => r.weather, aggs.avg('wind'))]
          .filter(([, v]) => (v ?? 0) > 3.5)
          .map(([k]) => k),
      },
    },
    {
      id: 'wx-typo-1',
      category: 'typos',
      q: 'avg precipitaton by wether',
      expect: { groups: groupBy(R, (r) => r.weather, aggs.avg('precipitation')) },
    },
    {
      id: 'wx-syn-1',
      category: 'synonyms',
      q: 'total rainfall on drizzly days',
      expect: { value: aggs.sum('precipitation')(where(is('drizzle'))) },
    },
    {
      id: 'wx-fu-1',
      category: 'follow_up',
      q: ['total precipitation by year', 'show it as a line chart', 'only 2014 and 2015'],
      expect: {
        groups: groupBy(
          where((r) => inYear('date', 2014)(r) || inYear('date', 2015)(r)),
          year('date'),
          aggs.sum('precipitation'),
        ),
      },
    },
    {
      id: 'wx-fu-2',
      category: 'follow_up',
      q: ['how many snowy days were there in 2012?', 'and in 2014?'],
      expect: { value: where((r) => r.weather === 'snow' && inYear('date', 2014)(r)).length },
    },
    {
      // A complete ranking question after another question is not a follow-up of it.
      id: 'wx-fu-3',
      category: 'follow_up',
      q: ['average max temperature by month', 'which year had the most sun'],
      expect: { first: topKeys(groupBy(where(is('sun')), year('date'), aggs.count()), 1)[0] },
    },
    {
      // Changing the groups of a ranking keeps it a ranking.
      id: 'wx-fu-4',
      category: 'follow_up',
      q: ['which year had the most sun', 'and which month?'],
      expect: { first: topKeys(groupBy(where(is('sun')), monthKey('date'), aggs.count()), 1)[0] },
    },
    {
      id: 'wx-ref-1',
      category: 'must_refuse',
      q: 'What was the average temperature?',
      expect: { clarify: true },
    },
    { id: 'wx-ref-2', category: 'must_refuse', q: 'Will it rain tomorrow?', expect: { refuse: true } },
    {
      id: 'wx-ref-3',
      category: 'must_refuse',
      q: 'How much did it rain in Portland?',
      expect: { refuse: true },
    },
    {
      id: 'wx-ref-4',
      category: 'must_refuse',
      q: 'What was the humidity in July 2014?',
      expect: { refuse: true },
    },
    { id: 'wx-ref-5', category: 'must_refuse', q: 'total precipitation in 2020', expect: { refuse: true } },
  ];
}
