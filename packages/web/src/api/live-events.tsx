import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { useServices, useSession } from '../app-context.tsx';
import { createEventsClient, type EventsClient, type EventsStatus } from './events.ts';
import type { ServerEvent } from './types.ts';

type Listener = (event: ServerEvent) => void;

interface LiveEvents {
  status: EventsStatus;
  subscribe: (listener: Listener) => () => void;
}

const LiveEventsContext = createContext<LiveEvents | null>(null);

/**
 * Owns the one WebSocket of a signed-in tab: connects on sign-in, reconnects when the access
 * token changes (refresh), refreshes the token when the server refuses it, closes on sign-out.
 */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const services = useServices();
  const session = useSession();
  const [status, setStatus] = useState<EventsStatus>('idle');
  const listeners = useRef(new Set<Listener>());
  const client = useRef<EventsClient | null>(null);
  const [value] = useState<Omit<LiveEvents, 'status'>>(() => ({
    subscribe(listener) {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  }));

  useEffect(() => {
    const events = createEventsClient({
      getToken: () => services.session.tokens.accessToken(),
      onStatus: setStatus,
      onEvent: (event) => {
        for (const listener of listeners.current) listener(event);
      },
      // Refresh only if the refused token is still current; a newer one reconnects by itself.
      onAuthError: (_error, token) => {
        if (token === services.session.tokens.accessToken()) void services.refreshSession();
      },
    });
    client.current = events;
    return () => {
      events.stop();
      client.current = null;
    };
  }, [services]);

  const accessToken = session?.accessToken ?? null;
  useEffect(() => {
    if (accessToken) {
      client.current?.start();
    } else {
      client.current?.stop();
    }
  }, [accessToken]);

  return <LiveEventsContext.Provider value={{ ...value, status }}>{children}</LiveEventsContext.Provider>;
}

function useLiveEvents(): LiveEvents {
  const live = useContext(LiveEventsContext);
  if (!live) throw new Error('live events need a <LiveEventsProvider>');
  return live;
}

export function useEventsStatus(): EventsStatus {
  return useLiveEvents().status;
}

/** Calls `listener` for every server event while the component is mounted. */
export function useServerEvents(listener: Listener): void {
  const { subscribe } = useLiveEvents();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => subscribe((event) => latest.current(event)), [subscribe]);
}
