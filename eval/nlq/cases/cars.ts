import type { EvalDataset, Row } from '../datasets.ts';
import type { EvalCase } from '../expect.ts';
import {
  aggs,
  corr,
  get,
  groupBy,
  histogram,
  inYear,
  median,
  nums,
  stddev,
  topKeys,
  topRows,
  year,
} from '../ref.ts';

export function carsCases(d: EvalDataset): EvalCase[] {
  const R = d.rows;
  const where = (p: (r: Row) => boolean) => R.filter(p);
  const hp = aggs.avg('Horsepower');
  const origin = (r: Row) => r.Origin;
  const named = (n: string) => where((r) => r.Name === n).length;
  return [
    {
      id: 'cars-agg-1',
      category: 'aggregate',
      q: "What's the average horsepower?",
      expect: { value: hp(R) },
    },
    {
      id: 'cars-agg-2',
      category: 'aggregate',
      q: 'How many cars are in the dataset?',
      expect: { value: R.length },
    },
    {
      id: 'cars-agg-3',
      category: 'aggregate',
      q: 'What is the maximum weight of a car?',
      expect: { value: aggs.max('Weight_in_lbs')(R) },
    },
    {
      id: 'cars-agg-4',
      category: 'aggregate',
      q: 'median mpg',
      expect: { value: median(nums(R, get('Miles_per_Gallon'))) },
    },
    {
      id: 'cars-agg-5',
      category: 'aggregate',
      q: "What's the lowest acceleration in the data?",
      expect: { value: aggs.min('Acceleration')(R) },
    },
    {
      id: 'cars-agg-6',
      category: 'aggregate',
      q: 'standard deviation of horsepower',
      expect: { value: stddev(nums(R, get('Horsepower'))) },
    },
    {
      id: 'cars-agg-7',
      category: 'aggregate',
      q: 'average weight and horsepower',
      expect: { values: [aggs.avg('Weight_in_lbs')(R), hp(R)] },
    },
    {
      id: 'cars-grp-1',
      category: 'group_by',
      q: 'average mpg by origin',
      expect: { groups: groupBy(R, origin, aggs.avg('Miles_per_Gallon')) },
    },
    {
      id: 'cars-grp-2',
      category: 'group_by',
      q: 'How many cars per origin?',
      expect: { groups: groupBy(R, origin, aggs.count()) },
    },
    {
      id: 'cars-grp-3',
      category: 'group_by',
      q: 'mean weight by cylinders',
      expect: { groups: groupBy(R, (r) => r.Cylinders, aggs.avg('Weight_in_lbs')) },
    },
    {
      id: 'cars-grp-4',
      category: 'group_by',
      q: 'Average acceleration by year',
      expect: { groups: groupBy(R, year('Year'), aggs.avg('Acceleration')) },
    },
    {
      id: 'cars-grp-5',
      category: 'group_by',
      q: 'show me the average horsepower for each number of cylinders',
      expect: { groups: groupBy(R, (r) => r.Cylinders, hp) },
    },
    {
      id: 'cars-flt-1',
      category: 'filter',
      q: 'How many cars have more than 6 cylinders?',
      expect: { value: where((r) => Number(r.Cylinders) > 6).length },
    },
    {
      id: 'cars-flt-2',
      category: 'filter',
      q: 'average horsepower of cars from Japan',
      expect: { value: hp(where((r) => r.Origin === 'Japan')) },
    },
    {
      id: 'cars-flt-3',
      category: 'filter',
      q: 'How many cars weigh over 4000 lbs?',
      expect: { value: where((r) => Number(r.Weight_in_lbs) > 4000).length },
    },
    {
      id: 'cars-flt-4',
      category: 'filter',
      q: 'average mpg for cars with 4 cylinders',
      expect: { value: aggs.avg('Miles_per_Gallon')(where((r) => r.Cylinders === 4)) },
    },
    {
      id: 'cars-flt-5',
      category: 'filter',
      q: 'How many European cars have an acceleration below 15?',
      expect: { value: where((r) => r.Origin === 'Europe' && Number(r.Acceleration) < 15).length },
    },
    {
      id: 'cars-flt-6',
      category: 'filter',
      q: 'average weight of non-US cars',
      expect: { value: aggs.avg('Weight_in_lbs')(where((r) => r.Origin !== 'USA')) },
    },
    {
      id: 'cars-flt-7',
      category: 'filter',
      q: 'how many cars have horsepower between 100 and 150',
      expect: {
        value: where(
          (r) => r.Horsepower !== null && Number(r.Horsepower) >= 100 && Number(r.Horsepower) <= 150,
        ).length,
      },
    },
    {
      id: 'cars-flt-8',
      category: 'filter',
      q: 'list cars with an mpg of at least 40',
      expect: {
        rowCount: where((r) => r.Miles_per_Gallon !== null && Number(r.Miles_per_Gallon) >= 40).length,
      },
    },
    {
      id: 'cars-dt-1',
      category: 'dates',
      q: 'How many cars were made in 1975?',
      expect: { value: where(inYear('Year', 1975)).length },
    },
    {
      id: 'cars-dt-2',
      category: 'dates',
      q: 'average mpg in 1982',
      expect: { value: aggs.avg('Miles_per_Gallon')(where(inYear('Year', 1982))) },
    },
    {
      id: 'cars-dt-3',
      category: 'dates',
      q: 'average horsepower of cars from before 1975',
      expect: { value: hp(where((r) => String(r.Year) < '1975-01-01')) },
    },
    {
      id: 'cars-dt-4',
      category: 'dates',
      q: 'How many cars since 1980?',
      expect: { value: where((r) => String(r.Year) >= '1980-01-01').length },
    },
    {
      id: 'cars-dt-5',
      category: 'dates',
      q: 'average weight between 1972 and 1976',
      expect: {
        value: aggs.avg('Weight_in_lbs')(
          where((r) => String(r.Year) >= '1972-01-01' && String(r.Year) < '1977-01-01'),
        ),
      },
    },
    {
      id: 'cars-top-1',
      category: 'top_k',
      q: 'top 5 cars by horsepower',
      expect: { list: topRows(R, 'Horsepower', 5, 'Name'), ordered: true },
    },
    { id: 'cars-top-2', category: 'top_k', q: 'Which origin has the most cars?', expect: { first: 'USA' } },
    {
      id: 'cars-top-3',
      category: 'top_k',
      q: 'which car has the best fuel economy',
      expect: { first: topRows(R, 'Miles_per_Gallon', 1, 'Name')[0] },
    },
    {
      id: 'cars-top-4',
      category: 'top_k',
      q: 'the 3 lightest cars',
      expect: { list: topRows(R, 'Weight_in_lbs', 3, 'Name', 'asc'), ordered: true },
    },
    {
      id: 'cars-top-5',
      category: 'top_k',
      q: 'Which origin has the highest average mpg?',
      expect: { first: topKeys(groupBy(R, origin, aggs.avg('Miles_per_Gallon')), 1)[0] },
    },
    {
      // Ranking groups by a non-additive measure compares their averages, not their single best car.
      id: 'cars-top-6',
      category: 'top_k',
      q: 'Which origin has the best fuel economy?',
      expect: {
        first: topKeys(groupBy(R, origin, aggs.avg('Miles_per_Gallon')), 1)[0],
        value: groupBy(R, origin, aggs.avg('Miles_per_Gallon')).get(
          topKeys(groupBy(R, origin, aggs.avg('Miles_per_Gallon')), 1)[0],
        )!,
      },
    },
    {
      // …while a superlative asked within each group is that group's extreme.
      id: 'cars-grp-6',
      category: 'group_by',
      q: 'highest horsepower for each origin',
      expect: { groups: groupBy(R, origin, aggs.max('Horsepower')) },
    },
    {
      id: 'cars-shr-1',
      category: 'share',
      q: 'What percentage of cars are from Japan?',
      expect: { value: (100 * where((r) => r.Origin === 'Japan').length) / R.length },
    },
    {
      id: 'cars-shr-2',
      category: 'share',
      q: 'share of cars by origin',
      expect: {
        groups: new Map(
          [...groupBy(R, origin, aggs.count())].map(([k, v]) => [k, (100 * (v ?? 0)) / R.length]),
        ),
        column: 'Share (%)',
      },
    },
    {
      id: 'cars-dst-1',
      category: 'distinct',
      q: 'What are the different origins?',
      expect: { list: ['USA', 'Europe', 'Japan'] },
    },
    {
      id: 'cars-dst-2',
      category: 'distinct',
      q: 'How many unique cylinder values are there?',
      expect: { value: aggs.distinct('Cylinders')(R) },
    },
    {
      id: 'cars-dis-1',
      category: 'distribution',
      q: 'distribution of horsepower',
      expect: { bins: histogram(nums(R, get('Horsepower'))) },
    },
    {
      id: 'cars-cor-1',
      category: 'correlation',
      q: "What's the correlation between weight and mpg?",
      expect: { value: corr(R, get('Weight_in_lbs'), get('Miles_per_Gallon')) },
    },
    {
      id: 'cars-cor-2',
      category: 'correlation',
      q: 'Is horsepower related to acceleration?',
      expect: { value: corr(R, get('Horsepower'), get('Acceleration')) },
    },
    {
      id: 'cars-lkp-1',
      category: 'lookup',
      q: 'What is the horsepower of the ford pinto?',
      expect: { rowCount: named('ford pinto') },
    },
    {
      id: 'cars-lkp-2',
      category: 'lookup',
      q: 'How heavy is the amc hornet?',
      expect: { rowCount: named('amc hornet') },
    },
    {
      id: 'cars-hav-1',
      category: 'having',
      q: 'Which origins have an average mpg above 25?',
      expect: {
        list: [...groupBy(R, origin, aggs.avg('Miles_per_Gallon'))]
          .filter(([, v]) => (v ?? 0) > 25)
          .map(([k]) => k),
      },
    },
    {
      id: 'cars-typo-1',
      category: 'typos',
      q: 'avrage horsepowr by orgin',
      expect: { groups: groupBy(R, origin, hp) },
    },
    {
      id: 'cars-typo-2',
      category: 'typos',
      q: 'how many cars from Japn',
      expect: { value: where((r) => r.Origin === 'Japan').length },
    },
    {
      id: 'cars-syn-1',
      category: 'synonyms',
      q: 'mean power by region',
      expect: { groups: groupBy(R, origin, hp) },
    },
    {
      id: 'cars-syn-2',
      category: 'synonyms',
      q: 'average fuel efficiency of american cars',
      expect: { value: aggs.avg('Miles_per_Gallon')(where((r) => r.Origin === 'USA')) },
    },
    {
      id: 'cars-fu-1',
      category: 'follow_up',
      q: ['average horsepower by origin', 'only the top 2'],
      expect: { list: topKeys(groupBy(R, origin, hp), 2), ordered: true },
    },
    {
      id: 'cars-fu-2',
      category: 'follow_up',
      q: ['how many cars are from Europe?', 'and from Japan?'],
      expect: { value: where((r) => r.Origin === 'Japan').length },
    },
    {
      id: 'cars-fu-3',
      category: 'follow_up',
      q: ['average mpg by origin', 'what about weight?'],
      expect: { groups: groupBy(R, origin, aggs.avg('Weight_in_lbs')) },
    },
    {
      id: 'cars-fu-4',
      category: 'follow_up',
      q: ['average horsepower in 1970', 'what about 1980?'],
      expect: { value: hp(where(inYear('Year', 1980))) },
    },
    {
      // The thing ranked is not in the data; ranking by the number of cars would be a wrong answer.
      id: 'cars-ref-9',
      category: 'must_refuse',
      q: 'which origin has the highest salary',
      expect: { refuse: true },
    },
    {
      id: 'cars-ref-1',
      category: 'must_refuse',
      q: 'What is the average price of a car?',
      expect: { refuse: true },
    },
    {
      id: 'cars-ref-2',
      category: 'must_refuse',
      q: 'Which car brand is the most reliable?',
      expect: { refuse: true },
    },
    {
      id: 'cars-ref-3',
      category: 'must_refuse',
      q: 'Predict the mpg of a car with 150 horsepower',
      expect: { refuse: true },
    },
    {
      id: 'cars-ref-4',
      category: 'must_refuse',
      q: 'How many cars are from Korea?',
      expect: { refuse: true },
    },
    {
      id: 'cars-ref-5',
      category: 'must_refuse',
      q: 'average horsepower of electric cars',
      expect: { refuse: true },
    },
    {
      id: 'cars-ref-6',
      category: 'must_refuse',
      q: 'What will the average mpg be in 1990?',
      expect: { refuse: true },
    },
    { id: 'cars-ref-7', category: 'must_refuse', q: 'average mpg in 1995', expect: { refuse: true } },
    {
      // A comparative in a which-question picks the top group, like the superlative.
      id: 'cars-comparative-1',
      category: 'top_k',
      q: 'Which origin has more horsepower on average?',
      expect: { first: topKeys(groupBy(R, origin, aggs.avg('Horsepower')), 1)[0] },
    },
    {
      id: 'cars-comparative-2',
      category: 'top_k',
      q: 'which origin has lower weight',
      expect: { first: topKeys(groupBy(R, origin, aggs.avg('Weight_in_lbs')), 3)[2] },
    },
  ];
}
