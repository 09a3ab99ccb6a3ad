import type { ErrorBody, ServerEvent } from './types.ts';

export type EventsStatus = 'idle' | 'connecting' | 'live' | 'reconnecting';

export interface EventsClientOptions {
  getToken: () => string | null;
  onEvent: (event: ServerEvent) => void;
  onStatus?: (status: EventsStatus) => void;
  /** The server refused `token`; the owner should refresh it and call `start()` again. */
  onAuthError?: (error: ErrorBody, token: string) => void;
  url?: string;
  initialDelayMs?: number;
  maxDelayMs?: number;
  WebSocketImpl?: typeof WebSocket;
}

/** `ws(s)://<host>/api/v1/events`, matching the page's protocol. */
export function defaultEventsUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/api/v1/events`;
}

/**
 * The live event stream. Authenticates with `{"type":"auth","token"}` as its first message,
 * reconnects with capped exponential backoff (with jitter) and reports its status, so the UI
 * can refetch what it may have missed whenever the stream becomes `live` again.
 */
export function createEventsClient(options: EventsClientOptions) {
  const WS = options.WebSocketImpl ?? WebSocket;
  const initialDelay = options.initialDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 15_000;
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let running = false;

  function setStatus(status: EventsStatus): void {
    options.onStatus?.(status);
  }

  function connect(): void {
    const token = options.getToken();
    if (!running || !token) {
      setStatus('idle');
      return;
    }
    setStatus(attempt === 0 ? 'connecting' : 'reconnecting');
    const ws = new WS(options.url ?? defaultEventsUrl());
    socket = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token }));
    ws.onmessage = (message) => handle(ws, token, message.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      schedule();
    };
  }

  function handle(ws: WebSocket, token: string, data: unknown): void {
    if (socket !== ws || typeof data !== 'string') return;
    let event: ServerEvent;
    try {
      event = JSON.parse(data) as ServerEvent;
    } catch {
      return;
    }
    if (event.type === 'ready') {
      attempt = 0;
      setStatus('live');
    } else if (event.type === 'error') {
      options.onAuthError?.(event.error, token);
    }
    options.onEvent(event);
  }

  function schedule(): void {
    if (!running) return;
    const delay = Math.min(maxDelay, initialDelay * 2 ** attempt) * (0.5 + Math.random() / 2);
    attempt += 1;
    setStatus('reconnecting');
    timer = setTimeout(() => {
      timer = null;
      connect();
    }, delay);
  }

  function drop(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const ws = socket;
    socket = null;
    if (ws && ws.readyState <= WS.OPEN) ws.close(1000);
  }

  return {
    /** Connects, or reconnects now (e.g. with a freshly refreshed token). */
    start(): void {
      running = true;
      drop();
      attempt = 0;
      connect();
    },
    stop(): void {
      running = false;
      drop();
      setStatus('idle');
    },
  };
}

export type EventsClient = ReturnType<typeof createEventsClient>;
