import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type Session, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: Session;
let ana: Session;
let bob: Session;
let base: string;
let anaProject: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signUp('admin@j.test');
  ana = await t.signUp('ana@j.test');
  bob = await t.signUp('bob@j.test');
  const p = await t.call('POST', '/api/v1/projects', { token: ana.accessToken, body: { name: 'Ana' } });
  anaProject = p.json().project.id;
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
});
afterAll(async () => t?.close());

async function startJob(s: Session, body: Record<string, unknown>) {
  const r = await t.call('POST', '/api/v1/jobs', { token: s.accessToken, body });
  expect(r.statusCode, r.body).toBe(202);
  return r.json().job as { id: string; status: string };
}

/** Collects the messages of an authenticated event stream. */
async function openStream(token: string, viaQuery = false) {
  const ws = new WebSocket(`ws://${base}/api/v1/events${viaQuery ? `?token=${token}` : ''}`);
  const messages: Array<{ type: string; job?: { id: string; status: string; progress: number } }> = [];
  ws.on('message', (raw) => messages.push(JSON.parse(raw.toString())));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  if (!viaQuery) ws.send(JSON.stringify({ type: 'auth', token }));
  await until(() => messages.some((m) => m.type === 'ready'));
  return { ws, messages };
}

async function until(cond: () => boolean, ms = 15_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('jobs over HTTP and the event stream', () => {
  it('runs a demo job to success, streaming progress to those who may see it and to nobody else', async () => {
    const anaStream = await openStream(ana.accessToken);
    const adminStream = await openStream(admin.accessToken, true);
    const bobStream = await openStream(bob.accessToken);
    const job = await startJob(ana, { type: 'sleep', projectId: anaProject, payload: { ms: 600, steps: 4 } });
    expect(job.status).toBe('queued');
    const done = (s: typeof anaStream) =>
      s.messages.some((m) => m.job?.id === job.id && m.job.status === 'succeeded');
    await until(() => done(anaStream) && done(adminStream));
    const statuses = anaStream.messages.filter((m) => m.job?.id === job.id).map((m) => m.job!.status);
    expect(statuses[0]).toMatch(/queued|running/);
    expect(statuses).toContain('running');
    expect(statuses.at(-1)).toBe('succeeded');
    const progress = anaStream.messages.filter((m) => m.job?.id === job.id).map((m) => m.job!.progress);
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(bobStream.messages.filter((m) => m.type === 'job.updated')).toEqual([]);
    const got = await t.call('GET', `/api/v1/jobs/${job.id}`, { token: ana.accessToken });
    expect(got.json().job).toMatchObject({ status: 'succeeded', progress: 1, attempts: 1 });
    expect((await t.call('GET', `/api/v1/jobs/${job.id}`, { token: bob.accessToken })).statusCode).toBe(404);
    for (const s of [anaStream, adminStream, bobStream]) s.ws.close();
  });

  it('refuses a stream with a bad token with an error message and close code 4401', async () => {
    const ws = new WebSocket(`ws://${base}/api/v1/events`);
    const msgs: string[] = [];
    ws.on('message', (m) => msgs.push(m.toString()));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'auth', token: 'forged.token.value' }));
    const code = await new Promise<number>((r) => ws.once('close', (c) => r(c)));
    expect(code).toBe(4401);
    expect(JSON.parse(msgs[0]!).error.code).toBe('AUTH_INVALID_TOKEN');
  });

  it('lists only visible jobs, and lets the owner cancel a running job', async () => {
    const mine = await startJob(bob, { type: 'sleep', payload: { ms: 20_000, steps: 100 } });
    const bobList = (await t.call('GET', '/api/v1/jobs', { token: bob.accessToken })).json();
    expect(bobList.items.map((j: { id: string }) => j.id)).toEqual([mine.id]);
    const anaList = (await t.call('GET', '/api/v1/jobs', { token: ana.accessToken })).json();
    expect(anaList.items.map((j: { id: string }) => j.id)).not.toContain(mine.id);
    const adminList = (await t.call('GET', '/api/v1/jobs', { token: admin.accessToken })).json();
    expect(adminList.items.map((j: { id: string }) => j.id)).toContain(mine.id);
    expect(
      (await t.call('POST', `/api/v1/jobs/${mine.id}/cancel`, { token: ana.accessToken })).statusCode,
    ).toBe(404);
    const deadline = Date.now() + 10_000;
    while (
      (await t.call('GET', `/api/v1/jobs/${mine.id}`, { token: bob.accessToken })).json().job.status !==
      'running'
    ) {
      if (Date.now() > deadline) throw new Error('job never started');
      await new Promise((r) => setTimeout(r, 50));
    }
    const c = await t.call('POST', `/api/v1/jobs/${mine.id}/cancel`, { token: bob.accessToken });
    expect(c.statusCode).toBe(200);
    const final = await t.platform.jobs.service.waitFor(mine.id, 10_000);
    expect(final.status).toBe('cancelled');
    expect(final.error?.code).toBe('JOB_CANCELLED');
    const again = await t.call('POST', `/api/v1/jobs/${mine.id}/cancel`, { token: bob.accessToken });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('JOB_NOT_CANCELLABLE');
  });

  it('refuses bad payloads and job starts in projects the caller cannot write', async () => {
    const bad = await t.call('POST', '/api/v1/jobs', {
      token: ana.accessToken,
      body: { type: 'sleep', payload: { ms: 'soon' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_ERROR');
    const other = await t.call('POST', '/api/v1/jobs', {
      token: bob.accessToken,
      body: { type: 'echo', projectId: anaProject, payload: {} },
    });
    expect(other.statusCode).toBe(404);
  });

  it('exposes job and HTTP metrics for Prometheus', async () => {
    const r = await t.call('GET', '/metrics');
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatch(/uam_http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/jobs"/);
    expect(r.body).toMatch(/uam_jobs\{type="sleep",status="succeeded"\} \d+/);
    expect(r.body).toMatch(/uam_job_duration_seconds_count\{type="sleep",status="succeeded"\} [1-9]/);
    expect(r.body).toMatch(/uam_queue_depth \d+/);
  });
});
