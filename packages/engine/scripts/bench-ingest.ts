/**
 * Ingest benchmark for the data engine (issue 3): ingests the synthetic 1M x 20 CSV from
 * ../shared/tools/make_synth.py, times pandas read_csv on the same file in the same run,
 * and measures the rows query on the resulting version.
 *
 *   node --import tsx packages/engine/scripts/bench-ingest.ts /tmp/synth/synth_1m.csv [runs]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestFile, openEngine, queryRows } from '../src/index.ts';

const input = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
if (!input || !fs.existsSync(input)) throw new Error('usage: bench-ingest.ts SYNTH_CSV [runs]');
const out = path.join(os.tmpdir(), `uam-bench-${process.pid}.parquet`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const engine = await openEngine({ memoryLimit: process.env.UAM_BENCH_MEMORY ?? '512MB' });
const ours: number[] = [];
const cpu: number[] = [];
const pandas: number[] = [];
const pandasCpu: number[] = [];
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await ingestFile(engine, { input, output: out });
  ours.push((performance.now() - t0) / 1000);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1e6);
  if (i === 0)
    console.log(`rows=${r.rowCount} cols=${r.columnCount} parquet=${(r.parquetBytes / 1e6).toFixed(1)} MB`);
  try {
    const py = `import time, pandas as pd\nt=time.time(); c=time.process_time(); pd.read_csv(${JSON.stringify(input)}); print(time.time()-t, time.process_time()-c)`;
    const [wall, cpuSeconds] = execFileSync('/usr/bin/python3', ['-c', py])
      .toString()
      .trim()
      .split(' ')
      .map(Number);
    pandas.push(wall);
    pandasCpu.push(cpuSeconds);
  } catch {
    // pandas is optional here; the ratio is printed only when it ran.
  }
}
clearInterval(sampler);
const page: number[] = [];
for (let i = 0; i < 30; i++) {
  const t0 = performance.now();
  await queryRows(engine, out, {
    filter: `i0 > ${20 + i} and c0 in ("grp_0", "grp_3")`,
    sort: [{ column: 'f3', desc: true }],
    limit: 100,
  });
  page.push(performance.now() - t0);
}
page.sort((a, b) => a - b);
await engine.close();
fs.rmSync(out, { force: true });
console.log(
  `ingest median ${median(ours).toFixed(2)} s (runs ${ours.map((x) => x.toFixed(2)).join(', ')}; CPU ${median(cpu).toFixed(2)} s), peak RSS ${(peakRss / 1e6).toFixed(0)} MB`,
);
if (pandas.length > 0) {
  console.log(
    `pandas read_csv median ${median(pandas).toFixed(2)} s; ratio pandas/UAM ${(median(pandas) / median(ours)).toFixed(2)} (pandas CPU ${median(pandasCpu).toFixed(2)} s)`,
  );
}
console.log(
  `rows page (filter + sort, 100 rows) p50 ${page[15].toFixed(1)} ms, p95 ${page[28].toFixed(1)} ms`,
);
