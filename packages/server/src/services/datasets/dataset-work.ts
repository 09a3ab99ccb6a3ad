import { randomBytes } from 'node:crypto';
import { rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FsStorage } from '../../adapters/storage/fs-storage.ts';
import type { S3Storage } from '../../adapters/storage/s3-storage.ts';
import type { Storage } from '../../adapters/storage/storage.ts';
import type { Config } from '../../config/config.ts';
import type { JobContext } from '../../jobs/job-registry.ts';
import {
  type CastOutcome,
  type ColumnSchema,
  type CsvPlan,
  castSchema,
  type DuckEngine,
  type ExportFormat,
  exportVersion,
  hasCsvFooter,
  type IngestResult,
  ingestCsvStream,
  ingestFile,
  type ParseOptions,
  planCsvHead,
  type StorageType,
  versionStats,
} from './data-engine.ts';
import { toDatasetError } from './dataset-errors.ts';
import {
  rawCacheName,
  STREAMED_VERSION,
  UPLOAD_FIFO,
  uploadStreamDir,
  versionCacheName,
} from './dataset-keys.ts';
import { withJobEngine } from './job-engine.ts';
import { LocalFiles } from './local-files.ts';

export interface IngestWork {
  versionId: string;
  rawKey: string;
  contentHash: string;
  parquetKey: string;
  fileName: string | null;
  options: ParseOptions;
  /** Made from the file's head while it uploaded; the ingest then skips its own planning. */
  plan?: CsvPlan;
  /** The version written from `plan` while the file uploaded (see `streamIngest`). */
  streamed?: IngestResult;
}

export interface StreamIngestWork {
  versionId: string;
  fileName: string | null;
  options: ParseOptions;
  plan: CsvPlan;
}

export interface PlanHeadWork {
  head: Uint8Array;
  fileName: string | null;
  options: ParseOptions;
}

export interface CastWork {
  versionId: string;
  sourceVersionId: string;
  sourceParquetKey: string;
  sourceSchema: ColumnSchema[];
  parquetKey: string;
  overrides: Array<{ name: string; storageType: StorageType }>;
}

export interface ExportWork {
  versionId: string;
  parquetKey: string;
  exportKey: string;
  format: ExportFormat;
}

/** What an ingest or cast hands back to the main thread, to be written on the version row. */
export interface VersionResult {
  parquetBytes: number;
  rowCount: number;
  columnCount: number;
  columns: ColumnSchema[];
  warnings: unknown[];
  stats: Record<string, unknown>;
}

const isFile = (file: string) =>
  stat(file).then(
    (s) => s.isFile(),
    () => false,
  );

/** Widest version that gets per-column statistics at ingest. */
export const MAX_STATS_COLUMNS = 1000;

/**
 * The data work of dataset jobs, run inside a worker thread: no metadata DB, only storage, the
 * local file cache and a DuckDB engine opened for the job. Each method either stores its one
 * output object and returns a JSON result, or stores nothing and throws a typed UamError.
 */
export class DatasetWork {
  private constructor(
    private readonly config: Config,
    private readonly files: LocalFiles,
  ) {}

  /** Built once per thread from the platform config. */
  static create(config: Config): DatasetWork {
    const storage = threadStorage(config);
    const files = new LocalFiles(storage, {
      cacheDir: path.join(config.dataDir, 'cache'),
      maxCacheBytes: config.UAM_CACHE_MAX_BYTES,
    });
    return new DatasetWork(config, files);
  }

  async ingest(work: IngestWork, ctx: JobContext): Promise<VersionResult> {
    const streamDir = uploadStreamDir(this.config.dataDir, work.versionId);
    try {
      return await this.withEngine(
        ctx.jobId,
        async (engine, dir) => {
          // Written while the file uploaded: only summarised and stored here. Gone (the server
          // restarted in between) means the raw file is ingested as usual, and so do lines under
          // the table that the conversion could not tell from rows before the file's end.
          const streamed = path.join(streamDir, STREAMED_VERSION);
          ctx.progress(0, 'Fetching the file');
          const input = await this.files.localPath(work.rawKey, rawCacheName(work.contentHash));
          if (
            work.streamed &&
            (await isFile(streamed)) &&
            !(work.plan && (await hasCsvFooter(input, work.plan)))
          ) {
            return this.storeVersion(engine, work, streamed, work.streamed, ctx);
          }
          const output = path.join(dir, 'version.parquet');
          const r: IngestResult = await ingestFile(engine, {
            input,
            output,
            options: work.options,
            hint: work.fileName ? { fileName: work.fileName } : undefined,
            onProgress: (f, m) => ctx.progress(0.02 + 0.93 * f, m),
            signal: ctx.signal,
            csvPlan: work.plan,
          });
          return this.storeVersion(engine, work, output, r, ctx);
        },
        { readable: [streamDir] },
      );
    } finally {
      await rm(streamDir, { recursive: true, force: true });
    }
  }

  /**
   * Converts an upload while it arrives (`ingestCsvStream` on the pipe the upload feeds), into
   * its `uploadStreamDir`; null when the file has to be ingested from storage instead.
   */
  async streamIngest(work: StreamIngestWork, ctx: JobContext): Promise<IngestResult | null> {
    const streamDir = uploadStreamDir(this.config.dataDir, work.versionId);
    return this.withEngine(
      ctx.jobId,
      (engine) =>
        ingestCsvStream(engine, {
          input: path.join(streamDir, UPLOAD_FIFO),
          output: path.join(streamDir, STREAMED_VERSION),
          options: work.options,
          hint: work.fileName ? { fileName: work.fileName } : undefined,
          signal: ctx.signal,
          csvPlan: work.plan,
        }),
      { readable: [streamDir] },
    );
  }

  private async storeVersion(
    engine: DuckEngine,
    work: IngestWork,
    output: string,
    r: IngestResult,
    ctx: JobContext,
  ): Promise<VersionResult> {
    ctx.progress(0.95, 'Summarising the columns');
    const summary = await this.summary(engine, output, r.columnCount, ctx.signal);
    ctx.progress(0.97, 'Storing the version');
    const parquetBytes = await this.files.store(work.parquetKey, output, versionCacheName(work.versionId));
    const { columns, warnings, rowCount, columnCount, ...rest } = r;
    return {
      parquetBytes,
      rowCount,
      columnCount,
      columns,
      warnings,
      stats: {
        ...rest,
        parquetBytes,
        columns: summary.columns,
        plannedWhileUploading: work.plan !== undefined,
        writtenWhileUploading: work.streamed === r,
      },
    };
  }

  /**
   * The CSV plan of an upload's head (engine `planCsvHead`), or null. On one DuckDB thread: it
   * runs beside the upload, which keeps both cores busy (receiving, hashing, writing, and the
   * client sending), so a second thread mostly burnt CPU the upload needed (the plan took ~25 %
   * more CPU on two threads for ~20 % less time). 1M-row bench, upload to ready, 12 uploads
   * each way on 2 cores, interleaved: median 2.11 s on one thread, 2.30 s on two; the uploads
   * themselves 0.84 s against 0.98 s.
   */
  async planHead(work: PlanHeadWork, ctx: JobContext): Promise<CsvPlan | null> {
    return this.withEngine(
      ctx.jobId,
      async (engine, dir) => {
        const head = path.join(dir, 'head');
        await writeFile(head, work.head);
        const hint = work.fileName ? { fileName: work.fileName } : undefined;
        return planCsvHead(engine, { head, options: work.options, hint, signal: ctx.signal });
      },
      { threads: 1 },
    );
  }

  async cast(work: CastWork, ctx: JobContext): Promise<VersionResult> {
    return this.withEngine(ctx.jobId, async (engine, dir) => {
      ctx.progress(0, 'Fetching the source version');
      const input = await this.files.localPath(work.sourceParquetKey, versionCacheName(work.sourceVersionId));
      const output = path.join(dir, 'version.parquet');
      ctx.progress(0.1, 'Converting the columns');
      const r: CastOutcome = await castSchema(engine, {
        input,
        output,
        schema: work.sourceSchema,
        overrides: work.overrides,
        signal: ctx.signal,
      });
      ctx.progress(0.9, 'Summarising the columns');
      const summary = await this.summary(engine, output, r.columns.length, ctx.signal);
      ctx.progress(0.97, 'Storing the version');
      const parquetBytes = await this.files.store(work.parquetKey, output, versionCacheName(work.versionId));
      return {
        parquetBytes,
        rowCount: r.rowCount,
        columnCount: r.columns.length,
        columns: r.columns,
        warnings: r.warnings,
        stats: { parquetBytes, cast: r.report, columns: summary.columns },
      };
    });
  }

  async export(work: ExportWork, ctx: JobContext): Promise<{ bytes: number }> {
    return this.withEngine(ctx.jobId, async (engine, dir) => {
      const input = await this.files.localPath(work.parquetKey, versionCacheName(work.versionId));
      const output = path.join(dir, `export.${work.format}`);
      ctx.progress(0.05, `Writing ${work.format}`);
      await exportVersion(engine, input, work.format, output, ctx.signal);
      return { bytes: await this.files.store(work.exportKey, output) };
    });
  }

  /**
   * Per-column statistics for the version's detail page. Past MAX_STATS_COLUMNS they cost
   * more than the ingest itself (one aggregate per column), so very wide versions skip them.
   */
  private async summary(
    engine: DuckEngine,
    parquet: string,
    columnCount: number,
    signal: AbortSignal,
  ): Promise<{ columns: unknown[] | null }> {
    if (columnCount > MAX_STATS_COLUMNS) return { columns: null };
    return versionStats(engine, parquet, signal);
  }

  /** `opts`: more folders the job's DuckDB may use, or its thread count (see withJobEngine). */
  private withEngine<T>(
    jobId: string,
    fn: (engine: DuckEngine, dir: string) => Promise<T>,
    opts: Parameters<typeof withJobEngine>[5] = {},
  ): Promise<T> {
    return withJobEngine(this.config, this.files, jobId, toDatasetError, fn, opts);
  }
}

/**
 * The configured store, built directly: `createStorage` loads the S3 adapter with a dynamic
 * import(), which fails in worker threads on Node 20 under tsx; `require` goes through tsx's
 * CommonJS hook, which works there, and keeps the AWS SDK out of embedded installs. The API
 * process already made sure the root folder or bucket exists. Threads never sign download
 * links, so the signing secret is a throwaway.
 */
export function threadStorage(config: Config): Storage {
  const s = config.storage;
  if (s.kind === 'fs') {
    return new FsStorage({ root: s.root, signingSecret: randomBytes(24).toString('hex'), publicBaseUrl: '' });
  }
  const { S3Storage: S3 } = createRequire(import.meta.url)('../../adapters/storage/s3-storage.ts') as {
    S3Storage: typeof S3Storage;
  };
  return new S3({
    bucket: s.bucket,
    region: s.region,
    endpoint: s.endpoint,
    accessKeyId: s.accessKeyId,
    secretAccessKey: s.secretAccessKey,
    forcePathStyle: s.forcePathStyle,
  });
}
