import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FsStorage } from '../../adapters/storage/fs-storage.ts';
import type { Storage } from '../../adapters/storage/storage.ts';

export interface LocalFilesOptions {
  /** Where copies of remote objects are kept (`UAM_DATA_DIR/cache`). */
  cacheDir: string;
  /** Evict least-recently-used copies past this many bytes; 0 keeps nothing beyond use. */
  maxCacheBytes: number;
}

/**
 * Local paths for stored objects, because DuckDB reads files. The filesystem store hands out
 * the object's own file; with S3 an object is downloaded once into the cache under a name that
 * identifies its content (a content hash or an immutable version id), so every later read is
 * local. Cached files are written under a temp name and renamed, so a reader never sees half.
 *
 * @example
 * const file = await files.localPath('projects/p/datasets/d/versions/v.parquet', 'v-<id>.parquet');
 */
export class LocalFiles {
  private readonly fs: FsStorage | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly options: LocalFilesOptions,
  ) {
    this.fs = storage instanceof FsStorage ? storage : undefined;
  }

  /** Folders DuckDB may read: the filesystem store's files or the cache. */
  readableRoots(): string[] {
    return this.fs ? [path.dirname(this.fs.localPath('x'))] : [this.options.cacheDir];
  }

  /** A local file with the bytes of `key`; `cacheName` must change whenever those bytes could. */
  async localPath(key: string, cacheName: string): Promise<string> {
    if (this.fs) return this.fs.localPath(key);
    const file = path.join(this.options.cacheDir, cacheName);
    const hit = await stat(file).catch(() => undefined);
    if (hit) {
      const now = new Date();
      await utimes(file, now, now).catch(() => {});
      return file;
    }
    await mkdir(this.options.cacheDir, { recursive: true });
    const tmp = path.join(this.options.cacheDir, `.download-${randomUUID()}`);
    try {
      await pipeline(await this.storage.get(key), createWriteStream(tmp, { flags: 'wx' }));
      await rename(tmp, file);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    await this.evict(file);
    return file;
  }

  /**
   * Store a finished local file as `key` and consume it: a rename into the filesystem store,
   * an upload to S3 (then kept in the cache as `cacheName` when given, for later reads).
   */
  async store(key: string, file: string, cacheName?: string): Promise<number> {
    if (this.fs) return this.fs.adoptFile(key, file);
    const { bytes } = await this.storage.put(key, createReadStream(file));
    if (cacheName && this.options.maxCacheBytes > 0) {
      await mkdir(this.options.cacheDir, { recursive: true });
      await rename(file, path.join(this.options.cacheDir, cacheName));
      await this.evict(path.join(this.options.cacheDir, cacheName));
    } else {
      await rm(file, { force: true });
    }
    return bytes;
  }

  /** Remove cached copies, oldest use first, until the cache fits; `keep` is never removed. */
  private async evict(keep: string): Promise<void> {
    const dir = this.options.cacheDir;
    const entries = await readdir(dir).catch(() => [] as string[]);
    const files: Array<{ file: string; size: number; used: number }> = [];
    for (const name of entries) {
      if (name.startsWith('.')) continue;
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => undefined);
      if (info?.isFile()) files.push({ file, size: info.size, used: info.mtimeMs });
    }
    let total = files.reduce((sum, f) => sum + f.size, 0);
    files.sort((a, b) => a.used - b.used);
    for (const f of files) {
      if (total <= this.options.maxCacheBytes) break;
      if (f.file === keep) continue;
      // Unlinking a file DuckDB has open is safe on POSIX: the reader keeps its inode.
      await rm(f.file, { force: true });
      total -= f.size;
    }
  }
}
