import { argsortFloat64, SortScratch } from '../kernels/radix-sort.ts';
import type { CorrelationMethod, CorrelationPair, Correlations } from '../types.ts';
import {
  correlationRatio,
  cramersV,
  type Measure,
  pearson,
  type RankIndex,
  rankIndex,
  spearman,
} from './measures.ts';
import type { CorrelationSample, SampleColumn } from './sample.ts';

/**
 * The correlation matrix over the sample, one method per cell by the column kinds: Pearson
 * (numeric–numeric), Cramér's V (categorical–categorical), η (categorical–numeric); plus the
 * Spearman matrix of the numeric columns. `columns` are the eligible sample columns in order.
 */
export function correlationMatrix(
  sample: CorrelationSample,
  columns: readonly SampleColumn[],
  excluded: Correlations['excluded'],
  rows: number,
  orders: SampleOrders = new SampleOrders(),
): Correlations {
  const k = columns.length;
  const values: (number | null)[][] = columns.map(() => new Array<number | null>(k).fill(null));
  const methods: (CorrelationMethod | null)[][] = columns.map(() =>
    new Array<CorrelationMethod | null>(k).fill(null),
  );
  const pairs: CorrelationPair[] = [];
  const numeric = columns.filter((c) => c.kind === 'numeric');
  const rankBuffers: [Float64Array, Float64Array] = [
    new Float64Array(sample.size),
    new Float64Array(sample.size),
  ];
  const spearmanValues: (number | null)[][] = numeric.map((_, i) =>
    numeric.map((__, j) => (i === j ? 1 : null)),
  );
  for (let i = 0; i < k; i++) {
    values[i][i] = 1;
    methods[i][i] = columns[i].kind === 'numeric' ? 'pearson' : 'cramers_v';
    for (let j = i + 1; j < k; j++) {
      const { method, measure } = measurePair(columns[i], columns[j]);
      values[i][j] = values[j][i] = measure.value;
      methods[i][j] = methods[j][i] = method;
      if (measure.value !== null)
        pairs.push({ a: columns[i].name, b: columns[j].name, method, value: measure.value, n: measure.n });
    }
  }
  for (let i = 0; i < numeric.length; i++) {
    for (let j = i + 1; j < numeric.length; j++) {
      const a = numeric[i];
      const b = numeric[j];
      const m = spearman(orders.ranking(a), orders.ranking(b), rankBuffers);
      spearmanValues[i][j] = spearmanValues[j][i] = m.value;
      if (m.value !== null) pairs.push({ a: a.name, b: b.name, method: 'spearman', value: m.value, n: m.n });
    }
  }
  pairs.sort(
    (x, y) => Math.abs(y.value) - Math.abs(x.value) || x.a.localeCompare(y.a) || x.b.localeCompare(y.b),
  );
  return {
    sampleSize: sample.size,
    sampled: sample.size < rows,
    columns: columns.map((c) => c.name),
    matrix: { values, methods },
    spearman: { columns: numeric.map((c) => c.name), values: spearmanValues },
    pairs,
    excluded,
  };
}

export function measurePair(
  a: SampleColumn,
  b: SampleColumn,
): { method: CorrelationMethod; measure: Measure } {
  if (a.kind === 'numeric' && b.kind === 'numeric')
    return { method: 'pearson', measure: pearson(a.values, b.values) };
  if (a.kind === 'categorical' && b.kind === 'categorical') {
    return { method: 'cramers_v', measure: cramersV(a.values, a.levels, b.values, b.levels) };
  }
  const [cat, num] = a.kind === 'categorical' ? [a, b] : [b, a];
  return { method: 'eta', measure: correlationRatio(cat.values, cat.levels, num.values) };
}

/**
 * Sorting work on the numeric sample columns, done once per column and shared by the matrix
 * and the target section: the rows in value order and the ranking built on them.
 */
export class SampleOrders {
  private readonly orders = new Map<SampleColumn, Uint32Array>();
  private readonly rankings = new Map<SampleColumn, RankIndex>();
  private readonly scratch = new SortScratch();

  order(c: SampleColumn): Uint32Array {
    let o = this.orders.get(c);
    if (!o) {
      o = finiteOrder(c.values, this.scratch);
      this.orders.set(c, o);
    }
    return o;
  }

  ranking(c: SampleColumn): RankIndex {
    let r = this.rankings.get(c);
    if (!r) {
      r = rankIndex(c.values, this.order(c));
      this.rankings.set(c, r);
    }
    return r;
  }
}

/** Row indices of the non-NaN values in ascending value order. */
export function finiteOrder(values: Float64Array, scratch = new SortScratch()): Uint32Array {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) m++;
  const rowsOf = new Uint32Array(m);
  const compact = new Float64Array(m);
  m = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) {
      rowsOf[m] = i;
      compact[m++] = values[i];
    }
  }
  const order = argsortFloat64(compact, scratch);
  for (let i = 0; i < order.length; i++) order[i] = rowsOf[order[i]];
  return order;
}
