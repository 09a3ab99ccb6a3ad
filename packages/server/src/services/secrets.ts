import crypto from 'node:crypto';

/** SHA-256 hex of a high-entropy secret (refresh tokens, API keys): safe to index and look up. */
export function sha256Hex(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

/** `prefix` + 32 random bytes, URL-safe. */
export function randomToken(prefix: string): string {
  return prefix + crypto.randomBytes(32).toString('base64url');
}
