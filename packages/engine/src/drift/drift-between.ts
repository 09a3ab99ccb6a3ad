import type { DuckEngine } from '../data/duck-engine.ts';
import type { ColumnSchema } from '../data/types.ts';
import { checkOption } from '../errors.ts';
import { columnKind, parquetSource } from '../profile/column-kind.ts';
import { rowSource } from '../profile/dataset/row-source.ts';
import { queryRows } from '../profile/duck-fetch.ts';
import { compareCategorical } from './categorical-drift.ts';
import { compareNumeric } from './numeric-drift.ts';
import { schemaChanges } from './schema-diff.ts';
import {
  type ColumnDrift,
  type DriftLevel,
  type DriftReport,
  type DriftSide,
  DRIFT_THRESHOLDS as T,
} from './types.ts';
import { verdict } from './verdict.ts';

export interface DriftRequest {
  /** The reference version (older). */
  from: DriftSide;
  /** The version compared with it (newer). */
  to: DriftSide;
  signal?: AbortSignal;
}

/** Semantic types whose values identify rather than describe: their distributions are not compared. */
const SKIP_SEMANTIC = new Set(['identifier', 'free_text', 'email', 'url', 'phone']);

/**
 * Drift between two versions of a dataset: schema changes, then for every column present in
 * both with the same storage type, PSI and a test (KS for numbers and dates, χ² for
 * categories), new and vanished categories, and a verdict per column and overall.
 *
 * @example
 * const d = await driftBetween(engine, { from: { parquetPath: v1.path, columns: v1.columns }, to: { parquetPath: v2.path, columns: v2.columns } });
 * d.verdict; d.columns.filter((c) => c.drift !== 'none');
 */
export async function driftBetween(engine: DuckEngine, req: DriftRequest): Promise<DriftReport> {
  checkOption(
    Array.isArray(req.from?.columns) && Array.isArray(req.to?.columns),
    'columns',
    'arrays of column schemas',
    undefined,
  );
  const schema = schemaChanges(req.from.columns, req.to.columns);
  return engine.withConnection(async (conn) => {
    const rowsOf = async (p: string) =>
      Number((await queryRows(conn, `SELECT count(*) FROM ${parquetSource(p)}`, req.signal))[0][0]);
    const rows = { from: await rowsOf(req.from.parquetPath), to: await rowsOf(req.to.parquetPath) };
    const toByName = new Map(req.to.columns.map((c) => [c.name, c]));
    const columns: ColumnDrift[] = [];
    for (const c of req.from.columns) {
      const other = toByName.get(c.name);
      if (!other) continue;
      columns.push(await compareColumn(conn, c, other, req, rows));
    }
    const v = verdict(schema, columns);
    return { rows, schema, columns, verdict: v.level, summary: v.summary, thresholds: T };
  });
}

async function compareColumn(
  conn: Parameters<typeof compareNumeric>[0],
  c: ColumnSchema,
  other: ColumnSchema,
  req: DriftRequest,
  rows: { from: number; to: number },
): Promise<ColumnDrift> {
  const base = {
    column: c.name,
    rows,
    psi: null,
    missingShare: { from: 0, to: 0 },
    drift: 'none' as DriftLevel,
    reasons: [] as string[],
  };
  if (c.storageType !== other.storageType)
    return {
      ...base,
      kind: 'skipped',
      skippedReason: `type changed from ${c.storageType} to ${other.storageType}`,
    };
  if (SKIP_SEMANTIC.has(c.semanticType))
    return {
      ...base,
      kind: 'skipped',
      skippedReason: `${c.semanticType.replace('_', ' ')} values are not compared`,
    };
  const kind = columnKind(c);
  if (kind === 'numeric' || kind === 'datetime') {
    const side = (p: string, n: number) => ({ source: rowSource(p, columnsOf(req, p)), rows: n });
    const r = await compareNumeric(
      conn,
      c,
      side(req.from.parquetPath, rows.from),
      side(req.to.parquetPath, rows.to),
      req.signal,
    );
    const out: ColumnDrift = {
      ...base,
      kind,
      psi: r.psi,
      missingShare: r.missing,
      mean: r.mean,
      ...(r.ks ? { ks: r.ks } : {}),
    };
    return judge(
      out,
      r.ks ? { p: r.ks.pValue, effect: r.ks.statistic, name: `KS D = ${r.ks.statistic.toFixed(3)}` } : null,
    );
  }
  const r = await compareCategorical(
    conn,
    c,
    parquetSource(req.from.parquetPath),
    parquetSource(req.to.parquetPath),
    req.signal,
  );
  const out: ColumnDrift = {
    ...base,
    kind: kind === 'boolean' ? 'boolean' : 'categorical',
    psi: r.psi,
    missingShare: r.missing,
    newCategories: r.newCategories,
    missingCategories: r.missingCategories,
    ...(r.chiSquare ? { chiSquare: r.chiSquare } : {}),
  };
  const judged = judge(
    out,
    r.chiSquare
      ? {
          p: r.chiSquare.pValue,
          effect: r.chiSquare.cramersV,
          name: `Cramér's V = ${r.chiSquare.cramersV.toFixed(3)}`,
        }
      : null,
  );
  if (r.newCategories.length > 0)
    judged.reasons.push(
      `${r.newCategories.length} new categories such as ${JSON.stringify(r.newCategories[0].value)}`,
    );
  return judged;
}

function columnsOf(req: DriftRequest, path: string): string[] {
  return (path === req.from.parquetPath ? req.from.columns : req.to.columns).map((c) => c.name);
}

/** Level from PSI, raised to moderate by a significant test with a real effect size. */
function judge(c: ColumnDrift, test: { p: number; effect: number; name: string } | null): ColumnDrift {
  if (c.psi !== null && c.psi >= T.psiMajor) {
    c.drift = 'major';
    c.reasons.push(`PSI ${c.psi.toFixed(3)} ≥ ${T.psiMajor}`);
  } else if (c.psi !== null && c.psi >= T.psiModerate) {
    c.drift = 'moderate';
    c.reasons.push(`PSI ${c.psi.toFixed(3)} ≥ ${T.psiModerate}`);
  }
  if (test && test.p < T.pValue && test.effect >= T.effect) {
    if (c.drift === 'none') c.drift = 'moderate';
    c.reasons.push(`${test.name}, p = ${test.p.toExponential(2)}`);
  }
  return c;
}
