import type { EvalDataset, Row } from '../datasets.ts';
import type { EvalCase } from '../expect.ts';
import { aggs, corr, get, groupBy, topKeys } from '../ref.ts';

export function gapminderCases(d: EvalDataset): EvalCase[] {
  const R = d.rows;
  const where = (p: (r: Row) => boolean) => R.filter(p);
  const y = (n: number) => (r: Row) => r.year === n;
  const life = aggs.avg('life_expect');
  const c = (name: string) => (r: Row) => r.country === name;
  return [
    {
      id: 'gap-agg-1',
      category: 'aggregate',
      q: 'What was the average life expectancy in 2005?',
      expect: { value: life(where(y(2005))) },
    },
    {
      id: 'gap-agg-2',
      category: 'aggregate',
      q: 'total population in 1955',
      expect: { value: aggs.sum('pop')(where(y(1955))) },
    },
    {
      id: 'gap-agg-3',
      category: 'aggregate',
      q: 'How many countries are in the dataset?',
      expect: { value: aggs.distinct('country')(R) },
    },
    {
      id: 'gap-agg-4',
      category: 'aggregate',
      q: 'What is the lowest fertility rate in the data?',
      expect: { value: aggs.min('fertility')(R) },
    },
    {
      id: 'gap-agg-5',
      category: 'aggregate',
      q: 'median life expectancy in 1980',
      expect: { value: aggs.median('life_expect')(where(y(1980))) },
    },
    {
      id: 'gap-grp-1',
      category: 'group_by',
      q: 'average life expectancy by year',
      expect: { groups: groupBy(R, (r) => r.year, life) },
    },
    {
      id: 'gap-grp-2',
      category: 'group_by',
      q: 'average fertility per cluster in 2000',
      expect: { groups: groupBy(where(y(2000)), (r) => r.cluster, aggs.avg('fertility')) },
    },
    {
      id: 'gap-grp-3',
      category: 'group_by',
      q: 'total population by year',
      expect: { groups: groupBy(R, (r) => r.year, aggs.sum('pop')) },
    },
    {
      id: 'gap-flt-1',
      category: 'filter',
      q: "What was Japan's life expectancy in 2005?",
      expect: { value: life(where((r) => c('Japan')(r) && y(2005)(r))) },
    },
    {
      id: 'gap-flt-2',
      category: 'filter',
      q: 'How many countries had a fertility rate above 5 in 2005?',
      expect: { value: where((r) => y(2005)(r) && Number(r.fertility) > 5).length },
    },
    {
      id: 'gap-flt-3',
      category: 'filter',
      q: 'population of India in 1990',
      expect: { value: aggs.sum('pop')(where((r) => c('India')(r) && y(1990)(r))) },
    },
    {
      id: 'gap-flt-4',
      category: 'filter',
      q: 'how many countries had a life expectancy under 50 in 1960',
      expect: { value: where((r) => y(1960)(r) && Number(r.life_expect) < 50).length },
    },
    {
      id: 'gap-flt-5',
      category: 'filter',
      q: 'average life expectancy in cluster 2',
      expect: { value: life(where((r) => r.cluster === 2)) },
    },
    {
      id: 'gap-flt-6',
      category: 'filter',
      q: 'countries with more than 100 million people in 2005',
      expect: { rowCount: where((r) => y(2005)(r) && Number(r.pop) > 1e8).length },
    },
    {
      id: 'gap-dt-1',
      category: 'dates',
      q: 'average fertility since 1990',
      expect: { value: aggs.avg('fertility')(where((r) => Number(r.year) >= 1990)) },
    },
    {
      id: 'gap-dt-2',
      category: 'dates',
      q: 'average life expectancy before 1970',
      expect: { value: life(where((r) => Number(r.year) < 1970)) },
    },
    {
      id: 'gap-dt-3',
      category: 'dates',
      q: "What was China's population between 1960 and 1980?",
      expect: {
        groups: groupBy(
          where((r) => c('China')(r) && Number(r.year) >= 1960 && Number(r.year) <= 1980),
          (r) => r.year,
          aggs.sum('pop'),
        ),
      },
    },
    {
      id: 'gap-top-1',
      category: 'top_k',
      q: 'Which country had the highest life expectancy in 2005?',
      expect: {
        first: topKeys(
          groupBy(where(y(2005)), (r) => r.country, life),
          1,
        )[0],
      },
    },
    {
      id: 'gap-top-2',
      category: 'top_k',
      q: 'top 5 most populous countries in 2005',
      expect: {
        list: topKeys(
          groupBy(where(y(2005)), (r) => r.country, aggs.sum('pop')),
          5,
        ),
        ordered: true,
      },
    },
    {
      id: 'gap-top-3',
      category: 'top_k',
      q: 'bottom 3 countries by life expectancy in 1955',
      expect: {
        list: topKeys(
          groupBy(where(y(1955)), (r) => r.country, life),
          3,
          'asc',
        ),
        ordered: true,
      },
    },
    {
      id: 'gap-top-4',
      category: 'top_k',
      q: 'which country had the lowest fertility in 2005',
      expect: {
        first: topKeys(
          groupBy(where(y(2005)), (r) => r.country, aggs.min('fertility')),
          1,
          'asc',
        )[0],
      },
    },
    {
      id: 'gap-shr-1',
      category: 'share',
      q: "What share of the world's population lived in China in 2005?",
      expect: {
        value:
          (100 * (aggs.sum('pop')(where((r) => c('China')(r) && y(2005)(r))) ?? 0)) /
          (aggs.sum('pop')(where(y(2005))) ?? 1),
      },
    },
    {
      id: 'gap-shr-2',
      category: 'share',
      q: 'percentage of total population by cluster in 2005',
      expect: {
        groups: new Map(
          [...groupBy(where(y(2005)), (r) => r.cluster, aggs.sum('pop'))].map(([k, v]) => [
            k,
            (100 * (v ?? 0)) / (aggs.sum('pop')(where(y(2005))) ?? 1),
          ]),
        ),
        column: 'Share (%)',
      },
    },
    {
      id: 'gap-dst-1',
      category: 'distinct',
      q: 'Which years are covered?',
      expect: { list: [...new Set(R.map((r) => String(r.year)))] },
    },
    {
      id: 'gap-cor-1',
      category: 'correlation',
      q: 'correlation between fertility and life expectancy',
      expect: { value: corr(R, get('fertility'), get('life_expect')) },
    },
    {
      id: 'gap-cor-2',
      category: 'correlation',
      q: 'What correlates with life expectancy?',
      expect: { first: 'fertility' },
    },
    {
      id: 'gap-cmp-1',
      category: 'compare_periods',
      q: 'compare average life expectancy in 1955 vs 2005',
      expect: { values: [life(where(y(1955))), life(where(y(2005)))] },
    },
    {
      id: 'gap-chg-1',
      category: 'change_over_time',
      q: "How has Brazil's fertility changed over the years?",
      expect: { groups: groupBy(where(c('Brazil')), (r) => r.year, aggs.avg('fertility')) },
    },
    {
      id: 'gap-hav-1',
      category: 'having',
      q: 'Which clusters had an average fertility over 4 in 1990?',
      expect: {
        list: [...groupBy(where(y(1990)), (r) => r.cluster, aggs.avg('fertility'))]
          .filter(([, v]) => (v ?? 0) > 4)
          .map(([k]) => k),
      },
    },
    {
      id: 'gap-typo-1',
      category: 'typos',
      q: 'life expectency of Germny in 2000',
      expect: { value: life(where((r) => c('Germany')(r) && y(2000)(r))) },
    },
    {
      id: 'gap-syn-1',
      category: 'synonyms',
      q: 'average lifespan by year',
      expect: { groups: groupBy(R, (r) => r.year, life) },
    },
    {
      id: 'gap-syn-2',
      category: 'synonyms',
      q: 'birth rate of Nigeria in 2005',
      expect: { value: aggs.avg('fertility')(where((r) => c('Nigeria')(r) && y(2005)(r))) },
    },
    {
      id: 'gap-fu-1',
      category: 'follow_up',
      q: ['life expectancy of France in 2005', 'and for Italy?'],
      expect: { value: life(where((r) => c('Italy')(r) && y(2005)(r))) },
    },
    {
      id: 'gap-fu-2',
      category: 'follow_up',
      q: ['top 5 countries by population in 2005', 'what about 1955?'],
      expect: {
        list: topKeys(
          groupBy(where(y(1955)), (r) => r.country, aggs.sum('pop')),
          5,
        ),
        ordered: true,
      },
    },
    {
      id: 'gap-fu-3',
      category: 'follow_up',
      q: ['average life expectancy by cluster', 'why?'],
      expect: { first: 'fertility' },
    },
    // Population is a level: summed over every year it is no answer; the latest year is.
    {
      id: 'gap-level-1',
      category: 'aggregate',
      q: 'total population of China',
      expect: { value: aggs.sum('pop')(where((r) => c('China')(r) && y(2005)(r))) },
    },
    {
      id: 'gap-level-2',
      category: 'group_by',
      q: 'population by country',
      expect: { groups: groupBy(where(y(2005)), (r) => r.country, aggs.sum('pop')) },
    },
    {
      id: 'gap-level-3',
      category: 'change_over_time',
      q: "How did China's population change?",
      expect: { groups: groupBy(where(c('China')), (r) => r.year, aggs.sum('pop')) },
    },
    { id: 'gap-ref-1', category: 'must_refuse', q: 'What is the GDP of France?', expect: { refuse: true } },
    {
      id: 'gap-ref-2',
      category: 'must_refuse',
      q: 'What will the population of India be in 2050?',
      expect: { refuse: true },
    },
    { id: 'gap-ref-3', category: 'must_refuse', q: 'life expectancy in Atlantis', expect: { refuse: true } },
    {
      id: 'gap-ref-4',
      category: 'must_refuse',
      q: "What was Japan's life expectancy in March 2005?",
      expect: { refuse: true },
    },
    { id: 'gap-ref-5', category: 'must_refuse', q: 'average income by country', expect: { refuse: true } },
  ];
}
