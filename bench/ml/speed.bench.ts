/**
 * Speed bench: GBDT fit on the 1,000,000 × 20 synthetic set (make_synth.py), 80/20 stratified
 * split (the same rows as scikit-learn's), default settings (100 iterations max, 31 leaves, 255 bins, early stopping 'auto' as
 * scikit-learn), then holdout AUC and prediction throughput. When /usr/bin/python3 has
 * scikit-learn, runs reference_bench.py's `hgb` task in the same run and prints the ratio.
 *
 *   node --expose-gc --import tsx bench/ml/speed.bench.ts [CSV] [--no-reference]
 * CSV defaults to bench/.cache/synth_1m.csv (made once by make_synth.py).
 *
 * Memory: "peak RSS during fit" is the process's resident-set high-water mark (VmHWM, reset
 * through /proc/self/clear_refs just before the fit) minus the RSS of node + tsx + the modules
 * before any data is read. It therefore includes the train and test matrices themselves
 * (float32, ≈ the raw 80 MB), the fit's working memory, the histogram worker thread and heap
 * slack; the target is ≤ 2× the raw float32 matrix. `--expose-gc` lets the bench settle the
 * heap before each reading (without it the readings include uncollected garbage).
 *
 * Prediction: the first call (which includes binning, building the leaf tables and V8
 * compiling the generated kernels) and the steady state (best of three further calls), each as
 * rows per CPU-second of this single-threaded process, i.e. per core.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { GbdtClassifier, rocAuc } from '../../packages/engine/src/ml/index.ts';
import { synthCsv } from '../lib/reference.ts';
import { sklearnStratifiedTrainTestSplit } from './sklearn-folds.ts';
import { loadSynth, readSynthTarget, rowRange } from './synth-csv.ts';

const TOOLS = '/work/shared/tools';

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

/** Full GC, then let V8 finish freeing array buffers in the background (needs --expose-gc). */
async function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return;
  for (let i = 0; i < 2; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resident-set high-water mark in bytes (Linux), else the lifetime maximum. */
function peakRss(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {}
  return process.resourceUsage().maxRSS * 1024;
}

/** Reset the high-water mark to the current RSS; false when the kernel does not allow it. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const csv = args.find((a) => !a.startsWith('--')) ?? synthCsv('1m');
  if (!existsSync(csv)) {
    console.log(
      `${csv} is missing: run /usr/bin/python3 ${TOOLS}/make_synth.py ${csv.replace(/\/[^/]+$/, '')}`,
    );
    process.exit(1);
  }
  await settle();
  const rssBaseline = process.memoryUsage().rss;
  const t0 = performance.now();
  const { Xtr, ytr, Xte, yte, nRows } = await readAndSplit(csv);
  const tRead = (performance.now() - t0) / 1000;
  await settle();
  const rssData = process.memoryUsage().rss;
  const hwmReset = resetPeakRss();
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const clf = new GbdtClassifier({ seed: 0 }).fit(Xtr, ytr);
  const fitS = (performance.now() - t1) / 1000;
  const fitCpu = cpuSeconds(cpu1);
  const rssPeakFit = peakRss();
  const loadFit = os.loadavg()[0];
  const cpu2 = process.cpuUsage();
  const t2 = performance.now();
  const p = clf.predictProba(Xte);
  const predS = (performance.now() - t2) / 1000;
  const predCpu = cpuSeconds(cpu2);
  let warmCpu = Number.POSITIVE_INFINITY;
  let warmWall = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 3; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    clf.predictProba(Xte);
    warmWall = Math.min(warmWall, (performance.now() - t) / 1000);
    warmCpu = Math.min(warmCpu, cpuSeconds(c));
  }
  const auc = rocAuc(
    yte,
    Float64Array.from(yte, (_, i) => p[2 * i + 1]),
  );
  const rawF32 = nRows * 20 * 4;
  console.log(
    `UAM GBDT on ${csv}: ${nRows} rows (read ${tRead.toFixed(1)} s), train ${Xtr.nRows}, test ${Xte.nRows}`,
  );
  const m = Xte.nRows / 1e6;
  console.log(
    `  fit ${fitS.toFixed(2)} s wall (${fitCpu.toFixed(2)} s CPU, all threads), ${clf.fitInfo.nIterations} iterations (early stopping 'auto'); 1-min load ${loadFit.toFixed(1)} on ${os.availableParallelism()} cores`,
  );
  console.log(`  holdout AUC ${auc.toFixed(4)}`);
  console.log(
    `  predict ${Xte.nRows} rows, first call: ${predS.toFixed(3)} s wall, ${predCpu.toFixed(3)} s CPU = ${(m / predCpu).toFixed(2)} M rows/s/core (includes compiling the model's kernels)`,
  );
  console.log(
    `  predict ${Xte.nRows} rows, steady state (best of 3): ${warmWall.toFixed(3)} s wall, ${warmCpu.toFixed(3)} s CPU = ${(m / warmCpu).toFixed(2)} M rows/s/core (target ≥ 1)`,
  );
  const fitPeak = rssPeakFit - rssBaseline;
  console.log(
    `  RSS: node + modules ${mb(rssBaseline)}; with the train/test data loaded ${mb(rssData)} (+${mb(rssData - rssBaseline)}); ` +
      `peak during fit ${mb(rssPeakFit)}${hwmReset ? '' : ' (lifetime peak: /proc/self/clear_refs not writable)'}`,
  );
  console.log(
    `  peak RSS during fit above node + modules: ${mb(fitPeak)} = ${(fitPeak / rawF32).toFixed(2)}× the raw float32 matrix (${mb(rawF32)}; target ≤ 2×), ` +
      `of which the data ${mb(rssData - rssBaseline)} and the fit's working set ${mb(rssPeakFit - rssData)}`,
  );
  if (args.includes('--no-reference')) return;
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import sklearn, pandas'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log('(scikit-learn not importable by /usr/bin/python3: no reference ratio)');
    return;
  }
  const r = spawnSync('/usr/bin/python3', [`${TOOLS}/reference_bench.py`, 'hgb', csv], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`(reference failed: ${r.stderr.slice(-400)})`);
    return;
  }
  const ref = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
    fit_s: number;
    auc: number;
    n_iter: number;
    predict_s: number;
    test_rows: number;
  };
  console.log(
    `scikit-learn HGB (same run): fit ${ref.fit_s.toFixed(2)} s, ${ref.n_iter} iterations, AUC ${ref.auc.toFixed(4)}, predict ${(ref.test_rows / ref.predict_s / 1e6).toFixed(2)} M rows/s`,
  );
  console.log(
    `load average during the run: ${os
      .loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')} (on a shared machine both sides slow down)`,
  );
  console.log(
    `ratio UAM / scikit-learn fit time: ${(fitS / ref.fit_s).toFixed(2)}× (target ≤ 1.5×); AUC Δ ${(auc - ref.auc).toFixed(4)} (target ≥ −0.002)`,
  );
}

/**
 * The train and test matrices, as scikit-learn's train_test_split(stratify=y, random_state=0)
 * picks them (same rows, same training order). The file is read straight into that order, so
 * the two parts are views of one matrix: no copy, and peak RSS counts the data once.
 */
async function readAndSplit(csv: string) {
  const y = readSynthTarget(csv);
  const split = sklearnStratifiedTrainTestSplit(y, 0.2, 0);
  const nTrain = split.train.length;
  const place = new Int32Array(y.length);
  for (let k = 0; k < nTrain; k++) place[split.train[k]] = k;
  for (let k = 0; k < split.test.length; k++) place[split.test[k]] = nTrain + k;
  // Free the split's scratch arrays before the matrix is allocated, so it can reuse their memory.
  await settle();
  const { X } = loadSynth(csv, place);
  return {
    nRows: X.nRows,
    Xtr: rowRange(X, 0, nTrain),
    ytr: pick(y, split.train),
    Xte: rowRange(X, nTrain, X.nRows),
    yte: pick(y, split.test),
  };
}

/** y[rows] (a plain loop: TypedArray.from with a map function builds a JS array first). */
function pick(y: Int32Array, rows: Uint32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = y[rows[i]];
  return out;
}

await main();
