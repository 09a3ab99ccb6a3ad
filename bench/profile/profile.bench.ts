/**
 * Profile bench (issue 4): the full profile of the 1,000,000 × 20 synthetic table against
 * pandas' "basic profile" of the same data, in the same run.
 *
 *   npm run bench -- profile            (PROFILE_10M=1 also profiles a 10M-row copy for memory)
 *
 * The CSV is converted to a Parquet version with the data engine first (not timed, cached in
 * bench/.cache/profile). `profileVersion` then runs in a child process of its own so its peak
 * RSS is its own, not the ingest's. The reference time is pandas' in-process `profile_s`
 * (read_csv excluded, as ours excludes the conversion); its RSS is the whole Python process.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEngine } from '../../packages/engine/src/data/duck-engine.ts';
import { ingestFile } from '../../packages/engine/src/data/ingest/ingest-file.ts';
import type { ColumnSchema } from '../../packages/engine/src/data/types.ts';
import { profileVersion } from '../../packages/engine/src/profile/index.ts';
import { CACHE, runReference, synthCsv } from '../lib/reference.ts';
import { printComparison } from '../lib/report.ts';

const here = fileURLToPath(import.meta.url);
const dir = path.join(CACHE, 'profile');
const MB = 1024 * 1024;

interface ChildResult {
  seconds: number;
  peakRssBytes: number;
  rows: number;
  alerts: number;
  charts: number;
  sampleSize: number;
}

/** Child mode: profile one version and print timing and peak RSS as JSON. */
async function child(parquetPath: string, schemaPath: string): Promise<void> {
  const columns = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as ColumnSchema[];
  const engine = await openEngine({ memoryLimit: '512MB' });
  try {
    const t0 = performance.now();
    const p = await profileVersion(engine, { parquetPath, columns, target: 'target' });
    const seconds = (performance.now() - t0) / 1000;
    const result: ChildResult = {
      seconds,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      rows: p.dataset.rows,
      alerts: p.alerts.length,
      charts: p.charts.length,
      sampleSize: p.correlations.sampleSize,
    };
    console.log(JSON.stringify(result));
  } finally {
    await engine.close();
  }
}

/** The Parquet version of the synthetic CSV and its schema, converted once. */
async function version(csv: string): Promise<{ parquet: string; schema: string }> {
  fs.mkdirSync(dir, { recursive: true });
  const parquet = path.join(dir, 'synth_1m.parquet');
  const schema = path.join(dir, 'synth_1m.columns.json');
  if (
    !fs.existsSync(parquet) ||
    !fs.existsSync(schema) ||
    fs.statSync(parquet).mtimeMs < fs.statSync(csv).mtimeMs
  ) {
    const engine = await openEngine();
    try {
      const r = await ingestFile(engine, { input: csv, output: parquet });
      fs.writeFileSync(schema, JSON.stringify(r.columns));
    } finally {
      await engine.close();
    }
  }
  return { parquet, schema };
}

/** Ten stacked copies of the 1M version (values of f0 shifted per copy so rows stay distinct). */
async function tenfold(v: { parquet: string; schema: string }): Promise<string> {
  const out = path.join(dir, 'synth_10m.parquet');
  if (!fs.existsSync(out)) {
    const engine = await openEngine();
    try {
      await engine.withConnection((conn) =>
        conn.run(
          `COPY (SELECT * REPLACE (f0 + k AS f0) FROM read_parquet('${v.parquet}'), range(10) t(k)) TO '${out}' (FORMAT parquet, COMPRESSION zstd)`,
        ),
      );
    } finally {
      await engine.close();
    }
  }
  return out;
}

function runChild(parquet: string, schema: string): ChildResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', here, '--child', parquet, schema], {
    encoding: 'utf8',
    maxBuffer: 16 * MB,
  });
  if (r.status !== 0) throw new Error(`profile child failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

async function main(): Promise<void> {
  const csv = synthCsv('1m');
  const v = await version(csv);
  const ours = runChild(v.parquet, v.schema);
  const ref = runReference('profile', csv);
  const refSeconds = ref ? Number(ref.result.profile_s) : undefined;
  console.log(
    `UAM full profile of ${ours.rows.toLocaleString('en-US')} rows: ${ours.alerts} alerts, ${ours.charts} charts, correlations on a ${ours.sampleSize.toLocaleString('en-US')}-row sample`,
  );
  printComparison({
    bench: 'profile 1M×20',
    metric: 'time (s, pandas basic profile)',
    ours: ours.seconds,
    reference: refSeconds,
    unit: 's',
    goal: 'ratio ≥ 1.0',
    pass: refSeconds === undefined ? undefined : refSeconds / ours.seconds >= 1,
  });
  printComparison({
    bench: 'profile 1M×20',
    metric: 'peak RSS (MB)',
    ours: ours.peakRssBytes / MB,
    reference: ref ? ref.peakRssBytes / MB : undefined,
    unit: 'MB',
    goal: '< 500 MB',
    pass: ours.peakRssBytes / MB < 500,
  });
  if (process.env.PROFILE_10M === '1') {
    const big = runChild(await tenfold(v), v.schema);
    printComparison({ bench: 'profile 10M×20', metric: 'time (s)', ours: big.seconds, unit: 's' });
    printComparison({
      bench: 'profile 10M×20',
      metric: 'peak RSS (MB)',
      ours: big.peakRssBytes / MB,
      unit: 'MB',
      goal: 'bounded (< 1 GB)',
      pass: big.peakRssBytes / MB < 1024,
    });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else await main();
