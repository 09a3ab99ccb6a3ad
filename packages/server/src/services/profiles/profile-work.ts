import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config/config.ts';
import type { JobContext } from '../../jobs/job-registry.ts';
import { type ColumnSchema, type DuckEngine, versionStats } from '../datasets/data-engine.ts';
import { versionCacheName } from '../datasets/dataset-keys.ts';
import { MAX_STATS_COLUMNS, threadStorage, type VersionResult } from '../datasets/dataset-work.ts';
import { withJobEngine } from '../datasets/job-engine.ts';
import { LocalFiles } from '../datasets/local-files.ts';
import {
  applyRecipe,
  type DriftReport,
  driftBetween,
  type Profile,
  profileVersion,
  type Recipe,
} from './eda-engine.ts';
import { toEdaError } from './eda-errors.ts';

export interface VersionRef {
  versionId: string;
  parquetKey: string;
  schema: ColumnSchema[];
}

export interface ProfileWorkInput extends VersionRef {
  target: string | null;
  resultKey: string;
}

/** What a profile job hands back: the stored JSON's key plus what the profiles row keeps. */
export interface ProfileResult {
  resultKey: string;
  resultBytes: number;
  qualityScore: number;
  summary: Record<string, unknown>;
}

export interface CleanWorkInput {
  versionId: string;
  source: VersionRef;
  parquetKey: string;
  recipe: Record<string, unknown>;
}

/**
 * The engine work of profile, clean and drift jobs, inside a worker thread: storage, the local
 * file cache and a DuckDB opened per job; never the metadata DB (see dataset-work.ts).
 */
export class ProfileWork {
  private constructor(
    private readonly config: Config,
    private readonly files: LocalFiles,
  ) {}

  static create(config: Config): ProfileWork {
    const files = new LocalFiles(threadStorage(config), {
      cacheDir: path.join(config.dataDir, 'cache'),
      maxCacheBytes: config.UAM_CACHE_MAX_BYTES,
    });
    return new ProfileWork(config, files);
  }

  async profile(work: ProfileWorkInput, ctx: JobContext): Promise<ProfileResult> {
    return this.withEngine(ctx.jobId, async (engine, dir) => {
      ctx.progress(0, 'Fetching the version');
      const parquetPath = await this.local(work);
      const profile: Profile = await profileVersion(engine, {
        parquetPath,
        columns: work.schema,
        target: work.target ?? undefined,
        onProgress: (f, m) => ctx.progress(0.02 + 0.9 * f, m),
        signal: ctx.signal,
      });
      ctx.progress(0.95, 'Storing the profile');
      const file = path.join(dir, 'profile.json');
      await writeFile(file, JSON.stringify(profile));
      const resultBytes = await this.files.store(work.resultKey, file);
      return {
        resultKey: work.resultKey,
        resultBytes,
        qualityScore: profile.quality.score,
        summary: profileSummary(profile),
      };
    });
  }

  async clean(work: CleanWorkInput, ctx: JobContext): Promise<VersionResult> {
    return this.withEngine(ctx.jobId, async (engine, dir) => {
      ctx.progress(0, 'Fetching the source version');
      const input = await this.local(work.source);
      const output = path.join(dir, 'version.parquet');
      ctx.progress(0.1, 'Applying the recipe');
      const r = await applyRecipe(engine, {
        input,
        output,
        // Validated by the API before the job existed, and again by the engine here.
        recipe: work.recipe as unknown as Recipe,
        columns: work.source.schema,
        signal: ctx.signal,
      });
      ctx.progress(0.85, 'Summarising the columns');
      const summary =
        r.columns.length > MAX_STATS_COLUMNS
          ? { columns: null }
          : await versionStats(engine, output, ctx.signal);
      ctx.progress(0.95, 'Storing the version');
      const parquetBytes = await this.files.store(work.parquetKey, output, versionCacheName(work.versionId));
      return {
        parquetBytes,
        rowCount: r.rowCount,
        columnCount: r.columns.length,
        columns: r.columns,
        warnings: [],
        stats: { parquetBytes, clean: r.diff, columns: summary.columns },
      };
    });
  }

  async drift(work: { from: VersionRef; to: VersionRef }, ctx: JobContext): Promise<DriftReport> {
    return this.withEngine(ctx.jobId, async (engine) => {
      ctx.progress(0, 'Fetching the versions');
      const [from, to] = [await this.local(work.from), await this.local(work.to)];
      ctx.progress(0.1, 'Comparing the versions');
      return driftBetween(engine, {
        from: { parquetPath: from, columns: work.from.schema },
        to: { parquetPath: to, columns: work.to.schema },
        signal: ctx.signal,
      });
    });
  }

  private local(v: { versionId: string; parquetKey: string }): Promise<string> {
    return this.files.localPath(v.parquetKey, versionCacheName(v.versionId));
  }

  private withEngine<T>(jobId: string, fn: (engine: DuckEngine, dir: string) => Promise<T>): Promise<T> {
    return withJobEngine(this.config, this.files, jobId, toEdaError, fn);
  }
}

/** The part of a profile the profiles row keeps, for lists and artifact cards. */
export function profileSummary(p: Profile): Record<string, unknown> {
  const alerts = { critical: 0, warning: 0, info: 0 };
  for (const a of p.alerts) alerts[a.severity]++;
  return {
    rows: p.dataset.rows,
    columns: p.dataset.columns,
    alerts,
    duplicates: p.dataset.duplicates.count,
    missingCellsPct: p.dataset.missingCellsPct,
    insights: p.insights.slice(0, 3),
    durationMs: p.durationMs,
  };
}
