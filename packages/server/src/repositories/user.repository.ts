import { sql } from 'kysely';
import type { Db } from '../adapters/db/database.ts';
import type { PlatformRole } from '../adapters/db/schema.ts';

/** A user joined with their organization membership: what services work with. */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  disabled: boolean;
  role: PlatformRole;
  orgId: string;
  orgName: string;
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
}

export class UserRepository {
  constructor(private readonly db: Db) {}

  private base() {
    return this.db
      .selectFrom('users as u')
      .innerJoin('memberships as m', 'm.user_id', 'u.id')
      .innerJoin('organizations as o', 'o.id', 'm.org_id')
      .select([
        'u.id',
        'u.email',
        'u.name',
        'u.password_hash as passwordHash',
        'u.disabled',
        'm.role',
        'm.org_id as orgId',
        'o.name as orgName',
        'u.created_at as createdAt',
        'u.updated_at as updatedAt',
        'u.last_login_at as lastLoginAt',
      ]);
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    return this.base().where('u.id', '=', id).executeTakeFirst();
  }

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    return this.base().where(sql`lower(u.email)`, '=', email.toLowerCase()).executeTakeFirst();
  }

  async listByOrg(orgId: string): Promise<UserRecord[]> {
    return this.base().where('m.org_id', '=', orgId).orderBy('u.created_at').orderBy('u.id').execute();
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async countActiveAdmins(orgId: string): Promise<number> {
    const r = await this.db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .where('m.org_id', '=', orgId)
      .where('m.role', '=', 'admin')
      .where('u.disabled', '=', false)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insert(u: {
    id: string;
    email: string;
    name: string;
    passwordHash: string;
    orgId: string;
    role: PlatformRole;
  }): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('users')
        .values({
          id: u.id,
          email: u.email,
          name: u.name,
          password_hash: u.passwordHash,
          last_login_at: null,
        })
        .execute();
      await tx.insertInto('memberships').values({ user_id: u.id, org_id: u.orgId, role: u.role }).execute();
    });
  }

  async update(
    id: string,
    patch: { name?: string; disabled?: boolean; role?: PlatformRole; passwordHash?: string },
  ): Promise<void> {
    const userPatch = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.disabled !== undefined && { disabled: patch.disabled }),
      ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
    };
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({ ...userPatch, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      if (patch.role)
        await tx.updateTable('memberships').set({ role: patch.role }).where('user_id', '=', id).execute();
    });
  }

  async touchLogin(id: string): Promise<void> {
    await this.db.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('users').where('id', '=', id).execute();
  }
}
