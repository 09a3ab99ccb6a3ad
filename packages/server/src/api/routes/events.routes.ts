import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { BusMessage, EventBus } from '../../adapters/events/event-bus.ts';
import { serializeError, UamError } from '../../errors/index.ts';
import type { AuthService } from '../../services/auth.service.ts';
import type { JobAccess } from '../../services/job-access.ts';
import type { Principal } from '../../services/principal.ts';

const AUTH_TIMEOUT_MS = 10_000;

/**
 * WebSocket `/api/v1/events`: after authenticating (`?token=` or a first message
 * `{"type":"auth","token":"..."}`) the client receives `{"type":"job.updated","job":{...}}`
 * for the jobs it may see, and nothing else.
 */
export function eventRoutes(deps: { auth: AuthService; bus: EventBus; access: JobAccess }) {
  return async (app: FastifyInstance) => {
    app.get(
      '/events',
      { websocket: true, config: { public: true }, schema: { hide: true } },
      (socket, req) => {
        const send = (msg: unknown) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
        };
        const fail = (err: unknown) => {
          send({ type: 'error', error: serializeError(err) });
          socket.close(4401, 'unauthorized');
        };
        let unsubscribe: (() => void) | undefined;
        socket.on('close', () => unsubscribe?.());

        const start = (p: Principal) => {
          const canSee = deps.access.cached(p);
          unsubscribe = deps.bus.subscribe((m: BusMessage) => {
            if (m.kind !== 'job.updated') return;
            canSee(m.job)
              .then((ok) => ok && send({ type: 'job.updated', job: m.job }))
              .catch((err) => req.log.warn({ err }, 'event visibility check failed'));
          });
          send({ type: 'ready', userId: p.userId });
        };

        const queryToken = (req.query as { token?: string }).token;
        if (queryToken) {
          deps.auth.authenticate(queryToken).then(start, fail);
          return;
        }
        const timer = setTimeout(
          () => fail(new UamError('AUTH_REQUIRED', 'Send {"type":"auth","token":...} first')),
          AUTH_TIMEOUT_MS,
        );
        socket.once('message', (raw: Buffer) => {
          clearTimeout(timer);
          authFromMessage(raw)
            .then((token) => deps.auth.authenticate(token))
            .then(start, fail);
        });
      },
    );
  };
}

async function authFromMessage(raw: Buffer): Promise<string> {
  let msg: unknown;
  try {
    msg = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new UamError('MALFORMED_JSON');
  }
  const m = msg as { type?: unknown; token?: unknown };
  if (m?.type !== 'auth' || typeof m.token !== 'string' || m.token.length > 4096) {
    throw new UamError('AUTH_REQUIRED', 'The first message must be {"type":"auth","token":"..."}');
  }
  return m.token;
}

export type { WebSocket };
