import fs from 'node:fs';
import path from 'node:path';
import { CACHE, synthCsv } from '../lib/reference.ts';
import { printComparison } from '../lib/report.ts';
import { apiClient, startServerProcess, uploadFile, waitForJob } from '../lib/server-process.ts';

/**
 * Issue 3: memory stays bounded for a 2 GB CSV. One server ingests the 140 MB synthetic CSV,
 * then a ~2 GB one (the same rows repeated), both through HTTP upload; the server's peak RSS
 * after the big file must stay within 25% of its peak after the small one (flat in file size:
 * the file is streamed to storage and DuckDB works within UAM_ENGINE_MEMORY_LIMIT, nothing is
 * read whole into JS memory).
 */
const small = synthCsv('1m');
const big = path.join(CACHE, 'synth_2gb.csv');
const TARGET_BYTES = 2_000_000_000;
if (!fs.existsSync(big) || fs.statSync(big).size < TARGET_BYTES) {
  const text = fs.readFileSync(small, 'utf8');
  const header = text.slice(0, text.indexOf('\n') + 1);
  const body = Buffer.from(text.slice(header.length));
  const fd = fs.openSync(`${big}.tmp`, 'w');
  fs.writeSync(fd, header);
  let written = header.length;
  while (written < TARGET_BYTES) written += fs.writeSync(fd, body);
  fs.closeSync(fd);
  fs.renameSync(`${big}.tmp`, big);
}

const server = await startServerProcess({
  UAM_RATE_LIMIT: '100000',
  UAM_MAX_UPLOAD_BYTES: String(4 * 1024 ** 3),
});
try {
  const api = apiClient(server.url);
  await api.signUp();
  const { project } = await api.call<{ project: { id: string } }>('POST', '/projects', { name: 'bench' });

  async function ingest(file: string): Promise<{ seconds: number; rows: number }> {
    const t0 = performance.now();
    const up = await uploadFile(`${server.url}/api/v1/projects/${project.id}/datasets`, api.token, file);
    if (up.status !== 202) throw new Error(`upload failed ${up.status} ${up.body}`);
    const { dataset, job } = JSON.parse(up.body) as { dataset: { id: string }; job: { id: string } };
    const status = await waitForJob(server.url, api.token, job.id);
    if (status !== 'succeeded') throw new Error(`ingest of ${file} ended ${status}`);
    const v = await api.call<{ version: { rowCount: number } }>('GET', `/datasets/${dataset.id}/versions/1`);
    return { seconds: (performance.now() - t0) / 1000, rows: v.version.rowCount };
  }

  const a = await ingest(small);
  const peakSmall = server.peakRssBytes();
  const b = await ingest(big);
  const peakBig = server.peakRssBytes();
  console.log(
    `140 MB: ${a.rows} rows in ${a.seconds.toFixed(1)} s, peak RSS ${(peakSmall / 1e6).toFixed(0)} MB; ` +
      `${(fs.statSync(big).size / 1e9).toFixed(2)} GB: ${b.rows} rows in ${b.seconds.toFixed(1)} s, peak RSS ${(peakBig / 1e6).toFixed(0)} MB`,
  );
  printComparison({
    bench: 'ingest 2 GB CSV',
    metric: 'server peak RSS, 2 GB vs 140 MB file (MB)',
    ours: peakBig / 1e6,
    reference: peakSmall / 1e6,
    unit: 'MB',
    goal: 'ratio ≥ 0.8 (flat in file size)',
    pass: peakSmall / peakBig >= 0.8,
  });
} finally {
  await server.stop();
}
