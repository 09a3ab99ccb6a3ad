import type { EvalDataset, Row } from '../datasets.ts';
import type { EvalCase } from '../expect.ts';
import { aggs, corr, get, groupBy, histogram, inYear, median, nums, topKeys, topRows } from '../ref.ts';

export function moviesCases(d: EvalDataset): EvalCase[] {
  const R = d.rows;
  const where = (p: (r: Row) => boolean) => R.filter(p);
  const named = (k: string) => (r: Row) => r[k] !== null;
  const genre = (r: Row) => r['Major Genre'];
  const ww = 'Worldwide Gross';
  const date = (r: Row) => String(r['Release Date'] ?? '');
  return [
    {
      id: 'mov-agg-1',
      category: 'aggregate',
      q: "What's the average production budget?",
      expect: { value: aggs.avg('Production Budget')(R) },
    },
    { id: 'mov-agg-2', category: 'aggregate', q: 'How many movies are there?', expect: { value: R.length } },
    {
      id: 'mov-agg-3',
      category: 'aggregate',
      q: 'total worldwide gross of all movies',
      expect: { value: aggs.sum(ww)(R) },
    },
    {
      id: 'mov-agg-4',
      category: 'aggregate',
      q: "What's the longest running time?",
      expect: { value: aggs.max('Running Time min')(R) },
    },
    {
      id: 'mov-agg-5',
      category: 'aggregate',
      q: 'median IMDB rating',
      expect: { value: median(nums(R, get('IMDB Rating'))) },
    },
    {
      id: 'mov-grp-1',
      category: 'group_by',
      q: 'average IMDB rating by genre',
      expect: { groups: groupBy(R, genre, aggs.avg('IMDB Rating')) },
    },
    {
      // "Show Me" is also a film title: conversational words must not become a filter.
      id: 'mov-grp-5',
      category: 'group_by',
      q: 'show me the average IMDB rating by genre',
      expect: { groups: groupBy(R, genre, aggs.avg('IMDB Rating')) },
    },
    {
      id: 'mov-grp-2',
      category: 'group_by',
      q: 'number of movies per MPAA rating',
      expect: { groups: groupBy(R, (r) => r['MPAA Rating'], aggs.count()) },
    },
    {
      id: 'mov-grp-3',
      category: 'group_by',
      q: 'total US gross by distributor',
      expect: { groups: groupBy(R, (r) => r.Distributor, aggs.sum('US Gross')) },
    },
    {
      id: 'mov-grp-4',
      category: 'group_by',
      q: 'What is the average budget for each creative type?',
      expect: { groups: groupBy(R, (r) => r['Creative Type'], aggs.avg('Production Budget')) },
    },
    {
      id: 'mov-flt-1',
      category: 'filter',
      q: 'How many R rated movies are there?',
      expect: { value: where((r) => r['MPAA Rating'] === 'R').length },
    },
    {
      id: 'mov-flt-2',
      category: 'filter',
      q: 'average worldwide gross of comedies',
      expect: { value: aggs.avg(ww)(where((r) => r['Major Genre'] === 'Comedy')) },
    },
    {
      id: 'mov-flt-3',
      category: 'filter',
      q: 'How many movies did Steven Spielberg direct?',
      expect: { value: where((r) => r.Director === 'Steven Spielberg').length },
    },
    {
      id: 'mov-flt-4',
      category: 'filter',
      q: 'how many movies had a production budget over 200 million',
      expect: { value: where((r) => Number(r['Production Budget']) > 2e8).length },
    },
    {
      id: 'mov-flt-5',
      category: 'filter',
      q: 'average IMDB rating of movies longer than 180 minutes',
      expect: {
        value: aggs.avg('IMDB Rating')(
          where((r) => r['Running Time min'] !== null && Number(r['Running Time min']) > 180),
        ),
      },
    },
    {
      id: 'mov-flt-6',
      category: 'filter',
      q: 'How many PG-13 movies had a worldwide gross above 500 million?',
      expect: { value: where((r) => r['MPAA Rating'] === 'PG-13' && Number(r[ww]) > 5e8).length },
    },
    {
      id: 'mov-flt-7',
      category: 'filter',
      q: 'average Rotten Tomatoes rating for horror films',
      expect: { value: aggs.avg('Rotten Tomatoes Rating')(where((r) => r['Major Genre'] === 'Horror')) },
    },
    {
      id: 'mov-dt-1',
      category: 'dates',
      q: 'How many movies were released in 2005?',
      expect: { value: where(inYear('Release Date', 2005)).length },
    },
    {
      id: 'mov-dt-2',
      category: 'dates',
      q: 'average budget of movies released after 2000',
      expect: { value: aggs.avg('Production Budget')(where((r) => date(r) >= '2001-01-01')) },
    },
    {
      id: 'mov-dt-3',
      category: 'dates',
      q: 'total US gross in the 1990s',
      expect: {
        value: aggs.sum('US Gross')(where((r) => date(r) >= '1990-01-01' && date(r) < '2000-01-01')),
      },
    },
    {
      id: 'mov-dt-4',
      category: 'dates',
      q: 'How many movies came out in December 2003?',
      expect: { value: where((r) => date(r).startsWith('2003-12')).length },
    },
    {
      // "films" are the rows of a table of movies.
      id: 'mov-top-9',
      category: 'top_k',
      q: 'which distributor released the most films',
      expect: {
        first: topKeys(
          groupBy(where(named('Distributor')), (r) => r.Distributor, aggs.count()),
          1,
        )[0],
      },
    },
    {
      id: 'mov-top-1',
      category: 'top_k',
      q: 'top 5 movies by worldwide gross',
      expect: { list: topRows(R, ww, 5, 'Title'), ordered: true },
    },
    {
      id: 'mov-top-2',
      category: 'top_k',
      q: 'Which director has made the most movies?',
      expect: {
        first: topKeys(
          groupBy(where(named('Director')), (r) => r.Director, aggs.count()),
          1,
        )[0],
      },
    },
    {
      id: 'mov-top-3',
      category: 'top_k',
      q: 'Which genre has the highest average IMDB rating?',
      expect: { first: topKeys(groupBy(where(named('Major Genre')), genre, aggs.avg('IMDB Rating')), 1)[0] },
    },
    {
      id: 'mov-top-4',
      category: 'top_k',
      q: 'What are the 3 longest movies?',
      expect: { list: topRows(R, 'Running Time min', 3, 'Title'), ordered: true },
    },
    {
      id: 'mov-top-5',
      category: 'top_k',
      q: 'top 3 distributors by total worldwide gross',
      expect: {
        list: topKeys(
          groupBy(where(named('Distributor')), (r) => r.Distributor, aggs.sum(ww)),
          3,
        ),
        ordered: true,
      },
    },
    {
      id: 'mov-shr-1',
      category: 'share',
      q: 'What percentage of movies are rated R?',
      expect: { value: (100 * where((r) => r['MPAA Rating'] === 'R').length) / R.length },
    },
    {
      id: 'mov-shr-2',
      category: 'share',
      q: 'What share of worldwide gross comes from action movies?',
      expect: {
        value:
          (100 * (aggs.sum(ww)(where((r) => r['Major Genre'] === 'Action')) ?? 0)) / (aggs.sum(ww)(R) ?? 1),
      },
    },
    {
      id: 'mov-dst-1',
      category: 'distinct',
      q: 'List all MPAA ratings',
      expect: {
        list: [
          ...new Set(
            R.map((r) => r['MPAA Rating'])
              .filter((v) => v !== null)
              .map(String),
          ),
        ],
      },
    },
    {
      id: 'mov-dst-2',
      category: 'distinct',
      q: 'How many distinct directors are there?',
      expect: { value: aggs.distinct('Director')(R) },
    },
    {
      id: 'mov-dis-1',
      category: 'distribution',
      q: 'show the distribution of IMDB ratings',
      expect: { bins: histogram(nums(R, get('IMDB Rating'))) },
    },
    {
      id: 'mov-cor-1',
      category: 'correlation',
      q: 'correlation between production budget and worldwide gross',
      expect: { value: corr(R, get('Production Budget'), get(ww)) },
    },
    {
      id: 'mov-cor-2',
      category: 'correlation',
      q: 'How does IMDB rating relate to Rotten Tomatoes rating?',
      expect: { value: corr(R, get('IMDB Rating'), get('Rotten Tomatoes Rating')) },
    },
    {
      id: 'mov-lkp-1',
      category: 'lookup',
      q: 'What was the budget of Titanic?',
      expect: { first: 'Titanic', value: 200_000_000 },
    },
    {
      id: 'mov-lkp-2',
      category: 'lookup',
      q: "What's the IMDB rating of The Dark Knight?",
      expect: { first: 'The Dark Knight', value: 8.9 },
    },
    {
      id: 'mov-hav-1',
      category: 'having',
      q: 'Which directors have more than 10 movies?',
      expect: {
        list: [...groupBy(where(named('Director')), (r) => r.Director, aggs.count())]
          .filter(([, n]) => (n ?? 0) > 10)
          .map(([k]) => k),
      },
    },
    {
      id: 'mov-typo-1',
      category: 'typos',
      q: 'avergae budget of acton movies',
      expect: { value: aggs.avg('Production Budget')(where((r) => r['Major Genre'] === 'Action')) },
    },
    {
      id: 'mov-typo-2',
      category: 'typos',
      q: 'how many movies did Steven Speilberg direct',
      expect: { value: where((r) => r.Director === 'Steven Spielberg').length },
    },
    {
      id: 'mov-syn-1',
      category: 'synonyms',
      q: 'average film budget by studio',
      expect: { groups: groupBy(R, (r) => r.Distributor, aggs.avg('Production Budget')) },
    },
    {
      id: 'mov-syn-2',
      category: 'synonyms',
      q: 'total box office worldwide for dramas',
      expect: { value: aggs.sum(ww)(where((r) => r['Major Genre'] === 'Drama')) },
    },
    {
      id: 'mov-fu-1',
      category: 'follow_up',
      q: ['top 5 directors by total worldwide gross', 'show it as a pie chart'],
      expect: {
        list: topKeys(
          groupBy(where(named('Director')), (r) => r.Director, aggs.sum(ww)),
          5,
        ),
        ordered: true,
      },
    },
    {
      id: 'mov-fu-2',
      category: 'follow_up',
      q: ['how many movies were released in 2000?', 'what about 2001?'],
      expect: { value: where(inYear('Release Date', 2001)).length },
    },
    {
      id: 'mov-fu-3',
      category: 'follow_up',
      q: ['average IMDB rating by genre', 'just for R rated movies'],
      expect: {
        groups: groupBy(
          where((r) => r['MPAA Rating'] === 'R'),
          genre,
          aggs.avg('IMDB Rating'),
        ),
      },
    },
    { id: 'mov-ref-1', category: 'must_refuse', q: 'average gross', expect: { clarify: true } },
    // "money" is gross or budget here; dropping the word would rank genres by their number of movies.
    {
      id: 'mov-ref-9',
      category: 'must_refuse',
      q: 'which genre makes the most money',
      expect: { clarify: true },
    },
    { id: 'mov-ref-2', category: 'must_refuse', q: 'What is the average rating?', expect: { clarify: true } },
    {
      id: 'mov-ref-3',
      category: 'must_refuse',
      q: 'How much profit did Avatar make?',
      expect: { refuse: true },
    },
    {
      id: 'mov-ref-4',
      category: 'must_refuse',
      q: 'Which actor starred in the most movies?',
      expect: { refuse: true },
    },
    {
      id: 'mov-ref-5',
      category: 'must_refuse',
      q: 'Will the next Avatar movie gross more than the first one?',
      expect: { refuse: true },
    },
    {
      id: 'mov-ref-6',
      category: 'must_refuse',
      q: 'How many Oscars did Titanic win?',
      expect: { refuse: true },
    },
  ];
}
