import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { UserService } from '../../services/user.service.ts';
import { principalOf } from '../plugins/auth.ts';
import { displayName, email, idParams, password, platformRole, userSchema } from '../schemas.ts';

export function userRoutes(users: UserService) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['users (admin)'];

    app.get(
      '/',
      {
        schema: {
          tags,
          summary: 'Users of your organization',
          response: { 200: z.object({ items: z.array(userSchema) }) },
        },
      },
      async (req) => ({ items: await users.list(principalOf(req)) }),
    );

    app.post(
      '/',
      {
        config: { audit: 'user.create' },
        schema: {
          tags,
          body: z.object({ email, name: displayName, password, role: platformRole.default('analyst') }),
          response: { 201: z.object({ user: userSchema }) },
        },
      },
      async (req, reply) => {
        const user = await users.create(principalOf(req), req.body);
        req.auditTarget = { type: 'user', id: user.id };
        return reply.status(201).send({ user });
      },
    );

    app.patch(
      '/:id',
      {
        config: { audit: 'user.update' },
        schema: {
          tags,
          params: idParams,
          body: z
            .object({
              role: platformRole.optional(),
              disabled: z.boolean().optional(),
              name: displayName.optional(),
            })
            .refine((b) => Object.keys(b).length > 0, 'nothing to update'),
          response: { 200: z.object({ user: userSchema }) },
        },
      },
      async (req) => {
        req.auditDetails = { ...req.body };
        return { user: await users.update(principalOf(req), req.params.id, req.body) };
      },
    );

    app.delete(
      '/:id',
      { config: { audit: 'user.delete' }, schema: { tags, params: idParams } },
      async (req, reply) => {
        await users.delete(principalOf(req), req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
