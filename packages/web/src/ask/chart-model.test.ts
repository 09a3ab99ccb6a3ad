import { describe, expect, it } from 'vitest';
import { niceTicks } from './answer-chart.tsx';
import { chartModel, unescapeField } from './chart-model.ts';

const data = (values: Record<string, unknown>[]) => ({ values });

describe('chartModel', () => {
  it('reads sorted bars by category, one series', () => {
    const m = chartModel({
      mark: { type: 'bar', tooltip: true },
      data: data([
        { region: 'South', 'Total revenue': 5 },
        { region: 'North', 'Total revenue': 9 },
      ]),
      encoding: {
        x: { field: 'region', type: 'nominal', sort: '-y' },
        y: { field: 'Total revenue', type: 'quantitative' },
      },
    });
    expect(m).toMatchObject({ kind: 'bar', horizontal: false, categories: ['North', 'South'], series: [''] });
    expect(m?.kind === 'bar' && m.values).toEqual([[9, 5]]);
  });

  it('reads a line over time with a colour series, in time order', () => {
    const m = chartModel({
      mark: { type: 'line', point: true },
      data: data([
        { month: '2024-02-01', channel: 'Web', n: 2 },
        { month: '2024-01-01', channel: 'Web', n: 1 },
        { month: '2024-01-01', channel: 'Shop', n: 3 },
      ]),
      encoding: {
        x: { field: 'month', type: 'temporal' },
        y: { field: 'n', type: 'quantitative' },
        color: { field: 'channel', type: 'nominal' },
      },
    });
    expect(m).toMatchObject({
      kind: 'line',
      categories: ['2024-01-01', '2024-02-01'],
      series: ['Web', 'Shop'],
    });
    expect(m?.kind === 'line' && m.values).toEqual([
      [1, 2],
      [3, null],
    ]);
  });

  it('unfolds compared periods into one series per period', () => {
    const m = chartModel({
      data: data([{ region: 'EU', '2023': 4, '2024': 6 }]),
      transform: [{ fold: ['2023', '2024'], as: ['Period', 'Value'] }],
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'region', type: 'nominal' },
        xOffset: { field: 'Period' },
        color: { field: 'Period', type: 'nominal' },
        y: { field: 'Value', type: 'quantitative' },
      },
    });
    expect(m).toMatchObject({ categories: ['EU'], series: ['2023', '2024'] });
    expect(m?.kind === 'bar' && m.values).toEqual([[4], [6]]);
  });

  it('reads horizontal correlation bars with a fixed domain, pies, histograms and scatters', () => {
    const drivers = chartModel({
      mark: 'bar',
      data: data([{ Column: 'a', Correlation: -0.5 }]),
      encoding: {
        y: { field: 'Column', type: 'nominal', sort: '-x' },
        x: { field: 'Correlation', type: 'quantitative', scale: { domain: [-1, 1] } },
      },
    });
    expect(drivers).toMatchObject({ horizontal: true, domain: [-1, 1], categories: ['a'] });
    const pie = chartModel({
      mark: { type: 'arc' },
      data: data([
        { p: 'A', s: 3 },
        { p: 'B', s: 1 },
      ]),
      encoding: { theta: { field: 's', type: 'quantitative' }, color: { field: 'p', type: 'nominal' } },
    });
    expect(pie).toMatchObject({
      kind: 'pie',
      slices: [
        { label: 'A', value: 3 },
        { label: 'B', value: 1 },
      ],
    });
    const hist = chartModel({
      mark: 'bar',
      data: data([{ From: 0, To: 10, Rows: 4 }]),
      encoding: {
        x: { field: 'From', type: 'quantitative', bin: { binned: true } },
        x2: { field: 'To' },
        y: { field: 'Rows', type: 'quantitative' },
      },
    });
    expect(hist).toMatchObject({ kind: 'bar', horizontal: false, categories: ['0 – 10'] });
    const scatter = chartModel({
      mark: 'point',
      data: data([{ 'a.b': 1, c: 2 }]),
      encoding: { x: { field: 'a\\.b', type: 'quantitative' }, y: { field: 'c', type: 'quantitative' } },
    });
    expect(scatter).toMatchObject({ kind: 'point', points: [{ x: 1, y: 2 }] });
  });

  it('gives up (null) on what it does not draw', () => {
    expect(chartModel(null)).toBeNull();
    expect(chartModel({ mark: 'geoshape', data: data([{ a: 1 }]), encoding: {} })).toBeNull();
    expect(chartModel({ mark: 'bar', data: data([]), encoding: {} })).toBeNull();
  });

  it('unescapes Vega-Lite field paths and makes round ticks', () => {
    expect(unescapeField('a\\.b\\[0\\]')).toBe('a.b[0]');
    expect(niceTicks(0, 148_560)).toEqual([0, 50_000, 100_000, 150_000]);
    expect(niceTicks(-1, 1, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
  });
});
