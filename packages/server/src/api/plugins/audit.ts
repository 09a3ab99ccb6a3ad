import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditService } from '../../services/audit.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by handlers that know more than the principal (e.g. login: the email tried). */
    auditActor?: { id: string | null; email: string | null; orgId: string | null };
    auditTarget?: { type: string; id: string };
    auditDetails?: Record<string, unknown>;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every mutating request, successful or not, leaves one audit row. */
export function registerAudit(app: FastifyInstance, audit: AuditService): void {
  app.addHook('onResponse', async (request, reply) => {
    if (!MUTATING.has(request.method)) return;
    const p = request.principal;
    const actor = request.auditActor ?? {
      id: p?.userId ?? null,
      email: p?.email ?? null,
      orgId: p?.orgId ?? null,
    };
    const target = request.auditTarget ?? defaultTarget(request);
    await audit.record({
      orgId: actor.orgId,
      actorId: actor.id,
      actorEmail: actor.email,
      action:
        request.routeOptions.config?.audit ?? `${request.method} ${request.routeOptions.url ?? 'unknown'}`,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      ip: request.ip,
      outcome: reply.statusCode < 400 ? 'success' : 'failure',
      statusCode: reply.statusCode,
      requestId: request.id,
      details: { ...(request.auditDetails ?? {}), ...(p ? { via: p.via } : {}) },
    });
  });
}

function defaultTarget(request: FastifyRequest): { type: string; id: string } | undefined {
  const params = request.params as Record<string, string> | undefined;
  const id = params?.id;
  if (!id) return undefined;
  const type = (request.routeOptions.url ?? '').split('/')[3] ?? 'unknown';
  return { type, id: id.slice(0, 200) };
}
