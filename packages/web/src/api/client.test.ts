import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, type TokenStore } from './client.ts';
import type { AuthResponse } from './types.ts';

interface Call {
  url: string;
  method: string;
  auth: string | null;
  body: unknown;
}

function json(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

const invalidToken = () =>
  json(401, {
    error: { code: 'AUTH_INVALID_TOKEN', message: 'The token is invalid or expired', details: {} },
  });

function session(access: string, refresh: string): AuthResponse {
  const user = { id: 'u1', email: 'a@b.c', name: 'A', role: 'admin' as const, orgId: 'o1', orgName: 'O' };
  return {
    user: { ...user, disabled: false, createdAt: '2026-01-01T00:00:00Z', lastLoginAt: null },
    accessToken: access,
    refreshToken: refresh,
  };
}

/** A token store in memory, recording whether the session was cleared. */
function memoryTokens(access: string | null, refresh: string | null) {
  const state = { access, refresh, cleared: false };
  const tokens: TokenStore = {
    accessToken: () => state.access,
    refreshToken: () => state.refresh,
    update: (auth) => {
      state.access = auth.accessToken;
      state.refresh = auth.refreshToken;
    },
    clear: () => {
      state.access = null;
      state.refresh = null;
      state.cleared = true;
    },
  };
  return { state, tokens };
}

/** A fetch stub answering from `handler`, keeping every call for assertions. */
function stubFetch(handler: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const call = {
      url: String(input),
      method: init?.method ?? 'GET',
      auth: headers.authorization ?? null,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    return handler(call);
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

describe('createApiClient', () => {
  it('refreshes once on AUTH_INVALID_TOKEN, stores the rotated tokens and retries', async () => {
    const { state, tokens } = memoryTokens('old-access', 'old-refresh');
    const { calls, fetch } = stubFetch((call) => {
      if (call.url === '/api/v1/auth/refresh') return json(200, session('new-access', 'new-refresh'));
      return call.auth === 'Bearer new-access' ? json(200, { items: [], nextCursor: null }) : invalidToken();
    });
    const api = createApiClient({ tokens, fetch });

    const page = await api.get<{ items: unknown[] }>('/projects', { query: { limit: 10, cursor: null } });

    expect(page.items).toEqual([]);
    expect(calls.map((c) => [c.method, c.url, c.auth])).toEqual([
      ['GET', '/api/v1/projects?limit=10', 'Bearer old-access'],
      ['POST', '/api/v1/auth/refresh', null],
      ['GET', '/api/v1/projects?limit=10', 'Bearer new-access'],
    ]);
    expect(calls[1].body).toEqual({ refreshToken: 'old-refresh' });
    expect(state).toMatchObject({ access: 'new-access', refresh: 'new-refresh', cleared: false });
  });

  it('shares one refresh between concurrent requests', async () => {
    const { tokens } = memoryTokens('old', 'r1');
    const { calls, fetch } = stubFetch((call) => {
      if (call.url.endsWith('/auth/refresh')) return json(200, session('new', 'r2'));
      return call.auth === 'Bearer new' ? json(200, { ok: true }) : invalidToken();
    });
    const api = createApiClient({ tokens, fetch });

    await Promise.all([api.get('/jobs'), api.get('/projects'), api.get('/auth/me')]);

    expect(calls.filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
  });

  it('ends the session when the refresh token is refused and surfaces the original error', async () => {
    const { state, tokens } = memoryTokens('old', 'revoked');
    const { calls, fetch } = stubFetch(() => invalidToken());
    const api = createApiClient({ tokens, fetch });

    const error = await api.get('/projects').catch((err: unknown) => err);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'AUTH_INVALID_TOKEN' });
    expect(state.cleared).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('does not refresh on other errors and maps the error body', async () => {
    const { tokens } = memoryTokens('a', 'r');
    const { calls, fetch } = stubFetch(() =>
      json(401, {
        error: { code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong email or password', details: {} },
      }),
    );
    const api = createApiClient({ tokens, fetch });

    const error = await api
      .post('/auth/login', { email: 'x@y.z', password: 'nope' })
      .catch((err: unknown) => err);

    expect(error).toMatchObject({
      status: 401,
      code: 'AUTH_INVALID_CREDENTIALS',
      message: 'Wrong email or password',
    });
    expect(calls).toHaveLength(1);
    expect(calls[0].auth).toBeNull();
  });

  it('returns undefined for 204 and reports non-JSON failures with a fallback code', async () => {
    const { tokens } = memoryTokens('a', 'r');
    const { fetch } = stubFetch((call) =>
      call.method === 'DELETE'
        ? new Response(null, { status: 204 })
        : new Response('<html>', { status: 502 }),
    );
    const api = createApiClient({ tokens, fetch });

    await expect(api.delete('/projects/p1')).resolves.toBeUndefined();
    await expect(api.get('/projects')).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });
});
