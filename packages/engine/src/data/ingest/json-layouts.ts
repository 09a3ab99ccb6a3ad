import { EngineError } from '../../errors.ts';
import { readGunzipHead, readHead } from '../detect/read-head.ts';
import { runRows, throwIfAborted } from '../run-query.ts';
import { listLiteral, quoteIdent, quoteLiteral } from '../sql.ts';
import type { IngestWarning } from '../types.ts';
import type { IngestContext } from './ingest-context.ts';

/**
 * Tables that JSON writers lay out other than as a list of records, as pandas' `to_json`
 * orientations do (its default is `columns`):
 * - `columns`: `{"price": {"0": 1.5, "1": 2}, "city": {"0": "Oslo", ...}}`
 * - `index`:   `{"0": {"price": 1.5, "city": "Oslo"}, "1": {...}}`
 * - `split`:   `{"columns": ["price", "city"], "data": [[1.5, "Oslo"], ...]}`
 * - `values`:  `[["price", "city"], [1.5, "Oslo"], ...]` (a first row of names is the header)
 * and, as pandas' `to_dict("list")`, R's data frames by column and many APIs write it:
 * - `lists`:   `{"price": [1.5, 2], "city": ["Oslo", "Lima"]}`
 * Each becomes a relation of text columns (numbers as written, nested values as JSON), which
 * the same inference as CSV then types. Read records-wise, these gave one wide row.
 */
export type JsonLayout = 'columns' | 'index' | 'split' | 'values' | 'lists';

export interface LayoutSource {
  sourceSql: string;
  layout: JsonLayout;
  /** The first column's name when it holds the row labels (not 0, 1, 2...). */
  index?: string;
}

/** Columns past which a layout is not read (the document is parsed once per column). */
const MAX_LAYOUT_COLUMNS = 10_000;

export async function jsonTableLayout(
  ctx: IngestContext,
  file: { path: string; gzip: boolean; ndjson: boolean },
): Promise<LayoutSource | null> {
  if (file.ndjson) return null;
  // Records (`[{...}`) are told apart from the first bytes, without asking DuckDB.
  const head = (file.gzip ? await readGunzipHead(file.path, 4096) : await readHead(file.path, 4096))
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const start = /^\s*([[{])\s*([[{]?)/.exec(head);
  if (!start || (start[1] === '[' && start[2] !== '[')) return null;
  try {
    return await readLayout(ctx, file, head);
  } catch (e) {
    throwIfAborted(ctx.signal);
    // Not a table of these shapes (or not valid JSON): the records path reads or reports it.
    if (e instanceof EngineError) throw e;
    return null;
  }
}

async function readLayout(
  ctx: IngestContext,
  file: { path: string; gzip: boolean },
  head: string,
): Promise<LayoutSource | null> {
  // The file's top-level values: the elements of an array, or the one object.
  const objects = `read_json_objects(${quoteLiteral(file.path)}, format = 'auto', compression = ${file.gzip ? "'gzip'" : "'uncompressed'"}, maximum_object_size = 67108864)`;
  const first = await runRows(
    ctx.conn,
    `SELECT json_type(json), json_keys(json), (SELECT count(*) FROM (SELECT 1 FROM ${objects} LIMIT 2)) FROM ${objects} LIMIT 1`,
    { signal: ctx.signal },
  );
  if (first.length === 0) return null;
  const [type, keys, count] = [
    String(first[0][0]),
    (first[0][1] as string[] | null) ?? [],
    Number(first[0][2]),
  ];
  if (type === 'ARRAY') return valuesLayout(ctx, objects);
  if (type !== 'OBJECT' || count !== 1 || keys.length === 0) return null;
  const one = `(SELECT json FROM ${objects} LIMIT 1)`;
  if ((await documentBytes(ctx, one)) > MAX_ONE_OBJECT_BYTES) {
    // Too big to probe: refused when its first bytes show a pandas layout, else read as records.
    if (!PANDAS_HEAD.test(head)) return null;
    throw new EngineError(
      'DATASET_TOO_LARGE',
      `The JSON holds a table laid out by columns or index (as pandas' to_json writes it) over ${MAX_ONE_OBJECT_BYTES / 2 ** 20} MB; save it as records (pandas: orient="records", lines=True) to read it`,
      { maxBytes: MAX_ONE_OBJECT_BYTES },
    );
  }
  return keys.includes('columns') && keys.includes('data')
    ? ((await splitLayout(ctx, one)) ?? (await objectsLayout(ctx, one, keys)))
    : ((await listsLayout(ctx, one, keys)) ?? (await objectsLayout(ctx, one, keys)));
}

/** `{"col": {"0": ...`, `{"0": {...` or `{"columns": [...`: how pandas' one-object layouts start. */
const PANDAS_HEAD = /^\s*\{\s*("[^"]*"\s*:\s*\{\s*"-?\d+"\s*:|"-?\d+"\s*:\s*\{|"columns"\s*:\s*\[)/;

/**
 * One-object layouts are read with DuckDB's JSON functions, which hold the parsed document
 * per column: a 14 MB pandas `columns` file peaks near 1 GB. Larger ones are not probed.
 */
const MAX_ONE_OBJECT_BYTES = 16 * 2 ** 20;

async function documentBytes(ctx: IngestContext, one: string): Promise<number> {
  const [row] = await runRows(ctx.conn, `SELECT strlen(json::VARCHAR) FROM ${one}`, {
    signal: ctx.signal,
  });
  return Number(row[0]);
}

/** JSON pointer of a key path (`~` and `/` escaped). */
function pointer(...keys: string[]): string {
  return keys.map((k) => `/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** The warning that names the layout, with the size of the table read from it. */
export function layoutWarning(
  layout: JsonLayout,
  rows: number,
  columns: number,
  /** The column of row labels, if kept. */
  index?: string,
): IngestWarning {
  const how = layout === 'lists' ? 'a list of values per column' : 'as pandas writes it';
  return {
    code: 'JSON_TABLE_LAYOUT',
    message: `The JSON holds a table in the "${layout}" layout (${how}); read as ${rows} rows × ${columns} columns${index ? `, its row labels in the column "${index}"` : ''}`,
    details: { layout, rows, columns, ...(index ? { index } : {}) },
  };
}

/** `[[names...], [values...], ...]`: a header when the first row is all strings. */
async function valuesLayout(ctx: IngestContext, rows: string): Promise<LayoutSource | null> {
  const [head] = await runRows(
    ctx.conn,
    `SELECT max(json_array_length(json)), bool_and(json_type(json) = 'ARRAY') FROM (SELECT json FROM ${rows} LIMIT ${ctx.sampleRows})`,
    { signal: ctx.signal },
  );
  const width = Number(head[0]);
  if (!head[1] || width < 1 || width > MAX_LAYOUT_COLUMNS) return null;
  const [firstRow] = await runRows(
    ctx.conn,
    `SELECT list_transform(range(${width}), i -> json_type(json, '$[' || i || ']')), json_extract_string(json, list_transform(range(${width}), i -> '$[' || i || ']')) FROM ${rows} LIMIT 1`,
    { signal: ctx.signal },
  );
  const types = firstRow[0] as (string | null)[];
  const header = types.every((t) => t === 'VARCHAR');
  const names = header
    ? (firstRow[1] as string[])
    : Array.from({ length: width }, (_, i) => `column_${i + 1}`);
  const select = names.map((n, i) => `json_extract_string(json, '$[${i}]') AS ${quoteIdent(n)}`).join(', ');
  return { sourceSql: `(SELECT ${select} FROM ${rows}${header ? ' OFFSET 1' : ''})`, layout: 'values' };
}

/** `{"columns": [...], "index": [...], "data": [[...], ...]}`. */
async function splitLayout(ctx: IngestContext, one: string): Promise<LayoutSource | null> {
  const [row] = await runRows(
    ctx.conn,
    `SELECT json_extract_string(json, '$.columns[*]'), json_type(json, '$.data'),
      json_extract_string(json, '$.index[*]'), json_array_length(json, '$.data') FROM ${one}`,
    { signal: ctx.signal },
  );
  const names = row[0] as (string | null)[] | null;
  if (!names || names.length === 0 || names.some((n) => n === null) || row[1] !== 'ARRAY') return null;
  if (names.length > MAX_LAYOUT_COLUMNS) return null;
  // Its `index` list, one label per row, is kept as the other layouts keep theirs.
  const keys = row[2] as (string | null)[] | null;
  const labels =
    keys && keys.length === Number(row[3]) && keys.every((k) => k !== null)
      ? labelsColumn(keys as string[], names as string[], `json_extract_string(json, '$.index[*]')`)
      : undefined;
  const select = names
    .map((n, i) => `unnest(json_extract_string(json, '$.data[*][${i}]')) AS ${quoteIdent(n as string)}`)
    .join(', ');
  return {
    sourceSql: `(SELECT ${labels?.select ?? ''}${select} FROM ${one})`,
    layout: 'split',
    index: labels?.name,
  };
}

/**
 * One object whose every value is a list of as many plain values (not objects or lists: a
 * list of records under a key is read as records, see ingest-typed.ts).
 */
async function listsLayout(ctx: IngestContext, one: string, keys: string[]): Promise<LayoutSource | null> {
  if (keys.length > MAX_LAYOUT_COLUMNS) return null;
  const values = `json_extract(json, '$.*')`;
  const [row] = await runRows(
    ctx.conn,
    `SELECT list_bool_and(list_transform(${values}, x -> json_type(x) = 'ARRAY')),
      len(list_distinct(list_transform(${values}, x -> json_array_length(x)))),
      list_bool_and(list_transform(json_extract(json, '$.*[*]'), x -> json_type(x) NOT IN ('OBJECT', 'ARRAY'))),
      json_array_length(json, ${quoteLiteral(pointer(keys[0]))}) FROM ${one}`,
    { signal: ctx.signal },
  );
  if (!row[0] || Number(row[1]) !== 1 || row[2] === false || Number(row[3]) === 0) return null;
  const select = keys
    .map(
      (c) =>
        `unnest(json_extract_string(json_extract(json, ${quoteLiteral(pointer(c))}), '$[*]')) AS ${quoteIdent(c)}`,
    )
    .join(', ');
  return { sourceSql: `(SELECT ${select} FROM ${one})`, layout: 'lists' };
}

/**
 * One object whose every value is an object with the same keys: pandas' `columns` (outer keys
 * are columns, inner ones the row index) or `index` (the reverse). The side whose keys are all
 * integers is the index; when neither or both are, the side with more keys is the rows. Each
 * column is one extraction of a list: the document is parsed once per column, not per cell.
 */
async function objectsLayout(ctx: IngestContext, one: string, outer: string[]): Promise<LayoutSource | null> {
  const [row] = await runRows(
    ctx.conn,
    `SELECT list_bool_and(list_transform(json_extract(json, '$.*'), x -> json_type(x) = 'OBJECT')),
      json_keys(json, ${quoteLiteral(pointer(outer[0]))}) FROM ${one}`,
    { signal: ctx.signal },
  );
  if (!row[0]) return null;
  const inner = (row[1] as string[] | null) ?? [];
  if (inner.length === 0) return null;
  // The first objects must hold the same keys (a table), not records of their own shapes.
  const probe = outer.slice(0, 20).map((k) => quoteLiteral(pointer(k)));
  const [same] = await runRows(
    ctx.conn,
    `SELECT bool_and(json_keys(json, p) = ${listLiteral(inner)}) FROM ${one}, unnest([${probe.join(', ')}]) AS u(p)`,
    { signal: ctx.signal },
  );
  if (!same[0]) return null;
  const outerIsIndex = rowLabels(outer) !== rowLabels(inner) ? rowLabels(outer) : outer.length > inner.length;
  const layout: JsonLayout = outerIsIndex ? 'index' : 'columns';
  const columns = outerIsIndex ? inner : outer;
  if (columns.length > MAX_LAYOUT_COLUMNS) return null;
  const labels = labelsColumn(
    outerIsIndex ? outer : inner,
    columns,
    outerIsIndex ? 'json_keys(json)' : `json_keys(json, ${quoteLiteral(pointer(outer[0]))})`,
  );
  const index = labels?.select ?? '';
  // DuckDB wants constant JSON paths: a column is its object's values in key order (`$.*`), or
  // one pointer applied to each row object (`r`, the rows extracted once).
  if (outerIsIndex) {
    const select = columns
      .map(
        (c) =>
          `unnest(list_transform(r, x -> json_extract_string(x, ${quoteLiteral(pointer(c))}))) AS ${quoteIdent(c)}`,
      )
      .join(', ');
    return {
      sourceSql: `(SELECT ${index}${select} FROM (SELECT json, json_extract(json, '$.*') AS r FROM ${one}))`,
      layout,
      index: labels?.name,
    };
  }
  const select = columns
    .map(
      (c) =>
        `unnest(json_extract_string(json_extract(json, ${quoteLiteral(pointer(c))}), '$.*')) AS ${quoteIdent(c)}`,
    )
    .join(', ');
  return {
    sourceSql: `(SELECT ${index}${select} FROM ${one})`,
    layout,
    index: labels?.name,
  };
}

/** Keys that label rows: integers (pandas' index, or a time index as epoch milliseconds) or ISO dates. */
function rowLabels(keys: string[]): boolean {
  return keys.every((k) => /^-?\d+$/.test(k) || ISO_DATE_KEY.test(k));
}

const ISO_DATE_KEY = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** 1990-01-01 and 2100-01-01 in epoch milliseconds: pandas writes a time index so. */
const EPOCH_MS = [631_152_000_000, 4_102_444_800_000];

/**
 * The first column of a layout, its row labels (`keys`, listed in SQL by `keysSql`), when they
 * are worth one: not for 0, 1, 2... (pandas' default index, which only numbers the rows);
 * epoch milliseconds as the datetimes they are; other labels (dates, names, ids) as written.
 * Named as pandas' reset_index() names it: `index`, or `level_0` beside a column `index`.
 */
function labelsColumn(
  keys: string[],
  columns: string[],
  keysSql: string,
): { select: string; name: string } | undefined {
  if (keys.every((k, i) => k === String(i))) return undefined;
  const epochMs = keys.every((k) => /^\d{12,13}$/.test(k) && +k >= EPOCH_MS[0] && +k < EPOCH_MS[1]);
  const label = epochMs ? `strftime(epoch_ms(CAST(k AS BIGINT)), '%Y-%m-%dT%H:%M:%S.%g')` : 'k';
  const name = columns.some((c) => c.toLowerCase() === 'index') ? 'level_0' : 'index';
  return { select: `unnest(list_transform(${keysSql}, k -> ${label})) AS ${quoteIdent(name)}, `, name };
}
