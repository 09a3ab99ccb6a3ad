import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UamError } from '../../errors/index.ts';
import type { JobService, JobView } from '../../services/job.service.ts';
import type { JobAccess } from '../../services/job-access.ts';
import { isAdmin, type Principal, requirePlatformRole } from '../../services/principal.ts';
import type { ProjectService } from '../../services/project.service.ts';
import { principalOf } from '../plugins/auth.ts';
import { idParams } from '../schemas.ts';

/** Job types anyone may start through `POST /jobs`; data jobs are started by their own endpoints. */
export const DEMO_JOB_TYPES = ['sleep', 'echo'] as const;

export const jobSchema = z.object({
  id: z.string(),
  type: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  progress: z.number(),
  message: z.string().nullable(),
  result: z.unknown(),
  error: z
    .object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
    .nullable(),
  orgId: z.string().nullable(),
  projectId: z.string().nullable(),
  createdBy: z.string().nullable(),
  attempts: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export interface JobRouteDeps {
  jobs: JobService;
  projects: ProjectService;
  access: JobAccess;
}

export function jobRoutes(d: JobRouteDeps) {
  /** A job the caller may not see is reported as missing, like projects. */
  const visibleJob = async (p: Principal, id: string): Promise<JobView> => {
    const job = await d.jobs.get(id);
    if (!(await d.access.canSee(p, job))) throw new UamError('JOB_NOT_FOUND', undefined, { jobId: id });
    return job;
  };

  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['jobs'];

    app.post(
      '/',
      {
        config: { audit: 'job.create' },
        schema: {
          tags,
          summary: 'Start a demo job (sleep, echo)',
          body: z.object({
            type: z.enum(DEMO_JOB_TYPES),
            projectId: z.uuid().optional(),
            payload: z.record(z.string(), z.unknown()).default({}),
          }),
          response: { 202: z.object({ job: jobSchema }) },
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        if (req.body.projectId) await d.projects.authorize(p, req.body.projectId, 'write');
        else requirePlatformRole(p, 'admin', 'analyst');
        const job = await d.jobs.create({
          type: req.body.type,
          payload: req.body.payload,
          orgId: p.orgId,
          projectId: req.body.projectId ?? null,
          createdBy: p.userId,
        });
        req.auditTarget = { type: 'job', id: job.id };
        return reply.status(202).send({ job });
      },
    );

    app.get(
      '/',
      {
        schema: {
          tags,
          summary: 'Jobs you may see, newest first',
          querystring: z.object({
            projectId: z.uuid().optional(),
            status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']).optional(),
            type: z.string().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(500).optional(),
          }),
          response: { 200: z.object({ items: z.array(jobSchema), nextCursor: z.string().nullable() }) },
        },
      },
      async (req) => {
        const p = principalOf(req);
        const q = req.query;
        if (q.projectId) {
          await d.projects.authorize(p, q.projectId, 'read');
          return d.jobs.list({ ...q, orgId: p.orgId });
        }
        if (isAdmin(p)) return d.jobs.list({ ...q, orgId: p.orgId });
        const projectIds = await d.projects.visibleProjectIds(p);
        return d.jobs.list({ ...q, orgId: p.orgId, visibleTo: { projectIds, userId: p.userId } });
      },
    );

    app.get(
      '/:id',
      { schema: { tags, params: idParams, response: { 200: z.object({ job: jobSchema }) } } },
      async (req) => ({ job: await visibleJob(principalOf(req), req.params.id) }),
    );

    app.post(
      '/:id/cancel',
      {
        config: { audit: 'job.cancel' },
        schema: { tags, params: idParams, response: { 200: z.object({ job: jobSchema }) } },
      },
      async (req) => {
        const p = principalOf(req);
        const job = await visibleJob(p, req.params.id);
        if (job.projectId) await d.projects.authorize(p, job.projectId, 'write');
        else if (!isAdmin(p) && job.createdBy !== p.userId) throw new UamError('FORBIDDEN');
        return { job: await d.jobs.cancel(job.id) };
      },
    );
  };
}
