import type { Db } from '../adapters/db/database.ts';

export class OrganizationRepository {
  constructor(private readonly db: Db) {}

  /** The organization new users join: the oldest one (created with the first user). */
  async findDefault(): Promise<{ id: string; name: string } | undefined> {
    return this.db
      .selectFrom('organizations')
      .select(['id', 'name'])
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  }

  async insert(org: { id: string; name: string }): Promise<void> {
    await this.db.insertInto('organizations').values(org).execute();
  }
}
