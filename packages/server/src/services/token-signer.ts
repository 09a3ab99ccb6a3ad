import { errors, jwtVerify, SignJWT } from 'jose';
import type { PlatformRole } from '../adapters/db/schema.ts';
import { UamError } from '../errors/index.ts';

export interface AccessClaims {
  sub: string;
  role: PlatformRole;
  org: string;
}

const ISSUER = 'uam';
const AUDIENCE = 'uam-api';

/**
 * Short-lived HS256 access tokens. Verification pins the algorithm, issuer and audience, so
 * `alg: none`, tokens signed with another key and expired tokens are all AUTH_INVALID_TOKEN.
 */
export class TokenSigner {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(claims: AccessClaims): Promise<string> {
    return new SignJWT({ role: claims.role, org: claims.org, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string') throw new Error('not an access token');
      return { sub: payload.sub, role: payload.role as PlatformRole, org: String(payload.org) };
    } catch (e) {
      const expired = e instanceof errors.JWTExpired;
      throw new UamError('AUTH_INVALID_TOKEN', expired ? 'The access token has expired' : undefined, {
        reason: expired ? 'expired' : 'invalid',
      });
    }
  }
}
