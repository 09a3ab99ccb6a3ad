import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { contentDisposition } from '../../adapters/storage/content-disposition.ts';
import { verifyFileSignature } from '../../adapters/storage/file-signature.ts';
import type { Storage } from '../../adapters/storage/storage.ts';

export interface FilesRoutesDeps {
  storage: Storage;
  /** The same secret the filesystem store signs its links with. */
  signingSecret: string;
}

// A signed content type is ours, but a header value still must not carry anything odd.
const SAFE_CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+(; ?charset=[\w-]+)?$/;

/**
 * `GET /api/v1/files?key&exp&name&type&sig`: the download end of the filesystem store's signed
 * links (S3 links go to the bucket instead). Registers `GET /files`; mount it under the
 * `/api/v1` prefix, where `FsStorage.signedUrl` points. The signature is the authorisation, so no session
 * is needed and a link works in a plain `<a href>`. Always served as an attachment with
 * `nosniff`, so an uploaded HTML or SVG file can never run as a page on our origin.
 *
 * @example
 * await app.register(filesRoutes({ storage, signingSecret }), { prefix: '/api/v1' });
 */
export function filesRoutes(deps: FilesRoutesDeps) {
  return async function files(app: FastifyInstance): Promise<void> {
    // `public`: the app's bearer-token hook must let these through; the signature is checked here.
    app.get('/files', { config: { public: true } }, async (request, reply) => {
      const link = verifyFileSignature(
        request.query as Record<string, unknown>,
        deps.signingSecret,
        Date.now(),
      );
      // Objects are immutable once written, so the size read here matches the stream below.
      const bytes = await deps.storage.size(link.key);
      const body = await deps.storage.get(link.key);
      const type =
        link.contentType && SAFE_CONTENT_TYPE.test(link.contentType) ? link.contentType : undefined;
      return (
        reply
          .header('Content-Type', type ?? 'application/octet-stream')
          .header('Content-Length', bytes)
          .header('Content-Disposition', contentDisposition(link.fileName ?? path.posix.basename(link.key)))
          .header('X-Content-Type-Options', 'nosniff')
          // The URL is a bearer credential: keep it and the bytes out of shared caches.
          .header('Cache-Control', 'private, no-store')
          .header('Referrer-Policy', 'no-referrer')
          .send(body)
      );
    });
  };
}
