import type { Db } from '../adapters/db/database.ts';
import type { ProfileRow, RecipeTemplateRow } from '../adapters/db/schema.ts';
import type { SerializedError } from '../errors/index.ts';

export type { ProfileRow, RecipeTemplateRow };

export interface ProfileReadyFields {
  resultKey: string;
  resultBytes: number;
  qualityScore: number;
  summary: Record<string, unknown>;
}

/** Every SQL statement about profiles, recipe templates and cached drift reports. */
export class ProfileRepository {
  constructor(private readonly db: Db) {}

  /**
   * The profile row of (version, target) set to `pending` with a new job: inserted, or reset
   * when it exists (its previous result stays readable through `result_key` until the new
   * one replaces it).
   */
  async startProfile(p: {
    id: string;
    datasetId: string;
    versionId: string;
    target: string;
    jobId: string;
    createdBy: string | null;
  }): Promise<ProfileRow> {
    const now = new Date();
    return this.db
      .insertInto('profiles')
      .values({
        id: p.id,
        dataset_id: p.datasetId,
        version_id: p.versionId,
        target: p.target,
        status: 'pending',
        job_id: p.jobId,
        created_by: p.createdBy,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['version_id', 'target']).doUpdateSet({
          status: 'pending',
          job_id: p.jobId,
          error: null,
          updated_at: now,
          finished_at: null,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async find(versionId: string, target: string): Promise<ProfileRow | undefined> {
    return this.db
      .selectFrom('profiles')
      .selectAll()
      .where('version_id', '=', versionId)
      .where('target', '=', target)
      .executeTakeFirst();
  }

  /** The most recently started profile of a version, whatever its target. */
  async latestOfVersion(versionId: string): Promise<ProfileRow | undefined> {
    return this.db
      .selectFrom('profiles')
      .selectAll()
      .where('version_id', '=', versionId)
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .executeTakeFirst();
  }

  async findByJob(jobId: string): Promise<ProfileRow | undefined> {
    return this.db.selectFrom('profiles').selectAll().where('job_id', '=', jobId).executeTakeFirst();
  }

  /** Pending → ready for the job that is still the row's job; returns the previous result key. */
  async markReady(
    jobId: string,
    f: ProfileReadyFields,
  ): Promise<{ row: ProfileRow; previousKey: string | null } | undefined> {
    return this.db.transaction().execute(async (tx) => {
      const before = await tx
        .selectFrom('profiles')
        .select(['id', 'result_key'])
        .where('job_id', '=', jobId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) return undefined;
      const now = new Date();
      const row = await tx
        .updateTable('profiles')
        .set({
          status: 'ready',
          result_key: f.resultKey,
          result_bytes: f.resultBytes,
          quality_score: f.qualityScore,
          summary: JSON.stringify(f.summary),
          error: null,
          updated_at: now,
          finished_at: now,
        })
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const previousKey = before.result_key !== f.resultKey ? before.result_key : null;
      return { row, previousKey };
    });
  }

  async markFailed(jobId: string, error: SerializedError): Promise<ProfileRow | undefined> {
    const now = new Date();
    return this.db
      .updateTable('profiles')
      .set({ status: 'failed', error: JSON.stringify(error), updated_at: now, finished_at: now })
      .where('job_id', '=', jobId)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Fail pending profiles whose job ended without its hook (a crash in between) or never came
   * to exist; `olderThan` spares profiles whose job is being created right now.
   */
  async failStalePending(olderThan: Date, error: SerializedError): Promise<number> {
    const now = new Date();
    const r = await this.db
      .updateTable('profiles as p')
      .set({ status: 'failed', error: JSON.stringify(error), updated_at: now, finished_at: now })
      .where('p.status', '=', 'pending')
      .where('p.updated_at', '<', olderThan)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('jobs as j')
              .select('j.id')
              .whereRef('j.id', '=', 'p.job_id')
              .where('j.status', 'in', ['queued', 'running', 'succeeded']),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Profiles of a project's live datasets (artifact listings), newest first. */
  async listOfProject(
    projectId: string,
  ): Promise<Array<ProfileRow & { datasetName: string; number: number }>> {
    return this.db
      .selectFrom('profiles as p')
      .innerJoin('datasets as d', 'd.id', 'p.dataset_id')
      .innerJoin('dataset_versions as v', 'v.id', 'p.version_id')
      .selectAll('p')
      .select(['d.name as datasetName', 'v.number as number'])
      .where('d.project_id', '=', projectId)
      .where('d.deleted_at', 'is', null)
      .orderBy('p.created_at', 'desc')
      .execute();
  }

  async insertTemplate(t: {
    id: string;
    projectId: string;
    name: string;
    description: string;
    recipe: Record<string, unknown>;
    createdBy: string;
  }): Promise<RecipeTemplateRow> {
    const now = new Date();
    return this.db
      .insertInto('recipe_templates')
      .values({
        id: t.id,
        project_id: t.projectId,
        name: t.name,
        description: t.description,
        recipe: JSON.stringify(t.recipe),
        created_by: t.createdBy,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async listTemplates(projectId: string): Promise<RecipeTemplateRow[]> {
    return this.db
      .selectFrom('recipe_templates')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(1000)
      .execute();
  }

  async findTemplate(id: string): Promise<RecipeTemplateRow | undefined> {
    return this.db.selectFrom('recipe_templates').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async deleteTemplate(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('recipe_templates').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async findDrift(fromVersionId: string, toVersionId: string): Promise<Record<string, unknown> | undefined> {
    const row = await this.db
      .selectFrom('dataset_drifts')
      .select('report')
      .where('from_version_id', '=', fromVersionId)
      .where('to_version_id', '=', toVersionId)
      .executeTakeFirst();
    return row?.report;
  }

  async saveDrift(
    fromVersionId: string,
    toVersionId: string,
    report: Record<string, unknown>,
  ): Promise<void> {
    await this.db
      .insertInto('dataset_drifts')
      .values({ from_version_id: fromVersionId, to_version_id: toVersionId, report: JSON.stringify(report) })
      .onConflict((oc) => oc.columns(['from_version_id', 'to_version_id']).doNothing())
      .execute();
  }
}
