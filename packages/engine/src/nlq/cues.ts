/**
 * Words that say what to compute rather than which data: aggregations ("average", "how
 * many"), shapes ("distribution", "correlation"), grouping ("by", "for each"), ranking ("top
 * 5", "most common"), charts ("as a line chart"), negation and change. Longest phrase wins.
 */

import { isTypoOf } from './fuzzy.ts';
import type { Aggregate, ChartMark } from './plan.ts';
import { SUPERLATIVES } from './thesaurus.ts';
import type { Token } from './tokenize.ts';
import { isFiller } from './vocabulary.ts';

export type Cue =
  | { type: 'agg'; agg: Aggregate; concept?: string | null; superlative?: boolean }
  | { type: 'count' }
  | { type: 'count_distinct' }
  | { type: 'how_much' }
  | { type: 'unique' }
  | { type: 'list' }
  | { type: 'distribution' }
  | { type: 'correlation' }
  | { type: 'drivers' }
  | { type: 'share' }
  | { type: 'range' }
  | { type: 'group' }
  | { type: 'which' }
  | { type: 'frequency'; dir: 'asc' | 'desc' }
  | { type: 'sort'; dir: 'asc' | 'desc' | null }
  | { type: 'order_dir'; dir: 'asc' | 'desc' }
  | { type: 'chart'; mark: ChartMark | null }
  | { type: 'change' }
  | { type: 'compare' }
  | { type: 'not' }
  | { type: 'or' }
  | { type: 'missing'; present: boolean }
  | { type: 'only' }
  | { type: 'instead' };

export type CueHit = Cue & { start: number; end: number };

const P = (phrase: string, cue: Cue): [string[], Cue] => [phrase.split(' '), cue];

const PHRASES: [string[], Cue][] = [
  P('how many different', { type: 'count_distinct' }),
  P('how many distinct', { type: 'count_distinct' }),
  P('how many unique', { type: 'count_distinct' }),
  P('number of different', { type: 'count_distinct' }),
  P('number of distinct', { type: 'count_distinct' }),
  P('number of unique', { type: 'count_distinct' }),
  P('count of distinct', { type: 'count_distinct' }),
  P('count of unique', { type: 'count_distinct' }),
  P('count distinct', { type: 'count_distinct' }),
  P('distinct count', { type: 'count_distinct' }),
  P('unique count', { type: 'count_distinct' }),
  P('total number of', { type: 'count' }),
  P('how many', { type: 'count' }),
  P('number of', { type: 'count' }),
  P('count of', { type: 'count' }),
  P('# of', { type: 'count' }),
  P('how often', { type: 'count' }),
  P('count', { type: 'count' }),
  P('counts', { type: 'count' }),
  P('tally', { type: 'count' }),
  P('how much', { type: 'how_much' }),
  P('sum of', { type: 'agg', agg: 'sum' }),
  P('in total', { type: 'agg', agg: 'sum' }),
  P('total', { type: 'agg', agg: 'sum' }),
  P('totals', { type: 'agg', agg: 'sum' }),
  P('sum', { type: 'agg', agg: 'sum' }),
  P('combined', { type: 'agg', agg: 'sum' }),
  P('cumulative', { type: 'agg', agg: 'sum' }),
  P('altogether', { type: 'agg', agg: 'sum' }),
  P('on average', { type: 'agg', agg: 'avg' }),
  P('average', { type: 'agg', agg: 'avg' }),
  P('averages', { type: 'agg', agg: 'avg' }),
  P('avg', { type: 'agg', agg: 'avg' }),
  P('mean', { type: 'agg', agg: 'avg' }),
  P('median', { type: 'agg', agg: 'median' }),
  P('typical', { type: 'agg', agg: 'median' }),
  P('standard deviation', { type: 'agg', agg: 'stddev' }),
  P('std dev', { type: 'agg', agg: 'stddev' }),
  P('stddev', { type: 'agg', agg: 'stddev' }),
  P('stdev', { type: 'agg', agg: 'stddev' }),
  P('std', { type: 'agg', agg: 'stddev' }),
  P('volatility', { type: 'agg', agg: 'stddev' }),
  P('variability', { type: 'agg', agg: 'stddev' }),
  P('most common', { type: 'frequency', dir: 'desc' }),
  P('most frequent', { type: 'frequency', dir: 'desc' }),
  P('most frequently', { type: 'frequency', dir: 'desc' }),
  P('most popular', { type: 'frequency', dir: 'desc' }),
  P('most often', { type: 'frequency', dir: 'desc' }),
  P('commonest', { type: 'frequency', dir: 'desc' }),
  P('least common', { type: 'frequency', dir: 'asc' }),
  P('least frequent', { type: 'frequency', dir: 'asc' }),
  P('least popular', { type: 'frequency', dir: 'asc' }),
  P('rarest', { type: 'frequency', dir: 'asc' }),
  P('distribution', { type: 'distribution' }),
  P('distributed', { type: 'distribution' }),
  P('histogram', { type: 'distribution' }),
  P('spread', { type: 'distribution' }),
  P('correlation', { type: 'correlation' }),
  P('correlations', { type: 'correlation' }),
  P('correlate', { type: 'correlation' }),
  P('correlated', { type: 'correlation' }),
  P('relationship', { type: 'correlation' }),
  P('relation', { type: 'correlation' }),
  P('related', { type: 'correlation' }),
  P('relate', { type: 'correlation' }),
  P('association', { type: 'correlation' }),
  P('associated', { type: 'correlation' }),
  P('what drives', { type: 'drivers' }),
  P('drives', { type: 'drivers' }),
  P('drivers', { type: 'drivers' }),
  P('driver', { type: 'drivers' }),
  P('what affects', { type: 'drivers' }),
  P('affects', { type: 'drivers' }),
  P('influences', { type: 'drivers' }),
  P('factors', { type: 'drivers' }),
  P('explains', { type: 'drivers' }),
  P('why', { type: 'drivers' }),
  P('percentage', { type: 'share' }),
  P('percent', { type: 'share' }),
  P('%', { type: 'share' }),
  P('share', { type: 'share' }),
  P('proportion', { type: 'share' }),
  P('fraction', { type: 'share' }),
  P('portion', { type: 'share' }),
  P('range', { type: 'range' }),
  P('broken down by', { type: 'group' }),
  P('break down by', { type: 'group' }),
  P('breakdown by', { type: 'group' }),
  P('breakdown of', { type: 'group' }),
  P('split by', { type: 'group' }),
  P('grouped by', { type: 'group' }),
  P('group by', { type: 'group' }),
  P('for each', { type: 'group' }),
  P('for every', { type: 'group' }),
  P('in each', { type: 'group' }),
  P('within each', { type: 'group' }),
  P('by', { type: 'group' }),
  P('per', { type: 'group' }),
  P('each', { type: 'group' }),
  P('across', { type: 'group' }),
  P('which', { type: 'which' }),
  P('what', { type: 'which' }),
  P('sorted by', { type: 'sort', dir: null }),
  P('sort by', { type: 'sort', dir: null }),
  P('ordered by', { type: 'sort', dir: null }),
  P('order by', { type: 'sort', dir: null }),
  P('ranked by', { type: 'sort', dir: 'desc' }),
  P('rank', { type: 'sort', dir: 'desc' }),
  P('ranking', { type: 'sort', dir: 'desc' }),
  P('sorted', { type: 'sort', dir: null }),
  P('ordered', { type: 'sort', dir: null }),
  P('ascending', { type: 'order_dir', dir: 'asc' }),
  P('descending', { type: 'order_dir', dir: 'desc' }),
  P('alphabetically', { type: 'order_dir', dir: 'asc' }),
  P('line chart', { type: 'chart', mark: 'line' }),
  P('line graph', { type: 'chart', mark: 'line' }),
  P('line', { type: 'chart', mark: 'line' }),
  P('bar chart', { type: 'chart', mark: 'bar' }),
  P('bar graph', { type: 'chart', mark: 'bar' }),
  P('column chart', { type: 'chart', mark: 'bar' }),
  P('bars', { type: 'chart', mark: 'bar' }),
  P('bar', { type: 'chart', mark: 'bar' }),
  P('pie chart', { type: 'chart', mark: 'arc' }),
  P('pie', { type: 'chart', mark: 'arc' }),
  P('donut', { type: 'chart', mark: 'arc' }),
  P('scatter plot', { type: 'chart', mark: 'point' }),
  P('scatterplot', { type: 'chart', mark: 'point' }),
  P('scatter', { type: 'chart', mark: 'point' }),
  P('area chart', { type: 'chart', mark: 'area' }),
  P('table', { type: 'chart', mark: 'table' }),
  P('chart', { type: 'chart', mark: null }),
  P('graph', { type: 'chart', mark: null }),
  P('plot', { type: 'chart', mark: null }),
  P('visualize', { type: 'chart', mark: null }),
  P('visualise', { type: 'chart', mark: null }),
  P('growth', { type: 'change' }),
  P('grow', { type: 'change' }),
  P('grew', { type: 'change' }),
  P('change', { type: 'change' }),
  P('changed', { type: 'change' }),
  P('increase', { type: 'change' }),
  P('increased', { type: 'change' }),
  P('decrease', { type: 'change' }),
  P('decreased', { type: 'change' }),
  P('rise', { type: 'change' }),
  P('rose', { type: 'change' }),
  P('drop', { type: 'change' }),
  P('dropped', { type: 'change' }),
  P('decline', { type: 'change' }),
  P('declined', { type: 'change' }),
  P('difference', { type: 'change' }),
  P('compare', { type: 'compare' }),
  P('compared', { type: 'compare' }),
  P('comparison', { type: 'compare' }),
  P('comparing', { type: 'compare' }),
  P('vs', { type: 'compare' }),
  P('versus', { type: 'compare' }),
  P('other than', { type: 'not' }),
  P('apart from', { type: 'not' }),
  P('not', { type: 'not' }),
  P('except', { type: 'not' }),
  P('excluding', { type: 'not' }),
  P('exclude', { type: 'not' }),
  P('besides', { type: 'not' }),
  P('non', { type: 'not' }),
  P('or', { type: 'or' }),
  P('either', { type: 'or' }),
  P('missing', { type: 'missing', present: false }),
  P('without', { type: 'missing', present: false }),
  P('no', { type: 'missing', present: false }),
  P('null', { type: 'missing', present: false }),
  P('blank', { type: 'missing', present: false }),
  P('empty', { type: 'missing', present: false }),
  P('only', { type: 'only' }),
  P('instead', { type: 'instead' }),
  P('rather', { type: 'instead' }),
  P('just', { type: 'only' }),
  P('list', { type: 'list' }),
  P('show', { type: 'list' }),
];

for (const [word, s] of Object.entries(SUPERLATIVES))
  PHRASES.push([[word], { type: 'agg', agg: s.agg, concept: s.concept, superlative: true }]);
PHRASES.push(P('the most', { type: 'agg', agg: 'max', concept: null, superlative: true }));
PHRASES.push(P('most expensive', { type: 'agg', agg: 'max', concept: 'price', superlative: true }));
PHRASES.push(P('least expensive', { type: 'agg', agg: 'min', concept: 'price', superlative: true }));
PHRASES.push(P('most powerful', { type: 'agg', agg: 'max', concept: 'horsepower', superlative: true }));
PHRASES.push(P('most fuel efficient', { type: 'agg', agg: 'max', concept: 'mpg', superlative: true }));
PHRASES.push(P('most efficient', { type: 'agg', agg: 'max', concept: 'mpg', superlative: true }));
PHRASES.push(P('most populous', { type: 'agg', agg: 'max', concept: 'population', superlative: true }));
PHRASES.push(P('the least', { type: 'agg', agg: 'min', concept: null, superlative: true }));
PHRASES.sort((a, b) => b[0].length - a[0].length);

/** Cue words long enough to recognise through a typo ("avrage", "medain", "corelation"). */
/** Only the words that say what to compute are recognised through typos; the rest must be exact. */
const TYPO_WORDS = [
  'average',
  'median',
  'total',
  'maximum',
  'minimum',
  'highest',
  'lowest',
  'largest',
  'smallest',
  'distribution',
  'correlation',
  'percentage',
  'number',
  'count',
  'histogram',
  'proportion',
];
const TYPO_TOLERANT = new Map<string, Cue>(
  PHRASES.filter(([w]) => w.length === 1 && TYPO_WORDS.includes(w[0])).map(([w, c]) => [w[0], c]),
);

function typoCue(t: Token): Cue | null {
  if (t.kind !== 'word' || t.norm.length < 5 || isFiller(t.norm)) return null;
  for (const [w, c] of TYPO_TOLERANT) if (isTypoOf(t.norm, w)) return c;
  return null;
}

/** All cues in the free tokens, longest phrase first at each position. */
export function findCues(tokens: readonly Token[], free: readonly boolean[]): CueHit[] {
  const hits: CueHit[] = [];
  let i = 0;
  while (i < tokens.length) {
    let hit: CueHit | null = null;
    if (free[i]) {
      for (const [words, cue] of PHRASES) {
        if (words.every((w, k) => free[i + k] && tokens[i + k]?.norm === w)) {
          hit = { ...cue, start: i, end: i + words.length };
          break;
        }
      }
    }
    if (!hit && free[i]) {
      const c = typoCue(tokens[i]);
      if (c) hit = { ...c, start: i, end: i + 1 };
    }
    if (hit) {
      hits.push(hit);
      i = hit.end;
    } else i++;
  }
  return hits;
}
