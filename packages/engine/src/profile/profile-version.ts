import fs from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DuckEngine } from '../data/duck-engine.ts';
import { versionColumns } from '../data/query/parquet-schema.ts';
import { throwIfAborted } from '../data/run-query.ts';
import { EngineError } from '../errors.ts';
import { buildReport } from './build-report.ts';
import { assembleColumn, listPass, textPass, usesLargePath } from './collect-columns.ts';
import { columnKind, parquetSource } from './column-kind.ts';
import type { ColumnSample } from './column-lists.ts';
import { sampleCandidates } from './correlation/eligibility.ts';
import { assembleSample, fetchSampleRows } from './correlation/sample.ts';
import { rowSource } from './dataset/row-source.ts';
import { datasetPass } from './dataset-pass.ts';
import { queryRows } from './duck-fetch.ts';
import { toJsonSafe } from './json-safe.ts';
import { sampleRowsOf } from './numeric/stream-columns.ts';
import { type ProfileRequest, resolveOptions } from './options.ts';
import type { Profile } from './types.ts';

/**
 * Profiles one dataset version: per-column statistics, duplicates, correlations, missing
 * patterns, target analysis, alerts, quality score, suggestions, insights and Vega-Lite
 * charts, as one JSON-serialisable object.
 *
 * Three DuckDB connections work at once: numeric columns (streamed and sorted in JS, each
 * also handing over its sampled rows), text/boolean then datetime columns (GROUP BY value
 * tables and runs), and the table-wide passes (the sample query, whose row numbers the numeric
 * pass uses too, then duplicate hashes and missing-value masks). Conventions and formulas are
 * in profile/README.md.
 *
 * @example
 * const profile = await profileVersion(engine, { parquetPath: v.path, columns: v.columns, target: 'churned' });
 * profile.quality.score; profile.alerts.filter((a) => a.severity === 'critical');
 */
export async function profileVersion(engine: DuckEngine, req: ProfileRequest): Promise<Profile> {
  const started = performance.now();
  const opts = resolveOptions(req);
  const fileBytes = await fileSize(req.parquetPath);
  const plain = parquetSource(req.parquetPath);
  const columns = [...req.columns].sort((a, b) => a.index - b.index);
  const conns = [await engine.connect(), await engine.connect(), await engine.connect()];
  // One failing pass interrupts the others before their connections close.
  const stop = new AbortController();
  const signal = req.signal ? AbortSignal.any([req.signal, stop.signal]) : stop.signal;
  try {
    const [rows, fileColumns] = await Promise.all([
      queryRows(conns[0], `SELECT count(*) FROM ${plain}`, req.signal).then((r) => Number(r[0][0])),
      versionColumns(conns[1], req.parquetPath),
    ]);
    checkColumnsExist(
      columns.map((c) => c.name),
      fileColumns.map((c) => c.name),
    );
    let done = 0;
    const total = columns.length + 4;
    const tick = (message: string) => req.onProgress?.(Math.min(0.95, ++done / total), message);
    const pass = {
      rows,
      exactDistinctUpTo: opts.exactDistinctUpTo,
      now: opts.now,
      signal,
      onColumn: () => tick('Profiling columns'),
    };
    const kindOf = (k: string) => columns.filter((c) => columnKind(c) === k);
    const rowsWithNumber = rowSource(
      req.parquetPath,
      fileColumns.map((c) => c.name),
    );
    const plan = { rows, size: opts.sampleForCorrelation, seed: opts.seed };
    // On the exact path numeric columns sample themselves during their own scan.
    const presampled = new Set(
      usesLargePath(rows, opts.exactDistinctUpTo) ? [] : kindOf('numeric').map((c) => c.name),
    );
    const candidates = sampleCandidates(columns, req.target);
    // One sample query: its row numbers also tell the list pass which rows to keep.
    const sampled = fetchSampleRows(
      conns[2],
      rowsWithNumber,
      candidates.filter((c) => !presampled.has(c.name)),
      plan,
      signal,
    );
    const sampleRows = sampled.then((s) => sampleRowsOf(s.rn));
    sampleRows.catch(() => undefined); // awaited later; a failure surfaces through the passes
    const listOf = (conn: DuckDBConnection, kind: string) =>
      listPass([conn], { plain, rows: rowsWithNumber }, kindOf(kind), { ...pass, sample: sampleRows });
    const tasks = [
      listOf(conns[0], 'numeric'),
      // Datetimes are one GROUP BY each: they follow the (shorter) text pass rather than
      // lengthen the numeric one.
      textPass(conns[1], plain, kindOf('text'), kindOf('boolean'), pass).then(async (text) => ({
        text,
        dates: await listOf(conns[1], 'datetime'),
      })),
      datasetPass(conns[2], rowsWithNumber, columns, sampled, { rows, signal, tick }),
    ] as const;
    const [numbers, { text: others, dates }, dataset] = await Promise.all(tasks).catch(async (e) => {
      stop.abort();
      await Promise.allSettled(tasks);
      throw req.signal?.aborted ? new EngineError('CANCELLED') : e;
    });
    throwIfAborted(req.signal);
    const sorted = new Map([...numbers, ...dates]);
    const samples = new Map<string, ColumnSample>();
    for (const c of candidates) {
      const s = sorted.get(c.name)?.sample;
      if (presampled.has(c.name) && s) samples.set(c.name, s);
    }
    const sample = assembleSample(
      dataset.sampleRows,
      samples,
      candidates.map((c) => c.name),
      rows > plan.size,
    );
    const profiles = columns.map((c) => assembleColumn(c, rows, sorted.get(c.name), others.get(c.name)));
    const report = buildReport({
      rows,
      fileBytes,
      columns: profiles,
      sample,
      duplicates: dataset.duplicates,
      missing: dataset.missing,
      target: req.target,
      charts: opts.charts,
    });
    tick('Wrote the report');
    req.onProgress?.(1, 'Profile complete');
    return toJsonSafe({ ...report, durationMs: Math.round(performance.now() - started) });
  } finally {
    for (const c of conns) c.closeSync();
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await fs.stat(path)).size;
  } catch {
    throw new EngineError('INVALID_OPTIONS', `The dataset version file does not exist: ${path}`, {
      option: 'parquetPath',
    });
  }
}

function checkColumnsExist(wanted: string[], present: string[]): void {
  const have = new Set(present);
  const missing = wanted.filter((n) => !have.has(n));
  if (missing.length > 0) {
    throw new EngineError(
      'COLUMN_NOT_FOUND',
      `The version has no column ${missing.map((m) => `"${m}"`).join(', ')}`,
      {
        columns: missing,
      },
    );
  }
}
