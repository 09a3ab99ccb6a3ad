import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, type Session, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: Session;
let ana: Session;
let bob: Session;
let viewer: Session;
let other: Session; // a user of another organization

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signUp('admin@p.test');
  ana = await t.signUp('ana@p.test');
  bob = await t.signUp('bob@p.test');
  const v = await t.call('POST', '/api/v1/users', {
    token: admin.accessToken,
    body: { email: 'viewer@p.test', name: 'Vi', password: PASSWORD, role: 'viewer' },
  });
  expect(v.statusCode).toBe(201);
  viewer = await t.login('viewer@p.test');
  // Organization B exists only through the service layer: sign-up always joins the default org.
  const orgId = crypto.randomUUID();
  await t.platform.database.db.insertInto('organizations').values({ id: orgId, name: 'Org B' }).execute();
  await t.platform.services.auth.createUser({
    email: 'eve@b.test',
    name: 'Eve',
    password: PASSWORD,
    orgId,
    role: 'admin',
  });
  other = await t.login('eve@b.test');
});
afterAll(async () => t?.close());

async function createProject(s: Session, name: string) {
  const r = await t.call('POST', '/api/v1/projects', {
    token: s.accessToken,
    body: { name, description: 'd' },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().project as { id: string; name: string; role: string };
}

describe('projects', () => {
  it('lets analysts create projects (as owner) and refuses viewers with 403', async () => {
    const p = await createProject(ana, 'Sales');
    expect(p.role).toBe('owner');
    const r = await t.call('POST', '/api/v1/projects', { token: viewer.accessToken, body: { name: 'Nope' } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
  });

  it('shows a project only to its members and to admins of its organization', async () => {
    const p = await createProject(ana, 'Private');
    const asBob = await t.call('GET', `/api/v1/projects/${p.id}`, { token: bob.accessToken });
    expect(asBob.statusCode).toBe(404);
    expect(asBob.json().error.code).toBe('PROJECT_NOT_FOUND');
    const listBob = await t.call('GET', '/api/v1/projects', { token: bob.accessToken });
    expect(listBob.json().items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    const asAdmin = await t.call('GET', `/api/v1/projects/${p.id}`, { token: admin.accessToken });
    expect(asAdmin.statusCode).toBe(200);
    const listAdmin = await t.call('GET', '/api/v1/projects', { token: admin.accessToken });
    expect(listAdmin.json().items.map((x: { id: string }) => x.id)).toContain(p.id);
  });

  it('hides projects of organization A from users of organization B (404), even their admins', async () => {
    const p = await createProject(ana, 'Org A only');
    for (const [m, u] of [
      ['GET', `/api/v1/projects/${p.id}`],
      ['PATCH', `/api/v1/projects/${p.id}`],
      ['DELETE', `/api/v1/projects/${p.id}`],
      ['GET', `/api/v1/projects/${p.id}/members`],
    ] as const) {
      const r = await t.call(m, u, {
        token: other.accessToken,
        ...(m === 'PATCH' ? { body: { name: 'x' } } : {}),
      });
      expect(r.statusCode, `${m} ${u}`).toBe(404);
    }
    const list = await t.call('GET', '/api/v1/projects', { token: other.accessToken });
    expect(list.json().items).toEqual([]);
    const users = await t.call('GET', '/api/v1/users', { token: other.accessToken });
    expect(users.json().items.map((u: { email: string }) => u.email)).toEqual(['eve@b.test']);
  });

  it('enforces project roles: viewer reads, editor writes, owner manages', async () => {
    const p = await createProject(ana, 'Roles');
    const add = (email: string, role: string) =>
      t.call('POST', `/api/v1/projects/${p.id}/members`, { token: ana.accessToken, body: { email, role } });
    expect((await add('bob@p.test', 'viewer')).statusCode).toBe(201);
    expect((await t.call('GET', `/api/v1/projects/${p.id}`, { token: bob.accessToken })).statusCode).toBe(
      200,
    );
    const patchAsViewer = await t.call('PATCH', `/api/v1/projects/${p.id}`, {
      token: bob.accessToken,
      body: { name: 'x' },
    });
    expect(patchAsViewer.statusCode).toBe(403);
    expect((await add('bob@p.test', 'editor')).statusCode).toBe(201);
    const patched = await t.call('PATCH', `/api/v1/projects/${p.id}`, {
      token: bob.accessToken,
      body: { name: 'Renamed' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().project.name).toBe('Renamed');
    expect((await t.call('DELETE', `/api/v1/projects/${p.id}`, { token: bob.accessToken })).statusCode).toBe(
      403,
    );
    const members = await t.call('GET', `/api/v1/projects/${p.id}/members`, { token: bob.accessToken });
    expect(
      members
        .json()
        .items.map((m: { email: string; role: string }) => `${m.email}:${m.role}`)
        .sort(),
    ).toEqual(['ana@p.test:owner', 'bob@p.test:editor']);
    const demoteLastOwner = await t.call('POST', `/api/v1/projects/${p.id}/members`, {
      token: ana.accessToken,
      body: { userId: ana.user.id, role: 'editor' },
    });
    expect(demoteLastOwner.statusCode).toBe(409);
    expect(demoteLastOwner.json().error.code).toBe('LAST_OWNER');
    const foreign = await add('eve@b.test', 'viewer');
    expect(foreign.statusCode).toBe(404);
    expect(
      (await t.call('DELETE', `/api/v1/projects/${p.id}/members/${bob.user.id}`, { token: ana.accessToken }))
        .statusCode,
    ).toBe(204);
    expect((await t.call('GET', `/api/v1/projects/${p.id}`, { token: bob.accessToken })).statusCode).toBe(
      404,
    );
    expect((await t.call('DELETE', `/api/v1/projects/${p.id}`, { token: ana.accessToken })).statusCode).toBe(
      204,
    );
    expect((await t.call('GET', `/api/v1/projects/${p.id}`, { token: ana.accessToken })).statusCode).toBe(
      404,
    );
  });

  it('paginates project lists with a cursor', async () => {
    const mine = await t.signUp('pager@p.test');
    for (let i = 0; i < 5; i++) await createProject(mine, `P${i}`);
    const first = (await t.call('GET', '/api/v1/projects?limit=2', { token: mine.accessToken })).json();
    expect(first.items.map((p: { name: string }) => p.name)).toEqual(['P4', 'P3']);
    const second = (
      await t.call('GET', `/api/v1/projects?limit=2&cursor=${first.nextCursor}`, { token: mine.accessToken })
    ).json();
    expect(second.items.map((p: { name: string }) => p.name)).toEqual(['P2', 'P1']);
    const third = (
      await t.call('GET', `/api/v1/projects?limit=2&cursor=${second.nextCursor}`, { token: mine.accessToken })
    ).json();
    expect(third.items.map((p: { name: string }) => p.name)).toEqual(['P0']);
    expect(third.nextCursor).toBeNull();
    const bad = await t.call('GET', '/api/v1/projects?cursor=%27%3B--', { token: mine.accessToken });
    expect(bad.statusCode).toBe(400);
  });
});

describe('users (admin)', () => {
  it('lets only admins list and manage users', async () => {
    expect((await t.call('GET', '/api/v1/users', { token: ana.accessToken })).statusCode).toBe(403);
    const list = await t.call('GET', '/api/v1/users', { token: admin.accessToken });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toMatch(/argon|password/i);
    const promote = await t.call('PATCH', `/api/v1/users/${bob.user.id}`, {
      token: admin.accessToken,
      body: { role: 'viewer' },
    });
    expect(promote.json().user.role).toBe('viewer');
    // The new role applies to bob's existing token at once.
    const r = await t.call('POST', '/api/v1/projects', { token: bob.accessToken, body: { name: 'x' } });
    expect(r.statusCode).toBe(403);
    await t.call('PATCH', `/api/v1/users/${bob.user.id}`, {
      token: admin.accessToken,
      body: { role: 'analyst' },
    });
  });

  it('never removes the last active admin', async () => {
    const self = await t.call('PATCH', `/api/v1/users/${admin.user.id}`, {
      token: admin.accessToken,
      body: { role: 'analyst' },
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('LAST_ADMIN');
    expect(
      (await t.call('DELETE', `/api/v1/users/${admin.user.id}`, { token: admin.accessToken })).statusCode,
    ).toBe(409);
  });

  it('deletes users, who then cannot sign in', async () => {
    const u = await t.signUp('gone@p.test');
    expect(
      (await t.call('DELETE', `/api/v1/users/${u.user.id}`, { token: admin.accessToken })).statusCode,
    ).toBe(204);
    expect((await t.call('GET', '/api/v1/auth/me', { token: u.accessToken })).statusCode).toBe(401);
    expect(
      (await t.call('DELETE', `/api/v1/users/${u.user.id}`, { token: admin.accessToken })).statusCode,
    ).toBe(404);
  });
});

describe('audit', () => {
  it('records every mutating request with actor, action, target, time, IP and outcome', async () => {
    const p = await createProject(ana, 'Audited');
    await t.call('PATCH', `/api/v1/projects/${p.id}`, { token: bob.accessToken, body: { name: 'x' } }); // 404 for bob
    await t.call('POST', '/api/v1/auth/login', { body: { email: 'ana@p.test', password: 'bad-password' } });
    const entries = async () =>
      (await t.call('GET', '/api/v1/audit?limit=500', { token: admin.accessToken })).json().items as Array<
        Record<string, unknown>
      >;
    let items = await entries();
    for (let i = 0; i < 20 && !items.some((e) => e.action === 'auth.login' && e.outcome === 'failure'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      items = await entries();
    }
    const created = items.find((e) => e.action === 'project.create' && e.targetId === p.id);
    expect(created).toMatchObject({
      actorId: ana.user.id,
      actorEmail: 'ana@p.test',
      outcome: 'success',
      statusCode: 201,
    });
    expect(created?.ip).toBeTruthy();
    expect(Date.parse(String(created?.at))).toBeGreaterThan(Date.now() - 60_000);
    const denied = items.find(
      (e) => e.action === 'project.update' && e.targetId === p.id && e.actorId === bob.user.id,
    );
    expect(denied).toMatchObject({ outcome: 'failure', statusCode: 404 });
    const failedLogin = items.find((e) => e.action === 'auth.login' && e.outcome === 'failure');
    expect(failedLogin).toMatchObject({ actorEmail: 'ana@p.test', statusCode: 401 });
    expect(JSON.stringify(items)).not.toContain('bad-password');

    const filtered = (
      await t.call('GET', `/api/v1/audit?action=project.&actorId=${ana.user.id}`, {
        token: admin.accessToken,
      })
    ).json();
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(
      filtered.items.every(
        (e: { action: string; actorId: string }) =>
          e.action.startsWith('project.') && e.actorId === ana.user.id,
      ),
    ).toBe(true);
    expect((await t.call('GET', '/api/v1/audit', { token: ana.accessToken })).statusCode).toBe(403);
    expect(
      (await t.call('GET', '/api/v1/audit', { token: other.accessToken }))
        .json()
        .items.every((e: { actorEmail: string }) => e.actorEmail !== 'ana@p.test'),
    ).toBe(true);
  });
});
