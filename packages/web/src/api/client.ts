import type { AuthResponse, ErrorBody } from './types.ts';
import { type UploadProgress, xhrFetch } from './xhr-fetch.ts';

/** Any non-2xx answer from the API, or a network failure (`status` 0, code `NETWORK_ERROR`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details ?? {};
  }
}

/** Where the client reads and writes the session's tokens (localStorage in the app). */
export interface TokenStore {
  accessToken(): string | null;
  refreshToken(): string | null;
  /** Called with the rotated tokens after a successful refresh. */
  update(auth: AuthResponse): void;
  /** Called when the refresh token is rejected: the session is over. */
  clear(): void;
}

export interface ApiClientOptions {
  tokens: TokenStore;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Used for uploads that report progress (tests pass a fake). */
  XMLHttpRequest?: typeof XMLHttpRequest;
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
  /** Sends the body over XMLHttpRequest and reports the bytes sent (fetch cannot). */
  onUploadProgress?: (progress: UploadProgress) => void;
}

const PUBLIC_PATHS = new Set(['/auth/login', '/auth/register', '/auth/refresh']);

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * A JSON client for `/api/v1`. It sends the access token, and when the server answers 401
 * `AUTH_INVALID_TOKEN` it refreshes once (shared by concurrent requests) and retries.
 *
 * ### Example
 * ```ts
 * const api = createApiClient({ tokens: sessionTokens });
 * const { items } = await api.get<Page<Project>>('/projects', { query: { limit: 50 } });
 * ```
 */
export function createApiClient(options: ApiClientOptions) {
  const baseUrl = options.baseUrl ?? '/api/v1';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const { tokens } = options;
  let refreshing: Promise<boolean> | null = null;

  async function send(method: string, path: string, body: unknown, opts: RequestOptions, auth: boolean) {
    const headers: Record<string, string> = { accept: 'application/json' };
    const isForm = body instanceof FormData;
    // The browser sets a multipart content type with its boundary for FormData.
    if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
    const access = auth ? tokens.accessToken() : null;
    if (access) headers.authorization = `Bearer ${access}`;
    const url = buildUrl(baseUrl, path, opts.query);
    const payload = body === undefined ? undefined : isForm ? body : JSON.stringify(body);
    try {
      if (opts.onUploadProgress) {
        const init = { method, headers, body: payload, signal: opts.signal };
        return await xhrFetch(url, init, opts.onUploadProgress, options.XMLHttpRequest);
      }
      return await doFetch(url, { method, headers, body: payload, signal: opts.signal });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(0, { code: 'NETWORK_ERROR', message: 'Cannot reach the UAM server' });
    }
  }

  /** Exchanges the stored refresh token for new tokens; false when there is none or it is refused. */
  function refresh(): Promise<boolean> {
    refreshing ??= (async () => {
      const refreshToken = tokens.refreshToken();
      if (!refreshToken) return false;
      const res = await send('POST', '/auth/refresh', { refreshToken }, {}, false).catch(() => null);
      if (!res?.ok) {
        // A network failure keeps the session; a refused token ends it.
        if (res) tokens.clear();
        return false;
      }
      tokens.update((await res.json()) as AuthResponse);
      return true;
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}) {
    // Sign-in, sign-up and refresh go out without a bearer token and are never retried.
    const auth = !PUBLIC_PATHS.has(path);
    const retryable = auth && path !== '/auth/logout';
    let res = await send(method, path, body, opts, auth);
    if (res.status === 401 && retryable && tokens.refreshToken()) {
      const error = await readError(res);
      if (error.code !== 'AUTH_INVALID_TOKEN' || !(await refresh())) throw error;
      res = await send(method, path, body, opts, auth);
    }
    if (!res.ok) throw await readError(res);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    request,
    refresh,
    get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
    post: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
      request<T>('POST', path, body ?? {}, opts),
    patch: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body, opts),
    delete: <T = void>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
    /** POSTs a multipart form; pass `onUploadProgress` to follow the bytes sent. */
    upload: <T>(path: string, form: FormData, opts?: RequestOptions) => request<T>('POST', path, form, opts),
  };
}

function buildUrl(baseUrl: string, path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
}

async function readError(res: Response): Promise<ApiError> {
  const fallback: ErrorBody = {
    code: `HTTP_${res.status}`,
    message: res.statusText || `Request failed (${res.status})`,
  };
  try {
    const body = (await res.clone().json()) as { error?: ErrorBody };
    return new ApiError(res.status, body.error?.code ? body.error : fallback);
  } catch {
    return new ApiError(res.status, fallback);
  }
}
