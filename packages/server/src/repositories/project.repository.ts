import type { Db } from '../adapters/db/database.ts';
import type { ProjectRole } from '../adapters/db/schema.ts';

export interface ProjectRecord {
  id: string;
  orgId: string;
  name: string;
  description: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** The reading user's project role, null when they are not a member. */
  role: ProjectRole | null;
}

export interface MemberRecord {
  userId: string;
  email: string;
  name: string;
  role: ProjectRole;
  createdAt: Date;
}

export interface ProjectListFilter {
  orgId: string;
  userId: string;
  /** Org admins see every project of their organization; others only where they are members. */
  all: boolean;
  limit: number;
  after?: { createdAt: Date; id: string };
}

export class ProjectRepository {
  constructor(private readonly db: Db) {}

  private base(userId: string) {
    return this.db
      .selectFrom('projects as p')
      .leftJoin('project_members as pm', (j) =>
        j.onRef('pm.project_id', '=', 'p.id').on('pm.user_id', '=', userId),
      )
      .select([
        'p.id',
        'p.org_id as orgId',
        'p.name',
        'p.description',
        'p.created_by as createdBy',
        'p.created_at as createdAt',
        'p.updated_at as updatedAt',
        'pm.role',
      ]);
  }

  async findForUser(id: string, userId: string): Promise<ProjectRecord | undefined> {
    return this.base(userId).where('p.id', '=', id).executeTakeFirst();
  }

  async list(f: ProjectListFilter): Promise<ProjectRecord[]> {
    let q = this.base(f.userId).where('p.org_id', '=', f.orgId);
    if (!f.all) q = q.where('pm.role', 'is not', null);
    if (f.after) {
      const { createdAt, id } = f.after;
      q = q.where((eb) =>
        eb.or([
          eb('p.created_at', '<', createdAt),
          eb.and([eb('p.created_at', '=', createdAt), eb('p.id', '<', id)]),
        ]),
      );
    }
    return q.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(f.limit).execute();
  }

  /** Ids of every project `userId` may read, for filtering other lists (jobs, events). */
  async visibleIds(orgId: string, userId: string, all: boolean): Promise<string[]> {
    let q = this.db.selectFrom('projects as p').select('p.id').where('p.org_id', '=', orgId);
    if (!all)
      q = q.innerJoin('project_members as pm', 'pm.project_id', 'p.id').where('pm.user_id', '=', userId);
    return (await q.execute()).map((r) => r.id);
  }

  async insert(p: {
    id: string;
    orgId: string;
    name: string;
    description: string;
    createdBy: string;
  }): Promise<void> {
    // Millisecond timestamps from JS (not now()'s microseconds) keep the keyset cursor exact.
    const now = new Date();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('projects')
        .values({
          id: p.id,
          org_id: p.orgId,
          name: p.name,
          description: p.description,
          created_by: p.createdBy,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await tx
        .insertInto('project_members')
        .values({ project_id: p.id, user_id: p.createdBy, role: 'owner' })
        .execute();
    });
  }

  async update(id: string, patch: { name?: string; description?: string }): Promise<void> {
    await this.db
      .updateTable('projects')
      .set({ ...patch, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('projects').where('id', '=', id).execute();
  }

  async listMembers(projectId: string): Promise<MemberRecord[]> {
    return this.db
      .selectFrom('project_members as pm')
      .innerJoin('users as u', 'u.id', 'pm.user_id')
      .select(['pm.user_id as userId', 'u.email', 'u.name', 'pm.role', 'pm.created_at as createdAt'])
      .where('pm.project_id', '=', projectId)
      .orderBy('pm.created_at')
      .execute();
  }

  async upsertMember(projectId: string, userId: string, role: ProjectRole): Promise<void> {
    await this.db
      .insertInto('project_members')
      .values({ project_id: projectId, user_id: userId, role })
      .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role }))
      .execute();
  }

  async removeMember(projectId: string, userId: string): Promise<number> {
    const r = await this.db
      .deleteFrom('project_members')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async countOwners(projectId: string): Promise<number> {
    const r = await this.db
      .selectFrom('project_members')
      .where('project_id', '=', projectId)
      .where('role', '=', 'owner')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
