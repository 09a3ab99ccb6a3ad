import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { checkOption } from '../errors.ts';
import { listLiteral } from './sql.ts';

export interface EngineOptions {
  /** DuckDB worker threads; default: the machine's parallelism. */
  threads?: number;
  /**
   * DuckDB buffer-manager limit, e.g. `'1GB'`; DuckDB spills to `tempDir` beyond it. Wide files
   * need room: a vector of 2,048 text cells is 32 KiB per column per pipeline stage, so 5,000
   * text columns need ~1 GB (512 MB fails); 1M × 20 runs in well under 512 MB.
   */
  memoryLimit?: string;
  /** Scratch folder for DuckDB spill files and transcoded inputs; default a new folder in the OS temp dir. */
  tempDir?: string;
  /**
   * When set, DuckDB may only touch files under these folders (plus `tempDir`): every other
   * path, `/etc/passwd` included, fails with a permission error. Omit it only in tools and tests.
   */
  allowedDirectories?: string[];
}

/**
 * One DuckDB instance with safe settings: no extension is ever installed or auto-loaded (the
 * machine is offline and a mistake must fail at once), UTC everywhere, a memory limit, and the
 * configuration locked so no later SQL can loosen any of it. Each operation takes its own
 * connection so it can be interrupted alone.
 *
 * @example
 * const engine = await openEngine({ memoryLimit: '1GB' });
 * try { await ingestFile(engine, { input, output }); } finally { await engine.close(); }
 */
export class DuckEngine {
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly tempDir: string,
    private readonly ownsTempDir: boolean,
  ) {}

  static async open(opts: EngineOptions = {}): Promise<DuckEngine> {
    const threads = opts.threads ?? os.availableParallelism();
    checkOption(
      Number.isInteger(threads) && threads >= 1 && threads <= 256,
      'threads',
      'an integer 1..256',
      threads,
    );
    checkOption(
      opts.memoryLimit === undefined ||
        /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(opts.memoryLimit),
      'memoryLimit',
      "a size like '1GB'",
      opts.memoryLimit,
    );
    const ownsTempDir = opts.tempDir === undefined;
    const tempDir = path.resolve(opts.tempDir ?? path.join(os.tmpdir(), `uam-engine-${randomUUID()}`));
    await fs.mkdir(tempDir, { recursive: true });
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      threads: String(threads),
      temp_directory: path.join(tempDir, 'duckdb-spill'),
    };
    if (opts.memoryLimit) config.memory_limit = opts.memoryLimit;
    const instance = await DuckDBInstance.create(':memory:', config);
    const setup = await instance.connect();
    try {
      await setup.run(`SET GLOBAL TimeZone = 'UTC'`);
      if (opts.allowedDirectories) {
        const dirs = [...opts.allowedDirectories, tempDir].map((d) => path.resolve(d) + path.sep);
        await setup.run(`SET GLOBAL allowed_directories = ${listLiteral(dirs)}`);
        await setup.run('SET GLOBAL enable_external_access = false');
      }
      // Progress reporting is per connection, so it stays changeable after the lock.
      await setup.run(`SET GLOBAL allowed_configs = ['enable_progress_bar', 'enable_progress_bar_print']`);
      await setup.run('SET GLOBAL lock_configuration = true');
    } finally {
      setup.closeSync();
    }
    return new DuckEngine(instance, tempDir, ownsTempDir);
  }

  async connect(): Promise<DuckDBConnection> {
    if (this.closed) throw new Error('DuckEngine is closed');
    const conn = await this.instance.connect();
    await conn.run('SET enable_progress_bar = true');
    await conn.run('SET enable_progress_bar_print = false');
    return conn;
  }

  /** Runs `fn` on a fresh connection and always closes it. */
  async withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.connect();
    try {
      return await fn(conn);
    } finally {
      conn.closeSync();
    }
  }

  /** A unique path inside the engine's scratch folder (the file is not created). */
  tempPath(suffix: string): string {
    return path.join(this.tempDir, `${randomUUID()}${suffix}`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.instance.closeSync();
    if (this.ownsTempDir) await fs.rm(this.tempDir, { recursive: true, force: true });
  }
}

export function openEngine(opts?: EngineOptions): Promise<DuckEngine> {
  return DuckEngine.open(opts);
}
