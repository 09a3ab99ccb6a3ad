import { columnAlerts } from './alerts/column-alerts.ts';
import { datasetAlerts, sortAlerts } from './alerts/dataset-alerts.ts';
import { columnCharts } from './charts/column-charts.ts';
import { correlationHeatmap, missingnessCharts, scatterCharts } from './charts/dataset-charts.ts';
import type { ColumnProfile } from './column-types.ts';
import { correlationMatrix, SampleOrders } from './correlation/correlation-matrix.ts';
import { exclusionReason } from './correlation/eligibility.ts';
import type { CorrelationSample } from './correlation/sample.ts';
import { insights } from './insights.ts';
import { qualityScore } from './quality-score.ts';
import { suggestions } from './suggestions.ts';
import { targetProfile } from './target/target-profile.ts';
import type { ChartSpec, Correlations, DuplicateRows, MissingPatterns, Profile } from './types.ts';

export interface ReportInput {
  rows: number;
  fileBytes: number;
  columns: ColumnProfile[];
  sample: CorrelationSample;
  duplicates: DuplicateRows;
  missing: MissingPatterns;
  target?: string;
  charts: boolean;
}

/** Everything computed from the column statistics and the sample: no more DuckDB work. */
export function buildReport(input: ReportInput): Omit<Profile, 'durationMs'> {
  const { rows, columns, sample } = input;
  // The matrix and the target section rank the same sample columns: sort each once.
  const orders = new SampleOrders();
  const correlations = correlationsOf(columns, sample, rows, orders);
  const targetColumn = columns.find((c) => c.name === input.target);
  const inMatrix = new Set(correlations.columns);
  const target = targetColumn
    ? targetProfile(
        targetColumn,
        sample.columns.find((s) => s.name === targetColumn.name),
        sample.columns.filter((s) => inMatrix.has(s.name)),
        sample.size,
        orders,
      )
    : undefined;
  const alerts = sortAlerts([
    ...datasetAlerts({ rows, duplicates: input.duplicates, correlations, target }),
    ...columns.flatMap(columnAlerts),
  ]);
  const quality = qualityScore(columns, rows, input.duplicates.count);
  const missingCells = columns.reduce((a, c) => a + c.missing, 0);
  const kinds: Record<string, number> = {};
  for (const c of columns) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
  const charts: ChartSpec[] = input.charts
    ? [
        ...columns.flatMap(columnCharts),
        ...[correlationHeatmap(correlations)].filter((c): c is ChartSpec => c !== null),
        ...missingnessCharts(columns, input.missing, rows),
        ...scatterCharts(correlations, sample.columns, input.target),
      ]
    : [];
  return {
    formatVersion: 1,
    dataset: {
      rows,
      columns: columns.length,
      fileBytes: input.fileBytes,
      memoryBytes: memoryEstimate(columns),
      missingCells,
      missingCellsPct: rows * columns.length > 0 ? (100 * missingCells) / (rows * columns.length) : 0,
      duplicates: input.duplicates,
      kinds,
    },
    columns,
    correlations,
    missing: input.missing,
    ...(target ? { target } : {}),
    alerts,
    quality,
    suggestions: suggestions(columns, correlations, target),
    insights: insights({
      rows,
      columns,
      duplicates: input.duplicates,
      correlations,
      missing: input.missing,
      quality,
      target,
    }),
    charts,
    notes: notes(columns, correlations),
  };
}

function correlationsOf(
  columns: ColumnProfile[],
  sample: CorrelationSample,
  rows: number,
  orders: SampleOrders,
): Correlations {
  const excluded: Correlations['excluded'] = [];
  const bySample = new Map(sample.columns.map((s) => [s.name, s]));
  const eligible = [];
  for (const c of columns) {
    const reason =
      exclusionReason(c) ??
      (bySample.has(c.name) ? null : 'not sampled (free text, e-mail, URL or identifier)');
    if (reason) excluded.push({ column: c.name, reason });
    else eligible.push(bySample.get(c.name)!);
  }
  return correlationMatrix(sample, eligible, excluded, rows, orders);
}

/** 8 bytes per number, date or boolean; UTF-8 bytes + 16 per text value (a rough pandas-like figure). */
function memoryEstimate(columns: readonly ColumnProfile[]): number {
  let bytes = 0;
  for (const c of columns) {
    if (c.text) bytes += c.count * (16 + (c.text.length.mean ?? 0));
    else bytes += c.rows * 8;
  }
  return Math.round(bytes);
}

function notes(columns: readonly ColumnProfile[], c: Correlations): Profile['notes'] {
  const sampling: string[] = [];
  if (c.sampled)
    sampling.push(
      `Correlations, target associations and scatter plots use a uniform sample of ${c.sampleSize} rows (fixed seed).`,
    );
  for (const col of columns) {
    if (!col.distinct.exact)
      sampling.push(
        `Distinct count of \`${col.name}\` is a HyperLogLog estimate (±${Math.round((col.distinct.relativeError ?? 0) * 100)}% relative standard error).`,
      );
    if (col.numeric?.approximate)
      sampling.push(`Quantiles and MAD of \`${col.name}\` are t-digest estimates.`);
    if (col.text?.patternSample)
      sampling.push(
        `Patterns of \`${col.name}\` come from ${col.text.patternSample.distinctValues} of its distinct values.`,
      );
  }
  return {
    sampling,
    conventions: [
      'Quantiles: linear interpolation between order statistics (numpy default, h = (n − 1)q).',
      'Variance and std: sample, ddof = 1. Skewness: adjusted Fisher–Pearson G1; kurtosis: bias-corrected excess (Fisher) G2, as pandas.',
      'NaN counts as missing; ±Infinity is counted separately and left out of every other statistic.',
      "Cramér's V is bias-corrected (Bergsma 2013); Spearman ranks within pairwise-complete rows (pandas).",
      'Histograms: Freedman–Diaconis bin width, at most 30 bins; one bin per value for whole numbers spanning ≤ 30 values.',
    ],
  };
}
