/**
 * A Vega-Lite spec that fits the result: a line over time, sorted bars for categories, a pie
 * for shares when asked, a histogram for distributions, bars of r for drivers; null for a
 * single number or a plain listing. The data is embedded, so the spec renders on its own.
 */
import type { ChartMark, QueryPlan } from './plan.ts';
import type { AnswerColumn, VegaLiteSpec } from './types.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const MAX_POINTS = 5000;

/** Vega-Lite reads dots and brackets in field names as paths: escape them. */
export function field(name: string): string {
  return name.replace(/([.[\]\\])/g, '\\$1');
}

function values(columns: AnswerColumn[], rows: unknown[][]): Record<string, unknown>[] {
  return rows.slice(0, MAX_POINTS).map((r) => Object.fromEntries(columns.map((c, i) => [c.name, r[i]])));
}

function base(columns: AnswerColumn[], rows: unknown[][], title?: string): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    ...(title ? { title } : {}),
    data: { values: values(columns, rows) },
    width: 'container',
  };
}

export function chartFor(plan: QueryPlan, columns: AnswerColumn[], rows: unknown[][]): VegaLiteSpec | null {
  const mark: ChartMark = plan.chart;
  if (mark === 'table' || !rows.length) return null;
  switch (plan.kind) {
    case 'aggregate':
      return plan.dimensions.length ? groupedChart(plan, columns, rows, mark) : null;
    case 'compare_periods':
      return periodsChart(plan, columns, rows);
    case 'distribution':
      return {
        ...base(columns, rows),
        mark: 'bar',
        encoding: {
          x: { field: 'From', type: 'quantitative', bin: { binned: true }, title: plan.select[0] },
          x2: { field: 'To' },
          y: { field: 'Rows', type: 'quantitative' },
        },
      };
    case 'drivers':
      return {
        ...base(columns, rows),
        mark: 'bar',
        encoding: {
          y: { field: 'Column', type: 'nominal', sort: '-x' },
          x: {
            field: 'Correlation',
            type: 'quantitative',
            scale: { domain: [-1, 1] },
            title: `Correlation with ${plan.correlate[0]}`,
          },
        },
      };
    case 'rows': {
      const numeric = columns.filter((c) => c.type === 'number');
      if (mark === 'point' && numeric.length >= 2)
        return {
          ...base(columns, rows),
          mark: 'point',
          encoding: { x: enc(numeric[0]), y: enc(numeric[1]) },
        };
      return null;
    }
    default:
      return null;
  }
}

function enc(c: AnswerColumn, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const type = c.type === 'number' ? 'quantitative' : c.type === 'date' ? 'temporal' : 'nominal';
  return { field: field(c.name), type, title: c.name, ...extra };
}

function groupedChart(
  plan: QueryPlan,
  columns: AnswerColumn[],
  rows: unknown[][],
  mark: ChartMark,
): VegaLiteSpec {
  const dims = columns.filter((c) => c.role === 'dimension');
  const share = plan.share ? columns.find((c) => c.name === 'Share (%)') : undefined;
  const measure =
    share && mark === 'arc'
      ? share
      : (columns.find((c) => c.role === 'measure') ?? columns[columns.length - 1]);
  const x = dims[0];
  const bucket = plan.dimensions[0].bucket;
  const temporal =
    x.type === 'date' ||
    bucket === 'year' ||
    (bucket === undefined && /year/i.test(x.name) && x.type === 'number');
  const cyclic =
    bucket === 'day_of_week' ||
    bucket === 'month_of_year' ||
    bucket === 'quarter_of_year' ||
    bucket === 'hour_of_day';
  if (mark === 'arc') {
    return {
      ...base(columns, rows),
      mark: { type: 'arc', tooltip: true },
      encoding: { theta: enc(measure, { stack: true }), color: enc(x, { sort: null }) },
    };
  }
  const chosen = mark === 'auto' ? (temporal && !cyclic ? 'line' : 'bar') : mark;
  const xEnc =
    temporal && !cyclic
      ? enc(x, x.type === 'number' ? { type: 'ordinal' } : {})
      : enc(x, { sort: cyclic ? null : '-y', type: 'nominal' });
  const encoding: Record<string, unknown> = { x: xEnc, y: enc(measure), tooltip: columns.map((c) => enc(c)) };
  if (dims[1]) encoding.color = enc(dims[1], { type: 'nominal' });
  return {
    ...base(columns, rows),
    mark: { type: chosen, tooltip: true, point: chosen === 'line' ? true : undefined },
    encoding,
  };
}

function periodsChart(plan: QueryPlan, columns: AnswerColumn[], rows: unknown[][]): VegaLiteSpec {
  const labels = plan.periods.map((p) => p.label);
  const dims = columns.filter((c) => c.role === 'dimension');
  const spec = base(columns, rows);
  return {
    ...spec,
    transform: [{ fold: labels.map(field), as: ['Period', 'Value'] }],
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: dims[0] ? enc(dims[0]) : { field: 'Period', type: 'nominal', sort: labels },
      xOffset: dims[0] ? { field: 'Period', sort: labels } : undefined,
      color: { field: 'Period', type: 'nominal', sort: labels },
      y: { field: 'Value', type: 'quantitative', title: columns[dims.length]?.name ?? 'Value' },
    },
  };
}
