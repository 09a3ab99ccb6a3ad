import type { EvalDataset, Row } from '../datasets.ts';
import type { EvalCase } from '../expect.ts';
import { aggs, corr, get, groupBy, histogram, nums, topKeys, topRows } from '../ref.ts';

export function penguinsCases(d: EvalDataset): EvalCase[] {
  const R = d.rows;
  const where = (p: (r: Row) => boolean) => R.filter(p);
  const mass = 'Body Mass (g)';
  const flipper = 'Flipper Length (mm)';
  const sp = (s: string) => (r: Row) => r.Species === s;
  return [
    {
      id: 'pen-agg-1',
      category: 'aggregate',
      q: 'How many penguins are there?',
      expect: { value: R.length },
    },
    { id: 'pen-agg-2', category: 'aggregate', q: 'average body mass', expect: { value: aggs.avg(mass)(R) } },
    {
      id: 'pen-agg-3',
      category: 'aggregate',
      q: 'What is the longest flipper length?',
      expect: { value: aggs.max(flipper)(R) },
    },
    {
      id: 'pen-agg-4',
      category: 'aggregate',
      q: 'median beak depth',
      expect: { value: aggs.median('Beak Depth (mm)')(R) },
    },
    {
      id: 'pen-grp-1',
      category: 'group_by',
      q: 'average body mass by species',
      expect: { groups: groupBy(R, (r) => r.Species, aggs.avg(mass)) },
    },
    {
      id: 'pen-grp-2',
      category: 'group_by',
      q: 'how many penguins on each island',
      expect: { groups: groupBy(R, (r) => r.Island, aggs.count()) },
    },
    {
      id: 'pen-grp-3',
      category: 'group_by',
      q: 'mean flipper length per sex',
      expect: { groups: groupBy(R, (r) => r.Sex, aggs.avg(flipper)) },
    },
    {
      id: 'pen-grp-4',
      category: 'group_by',
      q: 'number of penguins by species and island',
      expect: { rowCount: new Set(R.map((r) => `${r.Species}|${r.Island}`)).size },
    },
    {
      id: 'pen-flt-1',
      category: 'filter',
      q: 'How many Adelie penguins live on Dream island?',
      expect: { value: where((r) => r.Species === 'Adelie' && r.Island === 'Dream').length },
    },
    {
      id: 'pen-flt-2',
      category: 'filter',
      q: 'average body mass of female Gentoo penguins',
      expect: { value: aggs.avg(mass)(where((r) => r.Species === 'Gentoo' && r.Sex === 'FEMALE')) },
    },
    {
      id: 'pen-flt-3',
      category: 'filter',
      q: 'how many penguins weigh more than 5000 g',
      expect: { value: where((r) => Number(r[mass]) > 5000).length },
    },
    {
      id: 'pen-flt-4',
      category: 'filter',
      q: 'How many penguins have a missing sex?',
      expect: { value: where((r) => r.Sex === null).length },
    },
    {
      id: 'pen-flt-5',
      category: 'filter',
      q: 'average beak length of chinstrap penguins',
      expect: { value: aggs.avg('Beak Length (mm)')(where(sp('Chinstrap'))) },
    },
    {
      id: 'pen-flt-6',
      category: 'filter',
      q: 'how many male penguins have a flipper length of at least 210 mm',
      expect: { value: where((r) => r.Sex === 'MALE' && Number(r[flipper]) >= 210).length },
    },
    {
      id: 'pen-top-1',
      category: 'top_k',
      q: 'Which species is the heaviest on average?',
      expect: {
        first: topKeys(
          groupBy(R, (r) => r.Species, aggs.avg(mass)),
          1,
        )[0],
      },
    },
    {
      id: 'pen-top-2',
      category: 'top_k',
      q: 'which island has the most penguins',
      expect: {
        first: topKeys(
          groupBy(R, (r) => r.Island, aggs.count()),
          1,
        )[0],
      },
    },
    {
      id: 'pen-shr-1',
      category: 'share',
      q: 'What percentage of penguins are Gentoo?',
      expect: { value: (100 * where(sp('Gentoo')).length) / R.length },
    },
    {
      id: 'pen-shr-2',
      category: 'share',
      q: 'what share of the penguins on Biscoe are Adelie',
      expect: {
        value:
          (100 * where((r) => r.Island === 'Biscoe' && r.Species === 'Adelie').length) /
          where((r) => r.Island === 'Biscoe').length,
      },
    },
    {
      id: 'pen-dst-1',
      category: 'distinct',
      q: 'What species are there?',
      expect: { list: ['Adelie', 'Gentoo', 'Chinstrap'] },
    },
    {
      id: 'pen-dst-2',
      category: 'distinct',
      q: 'list the islands',
      expect: { list: ['Biscoe', 'Dream', 'Torgersen'] },
    },
    {
      id: 'pen-dis-1',
      category: 'distribution',
      q: 'histogram of body mass',
      expect: { bins: histogram(nums(R, get(mass))) },
    },
    {
      id: 'pen-cor-1',
      category: 'correlation',
      q: 'correlation between flipper length and body mass',
      expect: { value: corr(R, get(flipper), get(mass)) },
    },
    {
      id: 'pen-cor-2',
      category: 'correlation',
      q: 'how is beak depth related to beak length',
      expect: { value: corr(R, get('Beak Depth (mm)'), get('Beak Length (mm)')) },
    },
    {
      // Two measurements set against each other: how they relate, not their two averages.
      id: 'pen-cor-3',
      category: 'correlation',
      q: 'flipper length vs body mass',
      expect: { value: corr(R, get(flipper), get(mass)) },
    },
    {
      id: 'pen-hav-1',
      category: 'having',
      q: 'which species have more than 100 penguins',
      expect: {
        list: [...groupBy(R, (r) => r.Species, aggs.count())]
          .filter(([, n]) => (n ?? 0) > 100)
          .map(([k]) => k),
      },
    },
    {
      id: 'pen-lkp-1',
      category: 'lookup',
      q: 'show the 3 heaviest penguins',
      expect: { rowCount: 3, firstColumn: topRows(R, mass, 3, 'Species') },
    },
    {
      id: 'pen-typo-1',
      category: 'typos',
      q: 'average flippr lenght by speceis',
      expect: { groups: groupBy(R, (r) => r.Species, aggs.avg(flipper)) },
    },
    {
      id: 'pen-typo-2',
      category: 'typos',
      q: 'how many Gentto penguins',
      expect: { value: where(sp('Gentoo')).length },
    },
    {
      id: 'pen-syn-1',
      category: 'synonyms',
      q: 'average weight by gender',
      expect: { groups: groupBy(R, (r) => r.Sex, aggs.avg(mass)) },
    },
    {
      id: 'pen-syn-2',
      category: 'synonyms',
      q: 'mean bill length for Adelie',
      expect: { value: aggs.avg('Beak Length (mm)')(where(sp('Adelie'))) },
    },
    {
      id: 'pen-fu-1',
      category: 'follow_up',
      q: ['average body mass by species', 'only females'],
      expect: {
        groups: groupBy(
          where((r) => r.Sex === 'FEMALE'),
          (r) => r.Species,
          aggs.avg(mass),
        ),
      },
    },
    {
      id: 'pen-fu-2',
      category: 'follow_up',
      q: ['how many Adelie penguins are there', 'and Chinstrap?'],
      expect: { value: where(sp('Chinstrap')).length },
    },
    { id: 'pen-ref-1', category: 'must_refuse', q: 'average length', expect: { clarify: true } },
    {
      id: 'pen-ref-2',
      category: 'must_refuse',
      q: 'How old is the oldest penguin?',
      expect: { refuse: true },
    },
    {
      id: 'pen-ref-3',
      category: 'must_refuse',
      q: 'How many emperor penguins are there?',
      expect: { refuse: true },
    },
    { id: 'pen-ref-4', category: 'must_refuse', q: 'What do penguins eat?', expect: { refuse: true } },
  ];
}
