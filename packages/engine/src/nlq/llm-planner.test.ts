import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractJson, planWithLlm } from './llm-planner.ts';
import { SALES_COLUMNS } from './test-fixtures.ts';

/** A local server speaking the OpenAI chat-completions protocol; replies are queued per test. */
let server: http.Server;
let base: string;
const queue: ((body: Record<string, unknown>, res: http.ServerResponse) => void)[] = [];
const seen: { headers: http.IncomingHttpHeaders; body: Record<string, unknown>; url?: string }[] = [];

const reply = (content: string) => (_: unknown, res: http.ServerResponse) => {
  res.setHeader('content-type', 'application/json');
  res.end(
    JSON.stringify({
      id: 'x',
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content } }],
    }),
  );
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      seen.push({ headers: req.headers, body, url: req.url });
      const next = queue.shift();
      if (next) next(body, res);
      else res.writeHead(500).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const plan = {
  version: 1,
  kind: 'aggregate',
  measures: [{ agg: 'sum', column: 'revenue' }],
  dimensions: [{ column: 'region' }],
};

describe('planWithLlm', () => {
  it('asks for the plan as JSON with the schema and columns, and validates the reply', async () => {
    queue.push(reply(JSON.stringify(plan)));
    const r = await planWithLlm('revenue by region', SALES_COLUMNS, { url: base, model: 'm1', apiKey: 'k' });
    expect(r).toMatchObject({
      ok: true,
      plan: { kind: 'aggregate', dimensions: [{ column: 'region' }], filters: [] },
    });
    const last = seen.at(-1);
    expect(last?.url).toBe('/v1/chat/completions');
    expect(last?.headers.authorization).toBe('Bearer k');
    expect(last?.body).toMatchObject({ model: 'm1', temperature: 0 });
    const system = ((last?.body.messages ?? []) as { content: string }[])[0]?.content;
    expect(system).toContain('"kind"');
    expect(system).toContain('"unit_price" (number)');
  });

  it('reads a plan inside a code fence', async () => {
    queue.push(reply(`Here you go:\n\`\`\`json\n${JSON.stringify(plan)}\n\`\`\``));
    expect((await planWithLlm('q', SALES_COLUMNS, { url: base, model: 'm' })).ok).toBe(true);
  });

  it.each([
    [
      'a plan naming an unknown column',
      reply(JSON.stringify({ ...plan, dimensions: [{ column: 'salary' }] })),
    ],
    ['an "unanswerable" reply', reply('{"unanswerable":"no such data"}')],
    ['prose', reply('I think you should look at revenue.')],
    ['an HTTP error', (_: unknown, res: http.ServerResponse) => res.writeHead(503).end('busy')],
    ['a body without choices', (_: unknown, res: http.ServerResponse) => res.end('{}')],
  ])('returns an error for %s', async (_, handler) => {
    queue.push(handler);
    expect((await planWithLlm('q', SALES_COLUMNS, { url: base, model: 'm' })).ok).toBe(false);
  });

  it('gives up after the timeout', async () => {
    queue.push((_, res) => setTimeout(() => reply(JSON.stringify(plan))(_, res), 500));
    const r = await planWithLlm('q', SALES_COLUMNS, { url: base, model: 'm', timeoutMs: 50 });
    expect(r).toMatchObject({ ok: false });
  });

  it('uses an injected fetch', async () => {
    const fake = (async () =>
      new Response(
        JSON.stringify({ choices: [{ message: { content: JSON.stringify(plan) } }] }),
      )) as typeof fetch;
    expect(
      (await planWithLlm('q', SALES_COLUMNS, { url: 'http://nowhere.invalid', model: 'm', fetch: fake })).ok,
    ).toBe(true);
  });
});

describe('extractJson', () => {
  it('takes the outermost object', () => expect(extractJson('x {"a": {"b": 1}} y')).toEqual({ a: { b: 1 } }));
  it('throws without an object', () => expect(() => extractJson('none')).toThrow());
});
