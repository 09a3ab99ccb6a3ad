import type { ProjectRepository } from '../repositories/project.repository.ts';
import { isAdmin, type Principal } from './principal.ts';

/** The job fields visibility depends on. */
export interface JobOwnership {
  orgId: string | null;
  projectId: string | null;
  createdBy: string | null;
}

/**
 * Who may see a job: members of its project (admins: any project of their organization);
 * a job without a project only its creator and the organization's admins.
 */
export class JobAccess {
  constructor(private readonly projects: ProjectRepository) {}

  async canSee(p: Principal, job: JobOwnership): Promise<boolean> {
    if (job.orgId !== p.orgId) return false;
    if (isAdmin(p)) return true;
    if (!job.projectId) return job.createdBy === p.userId;
    const project = await this.projects.findForUser(job.projectId, p.userId);
    return Boolean(project?.role);
  }

  /** A per-connection memo of `canSee` by project, so a busy event stream costs few queries. */
  cached(p: Principal, ttlMs = 10_000): (job: JobOwnership) => Promise<boolean> {
    const memo = new Map<string, { ok: boolean; at: number }>();
    return async (job) => {
      if (!job.projectId || isAdmin(p) || job.orgId !== p.orgId) return this.canSee(p, job);
      const hit = memo.get(job.projectId);
      if (hit && Date.now() - hit.at < ttlMs) return hit.ok;
      const ok = await this.canSee(p, job);
      memo.set(job.projectId, { ok, at: Date.now() });
      return ok;
    };
  }
}
