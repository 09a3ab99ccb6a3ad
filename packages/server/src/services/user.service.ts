import type { PlatformRole } from '../adapters/db/schema.ts';
import { UamError } from '../errors/index.ts';
import type { TokenRepository } from '../repositories/token.repository.ts';
import type { UserRecord, UserRepository } from '../repositories/user.repository.ts';
import type { AuthService } from './auth.service.ts';
import { type Principal, requirePlatformRole } from './principal.ts';
import { toUserView, type UserView } from './user-view.ts';

/** Admin management of the users of the admin's own organization. */
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: TokenRepository,
    private readonly auth: AuthService,
  ) {}

  async list(p: Principal): Promise<UserView[]> {
    requirePlatformRole(p, 'admin');
    return (await this.users.listByOrg(p.orgId)).map(toUserView);
  }

  async create(
    p: Principal,
    input: { email: string; name: string; password: string; role: PlatformRole },
  ): Promise<UserView> {
    requirePlatformRole(p, 'admin');
    return toUserView(await this.auth.createUser({ ...input, orgId: p.orgId }));
  }

  async update(
    p: Principal,
    id: string,
    patch: { role?: PlatformRole; disabled?: boolean; name?: string },
  ): Promise<UserView> {
    requirePlatformRole(p, 'admin');
    const user = await this.inOrg(p, id);
    const losesAdmin =
      user.role === 'admin' &&
      !user.disabled &&
      (patch.disabled === true || (patch.role && patch.role !== 'admin'));
    if (losesAdmin && (await this.users.countActiveAdmins(p.orgId)) <= 1) throw new UamError('LAST_ADMIN');
    await this.users.update(id, patch);
    // A disabled account loses its sessions at once; its access tokens fail on next use.
    if (patch.disabled) await this.tokens.revokeAllForUser(id);
    return toUserView((await this.users.findById(id))!);
  }

  async delete(p: Principal, id: string): Promise<void> {
    requirePlatformRole(p, 'admin');
    const user = await this.inOrg(p, id);
    if (user.role === 'admin' && !user.disabled && (await this.users.countActiveAdmins(p.orgId)) <= 1) {
      throw new UamError('LAST_ADMIN');
    }
    await this.users.delete(id);
  }

  private async inOrg(p: Principal, id: string): Promise<UserRecord> {
    const user = await this.users.findById(id);
    if (!user || user.orgId !== p.orgId) throw new UamError('USER_NOT_FOUND');
    return user;
  }
}
