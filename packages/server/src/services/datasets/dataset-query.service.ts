import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Storage } from '../../adapters/storage/storage.ts';
import { UamError } from '../../errors/index.ts';
import { DATASET_JOB_TYPES } from '../../jobs/dataset.jobs.ts';
import type { Logger } from '../../logger.ts';
import type { JobService } from '../job.service.ts';
import type { Principal } from '../principal.ts';
import type { DuckEngine, ExportFormat, RowsPage, SortKey } from './data-engine.ts';
import type { DatasetAccess } from './dataset-access.ts';
import { toDatasetError } from './dataset-errors.ts';
import { exportKey, versionCacheName } from './dataset-keys.ts';
import { exportFileName } from './file-name.ts';
import type { LocalFiles } from './local-files.ts';
import { Semaphore } from './semaphore.ts';

export interface DatasetQueryDeps {
  access: DatasetAccess;
  jobs: JobService;
  storage: Storage;
  files: LocalFiles;
  logger: Logger;
  /** Scratch folder of the API's DuckDB (spill files). */
  engineDir: string;
  engine: { threads: number; memoryLimit: string };
  queryTimeoutMs: number;
  queryConcurrency: number;
  signedUrlTtlSeconds: number;
  /** How long a download request waits for its export to be written. */
  exportWaitMs: number;
}

export interface RowsQuery {
  version?: number;
  offset: number;
  limit: number;
  sort: SortKey[];
  filter?: string;
}

export interface RowsAnswer extends RowsPage {
  version: number;
  offset: number;
  limit: number;
}

export interface DownloadLink {
  url: string;
  expiresAt: string;
  fileName: string;
  format: ExportFormat;
  version: number;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Reading dataset versions from the API process: pages of rows served by one long-lived
 * DuckDB over the versions' Parquet files (async, off the event loop; concurrency capped and
 * each query bounded in time), and export downloads as signed links to an export object that
 * a `dataset.export` job writes once per (version, format).
 */
export class DatasetQueryService {
  private engine: Promise<DuckEngine> | undefined;
  private readonly slots: Semaphore;

  constructor(private readonly d: DatasetQueryDeps) {
    this.slots = new Semaphore(d.queryConcurrency);
  }

  async rows(p: Principal, datasetId: string, q: RowsQuery): Promise<RowsAnswer> {
    const dataset = await this.d.access.dataset(p, datasetId, 'read');
    const version = await this.d.access.readyVersion(dataset, q.version);
    const file = await this.d.files.localPath(version.parquet_key!, versionCacheName(version.id));
    const engine = await this.openEngine();
    const page = await this.slots.run(this.d.queryTimeoutMs, async () => {
      const signal = AbortSignal.timeout(this.d.queryTimeoutMs);
      try {
        const { queryRows } = await loadEngine();
        return await queryRows(engine, file, {
          offset: q.offset,
          limit: q.limit,
          sort: q.sort,
          filter: q.filter,
          signal,
        });
      } catch (e) {
        if (signal.aborted) {
          throw new UamError('QUERY_TIMEOUT', `The query took longer than ${this.d.queryTimeoutMs} ms`, {
            timeoutMs: this.d.queryTimeoutMs,
          });
        }
        throw toDatasetError(e);
      }
    });
    return { ...page, version: version.number, offset: q.offset, limit: q.limit };
  }

  async download(
    p: Principal,
    datasetId: string,
    q: { version?: number; format: ExportFormat },
  ): Promise<DownloadLink> {
    const dataset = await this.d.access.dataset(p, datasetId, 'read');
    const version = await this.d.access.readyVersion(dataset, q.version);
    // The version itself is Parquet: nothing to convert.
    const key =
      q.format === 'parquet'
        ? version.parquet_key!
        : exportKey(dataset.project_id, dataset.id, version.id, q.format);
    if (q.format !== 'parquet' && !(await this.d.storage.exists(key))) {
      const job = await this.d.jobs.create({
        type: DATASET_JOB_TYPES.export,
        payload: {
          versionId: version.id,
          parquetKey: version.parquet_key!,
          exportKey: key,
          format: q.format,
        },
        orgId: p.orgId,
        projectId: dataset.project_id,
        createdBy: p.userId,
      });
      const done = await this.d.jobs.waitFor(job.id, this.d.exportWaitMs);
      if (done.status !== 'succeeded') {
        throw UamError.fromJSON(
          done.error ?? { code: 'JOB_FAILED', message: `The export job ${done.status}` },
        );
      }
    }
    const fileName = exportFileName(dataset.name, version.number, q.format);
    const expiresAt = new Date(Date.now() + this.d.signedUrlTtlSeconds * 1000);
    const url = await this.d.storage.signedUrl(key, {
      expiresInSeconds: this.d.signedUrlTtlSeconds,
      fileName,
      contentType: CONTENT_TYPES[q.format],
    });
    return { url, expiresAt: expiresAt.toISOString(), fileName, format: q.format, version: version.number };
  }

  /**
   * Run `fn` on the API's DuckDB like a rows query: in a concurrency slot, aborted and
   * answered QUERY_TIMEOUT past `queryTimeoutMs` (clean previews use it). Other errors are
   * `fn`'s to map.
   */
  async run<T>(fn: (engine: DuckEngine, signal: AbortSignal) => Promise<T>): Promise<T> {
    const engine = await this.openEngine();
    return this.slots.run(this.d.queryTimeoutMs, async () => {
      const signal = AbortSignal.timeout(this.d.queryTimeoutMs);
      try {
        return await fn(engine, signal);
      } catch (e) {
        if (signal.aborted) {
          throw new UamError('QUERY_TIMEOUT', `The query took longer than ${this.d.queryTimeoutMs} ms`, {
            timeoutMs: this.d.queryTimeoutMs,
          });
        }
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    if (engine) await (await engine.catch(() => undefined))?.close();
  }

  /** One engine for the process, opened on first use and confined to the readable folders. */
  private openEngine(): Promise<DuckEngine> {
    this.engine ??= (async () => {
      await mkdir(this.d.engineDir, { recursive: true });
      for (const root of this.d.files.readableRoots()) await mkdir(root, { recursive: true });
      const { openEngine } = await loadEngine();
      return openEngine({
        threads: this.d.engine.threads,
        memoryLimit: this.d.engine.memoryLimit,
        tempDir: path.join(this.d.engineDir),
        allowedDirectories: this.d.files.readableRoots(),
      });
    })();
    this.engine.catch(() => {
      this.engine = undefined;
    });
    return this.engine;
  }
}

/** The engine, loaded on the first query (DuckDB is large; many API processes never query). */
const loadEngine = () => import('./data-engine.ts');

/**
 * `sort=col:desc,col2` → sort keys; the direction defaults to ascending. A column name may
 * itself contain `:` (only a trailing `:asc`/`:desc` is a direction).
 */
export function parseSort(text: string | undefined): SortKey[] {
  if (!text) return [];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^(.*):(asc|desc)$/i.exec(part);
      return m
        ? { column: m[1]!, direction: m[2]!.toLowerCase() as SortKey['direction'] }
        : { column: part, direction: 'asc' as const };
    });
}
