import fs from 'node:fs';
import path from 'node:path';
import { CACHE, synthCsv } from '../lib/reference.ts';
import { printComparison } from '../lib/report.ts';
import { apiClient, startServerProcess, uploadFile, waitForJob } from '../lib/server-process.ts';

/**
 * Issue 3: memory stays bounded for a 2 GB CSV. A fresh server ingests the 140 MB synthetic
 * CSV, another a ~2 GB one (the same rows repeated), both through HTTP upload; the second
 * server's peak RSS must stay within 25% of the first's (flat in file size: the file is
 * streamed to storage and DuckDB works within UAM_ENGINE_MEMORY_LIMIT, nothing is read whole
 * into JS memory). Separate servers, because one server's high-water mark would also carry
 * whatever ran between the two (the first file's profile job loads the other engines).
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

async function ingestOnFreshServer(
  file: string,
): Promise<{ seconds: number; rows: number; peak: number; streamed: boolean }> {
  const server = await startServerProcess({
    UAM_RATE_LIMIT: '100000',
    UAM_MAX_UPLOAD_BYTES: String(4 * 1024 ** 3),
  });
  try {
    const api = apiClient(server.url);
    await api.signUp();
    const { project } = await api.call<{ project: { id: string } }>('POST', '/projects', { name: 'bench' });
    const t0 = performance.now();
    const up = await uploadFile(`${server.url}/api/v1/projects/${project.id}/datasets`, api.token, file);
    if (up.status !== 202) throw new Error(`upload failed ${up.status} ${up.body}`);
    console.log(
      `${path.basename(file)}: answered 202 after ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const { dataset, job } = JSON.parse(up.body) as { dataset: { id: string }; job: { id: string } };
    const status = await waitForJob(server.url, api.token, job.id);
    if (status !== 'succeeded') throw new Error(`ingest of ${file} ended ${status}`);
    const seconds = (performance.now() - t0) / 1000;
    const peak = server.peakRssBytes();
    const v = await api.call<{ version: { rowCount: number; stats: { writtenWhileUploading?: boolean } } }>(
      'GET',
      `/datasets/${dataset.id}/versions/1`,
    );
    return {
      seconds,
      rows: v.version.rowCount,
      peak,
      streamed: v.version.stats.writtenWhileUploading === true,
    };
  } finally {
    await server.stop();
  }
}

{
  const a = await ingestOnFreshServer(small);
  const peakSmall = a.peak;
  const b = await ingestOnFreshServer(big);
  const peakBig = b.peak;
  console.log(
    `140 MB: ${a.rows} rows in ${a.seconds.toFixed(1)} s, peak RSS ${(peakSmall / 1e6).toFixed(0)} MB; ` +
      `${(fs.statSync(big).size / 1e9).toFixed(2)} GB: ${b.rows} rows in ${b.seconds.toFixed(1)} s, peak RSS ${(peakBig / 1e6).toFixed(0)} MB` +
      ` (written while uploading: ${b.streamed})`,
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
}
