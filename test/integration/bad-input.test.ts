import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/test-app.ts';

/**
 * Malformed and hostile requests: each gets a 4xx in the error shape, nothing is stored, and
 * the server keeps answering. Some go through a real socket because Node's HTTP parser
 * rejects them before Fastify sees anything.
 */
let t: TestApp;
let admin: Session;
let url: URL;

beforeAll(async () => {
  t = await createTestApp({ UAM_BODY_LIMIT: '65536' });
  admin = await t.signUp('admin@bad.test');
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = t.app.server.address() as net.AddressInfo;
  url = new URL(`http://127.0.0.1:${addr.port}`);
});
afterAll(async () => t?.close());

type Case = {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  path: string;
  body?: string;
  contentType?: string;
  auth?: boolean | string;
  status: number;
  code?: string;
};

const uuid = '00000000-0000-4000-8000-000000000000';
const big = 'x'.repeat(70_000);

const cases: Case[] = [
  {
    name: 'bad JSON',
    method: 'POST',
    path: '/api/v1/projects',
    body: '{"name": ',
    auth: true,
    status: 400,
    code: 'MALFORMED_JSON',
  },
  {
    name: 'JSON with trailing garbage',
    method: 'POST',
    path: '/api/v1/projects',
    body: '{"name":"a"} x',
    auth: true,
    status: 400,
    code: 'MALFORMED_JSON',
  },
  { name: 'empty JSON body', method: 'POST', path: '/api/v1/auth/login', body: '', status: 400 },
  {
    name: 'JSON array instead of object',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: '[1,2]',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  { name: 'JSON null', method: 'POST', path: '/api/v1/auth/login', body: 'null', status: 400 },
  {
    name: 'wrong type: number for name',
    method: 'POST',
    path: '/api/v1/projects',
    body: '{"name": 42}',
    auth: true,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'wrong type: object for email',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: '{"email": {"$ne": null}, "password": "x"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'missing fields',
    method: 'POST',
    path: '/api/v1/auth/register',
    body: '{}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'short password',
    method: 'POST',
    path: '/api/v1/auth/register',
    body: '{"email":"a@b.co","password":"1","name":"a"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'invalid email',
    method: 'POST',
    path: '/api/v1/auth/register',
    body: '{"email":"not-an-email","password":"12345678","name":"a"}',
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'huge body',
    method: 'POST',
    path: '/api/v1/projects',
    body: JSON.stringify({ name: 'a', description: big }),
    auth: true,
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'very long name',
    method: 'POST',
    path: '/api/v1/projects',
    body: JSON.stringify({ name: 'n'.repeat(5000) }),
    auth: true,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'control characters in name',
    method: 'POST',
    path: '/api/v1/projects',
    body: JSON.stringify({ name: 'a\u0000b\u001b[31m' }),
    auth: true,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'SQL metacharacters in id',
    method: 'GET',
    path: "/api/v1/projects/1'%20OR%20'1'='1",
    auth: true,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'SQL in query string',
    method: 'GET',
    path: '/api/v1/projects?limit=1;DROP%20TABLE%20users',
    auth: true,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'SQL in login email',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: `{"email":"' OR 1=1 --@x.io","password":"x"}`,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'path traversal in id',
    method: 'GET',
    path: '/api/v1/projects/..%2F..%2Fetc%2Fpasswd',
    auth: true,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'path traversal in job id',
    method: 'GET',
    path: '/api/v1/jobs/..%2f..%2f..%2fetc%2fpasswd',
    auth: true,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'traversal in files route',
    method: 'GET',
    path: '/api/v1/files?key=..%2F..%2Fetc%2Fpasswd&exp=9999999999&sig=00',
    status: 403,
  },
  {
    name: 'unknown id',
    method: 'GET',
    path: `/api/v1/projects/${uuid}`,
    auth: true,
    status: 404,
    code: 'PROJECT_NOT_FOUND',
  },
  {
    name: 'unknown route',
    method: 'GET',
    path: '/api/v1/nope',
    auth: true,
    status: 404,
    code: 'ROUTE_NOT_FOUND',
  },
  {
    name: 'unknown method on a route',
    method: 'PUT',
    path: '/api/v1/projects',
    body: '{}',
    auth: true,
    status: 404,
  },
  {
    name: 'unsupported content type',
    method: 'POST',
    path: '/api/v1/projects',
    body: '<name>a</name>',
    contentType: 'application/xml',
    auth: true,
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'form-encoded login',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: 'email=a&password=b',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
  },
  { name: 'no token', method: 'GET', path: '/api/v1/projects', status: 401, code: 'AUTH_REQUIRED' },
  {
    name: 'garbage token',
    method: 'GET',
    path: '/api/v1/projects',
    auth: 'Bearer ....',
    status: 401,
    code: 'AUTH_INVALID_TOKEN',
  },
  {
    name: 'token with SQL',
    method: 'GET',
    path: '/api/v1/projects',
    auth: "Bearer uam_' OR '1'='1",
    status: 401,
  },
  {
    name: 'wrong auth scheme',
    method: 'GET',
    path: '/api/v1/projects',
    auth: 'Basic YWRtaW46YWRtaW4=',
    status: 401,
  },
  {
    name: 'negative limit',
    method: 'GET',
    path: '/api/v1/projects?limit=-5',
    auth: true,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'huge limit',
    method: 'GET',
    path: '/api/v1/projects?limit=100000000000',
    auth: true,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'forged cursor',
    method: 'GET',
    path: '/api/v1/projects?cursor=eyJhIjoxfQ',
    auth: true,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'bad role',
    method: 'POST',
    path: `/api/v1/projects/${uuid}/members`,
    body: '{"email":"a@b.co","role":"god"}',
    auth: true,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'prototype pollution',
    method: 'POST',
    path: '/api/v1/projects',
    body: '{"name":"p","__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
    auth: true,
    status: 400,
  },
  {
    name: 'unknown job type',
    method: 'POST',
    path: '/api/v1/jobs',
    body: '{"type":"rm -rf /","payload":{}}',
    auth: true,
    status: 400,
  },
  {
    name: 'bad audit date',
    method: 'GET',
    path: '/api/v1/audit?from=yesterday-ish',
    auth: true,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
  {
    name: 'bad audit cursor',
    method: 'GET',
    path: "/api/v1/audit?cursor=1'--",
    auth: true,
    status: 400,
    code: 'VALIDATION_ERROR',
  },
];

describe('malformed and hostile requests', () => {
  it.each(cases)('$name → $status', async (c) => {
    const headers: Record<string, string> = {};
    if (c.auth === true) headers.authorization = `Bearer ${admin.accessToken}`;
    else if (typeof c.auth === 'string') headers.authorization = c.auth;
    if (c.body !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
    const r = await fetch(new URL(c.path, url), { method: c.method, headers, body: c.body });
    expect(r.status).toBe(c.status);
    const body = await r.json();
    expect(body.error).toEqual({
      code: expect.any(String),
      message: expect.any(String),
      details: expect.any(Object),
    });
    if (c.code) expect(body.error.code).toBe(c.code);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|node_modules|stack/);
  });

  it('answers oversized headers with 431 in the error shape', async () => {
    const res = await rawRequest(
      `GET /api/v1/projects HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
    );
    expect(res).toMatch(/^HTTP\/1.1 431/);
    expect(JSON.parse(res.split('\r\n\r\n')[1]!).error.code).toBe('HEADERS_TOO_LARGE');
  });

  it('does not resolve dot-dot segments to files outside the API', async () => {
    const res = await rawRequest(
      'GET /api/v1/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(res).toMatch(/^HTTP\/1.1 40[34]/);
    expect(JSON.parse(res.split('\r\n\r\n')[1]!).error.code).toMatch(
      /^(FORBIDDEN|NOT_FOUND|ROUTE_NOT_FOUND)$/,
    );
    expect(res).not.toContain('root:');
    const res2 = await rawRequest(
      'GET /../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(res2).not.toContain('root:');
  });

  it('answers a garbled request line with 400 in the error shape', async () => {
    const res = await rawRequest('GARBAGE\u0001 / HTTP/9\r\n\r\n');
    expect(res).toMatch(/^HTTP\/1.1 400/);
    expect(JSON.parse(res.split('\r\n\r\n')[1]!).error.code).toBe('BAD_REQUEST');
  });

  it('stored nothing from the hostile requests and is still up', async () => {
    const list = await t.call('GET', '/api/v1/projects', { token: admin.accessToken });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([]);
    const users = await t.call('GET', '/api/v1/users', { token: admin.accessToken });
    expect(users.json().items).toHaveLength(1);
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);
  });
});

function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), '127.0.0.1');
    let data = '';
    socket.on('data', (d) => {
      data += d.toString('utf8');
    });
    socket.on('end', () => resolve(data));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
    socket.write(text);
  });
}
