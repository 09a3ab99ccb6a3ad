import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_CODES, type ErrorCode, isUamError, UamError } from '../../errors/index.ts';

/** Fastify's own error codes that are the client's fault, mapped into our catalog. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_TYPE: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_CHARSET: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_VALIDATION: 'VALIDATION_ERROR',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_ASYNC_CONSTRAINT: 'BAD_REQUEST',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
};

export function sendError(reply: FastifyReply, err: UamError): FastifyReply {
  const status = ERROR_CODES[err.code].status;
  if (err.code === 'RATE_LIMITED' && typeof err.details.retryAfterSeconds === 'number') {
    reply.header('Retry-After', String(err.details.retryAfterSeconds));
  }
  return reply.status(status).send({ error: { code: err.code, message: err.message, details: err.details } });
}

/** Turn anything thrown into a typed error; only unknown errors are logged as 500s. */
export function toUamError(err: unknown, request: FastifyRequest): UamError {
  if (isUamError(err)) return err;
  const fe = err as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(fe) || fe.validation) {
    const issues =
      (fe.validation as Array<{ instancePath?: string; message?: string; params?: unknown }>) ?? [];
    const fields = issues.map((i) => ({
      path: `${fe.validationContext ?? ''}${i.instancePath ?? ''}`,
      message: i.message ?? 'invalid',
    }));
    return new UamError('VALIDATION_ERROR', describe(fields), { issues: fields });
  }
  if (fe.code && FASTIFY_CODES[fe.code]) return new UamError(FASTIFY_CODES[fe.code]!, fe.message);
  if (fe.statusCode === 429) return new UamError('RATE_LIMITED');
  if (fe.statusCode === 403) return new UamError('FORBIDDEN');
  if (fe.statusCode === 404) return new UamError('NOT_FOUND');
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new UamError('BAD_REQUEST', fe.message);
  }
  request.log.error({ err }, 'unhandled error');
  return new UamError('INTERNAL_ERROR', `Internal server error (request ${request.id})`, {
    requestId: request.id,
  });
}

function describe(fields: Array<{ path: string; message: string }>): string {
  const first = fields.slice(0, 3).map((f) => `${f.path || 'body'}: ${f.message}`);
  return `Invalid request: ${first.join('; ')}${fields.length > 3 ? ` (+${fields.length - 3} more)` : ''}`;
}

export function registerErrorHandling(
  app: FastifyInstance,
  fallback: (request: FastifyRequest, reply: FastifyReply) => boolean = () => false,
): void {
  app.setErrorHandler((err, request, reply) => sendError(reply, toUamError(err, request)));
  app.setNotFoundHandler((request, reply) => {
    if (fallback(request, reply)) return reply;
    const path = request.url.split('?')[0]!.slice(0, 200);
    return sendError(reply, new UamError('ROUTE_NOT_FOUND', `No route ${request.method} ${path}`));
  });
}
