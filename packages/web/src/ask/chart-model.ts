/**
 * Reads the Vega-Lite specs the question engine writes (bars, lines, areas, points, arcs,
 * binned histograms, folded period comparisons) into a small model the SVG chart draws. A full
 * Vega runtime would need `unsafe-eval` under our CSP and ~1 MB of script for a handful of
 * chart shapes; anything this reader does not understand yields null and the table stays.
 */

export type ChartModel = CategoryChart | PointChart | PieChart;

export interface CategoryChart {
  kind: 'bar' | 'line' | 'area';
  horizontal: boolean;
  categories: string[];
  /** One series per colour; a single unnamed series when there is no colour field. */
  series: string[];
  /** `values[s][c]`: series s at category c (null when that pair has no row). */
  values: (number | null)[][];
  xTitle: string;
  yTitle: string;
  /** Fixed value axis, e.g. [-1, 1] for correlations. */
  domain?: [number, number];
}

export interface PointChart {
  kind: 'point';
  points: Array<{ x: number; y: number }>;
  xTitle: string;
  yTitle: string;
}

export interface PieChart {
  kind: 'pie';
  slices: Array<{ label: string; value: number }>;
  title: string;
}

type Row = Record<string, unknown>;
interface Channel {
  field?: string;
  type?: string;
  title?: string;
  sort?: unknown;
  bin?: unknown;
  scale?: { domain?: unknown };
}

const MAX_CATEGORIES = 60;

/** The engine escapes `.`, `[`, `]` and `\` in field names (Vega-Lite reads them as paths). */
export function unescapeField(field: string): string {
  return field.replace(/\\(.)/g, '$1');
}

export function chartModel(spec: Record<string, unknown> | null): ChartModel | null {
  if (!spec) return null;
  const mark = typeof spec.mark === 'string' ? spec.mark : (spec.mark as { type?: string } | undefined)?.type;
  const enc = (spec.encoding ?? {}) as Record<string, Channel | undefined>;
  let rows = ((spec.data as { values?: Row[] } | undefined)?.values ?? []).filter(
    (r) => r && typeof r === 'object',
  );
  rows = applyFold(rows, spec.transform);
  if (!rows.length || !mark) return null;
  const f = (c: Channel | undefined) => (c?.field ? unescapeField(c.field) : undefined);
  const title = (c: Channel | undefined) => c?.title ?? f(c) ?? '';

  if (mark === 'arc') {
    const value = f(enc.theta);
    const label = f(enc.color);
    if (!value || !label) return null;
    const slices = rows
      .map((r) => ({ label: String(r[label] ?? '—'), value: num(r[value]) ?? 0 }))
      .filter((s) => s.value > 0);
    return slices.length ? { kind: 'pie', slices, title: title(enc.theta) } : null;
  }
  if (mark === 'point' && enc.x?.type === 'quantitative' && enc.y?.type === 'quantitative') {
    const x = f(enc.x)!;
    const y = f(enc.y)!;
    const points = rows.flatMap((r) => {
      const px = num(r[x]);
      const py = num(r[y]);
      return px === null || py === null ? [] : [{ x: px, y: py }];
    });
    return points.length ? { kind: 'point', points, xTitle: title(enc.x), yTitle: title(enc.y) } : null;
  }
  if (mark !== 'bar' && mark !== 'line' && mark !== 'area' && mark !== 'point') return null;
  const horizontal = enc.x?.type === 'quantitative' && enc.y?.type !== 'quantitative';
  const catChannel = horizontal ? enc.y : enc.x;
  const valChannel = horizontal ? enc.x : enc.y;
  const valueField = f(valChannel);
  if (!valueField) return null;
  const catOf = categoryReader(catChannel, enc.x2, rows);
  if (!catOf) return null;
  const seriesField = f(enc.color) ?? f(enc.xOffset);
  const categories: string[] = [];
  const series: string[] = [];
  const cells = new Map<string, number | null>();
  for (const r of rows) {
    const c = catOf(r);
    const s = seriesField ? String(r[seriesField] ?? '—') : '';
    if (!categories.includes(c)) categories.push(c);
    if (!series.includes(s)) series.push(s);
    cells.set(`${s}\u0000${c}`, num(r[valueField]));
  }
  const ordered = orderCategories(categories, catChannel, series, cells).slice(0, MAX_CATEGORIES);
  const values = series.map((s) => ordered.map((c) => cells.get(`${s}\u0000${c}`) ?? null));
  const domain = valChannel?.scale?.domain;
  return {
    kind: mark === 'point' ? 'line' : mark,
    horizontal,
    categories: ordered,
    series,
    values,
    xTitle: title(catChannel),
    yTitle: title(valChannel),
    ...(Array.isArray(domain) && domain.length === 2 && domain.every((d) => typeof d === 'number')
      ? { domain: domain as [number, number] }
      : {}),
  };
}

/** `{fold: [a, b], as: [key, value]}`: one row per folded field. */
function applyFold(rows: Row[], transform: unknown): Row[] {
  if (!Array.isArray(transform)) return rows;
  let out = rows;
  for (const t of transform as Array<{ fold?: string[]; as?: [string, string] }>) {
    if (!Array.isArray(t.fold)) continue;
    const [key, value] = t.as ?? ['key', 'value'];
    const fields = t.fold.map(unescapeField);
    out = out.flatMap((r) => fields.map((fd) => ({ ...r, [key]: fd, [value]: r[fd] })));
  }
  return out;
}

/** The category label of a row: the field's value, or "from – to" for binned bars. */
function categoryReader(
  channel: Channel | undefined,
  x2: Channel | undefined,
  rows: Row[],
): ((r: Row) => string) | null {
  const field = channel?.field ? unescapeField(channel.field) : undefined;
  if (!field) return null;
  if (channel?.bin && x2?.field) {
    const to = unescapeField(x2.field);
    return (r) => `${compact(num(r[field]))} – ${compact(num(r[to]))}`;
  }
  const temporal = channel?.type === 'temporal';
  if (temporal && rows.every((r) => typeof r[field] === 'string')) {
    return (r) =>
      String(r[field])
        .replace(/T00:00:00(\.000)?Z?$/, '')
        .slice(0, 19);
  }
  return (r) => (r[field] === null || r[field] === undefined ? '—' : String(r[field]));
}

function orderCategories(
  categories: string[],
  channel: Channel | undefined,
  series: string[],
  cells: Map<string, number | null>,
): string[] {
  const total = (c: string) => series.reduce((sum, s) => sum + (cells.get(`${s}\u0000${c}`) ?? 0), 0);
  if (channel?.sort === '-y' || channel?.sort === '-x')
    return [...categories].sort((a, b) => total(b) - total(a));
  if (channel?.type === 'temporal' || channel?.type === 'ordinal')
    return [...categories].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return categories;
}

function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

const compactFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, notation: 'compact' });

/** `1.2K`, `3.5M`, `0.25`: short numbers for axes. */
export function compact(v: number | null): string {
  return v === null ? '—' : compactFormat.format(v);
}
