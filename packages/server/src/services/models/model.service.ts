import crypto from 'node:crypto';
import { text } from 'node:stream/consumers';
import type { ModelTask } from '../../adapters/db/schema.ts';
import type { Storage } from '../../adapters/storage/storage.ts';
import { isUamError, UamError } from '../../errors/index.ts';
import { MODEL_JOB_TYPES } from '../../jobs/model.jobs.ts';
import type { Logger } from '../../logger.ts';
import type { ModelRepository, ModelRow } from '../../repositories/model.repository.ts';
import type { SearchRepository } from '../../repositories/search.repository.ts';
import type { DatasetAccess } from '../datasets/dataset-access.ts';
import { datasetPrefix } from '../datasets/dataset-keys.ts';
import type { JobService, JobView } from '../job.service.ts';
import { decodeCursor, encodeCursor, type Page } from '../pagination.ts';
import type { Principal } from '../principal.ts';
import type { ProjectAccess, ProjectService } from '../project.service.ts';
import { ModelCache } from './model-cache.ts';
import {
  type Algorithm,
  DEFAULT_VALIDATION,
  isSupervised,
  resolveTask,
  type TargetFacts,
  type Validation,
} from './model-catalog.ts';
import type { LoadedModel, PredictOutcome } from './model-predictor.ts';
import { type ModelView, toModelView } from './model-view.ts';

export interface TrainInput {
  projectId: string;
  datasetId: string;
  version?: number;
  target?: string | null;
  task?: ModelTask;
  algorithm: Algorithm;
  params?: Record<string, unknown>;
  validation?: Validation;
  name?: string;
  seed?: number;
}

export interface ModelServiceDeps {
  models: ModelRepository;
  search: SearchRepository;
  projects: ProjectService;
  datasets: DatasetAccess;
  jobs: JobService;
  storage: Storage;
  logger: Logger;
  /** Loaded models kept warm for predictions. */
  cache?: { maxEntries: number; maxBytes: number };
}

/** Most rows one predict request may carry. */
export const MAX_PREDICT_ROWS = 1000;

/**
 * Storage key of a model's artifact: under its dataset's folder, so purging the dataset (or
 * deleting the project) removes it with the dataset's other files, as the rows cascade.
 */
export function artifactKey(projectId: string, datasetId: string, modelId: string): string {
  return `${datasetPrefix(projectId, datasetId)}/models/${modelId}/artifact.json`;
}

/**
 * Models as use cases: train (a `model.train` job), list, read, delete, and predict with a
 * cached artifact. A model's access is its project's; another organization's model is
 * MODEL_NOT_FOUND.
 */
export class ModelService {
  private readonly cache: ModelCache<LoadedModel>;

  constructor(private readonly d: ModelServiceDeps) {
    this.cache = new ModelCache(d.cache ?? { maxEntries: 32, maxBytes: 512 * 1024 * 1024 });
  }

  async train(p: Principal, input: TrainInput): Promise<{ model: ModelView; job: JobView }> {
    const dataset = await this.d.datasets.dataset(p, input.datasetId, 'write');
    if (dataset.project_id !== input.projectId) {
      throw new UamError('DATASET_NOT_FOUND', 'The dataset is not in this project', {
        datasetId: input.datasetId,
      });
    }
    const version = await this.d.datasets.readyVersion(dataset, input.version);
    const rowCount = Number(version.row_count ?? 0);
    const target = input.target ?? null;
    if (target !== null && !isSupervised(input.algorithm)) {
      throw new UamError(
        'MODEL_ALGORITHM_TASK',
        `"${input.algorithm}" learns without a target; leave target out`,
        {
          algorithm: input.algorithm,
        },
      );
    }
    const facts = target === null ? null : targetFacts(version.schema ?? [], version.stats, target);
    const task = resolveTask(input.algorithm, facts, rowCount, input.task);
    const id = crypto.randomUUID();
    const jobId = crypto.randomUUID();
    const validation = input.validation ?? DEFAULT_VALIDATION;
    const params = input.params ?? {};
    const key = artifactKey(dataset.project_id, dataset.id, id);
    const row = await this.d.models.insert({
      id,
      projectId: dataset.project_id,
      datasetId: dataset.id,
      datasetVersionId: version.id,
      versionNumber: version.number,
      name: input.name ?? `${dataset.name} · ${target ?? input.algorithm} · ${input.algorithm}`,
      target,
      task,
      algorithm: input.algorithm,
      params,
      validation,
      artifactKey: key,
      jobId,
      createdBy: p.userId,
    });
    await this.refreshSearch(row.id);
    const job = await this.d.jobs.create({
      id: jobId,
      type: MODEL_JOB_TYPES.train,
      payload: {
        modelId: id,
        versionId: version.id,
        parquetKey: version.parquet_key!,
        artifactKey: key,
        target,
        task,
        algorithm: input.algorithm,
        params,
        validation,
        seed: input.seed ?? 0,
      },
      orgId: p.orgId,
      projectId: dataset.project_id,
      createdBy: p.userId,
      // Training is deterministic: a retry helps only after a crash, once.
      maxAttempts: 2,
    });
    return { model: toModelView(row), job };
  }

  async list(
    p: Principal,
    projectId: string,
    q: { limit: number; cursor?: string; datasetId?: string },
  ): Promise<Page<ModelView>> {
    await this.d.projects.authorize(p, projectId, 'read');
    const rows = await this.d.models.list({
      projectId,
      datasetId: q.datasetId,
      limit: q.limit + 1,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
    });
    const items = rows.slice(0, q.limit);
    const last = items.at(-1);
    return {
      items: items.map((r) => toModelView(r)),
      nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  async get(p: Principal, id: string): Promise<ModelView> {
    return toModelView(await this.access(p, id, 'read'), true);
  }

  /** Delete the model, its artifact and search entry; a model still training has its job cancelled. */
  async delete(p: Principal, id: string): Promise<void> {
    const row = await this.access(p, id, 'write');
    if (row.status === 'training' && row.job_id) {
      await this.d.jobs.cancel(row.job_id).catch((e) => {
        if (!isUamError(e)) throw e;
      });
    }
    await this.d.models.delete(id);
    this.cache.delete(id);
    await this.d.storage.delete(row.artifact_key).catch((err) => {
      this.d.logger.warn({ err, modelId: id }, 'could not remove a model artifact');
    });
    await this.d.search.delete('model', id);
  }

  async predict(
    p: Principal,
    id: string,
    rows: ReadonlyArray<Record<string, unknown>>,
  ): Promise<PredictOutcome> {
    const row = await this.access(p, id, 'read');
    if (row.status !== 'ready') {
      throw new UamError('MODEL_NOT_READY', `The model is ${row.status}`, {
        modelId: id,
        status: row.status,
      });
    }
    if (rows.length > MAX_PREDICT_ROWS) {
      throw new UamError('MODEL_INPUT_INVALID', `At most ${MAX_PREDICT_ROWS} rows per request`, {
        rows: rows.length,
        max: MAX_PREDICT_ROWS,
      });
    }
    const model = await this.cache.get(id, () => this.load(row));
    return model.predict(rows);
  }

  async refreshSearch(id: string): Promise<void> {
    const row = await this.d.models.find(id);
    if (!row) return;
    await this.d.search.upsert({
      entityType: 'model',
      entityId: row.id,
      projectId: row.project_id,
      title: row.name,
      summary: `${row.algorithm} ${row.task}${row.target ? ` of ${row.target}` : ''}`,
      weighted: {
        a: [row.name],
        b: [row.algorithm, row.task, row.target ?? ''],
        c: row.features.map(String),
      },
      hidden: false,
    });
  }

  private async load(row: ModelRow): Promise<LoadedModel> {
    const json = await text(await this.d.storage.get(row.artifact_key));
    // The engine loads on the first prediction only: an API that never predicts never pays for it.
    const { LoadedModel: Loaded } = await import('./model-predictor.ts');
    return Loaded.fromArtifact(JSON.parse(json), json.length * 2);
  }

  private async access(p: Principal, id: string, access: ProjectAccess): Promise<ModelRow> {
    const row = await this.d.models.find(id);
    if (!row) throw new UamError('MODEL_NOT_FOUND', undefined, { modelId: id });
    try {
      await this.d.projects.authorize(p, row.project_id, access);
    } catch (e) {
      if (isUamError(e) && e.code === 'PROJECT_NOT_FOUND')
        throw new UamError('MODEL_NOT_FOUND', undefined, { modelId: id });
      throw e;
    }
    return row;
  }
}

/**
 * Target facts from a version's schema and statistics (MODEL_TARGET_NOT_FOUND when absent).
 * Ingest statistics have null counts and min/max; distinct counts come from the schema's
 * inference sample, which is enough to tell a few classes from a continuous number.
 */
function targetFacts(schema: unknown[], stats: Record<string, unknown> | null, target: string): TargetFacts {
  const columns = schema as Array<{
    name: string;
    storageType: string;
    missingCount?: number;
    sampleDistinct?: number;
  }>;
  const col = columns.find((c) => c.name === target);
  if (!col) {
    throw new UamError('MODEL_TARGET_NOT_FOUND', `The dataset has no column "${target}"`, {
      target,
      columns: columns.map((c) => c.name).slice(0, 200),
    });
  }
  const stat = (
    (stats?.columns ?? []) as Array<{
      name: string;
      distinctCount?: number | null;
      nullCount?: number;
      min?: unknown;
      max?: unknown;
    }>
  ).find((c) => c.name === target);
  // Text statistics are cut at 100 characters: equal long prefixes prove nothing.
  const exact = (v: unknown) => v !== null && v !== undefined && !(typeof v === 'string' && v.length >= 100);
  return {
    name: target,
    storageType: col.storageType,
    missingCount: stat?.nullCount ?? col.missingCount ?? 0,
    distinct: stat?.distinctCount ?? col.sampleDistinct ?? null,
    singleValue: Boolean(stat && exact(stat.min) && stat.min === stat.max),
  };
}
