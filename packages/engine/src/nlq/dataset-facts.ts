/**
 * What the parser needs from the data itself: the values of text columns (for "in France")
 * and the date range of date columns (for "last 3 months"). The profile answers when it is
 * complete; otherwise one capped lookup per column runs once and is cached, keyed by the
 * Parquet file's path, size and mtime (dataset versions are immutable).
 */
import { stat } from 'node:fs/promises';
import type { DuckEngine } from '../data/duck-engine.ts';
import { isTemporal, isText, isYearColumn } from './column-kinds.ts';
import type { DateSpan } from './context.ts';
import { lookupRows } from './execute.ts';
import { ident } from './sql-expressions.ts';
import type { NlqColumn, NlqProfile } from './types.ts';

/** Values kept per text column; a column with more is matched only on its most frequent ones. */
export const MAX_VALUES_PER_COLUMN = 5000;

export interface DatasetFacts {
  values: Map<string, string[]>;
  dateSpans: Map<string, DateSpan>;
}

const cache = new Map<string, Promise<unknown>>();
const CACHE_LIMIT = 500;

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit) return hit as Promise<T>;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  const p = load().catch((e) => {
    cache.delete(key);
    throw e;
  });
  cache.set(key, p);
  return p;
}

export async function loadFacts(
  engine: DuckEngine,
  parquetPath: string,
  columns: readonly NlqColumn[],
  profile?: NlqProfile,
): Promise<DatasetFacts> {
  const s = await stat(parquetPath);
  const fileKey = `${parquetPath}\u0000${s.size}\u0000${s.mtimeMs}`;
  const values = new Map<string, string[]>();
  const dateSpans = new Map<string, DateSpan>();
  const jobs: Promise<void>[] = [];
  for (const c of columns) {
    const p = profile?.columns[c.name];
    if (isText(c)) {
      const complete = p?.topValues && p.distinct !== undefined && p.topValues.length >= p.distinct;
      if (complete && p?.topValues) values.set(c.name, p.topValues);
      else
        jobs.push(
          cached(`${fileKey}\u0000v\u0000${c.name}`, () => distinctValues(engine, parquetPath, c)).then(
            (v) => void values.set(c.name, v),
          ),
        );
    } else if (isTemporal(c) || isYearColumn(c)) {
      const span = profileSpan(c, p);
      if (span) dateSpans.set(c.name, span);
      else
        jobs.push(
          cached(`${fileKey}\u0000d\u0000${c.name}`, () => dateSpan(engine, parquetPath, c)).then(
            (v) => void (v && dateSpans.set(c.name, v)),
          ),
        );
    }
  }
  await Promise.all(jobs);
  return { values, dateSpans };
}

function toIso(v: unknown, yearColumn: boolean): string | null {
  if (v === null || v === undefined) return null;
  if (yearColumn) return typeof v === 'number' ? `${String(v).padStart(4, '0')}-01-01` : null;
  const s = String(v);
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null;
}

function profileSpan(c: NlqColumn, p: NlqProfile['columns'][string] | undefined): DateSpan | null {
  const min = toIso(p?.min, isYearColumn(c));
  const max = toIso(p?.max, isYearColumn(c));
  return min && max ? { min, max } : null;
}

async function distinctValues(engine: DuckEngine, parquetPath: string, c: NlqColumn): Promise<string[]> {
  const id = ident(c.name);
  const rows = await lookupRows(
    engine,
    parquetPath,
    `SELECT ${id} FROM "dataset" WHERE ${id} IS NOT NULL GROUP BY ${id} ORDER BY count(*) DESC, ${id} ASC LIMIT $1`,
    [MAX_VALUES_PER_COLUMN],
  );
  return rows.map((r) => String(r[0]));
}

async function dateSpan(engine: DuckEngine, parquetPath: string, c: NlqColumn): Promise<DateSpan | null> {
  const id = ident(c.name);
  const expr = isYearColumn(c) ? (f: string) => `${f}(${id})` : (f: string) => `CAST(${f}(${id}) AS DATE)`;
  const rows = await lookupRows(engine, parquetPath, `SELECT ${expr('min')}, ${expr('max')} FROM "dataset"`);
  const min = toIso(rows[0]?.[0], isYearColumn(c));
  const max = toIso(rows[0]?.[1], isYearColumn(c));
  return min && max ? { min, max } : null;
}

/** Forgets cached lookups (tests). */
export function clearFactsCache(): void {
  cache.clear();
}
