import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config/config.ts';
import { type DuckEngine, openEngine } from './data-engine.ts';
import { jobWorkDir } from './dataset-keys.ts';
import type { LocalFiles } from './local-files.ts';

/**
 * Run a data job's work on a fresh DuckDB confined to the readable roots and the job's scratch
 * folder (its spill files included); both go away after, whatever happens. `mapError` turns an
 * engine failure into the job's typed error.
 */
export async function withJobEngine<T>(
  config: Config,
  files: LocalFiles,
  jobId: string,
  mapError: (e: unknown) => unknown,
  fn: (engine: DuckEngine, dir: string) => Promise<T>,
  opts: {
    /** More folders the job's DuckDB may read and write. */
    readable?: string[];
    /** DuckDB threads, if not UAM_ENGINE_THREADS. */
    threads?: number;
  } = {},
): Promise<T> {
  const dir = jobWorkDir(config.dataDir, jobId);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let engine: DuckEngine | undefined;
  try {
    engine = await openEngine({
      threads: opts.threads ?? config.UAM_ENGINE_THREADS,
      memoryLimit: config.UAM_ENGINE_MEMORY_LIMIT,
      tempDir: path.join(dir, 'engine'),
      allowedDirectories: [...files.readableRoots(), dir, ...(opts.readable ?? [])],
    });
    return await fn(engine, dir);
  } catch (e) {
    throw mapError(e);
  } finally {
    await engine?.close().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}
