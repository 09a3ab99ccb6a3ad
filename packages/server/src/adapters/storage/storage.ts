import type { Readable } from 'node:stream';

export interface PutResult {
  key: string;
  bytes: number;
  /** Hex SHA-256 of the stored bytes, computed while streaming. */
  sha256: string;
}

export interface PutOptions {
  contentType?: string;
  /** Stop and discard the partial object once more than this many bytes arrived: PAYLOAD_TOO_LARGE (413), details `{ maxBytes }`. */
  maxBytes?: number;
  /**
   * Told the local file the object's bytes are being written to, by stores that write one (the
   * filesystem store): it grows in order as the body streams in, so a reader may follow it.
   */
  onLocalFile?: (path: string) => void;
}

export interface SignedUrlOptions {
  expiresInSeconds: number;
  /** Suggested file name for the download (Content-Disposition). */
  fileName?: string;
  contentType?: string;
}

/**
 * Where UAM keeps files (raw uploads, dataset versions, models, reports). Keys are relative
 * POSIX paths such as `projects/<id>/raw/<sha>.csv`; a key that could escape the store's root
 * (`..`, absolute, backslash, control characters) is rejected with STORAGE_KEY_INVALID.
 * Implementations: `fs-storage.ts` (embedded) and `s3-storage.ts` (production); both pass
 * `storage.contract.test.ts`.
 */
export interface Storage {
  readonly kind: 'fs' | 's3';
  /**
   * Stream `body` to `key`. Never buffers the whole body. A failed put leaves the store as it was
   * (no partial object; an existing object under `key` stays intact). An error of `body` itself
   * is rethrown unchanged; store failures are STORAGE_ERROR. The put owns `body`: it is either
   * consumed or destroyed, also when an argument is rejected.
   */
  put(key: string, body: Readable, options?: PutOptions): Promise<PutResult>;
  /**
   * Stream the object; throws STORAGE_NOT_FOUND when missing. `range.end` is inclusive, as in an
   * HTTP `Range` header; a range starting past the end of the object reads nothing.
   */
  get(key: string, range?: { start: number; end?: number }): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Size in bytes, or throws STORAGE_NOT_FOUND. */
  size(key: string): Promise<number>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Delete every key under a folder (e.g. a deleted project's files) and return how many.
   * `projects/1` and `projects/1/` both mean `projects/1/...`, never `projects/12/...`.
   */
  deletePrefix(prefix: string): Promise<number>;
  /**
   * Remove what puts cut off by a crash left behind (a killed process never reaches its own
   * clean-up): the filesystem store's temp files last written before `before`, S3's multipart
   * uploads started before it. Returns how many went. Puts still under way are spared as long
   * as `before` is older than the longest upload (the filesystem store only needs it older
   * than the longest pause between two writes).
   */
  sweepAbandoned(before: Date): Promise<number>;
  /** Short-lived download URL: HMAC-signed API URL (fs) or a presigned GET (S3). */
  signedUrl(key: string, options: SignedUrlOptions): Promise<string>;
  /** Cheap reachability check for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
