import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The reference side of the scale benchmarks: Debian's Python with pandas, scikit-learn and
 * XGBoost running ../shared/tools/reference_bench.py on the same synthetic CSV, in the same run.
 */
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = process.env.UAM_SHARED_DIR ?? path.resolve(repo, '../shared');
export const CACHE = path.join(repo, 'bench', '.cache');
const PYTHON = '/usr/bin/python3';

/** Install the Debian packages the references need (root only; the bench machines are). */
export function ensurePythonPackages(modules: string[]): boolean {
  const missing = modules.filter((m) => spawnSync(PYTHON, ['-c', `import ${m}`]).status !== 0);
  if (missing.length === 0) return true;
  const pkgs = missing.map((m) => `python3-${m === 'sklearn' ? 'sklearn' : m}`);
  if (process.getuid?.() !== 0) {
    console.warn(`reference skipped: install ${pkgs.join(' ')}`);
    return false;
  }
  console.log(`installing ${pkgs.join(' ')} for the reference side...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env });
  return r.status === 0;
}

/** The deterministic 1M × 20 (and 100k) CSV from make_synth.py, generated once into bench/.cache. */
export function synthCsv(size: '1m' | '100k' = '1m'): string {
  const file = path.join(CACHE, `synth_${size}.csv`);
  if (!fs.existsSync(file)) {
    ensurePythonPackages(['pandas']);
    fs.mkdirSync(CACHE, { recursive: true });
    execFileSync(PYTHON, [path.join(SHARED, 'tools', 'make_synth.py'), CACHE], { stdio: 'inherit' });
  }
  warmPageCache(file);
  return file;
}

/**
 * Reads a file once so both sides of a bench start from the page cache: this VM's kernel
 * reclaims idle cache, and a first run that read the CSV from disk took 5.5 s to upload (the
 * reference, reading it after, did not pay for that).
 */
function warmPageCache(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(8 * 1024 * 1024);
    while (fs.readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    fs.closeSync(fd);
  }
}

export interface ReferenceRun {
  result: Record<string, number | string | unknown>;
  /** Peak resident memory of the whole reference process, bytes. */
  peakRssBytes: number;
  wallSeconds: number;
}

/** Run one reference_bench.py task under /usr/bin/time -v and return its JSON line + peak RSS. */
export function runReference(
  task: 'read' | 'profile' | 'hgb' | 'xgb',
  csv: string,
): ReferenceRun | undefined {
  const modules =
    task === 'hgb' ? ['pandas', 'sklearn'] : task === 'xgb' ? ['pandas', 'sklearn', 'xgboost'] : ['pandas'];
  if (!ensurePythonPackages(modules)) return undefined;
  // OpenBLAS tuning variables slow current numpy here; the reference runs without them.
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const t0 = performance.now();
  const r = spawnSync(
    '/usr/bin/time',
    ['-v', PYTHON, path.join(SHARED, 'tools', 'reference_bench.py'), task, csv],
    {
      encoding: 'utf8',
      env,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const wallSeconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`reference ${task} failed: ${r.stderr.slice(-2000)}`);
  const line = r.stdout.trim().split('\n').at(-1)!;
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1];
  return { result: JSON.parse(line), peakRssBytes: Number(kb ?? 0) * 1024, wallSeconds };
}
