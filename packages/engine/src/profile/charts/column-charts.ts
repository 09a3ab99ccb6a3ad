import type { ColumnProfile } from '../column-types.ts';
import type { ChartSpec } from '../types.ts';
import { chart, chartId } from './vega.ts';

/** Histogram, box plot, top-value bars or time series for one column, by its kind. */
export function columnCharts(c: ColumnProfile): ChartSpec[] {
  const out: ChartSpec[] = [];
  const s = c.numeric;
  if (s?.histogram) {
    const h = s.histogram;
    const values = h.counts.map((count, i) => ({ start: h.edges[i], end: h.edges[i + 1], count }));
    out.push(
      chart(chartId('hist', c.index), 'histogram', `Distribution of ${c.name}`, [c.name], values, {
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'start', type: 'quantitative', bin: { binned: true }, title: c.name },
          x2: { field: 'end' },
          y: { field: 'count', type: 'quantitative', title: 'rows' },
        },
      }),
    );
  }
  if (s?.q1 != null && s.q3 != null && s.median != null && s.min != null && s.max != null && s.outliers) {
    const lower = Math.max(s.min, s.outliers.iqr.lower);
    const upper = Math.min(s.max, s.outliers.iqr.upper);
    const box = [{ column: c.name, lower, q1: s.q1, median: s.median, q3: s.q3, upper }];
    out.push(
      chart(
        chartId('box', c.index),
        'boxplot',
        `Box plot of ${c.name}`,
        [c.name],
        box,
        {
          encoding: { y: { field: 'column', type: 'nominal', title: null } },
          layer: [
            {
              mark: { type: 'rule' },
              encoding: {
                x: { field: 'lower', type: 'quantitative', title: c.name },
                x2: { field: 'upper' },
              },
            },
            {
              mark: { type: 'bar', size: 20 },
              encoding: { x: { field: 'q1', type: 'quantitative' }, x2: { field: 'q3' } },
            },
            {
              mark: { type: 'tick', color: 'white', size: 20 },
              encoding: { x: { field: 'median', type: 'quantitative' } },
            },
          ],
        },
        { height: 60 },
      ),
    );
  }
  const top = c.text?.topValues ?? (c.boolean ? booleanBars(c) : undefined);
  if (top && top.length > 0) {
    out.push(
      chart(
        chartId('bar', c.index),
        'bar',
        `Most frequent values of ${c.name}`,
        [c.name],
        top.map((t) => ({ value: String(t.value), count: t.count })),
        {
          mark: { type: 'bar', tooltip: true },
          encoding: {
            y: { field: 'value', type: 'nominal', sort: '-x', title: c.name },
            x: { field: 'count', type: 'quantitative', title: 'rows' },
          },
        },
        { height: Math.max(60, 18 * top.length) },
      ),
    );
  }
  const series = c.datetime?.series;
  if (series && series.points.length > 0) {
    out.push(
      chart(
        chartId('time', c.index),
        'timeseries',
        `Rows per ${series.unit} of ${c.name}`,
        [c.name],
        series.points,
        {
          mark: { type: 'line', point: series.points.length <= 60, tooltip: true },
          encoding: {
            x: { field: 't', type: 'temporal', title: c.name },
            y: { field: 'count', type: 'quantitative', title: 'rows' },
          },
        },
      ),
    );
  }
  return out;
}

function booleanBars(c: ColumnProfile) {
  const b = c.boolean!;
  return [
    { value: 'true', count: b.trueCount },
    { value: 'false', count: b.falseCount },
  ];
}
