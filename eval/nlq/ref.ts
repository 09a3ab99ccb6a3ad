/**
 * Plain-JS reference computations over the loaded rows. They follow SQL semantics where it
 * matters (missing values ignored by aggregates, NULL is its own group, median interpolates,
 * sample standard deviation) but share no code with the engine.
 */
import type { Row } from './datasets.ts';

export type Pred = (r: Row) => boolean;
export type Getter = (r: Row) => number | null;

export const all: Pred = () => true;
export const get =
  (k: string): Getter =>
  (r) =>
    r[k] === null || r[k] === undefined ? null : Number(r[k]);

export function nums(rows: Row[], g: Getter): number[] {
  const out: number[] = [];
  for (const r of rows) {
    const v = g(r);
    if (v !== null && Number.isFinite(v)) out.push(v);
  }
  return out;
}

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
export const mean = (xs: number[]) => (xs.length ? sum(xs) / xs.length : null);
export const min = (xs: number[]) => (xs.length ? Math.min(...xs) : null);
export const max = (xs: number[]) => (xs.length ? Math.max(...xs) : null);
export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)] + s[Math.ceil(mid)]) / 2;
}
export function stddev(xs: number[]): number | null {
  if (xs.length < 2) return null;
  const m = sum(xs) / xs.length;
  return Math.sqrt(sum(xs.map((x) => (x - m) ** 2)) / (xs.length - 1));
}
export function corr(rows: Row[], a: Getter, b: Getter): number {
  const pairs = rows.map((r) => [a(r), b(r)]).filter(([x, y]) => x !== null && y !== null) as [
    number,
    number,
  ][];
  const mx = mean(pairs.map((p) => p[0])) ?? 0;
  const my = mean(pairs.map((p) => p[1])) ?? 0;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

export type Agg = (rows: Row[]) => number | null;
export const aggs = {
  count: (): Agg => (rows) => rows.length,
  sum:
    (k: string): Agg =>
    (rows) => {
      const xs = nums(rows, get(k));
      return xs.length ? sum(xs) : null;
    },
  avg:
    (k: string): Agg =>
    (rows) =>
      mean(nums(rows, get(k))),
  min:
    (k: string): Agg =>
    (rows) =>
      min(nums(rows, get(k))),
  max:
    (k: string): Agg =>
    (rows) =>
      max(nums(rows, get(k))),
  median:
    (k: string): Agg =>
    (rows) =>
      median(nums(rows, get(k))),
  stddev:
    (k: string): Agg =>
    (rows) =>
      stddev(nums(rows, get(k))),
  distinct:
    (k: string): Agg =>
    (rows) =>
      new Set(rows.map((r) => r[k]).filter((v) => v !== null)).size,
};

/** key → aggregate over the rows of that key (NULL keys form a group, as in SQL). */
export function groupBy(rows: Row[], key: (r: Row) => unknown, agg: Agg): Map<string, number | null> {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = String(key(r));
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return new Map([...groups].map(([k, g]) => [k, agg(g)]));
}

/** Keys of the n largest (or smallest) values; ties broken by key, ascending. */
export function topKeys(m: Map<string, number | null>, n: number, dir: 'desc' | 'asc' = 'desc'): string[] {
  return [...m.entries()]
    .filter((e) => e[1] !== null)
    .sort(
      (a, b) =>
        (dir === 'desc' ? (b[1] as number) - (a[1] as number) : (a[1] as number) - (b[1] as number)) ||
        (a[0] < b[0] ? -1 : 1),
    )
    .slice(0, n)
    .map((e) => e[0]);
}

export function topRows(
  rows: Row[],
  by: string,
  n: number,
  label: string,
  dir: 'desc' | 'asc' = 'desc',
): string[] {
  return rows
    .filter((r) => r[by] !== null)
    .sort(
      (a, b) =>
        (dir === 'desc' ? Number(b[by]) - Number(a[by]) : Number(a[by]) - Number(b[by])) ||
        String(a[label]).localeCompare(String(b[label])),
    )
    .slice(0, n)
    .map((r) => String(r[label]));
}

export const year = (k: string) => (r: Row) => (r[k] === null ? null : Number(String(r[k]).slice(0, 4)));
export const month = (k: string) => (r: Row) => (r[k] === null ? null : Number(String(r[k]).slice(5, 7)));
export const inYear = (k: string, y: number) => (r: Row) => year(k)(r) === y;
/** ISO weekday 1 = Monday … 7 = Sunday. */
export const isoDow = (k: string) => (r: Row) => {
  const d = new Date(`${r[k]}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};
export const between = (k: string, from: string, toExclusive: string) => (r: Row) =>
  r[k] !== null && String(r[k]) >= from && String(r[k]) < toExclusive;
export const monthKey = (k: string) => (r: Row) => (r[k] === null ? null : `${String(r[k]).slice(0, 7)}-01`);
export const quarterKey = (k: string) => (r: Row) => {
  if (r[k] === null) return null;
  const m = Number(String(r[k]).slice(5, 7));
  return `${String(r[k]).slice(0, 4)}-${String(3 * Math.floor((m - 1) / 3) + 1).padStart(2, '0')}-01`;
};

/** Equal-width bins: width = range/12 rounded up to 1, 2, 5 or 10 × 10^k; bins start at multiples of it. */
export function histogram(xs: number[]): [number, number, number][] {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  let w = 1;
  if (hi > lo) {
    const raw = (hi - lo) / 12;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const f = raw / mag;
    w = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
  }
  const bins = new Map<number, number>();
  for (const x of xs) {
    const b = Math.floor(x / w) * w;
    bins.set(b, (bins.get(b) ?? 0) + 1);
  }
  return [...bins.entries()].sort((a, b) => a[0] - b[0]).map(([b, c]) => [b, b + w, c]);
}
