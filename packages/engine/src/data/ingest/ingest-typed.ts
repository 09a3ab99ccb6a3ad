import { EngineError } from '../../errors.ts';
import { storageOfDuckType } from '../duck-types.ts';
import type { ParsePlan } from '../infer/decide-type.ts';
import { inferTextColumns } from '../infer/infer-columns.ts';
import { createLongSample } from '../infer/long-sample.ts';
import { sampleProfiles } from '../infer/sample-profile.ts';
import { semanticType } from '../infer/semantic-type.ts';
import { runRows, throwIfAborted } from '../run-query.ts';
import { quoteIdent, quoteLiteral } from '../sql.ts';
import type { ParseOptions, StorageType } from '../types.ts';
import { cleanColumnNames } from './column-names.ts';
import { type ColumnPlan, formatOf, innerTextSql } from './column-plan.ts';
import type { IngestContext, SourceOutcome } from './ingest-context.ts';
import { jsonTableLayout, layoutWarning } from './json-layouts.ts';
import { writeWithPlans } from './write-plans.ts';

interface SourceColumn {
  name: string;
  sourceName: string;
  index: number;
  duckType: string;
}

/**
 * JSON, NDJSON and Parquet: DuckDB reads them typed. Typed columns pass through (numbers,
 * booleans, dates, timestamps; nested values become JSON text); text columns get the same
 * inference as CSV, so `"1.234,5"` in a JSON string is a number here too.
 */
export async function ingestTyped(
  ctx: IngestContext,
  sourceSql: string,
  kind: 'json' | 'parquet',
  options: ParseOptions,
  json?: {
    file: { path: string; gzip: boolean; ndjson: boolean };
    /** The same source with these column types instead of detected ones. */
    retyped: (columns: { name: string; type: string }[]) => string;
  },
): Promise<SourceOutcome> {
  const { conn } = ctx;
  // A table laid out by columns, index, split or rows of values (pandas' orientations).
  const layout = json ? await jsonTableLayout(ctx, json.file) : null;
  if (layout) {
    // Extracted once into a table: each later read of the layout would parse the whole
    // document again per column (a 14 MB pandas file peaked at 1.4 GB read that way).
    await runRows(conn, `CREATE OR REPLACE TEMP TABLE uam_json_layout AS SELECT * FROM ${layout.sourceSql}`, {
      signal: ctx.signal,
    });
    sourceSql = 'uam_json_layout';
  }
  let top = await describe(ctx, sourceSql, kind);
  if (layout) {
    const [[rows]] = await runRows(conn, `SELECT count(*) FROM ${sourceSql}`, { signal: ctx.signal });
    ctx.warnings.push(layoutWarning(layout.layout, Number(rows), top.length, layout.index));
  } else if (json) {
    const text = await longIntegerColumns(ctx, top, json.retyped);
    if (text.size > 0) {
      sourceSql = json.retyped(top.map((c) => (text.has(c.name) ? { ...c, type: 'VARCHAR' } : c)));
      top = await describe(ctx, sourceSql, kind);
    }
    const inner = await recordsInside(ctx, sourceSql, top);
    if (inner) {
      sourceSql = inner.sourceSql;
      top = await describe(ctx, sourceSql, kind);
    }
  }
  const flat = await flattenRecords(ctx, sourceSql, top);
  const described = flat.described;
  sourceSql = flat.sourceSql;
  const maxColumns = options.maxColumns ?? 10_000;
  if (described.length > maxColumns) {
    throw new EngineError(
      'DATASET_TOO_MANY_COLUMNS',
      `The file has ${described.length} columns; the limit is ${maxColumns}`,
    );
  }
  const { names, warnings } = cleanColumnNames(described.map((d) => d.name));
  ctx.warnings.push(...warnings);
  const cols: SourceColumn[] = described.map((d, i) => ({
    name: names[i],
    sourceName: d.name,
    index: i,
    duckType: d.type,
  }));
  // A JSON column (values of mixed kinds: 1, "2", true) is read as each value's text, so the
  // string "n/a" is `n/a`, not `"n/a"` with its quotes; objects and lists stay JSON text.
  const asText = (c: SourceColumn) =>
    isNested(c.duckType)
      ? `CAST(to_json(${quoteIdent(c.sourceName)}) AS VARCHAR)`
      : c.duckType === 'JSON'
        ? `json_extract_string(${quoteIdent(c.sourceName)}, '$')`
        : `CAST(${quoteIdent(c.sourceName)} AS VARCHAR)`;
  const select = cols.map((c) => `${asText(c)} AS ${quoteIdent(c.name)}`).join(', ');
  const sampled = await createLongSample(
    conn,
    'uam_sample',
    `SELECT ${select} FROM ${sourceSql} LIMIT ${ctx.sampleRows}`,
    cols.length,
    ctx.nullValues,
    ctx.signal,
  );
  if (sampled === 0) {
    throw kind === 'parquet'
      ? new EngineError('DATASET_HEADER_ONLY', 'The Parquet file has columns but no rows')
      : new EngineError('DATASET_EMPTY', 'The JSON file holds no records');
  }
  ctx.progress(0.15, 'Inferring column types');
  const textCols = cols.filter((c) => isTextType(c.duckType));
  const inferred = await inferTextColumns(
    conn,
    'uam_sample',
    textCols.map((c) => ({ name: c.name, sourceName: c.sourceName, index: c.index, sourceRef: asText(c) })),
    {
      nullValues: ctx.nullValues,
      decimalComma: false,
      dateOrder: options.dateOrder,
      sourceNullsMarkers: false,
      signal: ctx.signal,
    },
  );
  const typed = await typedPlans(
    ctx,
    cols.filter((c) => !isTextType(c.duckType)),
  );
  const columns = [...inferred, ...typed].sort((a, b) => a.index - b.index);
  const nested = cols.filter((c) => isNested(c.duckType)).map((c) => c.name);
  if (nested.length > 0) {
    ctx.warnings.push({
      code: 'NESTED_AS_JSON',
      message: `${nested.length} nested columns are stored as JSON text`,
      details: { columns: nested },
    });
  }
  await conn.run('DROP TABLE IF EXISTS uam_sample');
  throwIfAborted(ctx.signal);
  if (ctx.planOnly)
    return {
      rowCount: sampled,
      columns,
      outcomes: new Map(),
      warnings: [],
      skippedRows: 0,
      pass: 'single',
    };
  ctx.progress(0.25, 'Writing the dataset version');
  const written = await writeWithPlans(conn, {
    sourceSql,
    columns,
    nullValues: ctx.nullValues,
    output: ctx.output,
    signal: ctx.signal,
    onProgress: (f) => ctx.progress(0.25 + 0.7 * f, 'Writing the dataset version'),
    reread: (col, plan) => innerTextSql(textSourceOf(cols, col.index, asText), plan),
  });
  return { ...written, skippedRows: 0 };
}

/**
 * DOUBLE columns of a JSON file whose sample holds integers of 16 digits or more. DuckDB reads
 * a number column with a fraction or an integer past 2^63 as DOUBLE, which rounds ids like
 * 12345678901234567890; read as their text, those columns get the inference CSV gets (floats
 * stay floats, too-big integers exact text). Only they: text costs float columns ~40 %.
 */
async function longIntegerColumns(
  ctx: IngestContext,
  top: { name: string; type: string }[],
  retyped: (columns: { name: string; type: string }[]) => string,
): Promise<Set<string>> {
  const doubles = top.filter((c) => c.type === 'DOUBLE');
  if (doubles.length === 0) return new Set();
  const asText = retyped(top.map((c) => (c.type === 'DOUBLE' ? { ...c, type: 'VARCHAR' } : c)));
  const counts = doubles.map((c) => `count_if(regexp_full_match(${quoteIdent(c.name)}, '-?[0-9]{16,}'))`);
  try {
    const [row] = await runRows(
      ctx.conn,
      `SELECT ${counts.join(', ')} FROM (SELECT * FROM ${asText} LIMIT ${ctx.sampleRows})`,
      { signal: ctx.signal },
    );
    return new Set(doubles.filter((_, i) => Number(row[i]) > 0).map((c) => c.name));
  } catch (e) {
    // A detected type that does not read back as a `columns` entry: keep DuckDB's own types.
    throwIfAborted(ctx.signal);
    if (e instanceof EngineError) throw e;
    return new Set();
  }
}

async function describe(ctx: IngestContext, sourceSql: string, kind: 'json' | 'parquet') {
  try {
    const rows = await runRows(ctx.conn, `DESCRIBE SELECT * FROM ${sourceSql}`, { signal: ctx.signal });
    return rows.map((r) => ({ name: String(r[0]), type: String(r[1]) }));
  } catch (e) {
    if (e instanceof EngineError) throw e;
    const message = (e instanceof Error ? e.message.split('\n')[0] : String(e)).replace(
      /^Invalid Input Error: /,
      '',
    );
    if (/expected records, but got non-record/i.test(message)) {
      throw new EngineError('DATASET_EMPTY', 'The JSON holds no records (an empty array or bare values)');
    }
    if (kind === 'parquet' && /No magic bytes|too small to be a Parquet file/i.test(message)) {
      throw new EngineError(
        'DATASET_PARSE_ERROR',
        'The file is not a whole Parquet file: its footer is missing (cut short, or not Parquet)',
        { reason: 'parquet' },
      );
    }
    throw new EngineError(
      'DATASET_PARSE_ERROR',
      `The ${kind === 'json' ? 'JSON' : 'Parquet'} file could not be read: ${message}`,
      {
        reason: kind,
      },
    );
  }
}

/**
 * A file that is one JSON object holding the records in a list (`{"features": [...]}` in
 * GeoJSON, `{"data": [...]}` from most web APIs) is read as those records: the longest list
 * of objects, with a warning naming it and the lists not taken.
 */
async function recordsInside(
  ctx: IngestContext,
  sourceSql: string,
  described: { name: string; type: string }[],
): Promise<{ sourceSql: string } | null> {
  const lists = described.filter((d) => /^STRUCT\(.*\)\[\]$/.test(d.type));
  if (lists.length === 0) return null;
  // LIMIT 2: a big array of records is not read through just to learn it is not one object.
  const rows = await runRows(ctx.conn, `SELECT count(*) FROM (SELECT 1 FROM ${sourceSql} LIMIT 2)`, {
    signal: ctx.signal,
  });
  if (Number(rows[0][0]) !== 1) return null;
  const lengths = await runRows(
    ctx.conn,
    `SELECT ${lists.map((l) => `coalesce(len(${quoteIdent(l.name)}), 0)`).join(', ')} FROM ${sourceSql}`,
    { signal: ctx.signal },
  );
  const sized = lists.map((l, i) => ({ name: l.name, records: Number(lengths[0][i]) }));
  sized.sort((a, b) => b.records - a.records);
  const best = sized[0];
  if (best.records === 0) return null;
  ctx.warnings.push({
    code: 'JSON_RECORDS_FROM_LIST',
    message: `The file is one JSON object; its ${best.records} records in "${best.name}" were read${
      sized.length > 1
        ? ` (also there: ${sized
            .slice(1)
            .map((s) => `"${s.name}" with ${s.records}`)
            .join(', ')})`
        : ''
    }`,
    details: { list: best.name, lists: sized },
  });
  return {
    sourceSql: `(SELECT unnest("uam_record") FROM (SELECT unnest(${quoteIdent(best.name)}) AS "uam_record" FROM ${sourceSql}))`,
  };
}

/** Records inside records are opened this many levels deep; deeper ones stay JSON text. */
const MAX_FLATTEN_DEPTH = 3;

/**
 * `{"record": {"high": 62, "low": 15}}` becomes the columns `record.high` and `record.low`
 * (as pandas' json_normalize names them), so nested JSON is analysable instead of one text
 * column per object. Lists and maps stay JSON text.
 */
async function flattenRecords(
  ctx: IngestContext,
  sourceSql: string,
  described: { name: string; type: string }[],
): Promise<{ sourceSql: string; described: { name: string; type: string }[] }> {
  if (!described.some((d) => isRecord(d.type))) return { sourceSql, described };
  let current = described.map((d) => ({ ...d, expr: quoteIdent(d.name) }));
  for (let depth = 0; depth < MAX_FLATTEN_DEPTH; depth++) {
    if (!current.some((c) => isRecord(c.type))) break;
    const next: typeof current = [];
    for (const c of current) {
      if (!isRecord(c.type)) {
        next.push(c);
        continue;
      }
      const fields = await runRows(ctx.conn, `DESCRIBE SELECT unnest(${c.expr}) FROM ${sourceSql} LIMIT 0`, {
        signal: ctx.signal,
      });
      for (const f of fields) {
        const field = String(f[0]);
        next.push({
          name: `${c.name}.${field}`,
          type: String(f[1]),
          expr: `struct_extract(${c.expr}, ${quoteLiteral(field)})`,
        });
      }
    }
    current = next;
  }
  current = await splitPoints(ctx, sourceSql, current);
  const select = current.map((c) => `${c.expr} AS ${quoteIdent(c.name)}`).join(', ');
  return {
    sourceSql: `(SELECT ${select} FROM ${sourceSql})`,
    described: current.map(({ name, type }) => ({ name, type })),
  };
}

/**
 * GeoJSON points (`geometry: {type: "Point", coordinates: [2.35, 48.85]}`): a flat list of
 * numbers beside a `type` is a point's position, longitude first; it becomes number columns,
 * `<geometry>.longitude` and `.latitude` (and `.altitude` when a point has a third value: an
 * earthquake's depth), instead of JSON text no chart or model reads. Lines and polygons (lists
 * of lists) stay JSON text.
 */
async function splitPoints<C extends { name: string; type: string; expr: string }>(
  ctx: IngestContext,
  sourceSql: string,
  columns: C[],
): Promise<C[]> {
  const names = new Set(columns.map((c) => c.name));
  const split: string[] = [];
  const out: C[] = [];
  for (const c of columns) {
    const parent = c.name.slice(0, -'.coordinates'.length);
    const point =
      c.name.endsWith('.coordinates') &&
      names.has(`${parent}.type`) &&
      /^(DOUBLE|FLOAT|BIGINT|INTEGER|DECIMAL\(\d+,\d+\))\[\]$/.test(c.type);
    if (!point) {
      out.push(c);
      continue;
    }
    split.push(c.name);
    const [[most]] = await runRows(ctx.conn, `SELECT max(len(${c.expr})) FROM ${sourceSql}`, {
      signal: ctx.signal,
    });
    const axes = ['longitude', 'latitude', ...(Number(most) >= 3 ? ['altitude'] : [])];
    out.push(
      ...axes.map((axis, i) => ({
        ...c,
        name: `${parent}.${axis}`,
        type: 'DOUBLE',
        expr: `CAST(${c.expr}[${i + 1}] AS DOUBLE)`,
      })),
    );
  }
  if (split.length > 0) {
    ctx.warnings.push({
      code: 'JSON_POINTS_SPLIT',
      message: `GeoJSON point coordinates (${split.join(', ')}) were read as longitude and latitude columns`,
      details: { columns: split },
    });
  }
  return out;
}

function textSourceOf(cols: SourceColumn[], index: number, asText: (c: SourceColumn) => string): string {
  return asText(cols[index]);
}

/** A STRUCT, not a list of them (`STRUCT(...)[]`). */
function isRecord(t: string): boolean {
  return t.startsWith('STRUCT(') && t.endsWith(')');
}

function isNested(t: string): boolean {
  return /^(STRUCT|MAP|UNION)\(|\[\d*\]$/.test(t);
}

/**
 * Columns whose values go through text inference. HUGEINT too: JSON columns with a negative
 * integer are HUGEINT (int64 and uint64 values meet there), which Parquet, lacking 128-bit
 * integers, would store as DOUBLE, rounding past 2^53; as text they become exact BIGINTs, or
 * exact text past 64 bits, as in CSV.
 */
function isTextType(t: string): boolean {
  return t === 'VARCHAR' || t === 'JSON' || t === 'HUGEINT' || t === 'UHUGEINT' || isNested(t);
}

async function typedPlans(ctx: IngestContext, cols: SourceColumn[]): Promise<ColumnPlan[]> {
  const plans = cols.map((c) => {
    const s = storageOfDuckType(c.duckType);
    return { c, storage: s === 'string' ? null : s };
  });
  const proxy = (s: StorageType | null): ParsePlan => {
    if (s === 'integer') return { kind: 'integer', style: 'plain' };
    if (s === 'float' || s === 'decimal') return { kind: 'float', style: 'plain', percent: false };
    if (s === 'date') return { kind: 'date', order: null };
    if (s === 'datetime') return { kind: 'datetime', order: null, tz: false };
    if (s === 'boolean' || s === 'time') return { kind: s };
    return { kind: 'string', reason: 'source' };
  };
  // Profiles run on the text copy in the sample, through a plan of the same type.
  const profiles = await sampleProfiles(
    ctx.conn,
    'uam_sample',
    plans.map(({ c, storage }) => ({ name: c.name, plan: proxy(storage) })),
    ctx.signal,
  );
  return plans.map(({ c, storage }, i) => {
    const ref = quoteIdent(c.sourceName);
    const innerSql =
      storage === null
        ? `CAST(${ref} AS VARCHAR)`
        : storage === 'datetime'
          ? c.duckType.includes('WITH TIME ZONE')
            ? `CAST(${ref} AT TIME ZONE 'UTC' AS TIMESTAMP)`
            : `CAST(${ref} AS TIMESTAMP)`
          : ref;
    const physical = storage === 'datetime' ? 'TIMESTAMP' : storage === null ? 'VARCHAR' : c.duckType;
    return {
      name: c.name,
      sourceName: c.sourceName,
      index: c.index,
      innerSql,
      plan: null,
      storageType: storage ?? 'string',
      physicalType: physical,
      format: formatOf(null),
      semantic: semanticType(c.name, proxy(storage), profiles[i].profile),
      confidence: 1,
      sampleDistinct: profiles[i].profile.distinct,
      sampleNonMissing: profiles[i].profile.nonMissing,
      sampleFailures: { count: 0, examples: [] },
      dateOrderAmbiguous: false,
      sourceNullsMarkers: false,
    };
  });
}
