import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventsClient, type EventsStatus } from './events.ts';
import type { ServerEvent } from './types.ts';

/** Just enough of a browser WebSocket to drive the client by hand. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static instances: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(event: ServerEvent): void {
    this.onmessage?.({ data: JSON.stringify(event) });
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.();
  }
}

function setup(token = 'tok-1') {
  const events: ServerEvent[] = [];
  const statuses: EventsStatus[] = [];
  const authErrors: string[] = [];
  let current = token;
  const client = createEventsClient({
    url: 'ws://test/api/v1/events',
    getToken: () => current,
    onEvent: (e) => events.push(e),
    onStatus: (s) => statuses.push(s),
    onAuthError: (e) => authErrors.push(e.code),
    initialDelayMs: 100,
    maxDelayMs: 1000,
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
  });
  return { client, events, statuses, authErrors, setToken: (t: string) => (current = t) };
}

describe('createEventsClient', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('authenticates with its first message and goes live on ready', () => {
    const { client, events, statuses } = setup();
    client.start();
    const ws = FakeSocket.instances[0];
    ws.open();
    expect(ws.sent.map((s) => JSON.parse(s))).toEqual([{ type: 'auth', token: 'tok-1' }]);

    ws.receive({ type: 'ready' });
    expect(statuses.at(-1)).toBe('live');
    expect(events).toEqual([{ type: 'ready' }]);
  });

  it('reconnects with growing, capped delays and resets after a successful ready', () => {
    const { client } = setup();
    client.start();
    for (let i = 0; i < 6; i++) {
      FakeSocket.instances.at(-1)!.drop();
      vi.advanceTimersByTime(1000);
    }
    expect(FakeSocket.instances).toHaveLength(7);

    FakeSocket.instances.at(-1)!.drop();
    vi.advanceTimersByTime(499); // a capped delay is at least half of maxDelayMs
    expect(FakeSocket.instances).toHaveLength(7);
    vi.advanceTimersByTime(501);
    expect(FakeSocket.instances).toHaveLength(8);
  });

  it('reports auth errors and reconnects with the new token on start()', () => {
    const { client, authErrors, setToken } = setup('stale');
    client.start();
    const first = FakeSocket.instances[0];
    first.open();
    first.receive({ type: 'error', error: { code: 'AUTH_INVALID_TOKEN', message: 'expired' } });
    expect(authErrors).toEqual(['AUTH_INVALID_TOKEN']);

    setToken('fresh');
    client.start();
    const second = FakeSocket.instances.at(-1)!;
    second.open();
    expect(JSON.parse(second.sent[0])).toEqual({ type: 'auth', token: 'fresh' });
    expect(first.readyState).toBe(3);
  });

  it('stays closed after stop()', () => {
    const { client, statuses } = setup();
    client.start();
    client.stop();
    FakeSocket.instances[0].drop();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(statuses.at(-1)).toBe('idle');
  });
});
