import crypto from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Platform } from '../platform.ts';
import { clientErrorHandler } from './client-error.ts';
import { registerAudit } from './plugins/audit.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerErrorHandling, toUamError } from './plugins/error-handler.ts';
import { createMetrics } from './plugins/metrics.ts';
import { registerStaticWeb } from './plugins/static-web.ts';
import { apiKeyRoutes } from './routes/api-key.routes.ts';
import { askRoutes } from './routes/ask.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { datasetRoutes } from './routes/dataset.routes.ts';
import { eventRoutes } from './routes/events.routes.ts';
import { filesRoutes } from './routes/files.routes.ts';
import { jobRoutes } from './routes/job.routes.ts';
import { modelRoutes } from './routes/model.routes.ts';
import { opsRoutes } from './routes/ops.routes.ts';
import { profileRoutes } from './routes/profile.routes.ts';
import { projectRoutes } from './routes/project.routes.ts';
import { userRoutes } from './routes/user.routes.ts';

export const API_VERSION = '0.1.0';

/** The HTTP API over a platform: validate → authorize → service → respond. */
export async function buildApp(
  platform: Platform,
  opts: { webDist?: string } = {},
): Promise<FastifyInstance> {
  const { config, services } = platform;
  const app = Fastify({
    loggerInstance: platform.logger as FastifyBaseLogger,
    bodyLimit: config.UAM_BODY_LIMIT,
    trustProxy: config.UAM_TRUST_PROXY,
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    clientErrorHandler,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // Plain-http installs on a LAN address must keep loading their own assets over http.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cors, {
    origin: config.UAM_CORS_ORIGINS.length ? config.UAM_CORS_ORIGINS : false,
    credentials: false,
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
  });
  await app.register(rateLimit, {
    global: true,
    max: config.UAM_RATE_LIMIT,
    timeWindow: 60_000,
    ...(platform.redis ? { redis: platform.redis } : {}),
    keyGenerator: (req) => req.ip,
    allowList: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
    errorResponseBuilder: (req, ctx) =>
      toUamError(
        Object.assign(new Error(`Rate limit exceeded, retry in ${ctx.after}`), { statusCode: 429 }),
        req,
      ),
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'UAM API',
        version: API_VERSION,
        description: 'The Universal Analyst Model platform API',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  const fallback = await registerStaticWeb(app, opts.webDist);
  registerErrorHandling(app, fallback);
  registerAuth(app, services.auth);
  registerAudit(app, services.audit);
  const metrics = createMetrics({
    bus: platform.bus,
    queueDepth: () => platform.jobs.queue.depth(),
    jobCounts: () => platform.jobs.service.counts(),
  });
  metrics.register(app);
  app.addHook('onClose', async () => metrics.close());

  await app.register(
    opsRoutes({
      version: API_VERSION,
      metrics: metrics.registry,
      checks: [
        { name: 'database', check: () => platform.database.ping() },
        { name: 'queue', check: () => platform.jobs.queue.ping() },
        { name: 'storage', check: () => platform.storage.ping() },
        // Not a dependency but a warm-up: the first job should not pay for loading the engine.
        { name: 'workers', check: () => platform.jobs.warmed() },
      ],
    }),
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(
    async (v1) => {
      await v1.register(
        authRoutes({
          auth: services.auth,
          failedLogins: platform.rateCounter,
          maxFailedLogins: config.UAM_AUTH_RATE_LIMIT,
        }),
        { prefix: '/auth' },
      );
      await v1.register(apiKeyRoutes(services.auth), { prefix: '/api-keys' });
      await v1.register(projectRoutes(services.projects), { prefix: '/projects' });
      await v1.register(userRoutes(services.users), { prefix: '/users' });
      await v1.register(
        jobRoutes({ jobs: platform.jobs.service, projects: services.projects, access: services.jobAccess }),
        { prefix: '/jobs' },
      );
      await v1.register(auditRoutes(services.audit), { prefix: '/audit' });
      await v1.register(
        askRoutes({
          ask: services.ask,
          maxQuestionChars: config.UAM_ASK_MAX_QUESTION,
          rateLimit: config.UAM_ASK_RATE_LIMIT,
        }),
      );
      await v1.register(profileRoutes(services.eda));
      await v1.register(modelRoutes({ models: services.models }));
      await v1.register(eventRoutes({ auth: services.auth, bus: platform.bus, access: services.jobAccess }));
      await v1.register(filesRoutes({ storage: platform.storage, signingSecret: platform.signingSecret }));
      await v1.register(
        datasetRoutes({
          datasets: services.datasets,
          uploads: services.datasetUploads,
          queries: services.datasetQueries,
          search: services.search,
          artifacts: services.artifacts,
          maxUploadBytes: config.UAM_MAX_UPLOAD_BYTES,
        }),
      );
    },
    { prefix: '/api/v1' },
  );
  return app;
}
