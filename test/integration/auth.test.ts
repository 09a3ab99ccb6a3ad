import crypto from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, type TestApp } from '../support/test-app.ts';

const SECRET = 'test-secret-test-secret-test-secret-0123456789';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ UAM_JWT_SECRET: SECRET, UAM_AUTH_RATE_LIMIT: '10' });
});
afterAll(async () => t?.close());

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('auth', () => {
  let adminToken: string;
  let adminId: string;

  it('makes the first user admin and later ones analysts; hashes with argon2id', async () => {
    const admin = await t.signUp('admin@a.test');
    expect(admin.user.role).toBe('admin');
    expect(admin.accessToken).toMatch(/^ey/);
    expect(admin.refreshToken).toMatch(/^uamr_/);
    adminToken = admin.accessToken;
    adminId = admin.user.id;
    const second = await t.signUp('ana@a.test');
    expect(second.user.role).toBe('analyst');
    expect(second.user.orgId).toBe(admin.user.orgId);
    const row = await t.platform.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', admin.user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
  });

  it('answers {user, accessToken, refreshToken} on login, with an access token of at most 15 minutes', async () => {
    const s = await t.login('admin@a.test');
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['user', 'accessToken', 'refreshToken']));
    const claims = JSON.parse(Buffer.from(s.accessToken.split('.')[1]!, 'base64url').toString());
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(900);
    expect(JSON.stringify(s.user)).not.toMatch(/argon|password/i);
  });

  it('refuses a duplicate email, case-insensitively', async () => {
    const r = await t.call('POST', '/api/v1/auth/register', {
      body: { email: 'ADMIN@a.test', password: PASSWORD, name: 'x' },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('AUTH_EMAIL_TAKEN');
  });

  it('gives 401 for a wrong password and for an unknown email, with the same code', async () => {
    const wrong = await t.call('POST', '/api/v1/auth/login', {
      body: { email: 'admin@a.test', password: 'nope-nope' },
    });
    const unknown = await t.call('POST', '/api/v1/auth/login', {
      body: { email: 'who@a.test', password: 'nope-nope' },
    });
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    }
  });

  it('serves /auth/me for a valid token and 401 otherwise', async () => {
    const ok = await t.call('GET', '/api/v1/auth/me', { token: adminToken });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe('admin@a.test');
    const none = await t.call('GET', '/api/v1/auth/me');
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('AUTH_REQUIRED');
    const basic = await t.call('GET', '/api/v1/auth/me', { headers: { authorization: 'Basic abc' } });
    expect(basic.statusCode).toBe(401);
  });

  it('rejects expired, forged and alg:none tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { role: 'admin', org: 'x', typ: 'access' };
    const sign = (secret: string, iat: number, exp: number) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(adminId)
        .setIssuer('uam')
        .setAudience('uam-api')
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(secret));
    const expired = await sign(SECRET, now - 2000, now - 1000);
    const forged = await sign('another-secret-another-secret-another-secret', now, now + 600);
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: adminId, iss: 'uam', aud: 'uam-api', iat: now, exp: now + 600 })}.`;
    const valid = await sign(SECRET, now, now + 600);
    expect((await t.call('GET', '/api/v1/auth/me', { token: valid })).statusCode).toBe(200);
    for (const token of [expired, forged, none, 'garbage', `${valid}x`]) {
      const r = await t.call('GET', '/api/v1/auth/me', { token });
      expect(r.statusCode, token).toBe(401);
      expect(r.json().error.code).toBe('AUTH_INVALID_TOKEN');
    }
    const r = await t.call('GET', '/api/v1/auth/me', { token: expired });
    expect(r.json().error.message).toMatch(/expired/);
  });

  it('rotates refresh tokens and revokes the family when a rotated token is reused', async () => {
    const s0 = await t.login('ana@a.test');
    const r1 = await t.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: s0.refreshToken } });
    expect(r1.statusCode).toBe(200);
    const s1 = r1.json();
    expect(s1.refreshToken).not.toBe(s0.refreshToken);
    const reuse = await t.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: s0.refreshToken } });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error.code).toBe('AUTH_REFRESH_REUSED');
    // The thief's reuse also kills the legitimate newer token of the same family.
    const after = await t.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: s1.refreshToken } });
    expect(after.statusCode).toBe(401);
    // Another session of the same user is unaffected.
    const other = await t.login('ana@a.test');
    expect(
      (await t.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: other.refreshToken } }))
        .statusCode,
    ).toBe(200);
  });

  it('revokes the session on logout', async () => {
    const s = await t.login('ana@a.test');
    expect(
      (await t.call('POST', '/api/v1/auth/logout', { body: { refreshToken: s.refreshToken } })).statusCode,
    ).toBe(204);
    const r = await t.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(r.statusCode).toBe(401);
  });

  it('locks a disabled user out of login, refresh and existing access tokens', async () => {
    const u = await t.signUp('dis@a.test');
    const patch = await t.call('PATCH', `/api/v1/users/${u.user.id}`, {
      token: adminToken,
      body: { disabled: true },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().user.disabled).toBe(true);
    const login = await t.call('POST', '/api/v1/auth/login', {
      body: { email: 'dis@a.test', password: PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    expect(login.json().error.code).toBe('AUTH_USER_DISABLED');
    const refresh = await t.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: u.refreshToken } });
    expect(refresh.statusCode).toBe(401);
    const me = await t.call('GET', '/api/v1/auth/me', { token: u.accessToken });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('AUTH_USER_DISABLED');
    await t.call('PATCH', `/api/v1/users/${u.user.id}`, { token: adminToken, body: { disabled: false } });
    expect(
      (await t.call('POST', '/api/v1/auth/login', { body: { email: 'dis@a.test', password: PASSWORD } }))
        .statusCode,
    ).toBe(200);
  });

  it('issues API keys shown once, stored hashed, usable as Bearer, revocable', async () => {
    const created = await t.call('POST', '/api/v1/api-keys', { token: adminToken, body: { name: 'ci' } });
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json();
    expect(key).toMatch(/^uam_/);
    const stored = await t.platform.database.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', apiKey.id)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).toBe(crypto.createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(key);
    const me = await t.call('GET', '/api/v1/auth/me', { token: key });
    expect(me.statusCode).toBe(200);
    const list = await t.call('GET', '/api/v1/api-keys', { token: adminToken });
    expect(list.json().items.map((k: { id: string }) => k.id)).toContain(apiKey.id);
    expect(list.body).not.toContain(key);
    const byKey = await t.call('POST', '/api/v1/api-keys', { token: key, body: { name: 'self' } });
    expect(byKey.statusCode).toBe(403);
    expect((await t.call('DELETE', `/api/v1/api-keys/${apiKey.id}`, { token: adminToken })).statusCode).toBe(
      204,
    );
    expect((await t.call('GET', '/api/v1/auth/me', { token: key })).statusCode).toBe(401);
    expect((await t.call('GET', '/api/v1/auth/me', { token: 'uam_notakey' })).statusCode).toBe(401);
  });

  it('answers the 11th failed login inside a minute with 429 and Retry-After', async () => {
    const ip = '203.0.113.9';
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: ip,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'admin@a.test', password: 'wrong-wrong' }),
      });
    for (let i = 0; i < 10; i++) expect((await attempt()).statusCode).toBe(401);
    const eleventh = await attempt();
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error.code).toBe('RATE_LIMITED');
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password is refused from that address until the window ends.
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: ip,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'admin@a.test', password: PASSWORD }),
    });
    expect(right.statusCode).toBe(429);
    // Another address is not affected.
    expect(
      (await t.call('POST', '/api/v1/auth/login', { body: { email: 'admin@a.test', password: PASSWORD } }))
        .statusCode,
    ).toBe(200);
  });
});

describe('auth route rate limit', () => {
  it('limits token refreshes per address with 429 and Retry-After, in the error shape', async () => {
    const hit = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        remoteAddress: '203.0.113.77',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ refreshToken: 'uamr_not-a-real-token' }),
      });
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await hit()).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    const limited = await hit();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('sign-up policy', () => {
  it('refuses sign-ups after the first when UAM_SIGNUP=closed', async () => {
    const c = await createTestApp({ UAM_SIGNUP: 'closed' });
    try {
      expect((await c.signUp('first@c.test')).user.role).toBe('admin');
      const r = await c.call('POST', '/api/v1/auth/register', {
        body: { email: 'b@c.test', password: PASSWORD, name: 'b' },
      });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('AUTH_SIGNUP_CLOSED');
    } finally {
      await c.close();
    }
  });
});
