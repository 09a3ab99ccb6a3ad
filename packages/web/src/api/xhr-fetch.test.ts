import { describe, expect, it } from 'vitest';
import { createApiClient, type TokenStore } from './client.ts';
import { xhrFetch } from './xhr-fetch.ts';

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A stand-in for XMLHttpRequest that answers from `answer` after reporting upload progress. */
function fakeXhr(answer: (sent: Sent) => { status: number; body: string }, sizes = [40, 100]) {
  const sent: Sent[] = [];
  class FakeXhr {
    status = 0;
    statusText = '';
    responseText = '';
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private req: Sent = { method: '', url: '', headers: {}, body: null };
    open(method: string, url: string) {
      this.req = { ...this.req, method, url };
    }
    setRequestHeader(name: string, value: string) {
      this.req.headers[name] = value;
    }
    getResponseHeader() {
      return 'application/json';
    }
    abort() {
      this.onabort?.();
    }
    send(body: unknown) {
      this.req.body = body;
      sent.push(this.req);
      queueMicrotask(() => {
        const total = sizes.at(-1)!;
        for (const loaded of sizes)
          this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
        const res = answer(this.req);
        this.status = res.status;
        this.responseText = res.body;
        this.onload?.();
      });
    }
  }
  return { sent, XHR: FakeXhr as unknown as typeof XMLHttpRequest };
}

describe('xhrFetch', () => {
  it('reports the bytes sent and resolves with the answer as a Response', async () => {
    const { XHR } = fakeXhr(() => ({ status: 202, body: '{"ok":true}' }));
    const progress: number[] = [];
    const res = await xhrFetch('/up', { method: 'POST', headers: {} }, (p) => progress.push(p.loaded), XHR);
    expect(progress).toEqual([40, 100]);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('rejects with an AbortError when cancelled', async () => {
    const { XHR } = fakeXhr(() => ({ status: 200, body: '{}' }));
    const controller = new AbortController();
    controller.abort();
    const error = await xhrFetch(
      '/up',
      { method: 'POST', headers: {}, signal: controller.signal },
      () => {},
      XHR,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
  });
});

describe('api.upload', () => {
  it('sends the form with the bearer token, refreshing once on an expired token', async () => {
    const state = { access: 'old' };
    const tokens: TokenStore = {
      accessToken: () => state.access,
      refreshToken: () => 'r1',
      update: (auth) => {
        state.access = auth.accessToken;
      },
      clear: () => {},
    };
    const { sent, XHR } = fakeXhr((req) =>
      req.headers.authorization === 'Bearer new'
        ? { status: 202, body: '{"job":{"id":"j1"}}' }
        : { status: 401, body: '{"error":{"code":"AUTH_INVALID_TOKEN","message":"expired"}}' },
    );
    const fetch = async () =>
      new Response(JSON.stringify({ accessToken: 'new', refreshToken: 'r2', user: {} }), { status: 200 });
    const api = createApiClient({ tokens, fetch: fetch as typeof globalThis.fetch, XMLHttpRequest: XHR });
    const form = new FormData();
    form.append('file', new Blob(['a;b\n1;2']), 'x.csv');
    const seen: number[] = [];

    const answer = await api.upload<{ job: { id: string } }>('/projects/p1/datasets', form, {
      onUploadProgress: (p) => seen.push(p.loaded),
    });

    expect(answer.job.id).toBe('j1');
    expect(sent.map((s) => [s.url, s.headers.authorization])).toEqual([
      ['/api/v1/projects/p1/datasets', 'Bearer old'],
      ['/api/v1/projects/p1/datasets', 'Bearer new'],
    ]);
    expect(sent[1].body).toBe(form);
    expect(sent[1].headers['content-type']).toBeUndefined();
    expect(seen.length).toBeGreaterThan(0);
  });
});
