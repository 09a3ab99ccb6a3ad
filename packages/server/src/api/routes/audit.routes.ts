import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditService } from '../../services/audit.service.ts';
import { principalOf } from '../plugins/auth.ts';

export function auditRoutes(audit: AuditService) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/',
      {
        schema: {
          tags: ['audit (admin)'],
          summary: 'The audit log of your organization, newest first',
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(500).default(100),
            cursor: z
              .string()
              .regex(/^\d{1,19}$/, 'must be a cursor from a previous page')
              .optional(),
            actorId: z.uuid().optional(),
            action: z.string().max(100).optional(),
            targetType: z.string().max(50).optional(),
            targetId: z.string().max(200).optional(),
            outcome: z.enum(['success', 'failure']).optional(),
            from: z.coerce.date().optional(),
            to: z.coerce.date().optional(),
          }),
        },
      },
      async (req) => {
        const { cursor, ...filter } = req.query;
        return audit.list(principalOf(req), { ...filter, beforeId: cursor });
      },
    );
  };
}
