import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RateCounter } from '../../adapters/cache/rate-counter.ts';
import { isUamError, UamError } from '../../errors/index.ts';
import type { AuthService } from '../../services/auth.service.ts';
import { principalOf } from '../plugins/auth.ts';
import { displayName, email, password, sessionSchema, userSchema } from '../schemas.ts';

export interface AuthRouteDeps {
  auth: AuthService;
  failedLogins: RateCounter;
  /** Failed sign-ins allowed per IP per minute; the next one is refused with 429. */
  maxFailedLogins: number;
}

const WINDOW_MS = 60_000;

export function authRoutes(d: AuthRouteDeps) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['auth'];
    const publicAuth = { public: true, rateLimit: { max: 30, timeWindow: WINDOW_MS } };

    app.post(
      '/register',
      {
        config: { ...publicAuth, audit: 'auth.register' },
        schema: {
          tags,
          summary: 'Create an account (the first one becomes admin)',
          body: z.object({ email, password, name: displayName }),
          response: { 201: sessionSchema },
        },
      },
      async (req, reply) => {
        req.auditActor = { id: null, email: req.body.email, orgId: null };
        const session = await d.auth.register(req.body);
        req.auditActor = { id: session.user.id, email: session.user.email, orgId: session.user.orgId };
        return reply.status(201).send(session);
      },
    );

    app.post(
      '/login',
      {
        config: { ...publicAuth, audit: 'auth.login' },
        schema: {
          tags,
          summary: 'Sign in with email and password',
          body: z.object({ email, password: z.string().min(1).max(256) }),
          response: { 200: sessionSchema },
        },
      },
      async (req) => {
        req.auditActor = { id: null, email: req.body.email, orgId: null };
        const key = `login:${req.ip}`;
        const seen = await d.failedLogins.peek(key);
        if (seen.count >= d.maxFailedLogins) throw rateLimited(seen.resetMs);
        try {
          const session = await d.auth.login(req.body);
          req.auditActor = { id: session.user.id, email: session.user.email, orgId: session.user.orgId };
          return session;
        } catch (err) {
          if (isUamError(err) && err.code === 'AUTH_INVALID_CREDENTIALS')
            await d.failedLogins.hit(key, WINDOW_MS);
          // Failed sign-ins to a real account show up in that organization's audit log.
          const who = await d.auth.auditIdentity(req.body.email);
          if (who) req.auditActor = { id: who.id, email: req.body.email, orgId: who.orgId };
          throw err;
        }
      },
    );

    app.post(
      '/refresh',
      {
        config: { ...publicAuth, audit: 'auth.refresh' },
        schema: {
          tags,
          summary: 'Exchange a refresh token for a new token pair (rotation)',
          body: z.object({ refreshToken: z.string().min(1).max(200) }),
          response: { 200: sessionSchema },
        },
      },
      async (req) => {
        const session = await d.auth.refresh(req.body.refreshToken);
        req.auditActor = { id: session.user.id, email: session.user.email, orgId: session.user.orgId };
        return session;
      },
    );

    app.post(
      '/logout',
      {
        config: { public: true, audit: 'auth.logout' },
        schema: {
          tags,
          summary: 'Revoke a refresh token and its family',
          body: z.object({ refreshToken: z.string().min(1).max(200) }),
        },
      },
      async (req, reply) => {
        await d.auth.logout(req.body.refreshToken);
        return reply.status(204).send();
      },
    );

    app.get(
      '/me',
      { schema: { tags, summary: 'The signed-in user', response: { 200: z.object({ user: userSchema }) } } },
      async (req) => ({ user: await d.auth.me(principalOf(req).userId) }),
    );
  };
}

function rateLimited(resetMs: number): UamError {
  const retryAfterSeconds = Math.max(1, Math.ceil(resetMs / 1000));
  return new UamError('RATE_LIMITED', `Too many failed sign-ins; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });
}
