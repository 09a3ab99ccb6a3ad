import type { TokenStore } from '../api/client.ts';
import type { AuthResponse, User } from '../api/types.ts';

/** What the browser remembers of a signed-in user, in localStorage under `uam.session`. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

const KEY = 'uam.session';
type Listener = () => void;

/**
 * The session as an external store (for `useSyncExternalStore`): one source of truth that the
 * API client, the event stream and the UI all read, kept in step across tabs.
 */
export function createSessionStore(storage: Storage = window.localStorage) {
  const listeners = new Set<Listener>();
  let current = read(storage);

  function emit(): void {
    for (const listener of listeners) listener();
  }

  function set(next: Session | null): void {
    current = next;
    if (next) storage.setItem(KEY, JSON.stringify(next));
    else storage.removeItem(KEY);
    emit();
  }

  window.addEventListener('storage', (event) => {
    if (event.key !== KEY) return;
    current = read(storage);
    emit();
  });

  const tokens: TokenStore = {
    accessToken: () => current?.accessToken ?? null,
    refreshToken: () => current?.refreshToken ?? null,
    update: (auth: AuthResponse) => set({ ...auth }),
    clear: () => set(null),
  };

  return {
    tokens,
    get: (): Session | null => current,
    signIn: (auth: AuthResponse) => set({ ...auth }),
    setUser: (user: User) => {
      if (current) set({ ...current, user });
    },
    signOut: () => set(null),
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

function read(storage: Storage): Session | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (!parsed.accessToken || !parsed.refreshToken || !parsed.user) return null;
    return parsed as Session;
  } catch {
    return null;
  }
}
