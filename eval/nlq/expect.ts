/** What a case expects, and how an answer is checked against it. */
import type { Answer } from '../../packages/engine/src/nlq/types.ts';

export type Expected =
  | { value: number | null }
  | { values: (number | null)[] }
  | {
      groups: Map<string, number | null> | Record<string, number | null>;
      ordered?: string[];
      column?: string;
    }
  | { first: string; value?: number }
  | { list: string[]; ordered?: boolean }
  | { rowCount: number; firstColumn?: string[] }
  | { bins: [number, number, number][] }
  | { refuse: true }
  | { clarify: true };

export type Category =
  | 'aggregate'
  | 'group_by'
  | 'filter'
  | 'dates'
  | 'top_k'
  | 'share'
  | 'distinct'
  | 'distribution'
  | 'correlation'
  | 'compare_periods'
  | 'change_over_time'
  | 'lookup'
  | 'having'
  | 'typos'
  | 'synonyms'
  | 'follow_up'
  | 'must_refuse';

export interface EvalCase {
  id: string;
  category: Category;
  /** One question, or several turns of a conversation (the last is checked). */
  q: string | string[];
  expect: Expected;
}

const close = (a: unknown, b: number | null) => {
  if (b === null) return a === null || a === undefined;
  if (typeof a !== 'number') return false;
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
};

const key = (v: unknown) => {
  if (v === null || v === undefined) return 'null';
  const s = String(v);
  return /^\d{4}-\d{2}-\d{2} 00:00:00$/.test(s) ? s.slice(0, 10) : s;
};

/** The first measure column after the dimensions. */
function measureIndex(a: Answer): number {
  const i = a.columns.findIndex((c) => c.role === 'measure');
  return i < 0 ? a.columns.length - 1 : i;
}

export function check(a: Answer, e: Expected): string | null {
  if ('refuse' in e)
    return a.status === 'answered' ? `answered (${a.answer}) but should refuse or clarify` : null;
  if ('clarify' in e) return a.status === 'clarify' ? null : `expected clarify, got ${a.status}: ${a.answer}`;
  if (a.status !== 'answered') return `not answered: ${a.status}: ${a.answer}`;
  const mi = measureIndex(a);
  if ('first' in e) {
    if (key(a.rows[0]?.[0]) !== e.first) return `first ${key(a.rows[0]?.[0])} ≠ ${e.first}`;
    if (e.value !== undefined && !close(a.rows[0]?.[mi], e.value))
      return `first value ${a.rows[0]?.[mi]} ≠ ${e.value}`;
    return null;
  }
  if ('value' in e)
    return close(a.rows[0]?.[mi], e.value ?? null) ? null : `value ${a.rows[0]?.[mi]} ≠ ${e.value}`;
  if ('values' in e) {
    const got = e.values.map((_, i) => a.rows[0]?.[mi + i]);
    return e.values.every((v, i) => close(got[i], v))
      ? null
      : `values ${JSON.stringify(got)} ≠ ${JSON.stringify(e.values)}`;
  }
  if ('groups' in e) {
    const want = e.groups instanceof Map ? e.groups : new Map(Object.entries(e.groups));
    const dims = a.columns.filter((c) => c.role === 'dimension').length;
    if (dims !== 1) return `expected one group column, got ${dims}`;
    const vi = e.column ? a.columns.findIndex((c) => c.name === e.column) : mi;
    if (vi < 0) return `no column ${e.column}`;
    const got = new Map(a.rows.map((r) => [key(r[0]), r[vi]]));
    if (got.size !== want.size) return `${got.size} groups ≠ ${want.size}`;
    for (const [k, v] of want)
      if (!got.has(k) || !close(got.get(k), v)) return `group ${k}: ${got.get(k)} ≠ ${v}`;
    if (e.ordered && e.ordered.join('|') !== a.rows.map((r) => key(r[0])).join('|'))
      return `order ${a.rows.map((r) => key(r[0])).join('|')}`;
    return null;
  }
  if ('list' in e) {
    const got = a.rows.map((r) => key(r[0]));
    const ok = e.ordered
      ? got.join('|') === e.list.join('|')
      : got.length === e.list.length && [...got].sort().join('|') === [...e.list].sort().join('|');
    return ok ? null : `list ${got.slice(0, 10).join('|')} ≠ ${e.list.slice(0, 10).join('|')}`;
  }
  if ('rowCount' in e) {
    if (a.rows.length !== e.rowCount) return `${a.rows.length} rows ≠ ${e.rowCount}`;
    if (
      e.firstColumn &&
      [...a.rows.map((r) => key(r[0]))].sort().join('|') !== [...e.firstColumn].sort().join('|')
    )
      return 'first column differs';
    return null;
  }
  if ('bins' in e) {
    if (a.rows.length !== e.bins.length) return `${a.rows.length} bins ≠ ${e.bins.length}`;
    for (const [i, b] of e.bins.entries())
      if (!close(a.rows[i][0], b[0]) || !close(a.rows[i][2], b[2])) return `bin ${i}: ${a.rows[i]} ≠ ${b}`;
    return null;
  }
  return 'unknown expectation';
}
