import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasService } from '../../../../../test/support/services.ts';
import {
  createPgliteTestDb,
  createPostgresTestDb,
  type TestDatabase,
} from '../../../../../test/support/test-db.ts';
import { OrganizationRepository } from '../../repositories/organization.repository.ts';
import { ProjectRepository } from '../../repositories/project.repository.ts';
import { SettingsRepository } from '../../repositories/settings.repository.ts';
import { TokenRepository } from '../../repositories/token.repository.ts';
import { UserRepository } from '../../repositories/user.repository.ts';
import { migrateToLatest } from './database.ts';

/** The same suite over embedded PGlite and real PostgreSQL: one schema, one behaviour. */
function databaseContract(name: string, create: () => Promise<TestDatabase>, enabled = true) {
  describe.skipIf(!enabled)(`metadata DB contract: ${name}`, () => {
    let t: TestDatabase;
    const orgId = crypto.randomUUID();
    const userId = crypto.randomUUID();

    beforeAll(async () => {
      t = await create();
      await new OrganizationRepository(t.handle.db).insert({ id: orgId, name: 'Org' });
      await new UserRepository(t.handle.db).insert({
        id: userId,
        email: 'Ann@Example.com',
        name: 'Ann',
        passwordHash: 'h',
        orgId,
        role: 'admin',
      });
    });
    afterAll(async () => t?.destroy());

    it('has every platform table and re-running migrations is a no-op', async () => {
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = 'public'`.execute(t.handle.db);
      const names = tables.rows.map((r) => r.table_name);
      for (const table of [
        'organizations',
        'users',
        'memberships',
        'projects',
        'project_members',
        'refresh_tokens',
        'api_keys',
        'jobs',
        'audit_log',
      ]) {
        expect(names).toContain(table);
      }
      const again = await migrateToLatest(t.handle.db);
      expect(again.results).toEqual([]);
      await t.handle.ping();
    });

    it('finds users by email case-insensitively and refuses duplicates that differ only in case', async () => {
      const users = new UserRepository(t.handle.db);
      const u = await users.findByEmail('ann@example.COM');
      expect(u).toMatchObject({ id: userId, role: 'admin', orgId, orgName: 'Org', disabled: false });
      expect(u?.createdAt).toBeInstanceOf(Date);
      await expect(
        users.insert({
          id: crypto.randomUUID(),
          email: 'ANN@example.com',
          name: 'x',
          passwordHash: 'h',
          orgId,
          role: 'viewer',
        }),
      ).rejects.toThrow();
      // The failed transaction left no half-created user behind.
      expect(await users.count()).toBe(1);
    });

    it('round-trips jsonb and enforces role checks', async () => {
      const id = crypto.randomUUID();
      await t.handle.db
        .insertInto('jobs')
        .values({
          id,
          type: 't',
          status: 'queued',
          org_id: orgId,
          project_id: null,
          created_by: userId,
          payload: JSON.stringify({ a: [1, 'é', null] }),
          max_attempts: 1,
          backoff_ms: 0,
        })
        .execute();
      const row = await t.handle.db
        .selectFrom('jobs')
        .select('payload')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.payload).toEqual({ a: [1, 'é', null] });
      await expect(
        t.handle.db
          .insertInto('memberships')
          .values({ user_id: userId, org_id: orgId, role: 'root' as never })
          .execute(),
      ).rejects.toThrow();
    });

    it('marks a refresh token used exactly once, even under concurrency', async () => {
      const tokens = new TokenRepository(t.handle.db);
      const id = crypto.randomUUID();
      await tokens.insertRefresh({
        id,
        userId,
        familyId: crypto.randomUUID(),
        tokenHash: crypto.randomUUID(),
        expiresAt: new Date(Date.now() + 60_000),
      });
      const wins = await Promise.all(Array.from({ length: 5 }, () => tokens.markRefreshUsed(id)));
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it('keeps a settings value from the first writer', async () => {
      const s = new SettingsRepository(t.handle.db);
      const [a, b] = await Promise.all([s.getOrInsert('k', 'first'), s.getOrInsert('k', 'second')]);
      expect(a).toBe(b);
    });

    it('deletes a project with its members (cascade)', async () => {
      const projects = new ProjectRepository(t.handle.db);
      const pid = crypto.randomUUID();
      await projects.insert({ id: pid, orgId, name: 'P', description: '', createdBy: userId });
      expect(await projects.listMembers(pid)).toHaveLength(1);
      await projects.delete(pid);
      expect(await projects.listMembers(pid)).toHaveLength(0);
    });

    // PostgreSQL only (PGlite has no server to end a connection): not registered, not skipped.
    const postgresOnly = name === 'PostgreSQL' ? it : () => undefined;
    postgresOnly('survives its idle connections being terminated by the server', async () => {
      const db = t.handle.db;
      await sql`select 1`.execute(db);
      // What a PostgreSQL restart or failover does to a pool's idle clients.
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`.execute(db);
      await sql`select pg_terminate_backend(pg_backend_pid())`.execute(db).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      const r = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(r.rows[0].one).toBe(1);
    });
  });
}

databaseContract('PGlite', createPgliteTestDb);
databaseContract('PostgreSQL', createPostgresTestDb, await hasService('postgres'));
