import type { Db } from '../adapters/db/database.ts';
import type { ModelRow, ModelTask } from '../adapters/db/schema.ts';
import type { SerializedError } from '../errors/index.ts';

export type { ModelRow };

export interface NewModel {
  id: string;
  projectId: string;
  datasetId: string;
  datasetVersionId: string;
  versionNumber: number;
  name: string;
  target: string | null;
  task: ModelTask;
  algorithm: string;
  params: Record<string, unknown>;
  validation: Record<string, unknown>;
  artifactKey: string;
  jobId: string;
  createdBy: string;
}

export interface ModelReadyFields {
  metrics: Record<string, unknown>;
  report: Record<string, unknown>;
  features: string[];
  warnings: unknown[];
  artifactBytes: number;
}

export interface ModelListFilter {
  projectId: string;
  datasetId?: string;
  limit: number;
  after?: { createdAt: Date; id: string };
}

/** Every SQL statement about models. */
export class ModelRepository {
  constructor(private readonly db: Db) {}

  async insert(m: NewModel): Promise<ModelRow> {
    return this.db
      .insertInto('models')
      .values({
        id: m.id,
        project_id: m.projectId,
        dataset_id: m.datasetId,
        dataset_version_id: m.datasetVersionId,
        version_number: m.versionNumber,
        name: m.name,
        target: m.target,
        task: m.task,
        algorithm: m.algorithm,
        params: JSON.stringify(m.params),
        validation: JSON.stringify(m.validation),
        status: 'training',
        artifact_key: m.artifactKey,
        job_id: m.jobId,
        created_by: m.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async find(id: string): Promise<ModelRow | undefined> {
    return this.db.selectFrom('models').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(f: ModelListFilter): Promise<ModelRow[]> {
    let q = this.db.selectFrom('models').selectAll().where('project_id', '=', f.projectId);
    if (f.datasetId) q = q.where('dataset_id', '=', f.datasetId);
    if (f.after) {
      const { createdAt, id } = f.after;
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '<', createdAt),
          eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
        ]),
      );
    }
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  }

  /** `training` → `ready`; a no-op (undefined) if the model is gone or already finished. */
  async markReady(id: string, f: ModelReadyFields): Promise<ModelRow | undefined> {
    const now = new Date();
    return this.db
      .updateTable('models')
      .set({
        status: 'ready',
        metrics: JSON.stringify(f.metrics),
        report: JSON.stringify(f.report),
        features: JSON.stringify(f.features),
        warnings: JSON.stringify(f.warnings),
        artifact_bytes: f.artifactBytes,
        error: null,
        finished_at: now,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'training')
      .returningAll()
      .executeTakeFirst();
  }

  async markFailed(id: string, error: SerializedError): Promise<ModelRow | undefined> {
    const now = new Date();
    return this.db
      .updateTable('models')
      .set({ status: 'failed', error: JSON.stringify(error), finished_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'training')
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('models').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
