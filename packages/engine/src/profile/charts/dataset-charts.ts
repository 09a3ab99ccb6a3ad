import type { ColumnProfile } from '../column-types.ts';
import type { SampleColumn } from '../correlation/sample.ts';
import type { ChartSpec, Correlations, MissingPatterns } from '../types.ts';
import { chart } from './vega.ts';

/** At most this many points per scatter plot (taken evenly from the correlation sample). */
export const SCATTER_POINTS = 5000;
const SCATTER_PAIRS = 5;

export function correlationHeatmap(c: Correlations): ChartSpec | null {
  if (c.columns.length < 2) return null;
  const values: Record<string, unknown>[] = [];
  for (let i = 0; i < c.columns.length; i++) {
    for (let j = 0; j < c.columns.length; j++) {
      const v = c.matrix.values[i][j];
      values.push({
        a: c.columns[i],
        b: c.columns[j],
        value: v,
        method: c.matrix.methods[i][j],
        label: v === null ? '' : v.toFixed(2),
      });
    }
  }
  const sampled = c.sampled ? ` (sample of ${c.sampleSize.toLocaleString('en-US')} rows)` : '';
  const order = { sort: c.columns };
  return chart(
    'correlations',
    'heatmap',
    `Associations${sampled}`,
    [...c.columns],
    values,
    {
      encoding: {
        x: { field: 'a', type: 'nominal', title: null, ...order },
        y: { field: 'b', type: 'nominal', title: null, ...order },
      },
      layer: [
        {
          mark: { type: 'rect', tooltip: { content: 'data' } },
          encoding: {
            color: {
              field: 'value',
              type: 'quantitative',
              scale: { domain: [-1, 1], scheme: 'redblue', reverse: true },
            },
          },
        },
        ...(c.columns.length <= 20
          ? [{ mark: { type: 'text', fontSize: 9 }, encoding: { text: { field: 'label' } } }]
          : []),
      ],
    },
    { width: 'container', height: Math.max(200, 22 * c.columns.length) },
  );
}

/** Share missing per column, and which columns go missing together. */
export function missingnessCharts(
  columns: readonly ColumnProfile[],
  m: MissingPatterns,
  rows: number,
): ChartSpec[] {
  const out: ChartSpec[] = [];
  if (m.columns.length === 0 || rows === 0) return out;
  const bars = columns
    .filter((c) => c.missing > 0)
    .map((c) => ({ column: c.name, missing: c.missing / rows }));
  out.push(
    chart(
      'missing-columns',
      'missingness',
      'Missing values per column',
      bars.map((b) => b.column),
      bars,
      {
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y: { field: 'column', type: 'nominal', sort: '-x', title: null },
          x: {
            field: 'missing',
            type: 'quantitative',
            axis: { format: '%' },
            title: 'share of rows missing',
          },
        },
      },
      { height: Math.max(60, 18 * bars.length) },
    ),
  );
  if (m.columns.length >= 2) {
    const values: Record<string, unknown>[] = [];
    for (let i = 0; i < m.columns.length; i++) {
      for (let j = 0; j < m.columns.length; j++)
        values.push({
          a: m.columns[i],
          b: m.columns[j],
          rows: m.cooccurrence[i][j],
          share: m.cooccurrence[i][j] / rows,
        });
    }
    out.push(
      chart(
        'missing-matrix',
        'missingness',
        'Rows where both columns are missing',
        [...m.columns],
        values,
        {
          mark: { type: 'rect', tooltip: true },
          encoding: {
            x: { field: 'a', type: 'nominal', sort: m.columns, title: null },
            y: { field: 'b', type: 'nominal', sort: m.columns, title: null },
            color: {
              field: 'share',
              type: 'quantitative',
              scale: { scheme: 'oranges' },
              title: 'share of rows',
            },
          },
        },
        { height: Math.max(200, 22 * m.columns.length) },
      ),
    );
  }
  return out;
}

/** Scatter plots of the most correlated numeric pairs, from the correlation sample. */
export function scatterCharts(
  c: Correlations,
  sample: readonly SampleColumn[],
  target?: string,
): ChartSpec[] {
  const byName = new Map(sample.map((s) => [s.name, s]));
  const out: ChartSpec[] = [];
  const seen = new Set<string>();
  for (const p of c.pairs) {
    if (out.length >= SCATTER_PAIRS) break;
    if (p.method !== 'pearson' && p.method !== 'spearman') continue;
    const key = [p.a, p.b].sort().join('\u0000');
    if (seen.has(key) || p.a === target || p.b === target) continue;
    seen.add(key);
    const x = byName.get(p.a)!.values;
    const y = byName.get(p.b)!.values;
    const points = evenPoints(x, y);
    const title = `${p.b} vs ${p.a} (${points.length.toLocaleString('en-US')} of ${c.sampleSize.toLocaleString('en-US')} sampled rows)`;
    out.push(
      chart(
        `scatter-${out.length}`,
        'scatter',
        title,
        [p.a, p.b],
        points,
        {
          mark: { type: 'point', opacity: 0.4, size: 8 },
          encoding: {
            x: { field: 'x', type: 'quantitative', title: p.a, scale: { zero: false } },
            y: { field: 'y', type: 'quantitative', title: p.b, scale: { zero: false } },
          },
        },
        { height: 260 },
      ),
    );
  }
  return out;
}

/** Up to SCATTER_POINTS rows where both values exist, taken at even steps through the sample. */
function evenPoints(x: Float64Array, y: Float64Array): { x: number; y: number }[] {
  const rows: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) rows.push(i);
  const step = Math.max(1, rows.length / SCATTER_POINTS);
  const out: { x: number; y: number }[] = [];
  for (let k = 0; k < rows.length && out.length < SCATTER_POINTS; k++) {
    const r = rows[Math.floor(k * step)];
    if (r === undefined) break;
    out.push({ x: x[r], y: y[r] });
  }
  return out;
}
