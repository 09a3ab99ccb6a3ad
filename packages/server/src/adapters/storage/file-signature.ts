import { createHmac, timingSafeEqual } from 'node:crypto';
import { UamError } from '../../errors/index.ts';
import { assertSafeKey } from './storage-key.ts';

/** What a signed download link grants: one key, with the name and type to serve it under. */
export interface FileLink {
  key: string;
  fileName?: string;
  contentType?: string;
}

/** Shortest secret we sign with; a guessable key would make every link forgeable. */
export const MIN_SECRET_CHARS = 16;
/** Same ceiling as S3 presigned URLs, so both stores accept the same options. */
export const MAX_EXPIRY_SECONDS = 7 * 24 * 3600;

/**
 * Query parameters of a signed link to `GET /api/v1/files`: `key`, `exp` (unix seconds),
 * optional `name` and `type`, and `sig` = hex HMAC-SHA256 over all of them (see `canonical`).
 */
export function signFileLink(link: FileLink, secret: string, expiresAt: number): URLSearchParams {
  assertSecret(secret);
  const exp = String(expiresAt);
  const query = new URLSearchParams({ key: link.key, exp });
  if (link.fileName) query.set('name', link.fileName);
  if (link.contentType) query.set('type', link.contentType);
  query.set('sig', hmac(secret, link.key, exp, link.fileName, link.contentType).toString('hex'));
  return query;
}

/**
 * Check a link's query parameters (Fastify's parsed query or URLSearchParams) at time `now`
 * (ms since the epoch) and return what it grants. Throws STORAGE_SIGNATURE_INVALID when a
 * parameter is missing, repeated or malformed, the signature does not match, or the link expired.
 * The comparison is constant-time, so response timing does not leak how much of a guess matched.
 *
 * @example
 * const { key, fileName } = verifyFileSignature(request.query, secret, Date.now());
 */
export function verifyFileSignature(
  params: Record<string, unknown> | URLSearchParams,
  secret: string,
  now: number = Date.now(),
): FileLink {
  assertSecret(secret);
  const read = (name: string) => readParam(params, name);
  const key = read('key');
  const exp = read('exp');
  const sig = read('sig');
  const fileName = read('name') || undefined;
  const contentType = read('type') || undefined;
  if (!key || !exp || !sig) throw invalid('The download link is incomplete');
  if (!/^\d{1,12}$/.test(exp) || !/^[0-9a-f]{64}$/.test(sig)) throw invalid('The download link is malformed');
  const expected = hmac(secret, key, exp, fileName, contentType);
  if (!timingSafeEqual(expected, Buffer.from(sig, 'hex')))
    throw invalid('The download link signature is invalid');
  if (now > Number(exp) * 1000) throw invalid('The download link has expired');
  // We only ever sign safe keys; checking again keeps a leaked secret from reaching outside the root.
  assertSafeKey(key);
  return { key, fileName, contentType };
}

/** Throw unless `seconds` is a whole number of seconds S3 would also accept. */
export function assertExpiry(seconds: number): void {
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > MAX_EXPIRY_SECONDS) {
    throw new UamError('BAD_REQUEST', `expiresInSeconds must be an integer from 1 to ${MAX_EXPIRY_SECONDS}`, {
      expiresInSeconds: seconds,
    });
  }
}

export function assertSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_CHARS) {
    throw new UamError(
      'CONFIG_INVALID',
      `The file signing secret must be at least ${MIN_SECRET_CHARS} characters`,
    );
  }
}

// A JSON array is an unambiguous encoding (no delimiter a file name could smuggle in), and the
// version tag keeps these MACs apart from anything else signed with the same secret.
function hmac(secret: string, key: string, exp: string, name?: string, type?: string): Buffer {
  const canonical = JSON.stringify(['uam-file-link-v1', key, exp, name ?? '', type ?? '']);
  return createHmac('sha256', secret).update(canonical).digest();
}

function readParam(params: Record<string, unknown> | URLSearchParams, name: string): string | undefined {
  if (params instanceof URLSearchParams) {
    const all = params.getAll(name);
    if (all.length > 1) throw invalid(`The download link repeats "${name}"`);
    return all[0];
  }
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`The download link repeats "${name}"`);
  return value;
}

function invalid(message: string): UamError {
  return new UamError('STORAGE_SIGNATURE_INVALID', message);
}
