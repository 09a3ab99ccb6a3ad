import type { DuckDBConnection } from '@duckdb/node-api';
import { runRows } from '../run-query.ts';
import { quoteLiteral } from '../sql.ts';
import type { ColumnSchema, IngestWarning } from '../types.ts';
import type { ColumnPlan } from './column-plan.ts';
import type { SourceOutcome } from './ingest-context.ts';

/** Missing counts come from the Parquet footer: no pass over the data. */
export async function schemaOf(
  conn: DuckDBConnection,
  parquet: string,
  outcome: SourceOutcome,
): Promise<ColumnSchema[]> {
  const rows = await runRows(
    conn,
    `SELECT path_in_schema, sum(stats_null_count) FROM parquet_metadata(${quoteLiteral(parquet)}) GROUP BY path_in_schema`,
  );
  const nulls = new Map(rows.map((r) => [String(r[0]), Number(r[1])]));
  return outcome.columns.map((c, index) => {
    const o = outcome.outcomes.get(c.name);
    return {
      ...columnSchema(c, index),
      missingCount: (nulls.get(c.name) ?? 0) - (o?.failures.count ?? 0),
      failures: o?.failures ?? { count: 0, examples: [] },
    };
  });
}

export function columnSchema(c: ColumnPlan, index: number): ColumnSchema {
  return {
    name: c.name,
    sourceName: c.sourceName,
    index,
    storageType: c.storageType,
    semanticType: c.semantic.semanticType,
    physicalType: c.physicalType,
    format: c.format,
    missingCount: 0,
    failures: { count: 0, examples: [] },
    confidence: c.confidence,
    sampleDistinct: c.sampleDistinct,
    ...(c.semantic.ordinalLevels ? { ordinalLevels: c.semantic.ordinalLevels } : {}),
  };
}

export function columnWarnings(columns: ColumnSchema[], outcome: SourceOutcome): IngestWarning[] {
  const w: IngestWarning[] = [];
  // Missing in every row: nothing to type or learn from (a year not yet published, a form
  // field nobody filled). Kept, and stored as text, but said once for all of them.
  const empty = outcome.rowCount > 0 ? columns.filter((c) => c.missingCount >= outcome.rowCount) : [];
  if (empty.length > 0) {
    const names = empty.map((c) => c.name);
    w.push({
      code: 'COLUMNS_EMPTY',
      message: `${names.length === 1 ? 'A column holds' : `${names.length} columns hold`} no value in any row: "${names.slice(0, 5).join('", "')}"${names.length > 5 ? ', ...' : ''}`,
      details: { columns: names },
    });
  }
  for (const c of columns) {
    if (c.failures.count > 0) {
      const excelErrors = outcome.outcomes.get(c.name)?.excelErrors ?? 0;
      const what =
        excelErrors === c.failures.count
          ? 'are Excel errors'
          : `are not valid ${c.storageType}${excelErrors > 0 ? ` (${excelErrors} of them Excel errors)` : ''}`;
      w.push({
        code: 'VALUES_UNPARSED',
        message: `${c.failures.count} values of "${c.name}" ${what} and were stored as empty`,
        column: c.name,
        details: {
          count: c.failures.count,
          examples: c.failures.examples,
          ...(excelErrors > 0 ? { excelErrors } : {}),
        },
      });
    }
    const plan = outcome.columns.find((p) => p.name === c.name);
    if (plan?.dateOrderAmbiguous) {
      w.push({
        code: 'DATE_ORDER_AMBIGUOUS',
        message: `Dates in "${c.name}" could be day-first or month-first; read as ${c.format.dateOrder === 'dmy' ? 'day/month' : 'month/day'} (set dateOrder to change)`,
        column: c.name,
        details: { dateOrder: c.format.dateOrder },
      });
    }
    if (plan?.thousandsAmbiguous) {
      const { example } = plan.thousandsAmbiguous;
      w.push({
        code: 'NUMBER_FORMAT_AMBIGUOUS',
        message: `Every number of "${c.name}" with a dot has three digits after it (${example}): read as decimals; if the dots separate thousands, upload it again with a decimal comma (decimalComma) to read ${example} as ${example.replace('.', '')}`,
        column: c.name,
        details: { example },
      });
    }
  }
  return w;
}
