import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

/** Answers a not-found GET with the SPA shell, or returns false to let the JSON 404 through. */
export type SpaFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

/**
 * Serve the built web app at `/`. The returned fallback sends index.html for other GETs
 * outside `/api`, so deep links work while unknown API routes keep their JSON 404.
 */
export async function registerStaticWeb(app: FastifyInstance, dist = WEB_DIST): Promise<SpaFallback> {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn({ dist }, 'web app not built; run `npm run build:web`');
    return () => false;
  }
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    index: ['index.html'],
    cacheControl: false,
    setHeaders(res, filePath) {
      // Hashed assets never change; everything else must be revalidated.
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const html = fs.readFileSync(index);
  return (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      url === '/api' ||
      url.startsWith('/api/')
    ) {
      return false;
    }
    reply.status(200).header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(html);
    return true;
  };
}
