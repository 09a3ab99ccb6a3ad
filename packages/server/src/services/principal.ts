import type { PlatformRole } from '../adapters/db/schema.ts';
import { UamError } from '../errors/index.ts';

/** Who is making a request, as established by the auth layer on every call. */
export interface Principal {
  userId: string;
  email: string;
  role: PlatformRole;
  orgId: string;
  via: 'jwt' | 'api_key';
}

export function requirePlatformRole(p: Principal, ...roles: PlatformRole[]): void {
  if (!roles.includes(p.role)) {
    throw new UamError('FORBIDDEN', `This needs the ${roles.join(' or ')} role; you are ${p.role}`, {
      required: roles,
      role: p.role,
    });
  }
}

export const isAdmin = (p: Principal): boolean => p.role === 'admin';
