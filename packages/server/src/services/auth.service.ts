import crypto from 'node:crypto';
import type { PlatformRole } from '../adapters/db/schema.ts';
import { UamError } from '../errors/index.ts';
import type { OrganizationRepository } from '../repositories/organization.repository.ts';
import type { TokenRepository } from '../repositories/token.repository.ts';
import type { UserRecord, UserRepository } from '../repositories/user.repository.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hasher.ts';
import type { Principal } from './principal.ts';
import { randomToken, sha256Hex } from './secrets.ts';
import type { TokenSigner } from './token-signer.ts';
import { toUserView, type UserView } from './user-view.ts';

export interface Session {
  user: UserView;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface AuthServiceDeps {
  users: UserRepository;
  orgs: OrganizationRepository;
  tokens: TokenRepository;
  signer: TokenSigner;
  signup: 'open' | 'invite' | 'closed';
  defaultOrgName: string;
  refreshTtlSeconds: number;
}

const API_KEY_PREFIX = 'uam_';
const REFRESH_PREFIX = 'uamr_';

/** Sign-up, sign-in, rotating refresh tokens, and authentication of incoming credentials. */
export class AuthService {
  constructor(private readonly d: AuthServiceDeps) {}

  async register(input: { email: string; password: string; name: string }): Promise<Session> {
    const existing = await this.d.users.findByEmail(input.email);
    if (existing) throw new UamError('AUTH_EMAIL_TAKEN');
    const first = (await this.d.users.count()) === 0;
    if (!first && this.d.signup !== 'open') {
      const hint =
        this.d.signup === 'invite' ? 'Sign-up is by invitation: ask an admin for an account' : undefined;
      throw new UamError('AUTH_SIGNUP_CLOSED', hint, { signup: this.d.signup });
    }
    const org = await this.defaultOrg();
    const role: PlatformRole = first ? 'admin' : 'analyst';
    const user = await this.createUser({ ...input, orgId: org.id, role });
    await this.d.users.touchLogin(user.id);
    return this.openSession((await this.d.users.findById(user.id))!);
  }

  /** Used by admins (POST /users) and `uam create-admin`. */
  async createUser(input: {
    email: string;
    password: string;
    name: string;
    orgId: string;
    role: PlatformRole;
  }): Promise<UserRecord> {
    if (await this.d.users.findByEmail(input.email)) throw new UamError('AUTH_EMAIL_TAKEN');
    const id = crypto.randomUUID();
    await this.d.users.insert({
      id,
      email: input.email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      orgId: input.orgId,
      role: input.role,
    });
    return (await this.d.users.findById(id))!;
  }

  async defaultOrg(): Promise<{ id: string; name: string }> {
    const org = await this.d.orgs.findDefault();
    if (org) return org;
    const created = { id: crypto.randomUUID(), name: this.d.defaultOrgName };
    await this.d.orgs.insert(created);
    return (await this.d.orgs.findDefault())!;
  }

  async login(input: { email: string; password: string }): Promise<Session> {
    const user = await this.d.users.findByEmail(input.email);
    if (!user) {
      await verifyAgainstDummy(input.password);
      throw new UamError('AUTH_INVALID_CREDENTIALS');
    }
    if (!(await verifyPassword(user.passwordHash, input.password)))
      throw new UamError('AUTH_INVALID_CREDENTIALS');
    if (user.disabled) throw new UamError('AUTH_USER_DISABLED');
    await this.d.users.touchLogin(user.id);
    return this.openSession(user);
  }

  /**
   * Exchange a refresh token for a new pair. Each token works once; presenting a used or
   * revoked one means it was stolen or replayed, so the whole family is revoked.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const row = await this.d.tokens.findRefreshByHash(sha256Hex(refreshToken));
    if (!row) throw new UamError('AUTH_INVALID_TOKEN', 'Unknown refresh token');
    if (row.used_at || row.revoked_at) {
      await this.d.tokens.revokeFamily(row.family_id);
      throw new UamError('AUTH_REFRESH_REUSED');
    }
    if (row.expires_at.getTime() <= Date.now())
      throw new UamError('AUTH_INVALID_TOKEN', 'The refresh token expired');
    if (!(await this.d.tokens.markRefreshUsed(row.id))) {
      await this.d.tokens.revokeFamily(row.family_id);
      throw new UamError('AUTH_REFRESH_REUSED');
    }
    const user = await this.d.users.findById(row.user_id);
    if (!user) throw new UamError('AUTH_INVALID_TOKEN');
    if (user.disabled) {
      await this.d.tokens.revokeFamily(row.family_id);
      throw new UamError('AUTH_USER_DISABLED');
    }
    return this.openSession(user, row.family_id);
  }

  /** Who an email belongs to, for audit rows of failed sign-ins (never sent to the client). */
  async auditIdentity(email: string): Promise<{ id: string; orgId: string } | undefined> {
    const user = await this.d.users.findByEmail(email);
    return user && { id: user.id, orgId: user.orgId };
  }

  async logout(refreshToken: string): Promise<void> {
    const row = await this.d.tokens.findRefreshByHash(sha256Hex(refreshToken));
    if (row) await this.d.tokens.revokeFamily(row.family_id);
  }

  /** Resolve an `Authorization: Bearer` credential (access JWT or `uam_` API key) to a principal. */
  async authenticate(credential: string): Promise<Principal> {
    if (credential.startsWith(API_KEY_PREFIX)) {
      const key = await this.d.tokens.findApiKeyByHash(sha256Hex(credential));
      if (!key) throw new UamError('AUTH_INVALID_TOKEN', 'Unknown or revoked API key');
      const user = await this.activeUser(key.user_id);
      void this.d.tokens.touchApiKey(key.id).catch(() => {});
      return { userId: user.id, email: user.email, role: user.role, orgId: user.orgId, via: 'api_key' };
    }
    const claims = await this.d.signer.verify(credential);
    // The role and disabled flag are read fresh: a demotion or lock-out applies at once.
    const user = await this.activeUser(claims.sub);
    return { userId: user.id, email: user.email, role: user.role, orgId: user.orgId, via: 'jwt' };
  }

  async me(userId: string): Promise<UserView> {
    return toUserView(await this.activeUser(userId));
  }

  async createApiKey(userId: string, name: string) {
    const key = randomToken(API_KEY_PREFIX);
    const id = crypto.randomUUID();
    const prefix = key.slice(0, API_KEY_PREFIX.length + 6);
    await this.d.tokens.insertApiKey({ id, userId, name, prefix, keyHash: sha256Hex(key) });
    const [row] = (await this.d.tokens.listApiKeys(userId)).filter((k) => k.id === id);
    return { apiKey: toApiKeyView(row!), key };
  }

  async listApiKeys(userId: string) {
    return (await this.d.tokens.listApiKeys(userId)).map(toApiKeyView);
  }

  async revokeApiKey(userId: string, id: string): Promise<void> {
    if (!(await this.d.tokens.revokeApiKey(id, userId))) throw new UamError('API_KEY_NOT_FOUND');
  }

  private async activeUser(id: string): Promise<UserRecord> {
    const user = await this.d.users.findById(id);
    if (!user) throw new UamError('AUTH_INVALID_TOKEN', 'The account no longer exists');
    if (user.disabled) throw new UamError('AUTH_USER_DISABLED');
    return user;
  }

  private async openSession(user: UserRecord, familyId: string = crypto.randomUUID()): Promise<Session> {
    const refreshToken = randomToken(REFRESH_PREFIX);
    await this.d.tokens.insertRefresh({
      id: crypto.randomUUID(),
      userId: user.id,
      familyId,
      tokenHash: sha256Hex(refreshToken),
      expiresAt: new Date(Date.now() + this.d.refreshTtlSeconds * 1000),
    });
    const accessToken = await this.d.signer.sign({ sub: user.id, role: user.role, org: user.orgId });
    return { user: toUserView(user), accessToken, refreshToken, expiresIn: this.d.signer.ttlSeconds };
  }
}

function toApiKeyView(k: {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
}) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.created_at.toISOString(),
    lastUsedAt: k.last_used_at ? k.last_used_at.toISOString() : null,
  };
}
