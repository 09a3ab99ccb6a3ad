import type { DuckDBConnection } from '@duckdb/node-api';
import { type ColumnPlan, formatOf, innerTextSql } from '../ingest/column-plan.ts';
import type { DateOrder } from '../types.ts';
import { classHistogram } from './class-histogram.ts';
import { type DecideHints, decideType } from './decide-type.ts';
import { physicalType } from './parse-expr.ts';
import { sampleProfiles } from './sample-profile.ts';
import { semanticType } from './semantic-type.ts';

export interface TextColumnSource {
  /** Clean output name, also the column's name in the sample table. */
  name: string;
  sourceName: string;
  index: number;
  /** SQL reading the raw text from the source relation. */
  sourceRef: string;
}

export interface InferTextOptions {
  nullValues: readonly string[];
  decimalComma: boolean;
  dateOrder?: DateOrder;
  /** The source reads missing markers as NULL already (CSV). */
  sourceNullsMarkers: boolean;
  signal?: AbortSignal;
}

/**
 * Infers plans for text columns from a sample table, in three set-based steps: one class
 * histogram for all columns, a decision per column in TypeScript, then one profile pass per
 * 100 columns to measure sample failures and gather semantic evidence.
 */
export async function inferTextColumns(
  conn: DuckDBConnection,
  sampleTable: string,
  columns: readonly TextColumnSource[],
  opts: InferTextOptions,
): Promise<ColumnPlan[]> {
  const names = columns.map((c) => c.name);
  const hist = await classHistogram(conn, sampleTable, names, opts.signal);
  const hints: DecideHints = { decimalComma: opts.decimalComma, dateOrder: opts.dateOrder };
  const decisions = columns.map((c) => decideType(hist.get(c.name) ?? [], hints));
  const profiles = await sampleProfiles(
    conn,
    sampleTable,
    columns.map((c, i) => ({ name: c.name, plan: decisions[i].plan })),
    opts.signal,
  );
  return columns.map((c, i) => {
    const { plan, dateOrderAmbiguous, typedMissing } = decisions[i];
    const { profile, failureExamples } = profiles[i];
    const failed = plan.kind === 'string' ? 0 : profile.nonMissing - profile.parsed;
    return {
      name: c.name,
      sourceName: c.sourceName,
      index: c.index,
      innerSql: innerTextSql(c.sourceRef, plan),
      plan,
      storageType: plan.kind,
      physicalType: physicalType(plan),
      format: formatOf(plan),
      semantic: semanticType(c.name, plan, profile),
      confidence: profile.nonMissing === 0 ? 1 : round3(profile.parsed / profile.nonMissing),
      sampleDistinct: profile.distinct,
      sampleNonMissing: profile.nonMissing,
      sampleFailures: { count: failed, examples: failureExamples },
      dateOrderAmbiguous,
      sourceNullsMarkers: opts.sourceNullsMarkers,
      ...(typedMissing ? { typedMissing } : {}),
    };
  });
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
