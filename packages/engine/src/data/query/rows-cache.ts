import type { DuckDBConnection } from '@duckdb/node-api';
import type { DuckEngine } from '../duck-engine.ts';
import { runRows } from '../run-query.ts';
import { quoteIdent } from '../sql.ts';

/** Position column of a cached result; a version with a column of this name is never cached. */
export const POSITION_COLUMN = '__uam_pos';

export interface RowsCacheLimits {
  /** Results kept at once (default 8). */
  maxEntries: number;
  /** Rows kept across all results (default 4,000,000); a larger result is not cached. */
  maxRows: number;
  /** Widest result worth copying (default 256 columns); wider ones are queried directly. */
  maxColumns: number;
}

export interface CachedResult {
  table: string;
  /** Rows matching the filter. */
  total: number;
}

interface Entry {
  result: Promise<CachedResult>;
  rows: number;
}

const DEFAULTS: RowsCacheLimits = { maxEntries: 8, maxRows: 4_000_000, maxColumns: 256 };

/**
 * Recent sorted or filtered row queries, materialised as tables in the engine's in-memory
 * database with each row's position in the result. A data grid scrolls through one sort and
 * one filter page by page: the first page pays one scan and sort of the version, every later
 * page is a range read on the position column (zone maps skip the rest), which is what lets
 * the rows endpoint answer in milliseconds on a million rows. Versions are immutable files,
 * so a key (file, filter, sort, columns) never goes stale; least recently used results are
 * dropped when the entry or row budget is exceeded.
 */
export class RowsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly seen = new Set<string>();
  private rows = 0;
  private seq = 0;

  constructor(
    private readonly engine: DuckEngine,
    readonly limits: RowsCacheLimits = DEFAULTS,
  ) {}

  /** Whether a result of this many columns is worth caching at all. */
  accepts(columnCount: number): boolean {
    return this.limits.maxEntries > 0 && columnCount <= this.limits.maxColumns;
  }

  /** The cached (or still building) result for `key`, if any; marks it recently used. */
  lookup(key: string): Promise<CachedResult> | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.result;
  }

  /**
   * Called on a miss. A query seen for the first time is answered directly (a top-N read is
   * far cheaper than sorting every matching row, and most filters are typed once); seen again,
   * it is being scrolled, so its result is built in the background on a connection of its own,
   * and later pages wait for that one build rather than each scanning the file.
   */
  noteMiss(key: string, build: (table: string) => Promise<number>): void {
    if (!this.seen.delete(key)) {
      this.seen.add(key);
      if (this.seen.size > 256) this.seen.delete(this.seen.values().next().value as string);
      return;
    }
    const table = `__uam_rows_${++this.seq}`;
    const entry: Entry = { rows: 0, result: Promise.resolve({ table, total: 0 }) };
    entry.result = build(table).then((total) => ({ table, total }));
    this.entries.set(key, entry);
    entry.result.then(
      async (r) => {
        if (this.entries.get(key) !== entry) return this.drop(table);
        entry.rows = r.total;
        this.rows += r.total;
        await this.evict(key);
      },
      async () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        await this.drop(table);
      },
    );
  }

  /** Drop every cached result (the engine is closing or memory is needed). */
  async clear(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    this.seen.clear();
    this.rows = 0;
    for (const e of all) {
      const r = await e.result.catch(() => undefined);
      if (r) await this.drop(r.table);
    }
  }

  /**
   * Oldest first, never the result just built (its caller is about to read it): a result
   * larger than the whole budget stays alone until the next one replaces it.
   */
  private async evict(keep: string): Promise<void> {
    for (const [key, entry] of [...this.entries]) {
      if (this.entries.size <= this.limits.maxEntries && this.rows <= this.limits.maxRows) return;
      if (key === keep) continue;
      this.entries.delete(key);
      this.rows -= entry.rows;
      const r = await entry.result.catch(() => undefined);
      if (r) await this.drop(r.table);
    }
  }

  private async drop(table: string): Promise<void> {
    await this.engine
      .withConnection((conn: DuckDBConnection) => runRows(conn, `DROP TABLE IF EXISTS ${quoteIdent(table)}`))
      .catch(() => {});
  }
}

const caches = new WeakMap<DuckEngine, RowsCache>();

/** The rows cache of an engine, created on first use with default limits. */
export function rowsCacheOf(engine: DuckEngine, limits?: Partial<RowsCacheLimits>): RowsCache {
  let cache = caches.get(engine);
  if (!cache) {
    cache = new RowsCache(engine, { ...DEFAULTS, ...limits });
    caches.set(engine, cache);
  }
  return cache;
}
