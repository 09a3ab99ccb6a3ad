import { randomUUID } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { access, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UamError } from '../../errors/index.ts';
import { assertExpiry, assertSecret, signFileLink } from './file-signature.ts';
import { HashMeter, ownOrDestroy } from './hash-meter.ts';
import type { PutOptions, PutResult, SignedUrlOptions, Storage } from './storage.ts';
import { assertByteRange, assertSafeKey, folderPrefix } from './storage-key.ts';

export { verifyFileSignature } from './file-signature.ts';

export interface FsStorageOptions {
  /** Folder that holds every object; created by `init()`. */
  root: string;
  /** HMAC key for download links (at least 16 characters). */
  signingSecret: string;
  /** Origin the API is reached at, e.g. `https://uam.example.com`; links point to its `/api/v1/files`. */
  publicBaseUrl: string;
}

/** Where puts are written before the rename; a key can never name it (no segment starts with `.`). */
const TMP_DIR = '.tmp';

/** Bytes an upload may run ahead of the disk. */
const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * The embedded store: objects are plain files under `root`. A put streams into `<root>/.tmp/<uuid>`
 * (same filesystem, so the final rename is atomic): readers see the old file or the whole new
 * one, never half, and a failed put leaves nothing. Downloads go through `GET /api/v1/files`
 * with an HMAC-signed query (`files.routes.ts`).
 */
export class FsStorage implements Storage {
  readonly kind = 'fs' as const;
  private readonly root: string;
  private readonly signingSecret: string;
  private readonly publicBaseUrl: string;

  constructor(options: FsStorageOptions) {
    assertSecret(options.signingSecret);
    this.root = path.resolve(options.root);
    this.signingSecret = options.signingSecret;
    this.publicBaseUrl = options.publicBaseUrl.replace(/\/+$/, '');
  }

  /** Create the root and temp folders; call once at start-up. */
  async init(): Promise<void> {
    await mkdir(path.join(this.root, TMP_DIR), { recursive: true });
  }

  async put(key: string, body: Readable, options: PutOptions = {}): Promise<PutResult> {
    const { target, meter } = ownOrDestroy(body, () => ({
      target: this.pathOf(key),
      meter: new HashMeter(options.maxBytes),
    }));
    // Remember the source's own error: it is the caller's problem (e.g. a client hung up), not
    // a storage failure, so it is rethrown as is rather than wrapped in STORAGE_ERROR.
    let sourceError: unknown;
    body.once('error', (e) => {
      sourceError = e;
    });
    const tmp = path.join(this.root, TMP_DIR, randomUUID());
    try {
      await mkdir(path.dirname(tmp), { recursive: true });
      // Open before piping so the temp file exists by the time any failure path removes it.
      const handle = await open(tmp, 'wx');
      options.onLocalFile?.(tmp);
      // A deep write buffer: chunks that arrive while a write is in flight go out together
      // (writev) instead of the upload waiting on one thread-pool round trip per 64 KB.
      await pipeline(body, meter, handle.createWriteStream({ highWaterMark: WRITE_BUFFER_BYTES }));
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tmp, target);
      return { key, bytes: meter.bytes, sha256: meter.digest() };
    } catch (e) {
      body.destroy();
      await rm(tmp, { force: true });
      if (e === sourceError || e instanceof UamError) throw e;
      // Even ENOENT/ENOTDIR mean a broken store here (e.g. `a/b` while `a` is a file), not a missing key.
      throw storeError(e, 'put');
    }
  }

  async get(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    const file = this.pathOf(key);
    assertByteRange(range);
    const handle = await open(file, 'r').catch((e) => {
      throw fsError(e, 'get');
    });
    try {
      // A key that names a folder (the parent of other keys) is not an object.
      if (!(await handle.stat()).isFile()) throw notFound('get');
      return handle.createReadStream({ start: range?.start, end: range?.end });
    } catch (e) {
      await handle.close();
      throw e instanceof UamError ? e : fsError(e, 'get');
    }
  }

  async exists(key: string): Promise<boolean> {
    const file = this.pathOf(key);
    const info = await stat(file).catch((e: NodeJS.ErrnoException) => {
      if (isMissing(e)) return undefined;
      throw fsError(e, 'exists');
    });
    return info?.isFile() ?? false;
  }

  async size(key: string): Promise<number> {
    const file = this.pathOf(key);
    const info = await stat(file).catch((e) => {
      throw fsError(e, 'size');
    });
    if (!info.isFile()) throw notFound('size');
    return info.size;
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await unlink(file).catch((e: NodeJS.ErrnoException) => {
      if (isMissing(e) || e.code === 'EISDIR') return;
      throw fsError(e, 'delete');
    });
  }

  async deletePrefix(prefix: string): Promise<number> {
    const folder = this.pathOf(folderPrefix(prefix).slice(0, -1));
    // Detach the folder first with one atomic rename: new puts under the prefix start a fresh
    // folder instead of racing the recursive delete, and readers never see it half-deleted.
    const doomed = path.join(this.root, TMP_DIR, `deleting-${randomUUID()}`);
    try {
      await rename(folder, doomed);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (isMissing(e) || code === 'ENOTDIR') return 0;
      throw fsError(e, 'deletePrefix');
    }
    const count = await countFiles(doomed);
    await rm(doomed, { recursive: true, force: true });
    return count;
  }

  /**
   * The file that holds `key`, for readers that need a path (DuckDB reads Parquet versions in
   * place). It may not exist; the key is checked like every other key.
   */
  localPath(key: string): string {
    return this.pathOf(key);
  }

  /**
   * Move a finished local file in as `key`: one atomic rename on the same filesystem (no copy,
   * no temp object that a killed writer could leave behind), a streamed put across filesystems.
   * The source file is gone afterwards either way.
   */
  async adoptFile(key: string, file: string): Promise<number> {
    const target = this.pathOf(key);
    try {
      await mkdir(path.dirname(target), { recursive: true });
      await rename(file, target);
      return (await stat(target)).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw storeError(e, 'put');
      const { bytes } = await this.put(key, createReadStream(file));
      await rm(file, { force: true });
      return bytes;
    }
  }

  async sweepAbandoned(before: Date): Promise<number> {
    const tmp = path.join(this.root, TMP_DIR);
    let removed = 0;
    try {
      for (const name of await readdir(tmp)) {
        const file = path.join(tmp, name);
        // A put in flight keeps its file's mtime fresh; a vanished file was renamed or removed.
        const info = await stat(file).catch(() => undefined);
        if (info && info.mtime < before) {
          await rm(file, { recursive: true, force: true });
          removed++;
        }
      }
    } catch (e) {
      if (!isMissing(e)) throw storeError(e, 'sweepAbandoned');
    }
    return removed;
  }

  async signedUrl(key: string, options: SignedUrlOptions): Promise<string> {
    assertSafeKey(key);
    assertExpiry(options.expiresInSeconds);
    const expiresAt = Math.floor(Date.now() / 1000) + options.expiresInSeconds;
    const query = signFileLink(
      { key, fileName: options.fileName, contentType: options.contentType },
      this.signingSecret,
      expiresAt,
    );
    return `${this.publicBaseUrl}/api/v1/files?${query}`;
  }

  async ping(): Promise<void> {
    // A missing root is a broken set-up, not a missing file: always STORAGE_ERROR.
    await access(this.root, constants.R_OK | constants.W_OK).catch((e) => {
      throw storeError(e, 'ping');
    });
  }

  async close(): Promise<void> {}

  /** Absolute path of `key`, checked twice: by the key grammar and by where it resolves. */
  private pathOf(key: string): string {
    assertSafeKey(key);
    const file = path.resolve(this.root, key);
    if (!file.startsWith(this.root.endsWith(path.sep) ? this.root : this.root + path.sep)) {
      throw new UamError('STORAGE_KEY_INVALID', 'Invalid storage key: resolves outside the store');
    }
    return file;
  }
}

async function countFiles(dir: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    count += entry.isDirectory() ? await countFiles(path.join(dir, entry.name)) : 1;
  }
  return count;
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function notFound(operation: string): UamError {
  return new UamError('STORAGE_NOT_FOUND', undefined, { operation });
}

/** Missing files become STORAGE_NOT_FOUND; anything else STORAGE_ERROR. */
function fsError(e: unknown, operation: string): UamError {
  if (e instanceof UamError) return e;
  if (isMissing(e)) return notFound(operation);
  return storeError(e, operation);
}

/** STORAGE_ERROR naming only the errno: paths stay out of messages that may reach clients. */
function storeError(e: unknown, operation: string): UamError {
  const code = (e as NodeJS.ErrnoException).code ?? 'UNKNOWN';
  return new UamError(
    'STORAGE_ERROR',
    `The file store failed to ${operation} (${code})`,
    { operation, code },
    {
      cause: e,
    },
  );
}
