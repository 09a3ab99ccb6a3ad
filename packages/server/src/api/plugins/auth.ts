import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UamError } from '../../errors/index.ts';
import type { AuthService } from '../../services/auth.service.ts';
import type { Principal } from '../../services/principal.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** Route needs no credentials (sign-in, health, static files). */
    public?: boolean;
    /** Action name recorded in the audit log, e.g. `project.create`. */
    audit?: string;
  }
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw new UamError('AUTH_INVALID_TOKEN', 'The Authorization header must be "Bearer <token>"');
  return m[1];
}

/**
 * Every `/api/v1` route needs a valid access token or API key unless its config says
 * `public: true`. Routes outside it (web app files, health, API docs) are public.
 */
export function registerAuth(app: FastifyInstance, auth: AuthService): void {
  app.addHook('preHandler', async (request) => {
    const url = request.routeOptions.url ?? '';
    if (request.is404 || request.routeOptions.config?.public || !url.startsWith('/api/v1/')) return;
    const token = bearerToken(request);
    if (!token) throw new UamError('AUTH_REQUIRED');
    request.principal = await auth.authenticate(token);
  });
}

/** The authenticated caller; routes behind the auth hook always have one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UamError('AUTH_REQUIRED');
  return request.principal;
}
