import crypto from 'node:crypto';
import type { ProjectRole } from '../adapters/db/schema.ts';
import { UamError } from '../errors/index.ts';
import type { MemberRecord, ProjectRecord, ProjectRepository } from '../repositories/project.repository.ts';
import type { UserRepository } from '../repositories/user.repository.ts';
import { decodeCursor, encodeCursor, type Page } from './pagination.ts';
import { isAdmin, type Principal, requirePlatformRole } from './principal.ts';

/** What an action on a project needs: read (any member), write (owner/editor), manage (owner). */
export type ProjectAccess = 'read' | 'write' | 'manage';

const RANK: Record<ProjectRole, number> = { viewer: 1, editor: 2, owner: 3 };
const NEEDED: Record<ProjectAccess, number> = { read: 1, write: 2, manage: 3 };

export interface ProjectView {
  id: string;
  orgId: string;
  name: string;
  description: string;
  createdBy: string;
  role: ProjectRole | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Throws unless `p` may do `access` on the project (`project` as read for `p`: its org and
 * `p`'s member role; undefined when it does not exist). A project of another organization, or
 * one the caller is not a member of, is reported as not found so its existence does not leak.
 */
export function checkProjectAccess(
  p: Principal,
  projectId: string,
  project: Pick<ProjectRecord, 'orgId' | 'role'> | undefined,
  access: ProjectAccess,
): void {
  if (!project || project.orgId !== p.orgId || (!project.role && !isAdmin(p))) {
    throw new UamError('PROJECT_NOT_FOUND', undefined, { projectId });
  }
  if (isAdmin(p)) return;
  const readOnly = p.role === 'viewer' && access !== 'read';
  if (readOnly || RANK[project.role!] < NEEDED[access]) {
    throw new UamError('FORBIDDEN', `You need ${access} access to this project`, { projectId, access });
  }
}

export class ProjectService {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly users: UserRepository,
    /**
     * Removes what the project stored outside the metadata DB (its files). Runs after the rows
     * are gone, so a failure leaves unreachable files, never rows pointing at missing files.
     */
    private readonly afterDelete?: (projectId: string) => Promise<void>,
  ) {}

  /** The project if `p` may do `access` on it (see checkProjectAccess). */
  async authorize(p: Principal, projectId: string, access: ProjectAccess): Promise<ProjectRecord> {
    const project = await this.projects.findForUser(projectId, p.userId);
    checkProjectAccess(p, projectId, project, access);
    return project!;
  }

  async list(p: Principal, limit: number, cursor?: string): Promise<Page<ProjectView>> {
    const after = cursor ? decodeCursor(cursor) : undefined;
    const rows = await this.projects.list({
      orgId: p.orgId,
      userId: p.userId,
      all: isAdmin(p),
      limit: limit + 1,
      after,
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(toProjectView),
      nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    };
  }

  async get(p: Principal, id: string): Promise<ProjectView> {
    return toProjectView(await this.authorize(p, id, 'read'));
  }

  async create(p: Principal, input: { name: string; description?: string }): Promise<ProjectView> {
    requirePlatformRole(p, 'admin', 'analyst');
    const id = crypto.randomUUID();
    await this.projects.insert({
      id,
      orgId: p.orgId,
      name: input.name,
      description: input.description ?? '',
      createdBy: p.userId,
    });
    return this.get(p, id);
  }

  async update(
    p: Principal,
    id: string,
    patch: { name?: string; description?: string },
  ): Promise<ProjectView> {
    await this.authorize(p, id, 'write');
    await this.projects.update(id, patch);
    return this.get(p, id);
  }

  async delete(p: Principal, id: string): Promise<void> {
    await this.authorize(p, id, 'manage');
    await this.projects.delete(id);
    await this.afterDelete?.(id);
  }

  async members(p: Principal, id: string): Promise<MemberRecord[]> {
    await this.authorize(p, id, 'read');
    return this.projects.listMembers(id);
  }

  async addMember(
    p: Principal,
    id: string,
    input: { userId?: string; email?: string; role: ProjectRole },
  ): Promise<MemberRecord> {
    await this.authorize(p, id, 'manage');
    const user = input.userId
      ? await this.users.findById(input.userId)
      : await this.users.findByEmail(input.email!);
    if (!user || user.orgId !== p.orgId) throw new UamError('USER_NOT_FOUND');
    const current = (await this.projects.listMembers(id)).find((m) => m.userId === user.id);
    if (current?.role === 'owner' && input.role !== 'owner' && (await this.projects.countOwners(id)) <= 1) {
      throw new UamError('LAST_OWNER');
    }
    await this.projects.upsertMember(id, user.id, input.role);
    return (await this.projects.listMembers(id)).find((m) => m.userId === user.id)!;
  }

  async removeMember(p: Principal, id: string, userId: string): Promise<void> {
    await this.authorize(p, id, 'manage');
    const member = (await this.projects.listMembers(id)).find((m) => m.userId === userId);
    if (!member) throw new UamError('MEMBER_NOT_FOUND');
    if (member.role === 'owner' && (await this.projects.countOwners(id)) <= 1)
      throw new UamError('LAST_OWNER');
    await this.projects.removeMember(id, userId);
  }

  /** Project ids whose jobs and events `p` may see. */
  visibleProjectIds(p: Principal): Promise<string[]> {
    return this.projects.visibleIds(p.orgId, p.userId, isAdmin(p));
  }
}

export function toProjectView(r: ProjectRecord): ProjectView {
  return {
    id: r.id,
    orgId: r.orgId,
    name: r.name,
    description: r.description,
    createdBy: r.createdBy,
    role: r.role,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
