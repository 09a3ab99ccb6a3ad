import type { Db } from '../adapters/db/database.ts';

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return r?.value;
  }

  /**
   * Store `value` unless the key exists, and return whatever is stored: when two replicas
   * start at once, both end up with the first one's value.
   */
  async getOrInsert(key: string, value: string): Promise<string> {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.get(key)) as string;
  }
}
