import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProjectService } from '../../services/project.service.ts';
import { principalOf } from '../plugins/auth.ts';
import { email, idParams, pageQuery, projectRole } from '../schemas.ts';

const name = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');
const description = z.string().max(5000);

export const projectSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  description: z.string(),
  createdBy: z.string(),
  role: projectRole.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const memberSchema = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: projectRole });

export function projectRoutes(projects: ProjectService) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['projects'];

    app.get(
      '/',
      {
        schema: {
          tags,
          summary: 'Projects you can see',
          querystring: pageQuery,
          response: { 200: z.object({ items: z.array(projectSchema), nextCursor: z.string().nullable() }) },
        },
      },
      async (req) => projects.list(principalOf(req), req.query.limit, req.query.cursor),
    );

    app.post(
      '/',
      {
        config: { audit: 'project.create' },
        schema: {
          tags,
          summary: 'Create a project (admin, analyst)',
          body: z.object({ name, description: description.optional() }),
          response: { 201: z.object({ project: projectSchema }) },
        },
      },
      async (req, reply) => {
        const project = await projects.create(principalOf(req), req.body);
        req.auditTarget = { type: 'project', id: project.id };
        return reply.status(201).send({ project });
      },
    );

    app.get(
      '/:id',
      { schema: { tags, params: idParams, response: { 200: z.object({ project: projectSchema }) } } },
      async (req) => ({ project: await projects.get(principalOf(req), req.params.id) }),
    );

    app.patch(
      '/:id',
      {
        config: { audit: 'project.update' },
        schema: {
          tags,
          params: idParams,
          body: z
            .object({ name: name.optional(), description: description.optional() })
            .refine((b) => Object.keys(b).length > 0, 'nothing to update'),
          response: { 200: z.object({ project: projectSchema }) },
        },
      },
      async (req) => ({ project: await projects.update(principalOf(req), req.params.id, req.body) }),
    );

    app.delete(
      '/:id',
      { config: { audit: 'project.delete' }, schema: { tags, params: idParams } },
      async (req, reply) => {
        await projects.delete(principalOf(req), req.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/:id/members',
      { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(memberSchema) }) } } },
      async (req) => ({ items: await projects.members(principalOf(req), req.params.id) }),
    );

    app.post(
      '/:id/members',
      {
        config: { audit: 'project.member.add' },
        schema: {
          tags,
          params: idParams,
          body: z
            .object({ userId: z.uuid().optional(), email: email.optional(), role: projectRole })
            .refine((b) => Boolean(b.userId) !== Boolean(b.email), 'give exactly one of userId or email'),
          response: { 201: z.object({ member: memberSchema }) },
        },
      },
      async (req, reply) => {
        const member = await projects.addMember(principalOf(req), req.params.id, req.body);
        req.auditDetails = { memberId: member.userId, role: member.role };
        return reply.status(201).send({ member });
      },
    );

    app.delete(
      '/:id/members/:userId',
      {
        config: { audit: 'project.member.remove' },
        schema: { tags, params: z.object({ id: z.uuid(), userId: z.uuid() }) },
      },
      async (req, reply) => {
        await projects.removeMember(principalOf(req), req.params.id, req.params.userId);
        req.auditDetails = { memberId: req.params.userId };
        return reply.status(204).send();
      },
    );
  };
}
