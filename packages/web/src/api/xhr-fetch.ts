/** Bytes of a request body sent so far, as `XMLHttpRequest.upload` reports them. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface XhrInit {
  method: string;
  headers: Record<string, string>;
  body?: XMLHttpRequestBodyInit | null;
  signal?: AbortSignal;
}

/**
 * `fetch` over XMLHttpRequest, for the one thing fetch cannot do: report upload progress.
 * Resolves with a `Response` (so callers read errors the same way), rejects with a `TypeError`
 * on a network failure and an `AbortError` when `signal` aborts.
 */
export function xhrFetch(
  url: string,
  init: XhrInit,
  onProgress: (progress: UploadProgress) => void,
  XHR: typeof XMLHttpRequest = XMLHttpRequest,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    if (init.signal?.aborted) {
      reject(new DOMException('The upload was cancelled', 'AbortError'));
      return;
    }
    const xhr = new XHR();
    xhr.open(init.method, url);
    for (const [name, value] of Object.entries(init.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    };
    const abort = () => xhr.abort();
    init.signal?.addEventListener('abort', abort, { once: true });
    const done = () => init.signal?.removeEventListener('abort', abort);
    xhr.onload = () => {
      done();
      // A 204 (or 1xx/304) Response must not carry a body.
      const empty = xhr.status === 204 || xhr.status === 304;
      resolve(
        new Response(empty ? null : xhr.responseText, {
          status: xhr.status,
          statusText: xhr.statusText,
          headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' },
        }),
      );
    };
    xhr.onerror = () => {
      done();
      reject(new TypeError('Network request failed'));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was cancelled', 'AbortError'));
    };
    xhr.send(init.body ?? null);
  });
}
