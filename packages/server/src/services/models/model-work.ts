import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelTask } from '../../adapters/db/schema.ts';
import type { Config } from '../../config/config.ts';
import type { JobContext } from '../../jobs/job-registry.ts';
import { jobWorkDir, versionCacheName } from '../datasets/dataset-keys.ts';
import { threadStorage } from '../datasets/dataset-work.ts';
import { LocalFiles } from '../datasets/local-files.ts';
import type { Algorithm, Validation } from './model-catalog.ts';
import { loadMatrix, type Matrix, openEngine } from './model-engine.ts';
import { toTrainError } from './model-errors.ts';
import { trainModel, type Warning } from './train-model.ts';

export interface TrainWork {
  modelId: string;
  versionId: string;
  parquetKey: string;
  artifactKey: string;
  target: string | null;
  task: ModelTask;
  algorithm: Algorithm;
  params: Record<string, unknown>;
  validation: Validation;
  seed: number;
}

/** What a training job hands back to the main thread, to be written on the model row. */
export interface TrainResult {
  metrics: Record<string, unknown>;
  report: Record<string, unknown>;
  features: string[];
  warnings: Warning[];
  artifactBytes: number;
}

/**
 * The work of `model.train`, inside a worker thread: read the version's Parquet into a matrix
 * (DuckDB, then closed to give its memory back), train and evaluate, store the artifact last.
 * Throws a typed UamError; a failed run stores nothing.
 */
export class ModelWork {
  private constructor(
    private readonly config: Config,
    private readonly files: LocalFiles,
  ) {}

  static create(config: Config): ModelWork {
    const files = new LocalFiles(threadStorage(config), {
      cacheDir: path.join(config.dataDir, 'cache'),
      maxCacheBytes: config.UAM_CACHE_MAX_BYTES,
    });
    return new ModelWork(config, files);
  }

  async train(work: TrainWork, ctx: JobContext): Promise<TrainResult> {
    const dir = jobWorkDir(this.config.dataDir, ctx.jobId);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    try {
      ctx.progress(0, 'Reading the dataset version');
      const data = await this.load(work, dir, ctx.signal);
      ctx.progress(0.1, `Read ${data.nRows} rows × ${data.nCols} columns`);
      const outcome = trainModel(
        data,
        { ...work },
        { progress: (f, m) => ctx.progress(f, m), signal: ctx.signal },
      );
      ctx.progress(0.98, 'Storing the model');
      const file = path.join(dir, 'artifact.json');
      await writeFile(file, JSON.stringify(outcome.artifact));
      const artifactBytes = await this.files.store(work.artifactKey, file);
      return {
        metrics: outcome.metrics,
        report: outcome.report,
        features: outcome.features,
        warnings: outcome.warnings,
        artifactBytes,
      };
    } catch (e) {
      throw toTrainError(e);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async load(work: TrainWork, dir: string, signal: AbortSignal): Promise<Matrix> {
    const input = await this.files.localPath(work.parquetKey, versionCacheName(work.versionId));
    const engine = await openEngine({
      threads: this.config.UAM_ENGINE_THREADS,
      memoryLimit: this.config.UAM_ENGINE_MEMORY_LIMIT,
      tempDir: path.join(dir, 'engine'),
      allowedDirectories: [...this.files.readableRoots(), dir],
    });
    try {
      return (await loadMatrix(engine, input, { signal })).matrix;
    } finally {
      await engine.close().catch(() => {});
    }
  }
}
