import type { DuckDBConnection } from '@duckdb/node-api';
import { TYPE_THRESHOLD } from '../infer/decide-type.ts';
import { physicalType } from '../infer/parse-expr.ts';
import type { IngestWarning } from '../types.ts';
import { type ColumnPlan, formatOf } from './column-plan.ts';
import type { HeaderRepeat } from './header-repeats.ts';
import { StreamDeclined } from './ingest-context.ts';
import { type ColumnOutcome, writeStaged, writeStrict } from './write-version.ts';

export interface PlannedWrite {
  sourceSql: string;
  fast?: { sourceSql: string; native: Map<string, string> };
  columns: ColumnPlan[];
  nullValues: readonly string[];
  output: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Re-derives a column's `innerSql` for a new plan (text columns are read untrimmed). */
  reread: (col: ColumnPlan, plan: NonNullable<ColumnPlan['plan']>) => string;
  /** The source can be read once: no staged pass, throw StreamDeclined instead. */
  readOnce?: boolean;
  /** Rows repeating the header are left out and counted (see header-repeats.ts). */
  headerRepeat?: HeaderRepeat;
}

export interface WrittenVersion {
  rowCount: number;
  columns: ColumnPlan[];
  outcomes: Map<string, ColumnOutcome>;
  warnings: IngestWarning[];
  pass: 'single' | 'staged';
}

/**
 * Writes the version in as few passes as the data allows. When the sample parsed cleanly the
 * optimistic single pass runs (source → Parquet, no failure possible without aborting); if a
 * value fails anyway, or the sample already had failures, the staged path counts failures over
 * all rows and re-checks the 98 % rule there: a column that misses it is widened (integer →
 * float when the failures are decimals) or kept as text, and a warning says so.
 */
export async function writeWithPlans(conn: DuckDBConnection, w: PlannedWrite): Promise<WrittenVersion> {
  const warnings: IngestWarning[] = [];
  const clean = w.columns.every((c) => c.sampleFailures.count === 0);
  if (clean) {
    const rowCount = await writeStrict(conn, w);
    if (rowCount !== null)
      return { rowCount, columns: w.columns, outcomes: new Map(), warnings, pass: 'single' };
  }
  if (w.readOnce)
    throw new StreamDeclined(clean ? 'a value did not fit its column' : 'the sample had failures');
  const review = (outcomes: Map<string, ColumnOutcome>) => {
    let changed = false;
    const next = w.columns.map((c) => {
      const o = outcomes.get(c.name);
      if (!o || !c.plan || o.present === 0 || o.failures.count === 0) return c;
      // Excel errors are reported but decide nothing (see RE_EXCEL_ERROR).
      const failed = o.failures.count - o.excelErrors;
      const tolerated = (1 - TYPE_THRESHOLD) * (o.present - o.excelErrors);
      // The sample's dates fit either order and later rows do not fit the guess (`25/01/2024`
      // after a month of days up to 12): the other order is tried (once: the turned column is
      // no longer ambiguous) before giving up on dates.
      const p = c.plan;
      if (
        failed > tolerated &&
        c.dateOrderAmbiguous &&
        (p.kind === 'date' || p.kind === 'datetime') &&
        p.order !== null
      ) {
        changed = true;
        const order = p.order === 'dmy' ? ('mdy' as const) : ('dmy' as const);
        const plan = { ...p, order };
        warnings.push({
          code: 'DATE_ORDER_REVISED',
          message: `Dates in "${c.name}" are read ${order === 'dmy' ? 'day-first' : 'month-first'}: the rows after the sample rule out the other order (e.g. ${o.failures.examples[0] ?? ''})`,
          column: c.name,
          details: { dateOrder: order, examples: o.failures.examples },
        });
        return { ...c, plan, dateOrderAmbiguous: false, format: formatOf(plan) };
      }
      const integer = c.plan.kind === 'integer';
      // Decimals in an integer column widen it however few they are: a valid number is kept,
      // never stored as empty (pandas too reads such a column as float). A few integers too
      // big for 64 bits do not: as floats, every id past 2^53 would be rounded.
      const widen = integer && failed - o.floatable <= tolerated;
      if (failed <= tolerated && !(widen && o.fractional > 0)) return c;
      changed = true;
      const plan = widen
        ? {
            kind: 'float' as const,
            style: c.plan.kind === 'integer' ? c.plan.style : 'plain',
            percent: false,
          }
        : { kind: 'string' as const, reason: 'mixed' as const };
      warnings.push({
        code: 'TYPE_WIDENED',
        message: `Column "${c.name}" is stored as ${plan.kind}: ${o.failures.count} of ${o.present} values did not parse as ${c.storageType}`,
        column: c.name,
        details: { from: c.storageType, to: plan.kind, failures: o.failures },
      });
      return {
        ...c,
        plan,
        innerSql: w.reread(c, plan),
        storageType: plan.kind,
        physicalType: physicalType(plan),
        format: formatOf(plan),
        semantic:
          plan.kind === 'string'
            ? { semanticType: 'categorical' as const }
            : { semanticType: 'numeric' as const },
      };
    });
    if (!changed) return null;
    w.columns = next;
    return next;
  };
  const { headerRepeats, ...staged } = await writeStaged(conn, w, review);
  if (headerRepeats > 0) {
    warnings.push({
      code: 'HEADER_REPEATS_SKIPPED',
      message: `${headerRepeats} ${headerRepeats === 1 ? 'row repeats' : 'rows repeat'} the header (files joined end to end) and ${headerRepeats === 1 ? 'was' : 'were'} left out`,
      details: { count: headerRepeats },
    });
  }
  return { ...staged, warnings, pass: 'staged' };
}
