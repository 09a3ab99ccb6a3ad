import { sql } from 'kysely';
import type { Db } from '../adapters/db/database.ts';
import type { JobRow, JobStatus } from '../adapters/db/schema.ts';
import type { SerializedError } from '../errors/index.ts';

export type { JobRow, JobStatus };

/** Statuses a job can still leave; a row in any other status never changes again. */
export const ACTIVE_STATUSES = ['queued', 'running'] as const satisfies readonly JobStatus[];

export function isTerminal(status: JobStatus): boolean {
  return status !== 'queued' && status !== 'running';
}

export interface NewJob {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  orgId: string | null;
  projectId: string | null;
  createdBy: string | null;
  maxAttempts: number;
  backoffMs: number;
}

export interface JobListFilter {
  orgId?: string;
  /** Restrict to these projects (the caller's visible ones); an empty list matches nothing. */
  projectIds?: string[];
  projectId?: string;
  status?: JobStatus;
  type?: string;
  createdBy?: string;
  /** A non-admin's view: jobs of these projects, plus their own jobs outside any project. */
  visibleTo?: { projectIds: string[]; userId: string };
  limit: number;
  /** Keyset position: rows strictly older than (createdAt, id) in the (created_at desc, id desc) order. */
  after?: { createdAt: Date; id: string };
}

export interface JobCount {
  type: string;
  status: JobStatus;
  count: number;
}

/**
 * Every SQL statement about `jobs`. State changes are single guarded UPDATEs (`where status
 * in (...)`), so concurrent runners, API replicas and recovery cannot move a row out of a
 * terminal status, and each method returns the row it changed or `undefined` when the guard
 * did not match.
 */
export class JobRepository {
  constructor(private readonly db: Db) {}

  async insert(job: NewJob): Promise<JobRow> {
    // Millisecond timestamps from JS (not now()'s microseconds) keep the keyset cursor exact.
    const now = new Date();
    return this.db
      .insertInto('jobs')
      .values({
        id: job.id,
        type: job.type,
        status: 'queued',
        org_id: job.orgId,
        project_id: job.projectId,
        created_by: job.createdBy,
        payload: JSON.stringify(job.payload),
        max_attempts: job.maxAttempts,
        backoff_ms: job.backoffMs,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async findById(id: string): Promise<JobRow | undefined> {
    return this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(f: JobListFilter): Promise<JobRow[]> {
    if (f.projectIds && f.projectIds.length === 0) return [];
    let q = this.db.selectFrom('jobs').selectAll();
    if (f.orgId) q = q.where('org_id', '=', f.orgId);
    if (f.projectIds) q = q.where('project_id', 'in', f.projectIds);
    if (f.projectId) q = q.where('project_id', '=', f.projectId);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.type) q = q.where('type', '=', f.type);
    if (f.createdBy) q = q.where('created_by', '=', f.createdBy);
    if (f.visibleTo) {
      const { projectIds, userId } = f.visibleTo;
      q = q.where((eb) =>
        eb.or([
          ...(projectIds.length ? [eb('project_id', 'in', projectIds)] : []),
          eb.and([eb('project_id', 'is', null), eb('created_by', '=', userId)]),
        ]),
      );
    }
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

  /**
   * Claim the row for a run: counts the attempt and stamps started_at. `running` is accepted
   * too because a row left running by a dead worker is re-run (BullMQ stalled recovery).
   */
  async markRunning(id: string): Promise<JobRow | undefined> {
    const now = new Date();
    return this.db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        attempts: eb('attempts', '+', 1),
        progress: 0,
        message: null,
        started_at: now,
        updated_at: now,
      }))
      .where('id', '=', id)
      .where('status', 'in', ACTIVE_STATUSES)
      .where('cancel_requested', '=', false)
      .returningAll()
      .executeTakeFirst();
  }

  /** Only a running row takes progress, so a late write cannot touch a finished job. */
  async updateProgress(id: string, progress: number, message: string | null): Promise<JobRow | undefined> {
    return this.db
      .updateTable('jobs')
      .set({ progress, message, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .returningAll()
      .executeTakeFirst();
  }

  async markSucceeded(id: string, result: unknown): Promise<JobRow | undefined> {
    return this.finish(id, ACTIVE_STATUSES, {
      status: 'succeeded',
      progress: 1,
      result: JSON.stringify(result ?? null),
      error: null,
    });
  }

  async markFailed(
    id: string,
    error: SerializedError,
    message: string | null = null,
  ): Promise<JobRow | undefined> {
    return this.finish(id, ACTIVE_STATUSES, { status: 'failed', error: JSON.stringify(error), message });
  }

  /** `from` lets the API cancel only a job that has not started (`['queued']`). */
  async markCancelled(
    id: string,
    error: SerializedError,
    from: readonly JobStatus[] = ACTIVE_STATUSES,
  ): Promise<JobRow | undefined> {
    return this.finish(id, from, { status: 'cancelled', error: JSON.stringify(error), message: 'cancelled' });
  }

  /** A queued job's payload, before it is handed to the queue (nothing has read it yet). */
  async setQueuedPayload(id: string, payload: Record<string, unknown>): Promise<JobRow | undefined> {
    return this.db
      .updateTable('jobs')
      .set({ payload: JSON.stringify(payload), updated_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
  }

  /** Back to `queued` for another attempt; `message` tells the user why and when. */
  async markRequeued(id: string, message: string): Promise<JobRow | undefined> {
    return this.db
      .updateTable('jobs')
      .set({ status: 'queued', progress: 0, message, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', 'in', ACTIVE_STATUSES)
      .returningAll()
      .executeTakeFirst();
  }

  async requestCancel(id: string): Promise<JobRow | undefined> {
    return this.db
      .updateTable('jobs')
      .set({ cancel_requested: true, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', 'in', ACTIVE_STATUSES)
      .returningAll()
      .executeTakeFirst();
  }

  /** Rows a crash may have interrupted (embedded start-up recovery), oldest first. */
  async findInterrupted(): Promise<JobRow[]> {
    return this.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', 'in', ACTIVE_STATUSES)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** Jobs per type and status, for `uam_jobs` metrics. */
  async countByTypeAndStatus(): Promise<JobCount[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['type', 'status', sql<number>`count(*)::int`.as('count')])
      .groupBy(['type', 'status'])
      .orderBy('type')
      .orderBy('status')
      .execute();
    return rows.map((r) => ({ type: r.type, status: r.status, count: Number(r.count) }));
  }

  private async finish(
    id: string,
    from: readonly JobStatus[],
    patch: {
      status: JobStatus;
      progress?: number;
      result?: string;
      error: string | null;
      message?: string | null;
    },
  ): Promise<JobRow | undefined> {
    const allowed = from.filter((s) => !isTerminal(s));
    if (allowed.length === 0) return undefined;
    const now = new Date();
    return this.db
      .updateTable('jobs')
      .set({ ...patch, finished_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', 'in', allowed)
      .returningAll()
      .executeTakeFirst();
  }
}
