import type { Kysely } from 'kysely';
import type { Db } from '../adapters/db/database.ts';
import type { Database, DatasetRow, DatasetVersionRow, ProjectRole } from '../adapters/db/schema.ts';
import type { SerializedError } from '../errors/index.ts';

export type { DatasetRow, DatasetVersionRow };

export interface NewDataset {
  id: string;
  projectId: string;
  name: string;
  description: string;
  tags: string[];
  createdBy: string;
}

export interface NewVersion {
  id: string;
  datasetId: string;
  sourceFileName: string | null;
  rawKey: string | null;
  rawBytes: number | null;
  contentHash: string | null;
  dedupeKey: string | null;
  parquetKey: string;
  lineage: Record<string, unknown>;
  parseOptions: Record<string, unknown>;
  jobId: string;
  duplicateOf: string | null;
  createdBy: string;
}

export type CreateVersionOutcome =
  | { kind: 'created'; dataset: DatasetRow; version: DatasetVersionRow }
  | { kind: 'duplicate'; dataset: DatasetRow; version: DatasetVersionRow };

export interface ReadyFields {
  parquetBytes: number;
  rowCount: number;
  columnCount: number;
  schema: unknown[];
  stats: Record<string, unknown>;
  warnings: unknown[];
}

export interface DatasetListFilter {
  projectId: string;
  includeDeleted: boolean;
  limit: number;
  after?: { createdAt: Date; id: string };
  /** Restrict to these ids (a full-text match), in any order. */
  ids?: string[];
}

/** Every SQL statement about datasets and their versions. */
export class DatasetRepository {
  constructor(private readonly db: Db) {}

  /**
   * One transaction: create the dataset when `dataset` is given (else lock the existing row),
   * return the live version with the same dedupe key if there is one, otherwise take the next
   * version number and insert the pending version. The row lock on `datasets` orders
   * concurrent uploads; the unique (dataset_id, number) index is the backstop.
   */
  async createVersion(input: { dataset?: NewDataset; version: NewVersion }): Promise<CreateVersionOutcome> {
    const { version: v } = input;
    return this.db.transaction().execute(async (tx) => {
      const now = new Date();
      if (input.dataset) await insertDataset(tx, input.dataset, now);
      const locked = await tx
        .selectFrom('datasets')
        .selectAll()
        .where('id', '=', v.datasetId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (v.dedupeKey) {
        const same = await tx
          .selectFrom('dataset_versions')
          .selectAll()
          .where('dataset_id', '=', v.datasetId)
          .where('dedupe_key', '=', v.dedupeKey)
          .where('status', '<>', 'failed')
          .executeTakeFirst();
        if (same) return { kind: 'duplicate' as const, dataset: locked, version: same };
      }
      const { version_seq: number } = await tx
        .updateTable('datasets')
        .set((eb) => ({ version_seq: eb('version_seq', '+', 1), updated_at: now }))
        .where('id', '=', v.datasetId)
        .returning('version_seq')
        .executeTakeFirstOrThrow();
      const version = await tx
        .insertInto('dataset_versions')
        .values({
          id: v.id,
          dataset_id: v.datasetId,
          number,
          status: 'pending',
          source_file_name: v.sourceFileName,
          raw_key: v.rawKey,
          raw_bytes: v.rawBytes,
          content_hash: v.contentHash,
          dedupe_key: v.dedupeKey,
          parquet_key: v.parquetKey,
          lineage: JSON.stringify(v.lineage),
          parse_options: JSON.stringify(v.parseOptions),
          job_id: v.jobId,
          duplicate_of: v.duplicateOf,
          created_by: v.createdBy,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const dataset = await tx
        .selectFrom('datasets')
        .selectAll()
        .where('id', '=', v.datasetId)
        .executeTakeFirstOrThrow();
      return { kind: 'created' as const, dataset, version };
    });
  }

  /** A live version of a non-deleted dataset in `projectId` built from the same bytes and options. */
  async findDuplicateInProject(projectId: string, dedupeKey: string): Promise<DatasetVersionRow | undefined> {
    return this.db
      .selectFrom('dataset_versions as v')
      .innerJoin('datasets as d', 'd.id', 'v.dataset_id')
      .selectAll('v')
      .where('d.project_id', '=', projectId)
      .where('d.deleted_at', 'is', null)
      .where('v.dedupe_key', '=', dedupeKey)
      .where('v.status', '<>', 'failed')
      .orderBy('v.created_at')
      .executeTakeFirst();
  }

  /** A version (of this dataset) that stored these exact raw bytes, to share its raw object. */
  async findByContentHash(datasetId: string, contentHash: string): Promise<DatasetVersionRow | undefined> {
    return this.db
      .selectFrom('dataset_versions')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .where('content_hash', '=', contentHash)
      .where('raw_key', 'is not', null)
      .orderBy('number')
      .executeTakeFirst();
  }

  async findDataset(id: string): Promise<DatasetRow | undefined> {
    return this.db.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * The dataset with its project's organization and `userId`'s role in that project (null when
   * not a member): what an access check needs, in one query.
   */
  async findDatasetForUser(
    id: string,
    userId: string,
  ): Promise<{ dataset: DatasetRow; project: { orgId: string; role: ProjectRole | null } } | undefined> {
    const row = await this.db
      .selectFrom('datasets as d')
      .innerJoin('projects as p', 'p.id', 'd.project_id')
      .leftJoin('project_members as pm', (j) =>
        j.onRef('pm.project_id', '=', 'p.id').on('pm.user_id', '=', userId),
      )
      .selectAll('d')
      .select(['p.org_id as __org_id', 'pm.role as __role'])
      .where('d.id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const { __org_id, __role, ...dataset } = row;
    return { dataset, project: { orgId: __org_id, role: __role } };
  }

  async listDatasets(f: DatasetListFilter): Promise<DatasetRow[]> {
    if (f.ids && f.ids.length === 0) return [];
    let q = this.db.selectFrom('datasets').selectAll().where('project_id', '=', f.projectId);
    if (!f.includeDeleted) q = q.where('deleted_at', 'is', null);
    if (f.ids) q = q.where('id', 'in', f.ids);
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

  async updateDataset(
    id: string,
    patch: { name?: string; description?: string; tags?: string[] },
  ): Promise<DatasetRow | undefined> {
    const { tags, ...rest } = patch;
    return this.db
      .updateTable('datasets')
      .set({ ...rest, ...(tags ? { tags: JSON.stringify(tags) } : {}), updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async softDelete(id: string, purgeAfter: Date): Promise<DatasetRow | undefined> {
    const now = new Date();
    return this.db
      .updateTable('datasets')
      .set({ deleted_at: now, purge_after: purgeAfter, updated_at: now })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
  }

  async restore(id: string): Promise<DatasetRow | undefined> {
    return this.db
      .updateTable('datasets')
      .set({ deleted_at: null, purge_after: null, updated_at: new Date() })
      .where('id', '=', id)
      .where('deleted_at', 'is not', null)
      .returningAll()
      .executeTakeFirst();
  }

  /** Soft-deleted datasets whose grace period ended, oldest first. */
  async findExpired(now: Date, limit: number): Promise<DatasetRow[]> {
    return this.db
      .selectFrom('datasets')
      .selectAll()
      .where('deleted_at', 'is not', null)
      .where('purge_after', '<=', now)
      .orderBy('purge_after')
      .limit(limit)
      .execute();
  }

  /** Hard delete (versions cascade); only a soft-deleted row is removed. */
  async deleteDataset(id: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('datasets')
      .where('id', '=', id)
      .where('deleted_at', 'is not', null)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async findVersion(id: string): Promise<DatasetVersionRow | undefined> {
    return this.db.selectFrom('dataset_versions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findVersionByNumber(datasetId: string, number: number): Promise<DatasetVersionRow | undefined> {
    return this.db
      .selectFrom('dataset_versions')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .where('number', '=', number)
      .executeTakeFirst();
  }

  async listVersions(datasetId: string): Promise<DatasetVersionRow[]> {
    return this.db
      .selectFrom('dataset_versions')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .orderBy('number', 'desc')
      .execute();
  }

  /** Versions of many datasets at once (artifact listings), newest first per dataset. */
  async listVersionsOf(datasetIds: string[]): Promise<DatasetVersionRow[]> {
    if (datasetIds.length === 0) return [];
    return this.db
      .selectFrom('dataset_versions')
      .selectAll()
      .where('dataset_id', 'in', datasetIds)
      .orderBy('dataset_id')
      .orderBy('number', 'desc')
      .execute();
  }

  /**
   * Pending → ready, and make it the dataset's current version unless a higher-numbered
   * version is already current (two uploads finishing out of order keep the newest current).
   */
  async markReady(id: string, f: ReadyFields): Promise<DatasetVersionRow | undefined> {
    return this.db.transaction().execute(async (tx) => {
      const now = new Date();
      const version = await tx
        .updateTable('dataset_versions')
        .set({
          status: 'ready',
          parquet_bytes: f.parquetBytes,
          row_count: f.rowCount,
          column_count: f.columnCount,
          schema: JSON.stringify(f.schema),
          stats: JSON.stringify(f.stats),
          warnings: JSON.stringify(f.warnings),
          error: null,
          finished_at: now,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returningAll()
        .executeTakeFirst();
      if (!version) return undefined;
      await tx
        .updateTable('datasets as d')
        .set({ current_version_id: version.id, updated_at: now })
        .where('d.id', '=', version.dataset_id)
        .where((eb) =>
          eb.or([
            eb('d.current_version_id', 'is', null),
            eb(
              eb
                .selectFrom('dataset_versions as c')
                .select('c.number')
                .whereRef('c.id', '=', 'd.current_version_id'),
              '<',
              version.number,
            ),
          ]),
        )
        .execute();
      return version;
    });
  }

  async markFailed(id: string, error: SerializedError): Promise<DatasetVersionRow | undefined> {
    return this.db
      .updateTable('dataset_versions')
      .set({ status: 'failed', error: JSON.stringify(error), finished_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
  }

  async findByJob(jobId: string): Promise<DatasetVersionRow | undefined> {
    return this.db.selectFrom('dataset_versions').selectAll().where('job_id', '=', jobId).executeTakeFirst();
  }

  /**
   * Pending versions whose job ended (failed/cancelled) or never came to exist: what a crash
   * between the job row and the version row can leave. `olderThan` spares fresh uploads whose
   * job is being created right now.
   */
  async findStalePending(
    olderThan: Date,
  ): Promise<Array<DatasetVersionRow & { jobError: SerializedError | null }>> {
    return this.db
      .selectFrom('dataset_versions as v')
      .leftJoin('jobs as j', 'j.id', 'v.job_id')
      .selectAll('v')
      .select('j.error as jobError')
      .where('v.status', '=', 'pending')
      .where('v.created_at', '<', olderThan)
      .where((eb) => eb.or([eb('j.id', 'is', null), eb('j.status', 'in', ['failed', 'cancelled'])]))
      .execute();
  }

  /** Column names of the current version, for the search document. */
  async currentSchema(datasetId: string): Promise<unknown[]> {
    const row = await this.db
      .selectFrom('datasets as d')
      .innerJoin('dataset_versions as v', 'v.id', 'd.current_version_id')
      .select('v.schema')
      .where('d.id', '=', datasetId)
      .executeTakeFirst();
    return row?.schema ?? [];
  }
}

async function insertDataset(tx: Kysely<Database>, d: NewDataset, now: Date): Promise<void> {
  await tx
    .insertInto('datasets')
    .values({
      id: d.id,
      project_id: d.projectId,
      name: d.name,
      description: d.description,
      tags: JSON.stringify(d.tags),
      created_by: d.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** int8 columns arrive as string, number or bigint depending on the driver. */
export function int8(v: string | number | bigint | null): number | null {
  return v === null ? null : Number(v);
}
