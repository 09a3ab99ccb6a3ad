/** A plan in plain words, e.g. "average Horsepower by Origin for Origin = Japan". */
import { bucketWord, filterPhrase, filtersPhrase } from './labels.ts';
import type { Measure, QueryPlan } from './plan.ts';

const AGG_TEXT: Record<Measure['agg'], string> = {
  count: 'number of rows',
  count_distinct: 'number of distinct',
  sum: 'total',
  avg: 'average',
  median: 'median',
  min: 'minimum',
  max: 'maximum',
  stddev: 'standard deviation of',
  share: 'share of',
};

function measureText(m: Measure): string {
  if (m.agg === 'count' && !m.column) return 'number of rows';
  if (m.agg === 'share')
    return `percentage of ${m.column ? `total ${m.column}` : 'rows'} where ${(m.where ?? []).map(filterPhrase).join(' and ')}`;
  return `${AGG_TEXT[m.agg]} ${m.column ?? ''}`.trim();
}

export function describePlan(plan: QueryPlan): string {
  const where = filtersPhrase(plan);
  switch (plan.kind) {
    case 'rows': {
      const sort = plan.sort[0]?.column
        ? ` sorted by ${plan.sort[0].column} ${plan.sort[0].dir === 'asc' ? 'ascending' : 'descending'}`
        : '';
      return `${plan.limit ? `top ${plan.limit} ` : ''}rows showing ${plan.select.join(', ')}${where}${sort}`;
    }
    case 'distinct':
      return `list of distinct ${plan.select[0]}${where}`;
    case 'distribution':
      return `distribution of ${plan.select[0]}${where}`;
    case 'correlation':
      return `correlation between ${plan.correlate[0]} and ${plan.correlate[1]}${where}`;
    case 'drivers':
      return `what correlates with ${plan.correlate[0]}${where}`;
    case 'compare_periods':
      return `${measureText(plan.measures[0])} in ${plan.periods.map((p) => p.label).join(' vs ')}${where}`;
    case 'aggregate': {
      const dims = plan.dimensions.map((d) =>
        d.bucket ? `${bucketWord(d.bucket)} of ${d.column}` : d.column,
      );
      const by = dims.length ? ` by ${dims.join(' and ')}` : '';
      const top = plan.limit ? ` (top ${plan.limit})` : '';
      return `${plan.measures.map(measureText).join(' and ')}${by}${where}${top}`;
    }
  }
}
