import crypto from 'node:crypto';
import { statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Storage } from '../../adapters/storage/storage.ts';
import { UamError } from '../../errors/index.ts';
import { DATASET_JOB_TYPES } from '../../jobs/dataset.jobs.ts';
import type { Logger } from '../../logger.ts';
import type {
  DatasetRepository,
  DatasetRow,
  DatasetVersionRow,
} from '../../repositories/dataset.repository.ts';
import type { JobService, JobView } from '../job.service.ts';
import type { Principal } from '../principal.ts';
import type { ProjectService } from '../project.service.ts';
import type { ColumnSchema, ParseOptions, StorageType } from './data-engine.ts';
import { type DatasetService, normalizeTags } from './dataset.service.ts';
import type { DatasetAccess } from './dataset-access.ts';
import { parquetKey, rawKey } from './dataset-keys.ts';
import { type DatasetVersionView, type DatasetView, toDatasetView, toVersionView } from './dataset-view.ts';
import { datasetNameFrom } from './file-name.ts';
import { EARLY_HEAD_BYTES, type HeadPlan, tapHead } from './head-plan.ts';
import { canonicalOptions, ENGINE_DEFAULTS } from './parse-options.ts';
import { streamUpload, type UploadStream, worthStreaming } from './upload-stream.ts';

export interface DatasetUploadDeps {
  datasets: DatasetRepository;
  service: DatasetService;
  projects: ProjectService;
  access: DatasetAccess;
  jobs: JobService;
  storage: Storage;
  logger: Logger;
  maxUploadBytes: number;
  /** Get a worker thread ready while the file streams in, so the ingest starts warm. */
  warmWorkers?: () => void;
  /** Plans a CSV from the head of an upload still streaming in (see head-plan.ts). */
  planHead?: (
    head: Uint8Array,
    request: { fileName: string | null; options: ParseOptions },
    signal: AbortSignal,
  ) => Promise<unknown>;
  /** Converts an upload from its head's plan while it still streams in (see upload-stream.ts). */
  streamIngest?: (
    request: { versionId: string; fileName: string | null; options: ParseOptions; plan: unknown },
    signal: AbortSignal,
  ) => Promise<unknown>;
  /** The scratch folder of a version's conversion during upload (`uploadStreamDir`). */
  streamDir?: (versionId: string) => string;
}

/** Where an upload goes: a new dataset in a project, or a new version of a dataset. */
export type UploadTarget = { projectId: string } | { datasetId: string };

/** A raw file already in storage, waiting for its version row (`commit`) or removal (`discard`). */
export interface StagedUpload {
  projectId: string;
  datasetId: string;
  isNew: boolean;
  versionId: string;
  rawKey: string;
  bytes: number;
  sha256: string;
  fileName: string | null;
  /** The ingest plan made from the file's head while it uploaded, when one was started. */
  headPlan?: HeadPlan;
  /** The version written from that plan while the file uploaded, when one was started. */
  stream?: UploadStream;
}

export interface UploadFields {
  name?: string;
  description?: string;
  tags?: string[];
  options: ParseOptions;
}

export interface UploadOutcome {
  dataset: DatasetView;
  version: DatasetVersionView;
  /** The ingest job; null when the upload was a duplicate and nothing new was started. */
  job: JobView | null;
  /** Set when these bytes (with these options) already made a version: that version. */
  duplicateOf: { datasetId: string; versionId: string; number: number } | null;
}

export interface SchemaOverride {
  version?: number;
  columns: Array<{ name: string; storageType: StorageType }>;
}

/**
 * Uploads and derived versions. An upload is two steps around the HTTP body: `stage` streams
 * the file to storage (after the access check, before any row exists), `commit` writes the
 * dataset/version rows in one transaction and starts the ingest job. A failure between them
 * `discard`s the staged object, so an upload leaves either a version or nothing.
 */
export class DatasetUploadService {
  constructor(private readonly d: DatasetUploadDeps) {}

  /**
   * Check access, then stream `file` to a new raw object (PAYLOAD_TOO_LARGE past the limit).
   * With the parse options sent before the file, a large CSV's head is planned meanwhile.
   */
  async stage(
    p: Principal,
    target: UploadTarget,
    file: Readable,
    fileName: string | null,
    options?: ParseOptions,
    /** The request's declared length, which bounds the file's. */
    requestBytes?: number,
  ): Promise<StagedUpload> {
    let projectId: string;
    let datasetId: string;
    let isNew: boolean;
    try {
      if ('projectId' in target) {
        await this.d.projects.authorize(p, target.projectId, 'write');
        projectId = target.projectId;
        datasetId = crypto.randomUUID();
        isNew = true;
      } else {
        const dataset = await this.d.access.dataset(p, target.datasetId, 'write');
        projectId = dataset.project_id;
        datasetId = dataset.id;
        isNew = false;
      }
      this.d.warmWorkers?.();
    } catch (e) {
      file.destroy();
      throw e;
    }
    const versionId = crypto.randomUUID();
    const key = rawKey(projectId, datasetId, versionId);
    const planHead = this.d.planHead;
    // Where the store writes the bytes (filesystem store), and whether it has finished.
    let spool: string | undefined;
    let stored = false;
    const arriving = performance.now();
    let stream: UploadStream | undefined;
    const startStream = (plan: unknown) => {
      const { streamIngest, streamDir } = this.d;
      if (!streamIngest || !streamDir || !spool || stored || !options) return;
      const arrived = statSync(spool, { throwIfNoEntry: false })?.size ?? 0;
      if (!worthStreaming(arrived, requestBytes, performance.now() - arriving)) return;
      stream = streamUpload({
        dir: streamDir(versionId),
        spool,
        plan,
        ingest: (p, signal) => streamIngest({ versionId, fileName, options, plan: p }, signal),
        onError: (err) =>
          this.d.logger.warn({ err }, 'converting an upload while it arrived failed; its ingest will'),
      });
    };
    const tapped =
      planHead && options
        ? tapHead(
            file,
            canonicalOptions(options),
            (head, signal) => planHead(head, { fileName, options }, signal),
            (err) =>
              this.d.logger.warn({ err }, 'planning an upload from its head failed; its ingest will plan'),
            startStream,
            // A smaller head may do unless the sniffer may read past it.
            (options.maxLineBytes ?? ENGINE_DEFAULTS.maxLineBytes) < EARLY_HEAD_BYTES
              ? (options.sampleRows ?? ENGINE_DEFAULTS.sampleRows)
              : undefined,
          )
        : undefined;
    let put: Awaited<ReturnType<Storage['put']>>;
    try {
      put = await this.d.storage.put(key, tapped?.stream ?? file, {
        maxBytes: this.d.maxUploadBytes,
        onLocalFile: (p) => {
          spool = p;
        },
      });
    } catch (e) {
      tapped?.headPlan.cancel();
      stream?.cancel();
      throw e;
    } finally {
      stored = true;
    }
    stream?.finish(put.bytes);
    return {
      headPlan: tapped?.headPlan,
      stream,
      projectId,
      datasetId,
      isNew,
      versionId,
      rawKey: key,
      bytes: put.bytes,
      sha256: put.sha256,
      fileName,
    };
  }

  async discard(staged: StagedUpload): Promise<void> {
    staged.headPlan?.cancel();
    staged.stream?.cancel();
    await this.dropRaw(staged);
  }

  private async dropRaw(staged: StagedUpload): Promise<void> {
    await this.d.storage.delete(staged.rawKey).catch((err) => {
      this.d.logger.warn({ err, key: staged.rawKey }, 'could not remove a staged upload');
    });
  }

  /** Write the rows and start the ingest, or answer with the existing identical version. */
  async commit(p: Principal, staged: StagedUpload, fields: UploadFields): Promise<UploadOutcome> {
    try {
      return await this.commitStaged(p, staged, fields);
    } finally {
      staged.headPlan?.cancel();
      staged.stream?.cancel();
    }
  }

  private async commitStaged(
    p: Principal,
    staged: StagedUpload,
    fields: UploadFields,
  ): Promise<UploadOutcome> {
    const dedupeKey = sha256(`${staged.sha256}\n${canonicalOptions(fields.options)}`);
    if (staged.isNew) {
      const same = await this.d.datasets.findDuplicateInProject(staged.projectId, dedupeKey);
      if (same) return this.duplicate(staged, same);
    }
    // After the duplicate check (a duplicate never waits for a plan it would not use), before
    // any row exists (a version is not left without its job while the plan finishes).
    const plan = await staged.headPlan?.take(canonicalOptions(fields.options));
    // The version being written from that plan while the file arrived (same options only).
    const stream = plan === undefined ? undefined : staged.stream;
    // Same bytes under other options: share the raw object already stored for them.
    const sameBytes = staged.isNew
      ? undefined
      : await this.d.datasets.findByContentHash(staged.datasetId, staged.sha256);
    const jobId = crypto.randomUUID();
    const outcome = await this.d.datasets.createVersion({
      dataset: staged.isNew
        ? {
            id: staged.datasetId,
            projectId: staged.projectId,
            name: fields.name ?? datasetNameFrom(staged.fileName),
            description: fields.description ?? '',
            tags: normalizeTags(fields.tags ?? []),
            createdBy: p.userId,
          }
        : undefined,
      version: {
        id: staged.versionId,
        datasetId: staged.datasetId,
        sourceFileName: staged.fileName,
        rawKey: sameBytes?.raw_key ?? staged.rawKey,
        rawBytes: staged.bytes,
        contentHash: staged.sha256,
        dedupeKey,
        parquetKey: parquetKey(staged.projectId, staged.datasetId, staged.versionId),
        lineage: { kind: 'upload' },
        parseOptions: fields.options as Record<string, unknown>,
        jobId,
        duplicateOf: sameBytes?.id ?? null,
        createdBy: p.userId,
      },
    });
    if (outcome.kind === 'duplicate') return this.duplicate(staged, outcome.version, outcome.dataset);
    // Only the raw copy goes: a version converted while it arrived is the same bytes' version.
    if (sameBytes) await this.dropRaw(staged);
    if (staged.isNew) await this.d.service.refreshSearch(outcome.dataset);
    const version = outcome.version;
    const job = await this.d.jobs.create({
      id: jobId,
      type: DATASET_JOB_TYPES.ingest,
      payload: {
        versionId: version.id,
        rawKey: version.raw_key!,
        contentHash: staged.sha256,
        parquetKey: version.parquet_key!,
        fileName: staged.fileName,
        options: fields.options,
        ...(plan === undefined ? {} : { plan }),
      },
      orgId: p.orgId,
      projectId: staged.projectId,
      createdBy: p.userId,
      // Answer now; the job is queued once the conversion ends, with its result if it has one.
      after: stream?.take().then((streamed) => (streamed === undefined ? undefined : { streamed })),
    });
    // The job owns the conversion's folder now (it removes it, or its failure hook does).
    stream?.release();
    return {
      dataset: toDatasetView(outcome.dataset),
      version: toVersionView(version),
      job,
      duplicateOf: null,
    };
  }

  /**
   * `PATCH /datasets/:id/schema`: a `dataset.cast` job writes a new version with the given
   * storage types (lineage `schema_change`, parent = the source version). Values that do not
   * convert are counted and exemplified in the new version's warnings.
   */
  async overrideSchema(
    p: Principal,
    datasetId: string,
    change: SchemaOverride,
  ): Promise<{ version: DatasetVersionView; job: JobView | null; duplicateOf: string | null }> {
    const dataset = await this.d.access.dataset(p, datasetId, 'write');
    const source = await this.d.access.readyVersion(dataset, change.version);
    const schema = (source.schema ?? []) as ColumnSchema[];
    const overrides = effectiveOverrides(schema, change.columns);
    const dedupeKey = sha256(`schema:${source.id}\n${JSON.stringify(overrides)}`);
    const versionId = crypto.randomUUID();
    const jobId = crypto.randomUUID();
    const outcome = await this.d.datasets.createVersion({
      version: {
        id: versionId,
        datasetId,
        sourceFileName: source.source_file_name,
        rawKey: null,
        rawBytes: null,
        contentHash: null,
        dedupeKey,
        parquetKey: parquetKey(dataset.project_id, datasetId, versionId),
        lineage: { kind: 'schema_change', parentVersionId: source.id, overrides },
        parseOptions: source.parse_options,
        jobId,
        duplicateOf: null,
        createdBy: p.userId,
      },
    });
    if (outcome.kind === 'duplicate') {
      return { version: toVersionView(outcome.version), job: null, duplicateOf: outcome.version.id };
    }
    const job = await this.d.jobs.create({
      id: jobId,
      type: DATASET_JOB_TYPES.cast,
      payload: {
        versionId,
        sourceVersionId: source.id,
        sourceParquetKey: source.parquet_key!,
        sourceSchema: schema,
        parquetKey: outcome.version.parquet_key!,
        overrides,
      },
      orgId: p.orgId,
      projectId: dataset.project_id,
      createdBy: p.userId,
    });
    return { version: toVersionView(outcome.version), job, duplicateOf: null };
  }

  private async duplicate(
    staged: StagedUpload,
    version: DatasetVersionRow,
    dataset?: DatasetRow,
  ): Promise<UploadOutcome> {
    await this.discard(staged);
    const owner = dataset ?? (await this.d.datasets.findDataset(version.dataset_id))!;
    return {
      dataset: toDatasetView(owner),
      version: toVersionView(version),
      job: null,
      duplicateOf: { datasetId: owner.id, versionId: version.id, number: version.number },
    };
  }
}

/** Overrides that change something, checked against the schema (unknown column → COLUMN_NOT_FOUND). */
function effectiveOverrides(
  schema: ColumnSchema[],
  columns: SchemaOverride['columns'],
): Array<{ name: string; storageType: StorageType }> {
  const byName = new Map(schema.map((c) => [c.name, c]));
  const seen = new Set<string>();
  const changes: Array<{ name: string; storageType: StorageType }> = [];
  for (const c of columns) {
    const current = byName.get(c.name);
    if (!current) throw new UamError('COLUMN_NOT_FOUND', `No column named "${c.name}"`, { column: c.name });
    if (seen.has(c.name)) {
      throw new UamError('VALIDATION_ERROR', `Column "${c.name}" is given twice`, {
        issues: [{ path: 'columns', message: `duplicate column ${c.name}` }],
      });
    }
    seen.add(c.name);
    if (current.storageType !== c.storageType) changes.push({ name: c.name, storageType: c.storageType });
  }
  if (changes.length === 0) {
    throw new UamError('VALIDATION_ERROR', 'Every column already has the requested type; nothing to change', {
      issues: [{ path: 'columns', message: 'no change' }],
    });
  }
  return changes;
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}
