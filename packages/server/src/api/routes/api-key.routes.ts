import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UamError } from '../../errors/index.ts';
import type { AuthService } from '../../services/auth.service.ts';
import { principalOf } from '../plugins/auth.ts';
import { displayName, idParams } from '../schemas.ts';

const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export function apiKeyRoutes(auth: AuthService) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['api keys'];

    app.get(
      '/',
      {
        schema: {
          tags,
          summary: 'Your API keys',
          response: { 200: z.object({ items: z.array(apiKeySchema) }) },
        },
      },
      async (req) => ({ items: await auth.listApiKeys(principalOf(req).userId) }),
    );

    app.post(
      '/',
      {
        config: { audit: 'api_key.create' },
        schema: {
          tags,
          summary: 'Create an API key; the key is shown once',
          body: z.object({ name: displayName }),
          response: { 201: z.object({ apiKey: apiKeySchema, key: z.string() }) },
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        // A key cannot mint keys: a leaked key must not be able to persist itself.
        if (p.via === 'api_key')
          throw new UamError('FORBIDDEN', 'API keys cannot create API keys; sign in instead');
        const created = await auth.createApiKey(p.userId, req.body.name);
        req.auditTarget = { type: 'api_key', id: created.apiKey.id };
        return reply.status(201).send(created);
      },
    );

    app.delete(
      '/:id',
      { config: { audit: 'api_key.revoke' }, schema: { tags, params: idParams } },
      async (req, reply) => {
        await auth.revokeApiKey(principalOf(req).userId, req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
