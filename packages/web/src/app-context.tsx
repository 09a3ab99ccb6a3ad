import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import { createApiClient } from './api/client.ts';
import { createEndpoints, type Endpoints } from './api/endpoints.ts';
import { createSessionStore, type Session, type SessionStore } from './auth/session.ts';

export interface AppServices {
  session: SessionStore;
  api: Endpoints;
  /** Exchanges the refresh token for new tokens (used by the event stream on auth errors). */
  refreshSession: () => Promise<boolean>;
}

/** Builds the browser's singletons: the session store and the API client bound to it. */
export function createAppServices(): AppServices {
  const session = createSessionStore();
  const client = createApiClient({ tokens: session.tokens });
  return { session, api: createEndpoints(client), refreshSession: client.refresh };
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() needs a <ServicesProvider>');
  return services;
}

export function useApi(): Endpoints {
  return useServices().api;
}

/** The signed-in session, or null; re-renders on sign-in, sign-out and token refresh. */
export function useSession(): Session | null {
  const { session } = useServices();
  return useSyncExternalStore(session.subscribe, session.get);
}
