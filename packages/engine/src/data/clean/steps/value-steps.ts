import type { StepOf } from '../recipe-schema.ts';
import {
  bind,
  bindScalar,
  type CompileState,
  col,
  ident,
  passThrough,
  pushStep,
  type RelColumn,
  SQL_TYPE,
  stepError,
} from '../relation.ts';
import { retype } from './column-steps.ts';

const NUMERIC = new Set(['integer', 'float', 'decimal']);
/** Default spellings of "unknown" for replace_placeholders (compared trimmed, lower-case). */
export const DEFAULT_PLACEHOLDERS = [
  '',
  'n/a',
  'na',
  'null',
  'none',
  'nan',
  '?',
  '-',
  '--',
  'missing',
  'unknown',
  '#n/a',
  'nil',
];

/** `c` is missing: NULL, or NaN in a float column. */
function isMissing(c: RelColumn): string {
  return c.type === 'float'
    ? `(${ident(c.name)} IS NULL OR isnan(${ident(c.name)}))`
    : `(${ident(c.name)} IS NULL)`;
}

function replaceIn(s: CompileState, c: RelColumn, expr: string, type = c.type): void {
  pushStep(s, passThrough(s, new Map([[c.name, expr]])), retype(s.columns, c.name, type));
}

/**
 * impute: fills missing values. mean/median are rounded for integer columns so the column
 * keeps its type; mode takes the most frequent value (smallest on ties); forward_fill carries
 * the last present value in row order (or `orderBy`); group_median uses the median of the
 * row's `groupBy` group.
 */
export function impute(s: CompileState, step: StepOf<'impute'>): void {
  const c = col(s, step.column);
  const id = ident(c.name);
  const present = `NOT ${isMissing(c)}`;
  const numeric = NUMERIC.has(c.type);
  const asType = (x: string) =>
    c.type === 'integer' ? `CAST(round(${x}) AS BIGINT)` : `CAST(${x} AS ${SQL_TYPE[c.type]})`;
  let fill: string;
  switch (step.strategy) {
    case 'mean':
    case 'median': {
      if (!numeric) throw stepError(s, `${step.strategy} needs a numeric column; "${c.name}" is ${c.type}`);
      const agg = step.strategy === 'mean' ? `avg(${id})` : `quantile_cont(${id}, 0.5)`;
      fill = asType(`(SELECT ${agg} FROM ${s.current} WHERE ${present})`);
      break;
    }
    case 'mode':
      fill = `(SELECT ${id} FROM ${s.current} WHERE ${present} GROUP BY ${id} ORDER BY count(*) DESC, ${id} LIMIT 1)`;
      break;
    case 'constant':
      fill = `CAST(${bindScalar(s, step.value!)} AS ${SQL_TYPE[c.type]})`;
      break;
    case 'forward_fill': {
      const by = step.orderBy
        ? `${ident(col(s, step.orderBy).name)}, ${ident(s.orderColumn)}`
        : ident(s.orderColumn);
      fill = `last_value(CASE WHEN ${present} THEN ${id} END IGNORE NULLS) OVER (ORDER BY ${by} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
      break;
    }
    case 'group_median': {
      if (!numeric) throw stepError(s, `group_median needs a numeric column; "${c.name}" is ${c.type}`);
      const g = ident(col(s, step.groupBy!).name);
      fill = asType(`quantile_cont(CASE WHEN ${present} THEN ${id} END, 0.5) OVER (PARTITION BY ${g})`);
      break;
    }
  }
  replaceIn(s, c, `CASE WHEN ${isMissing(c)} THEN ${fill} ELSE ${id} END`);
}

/**
 * replace_placeholders: text equal (trimmed, case-insensitive) to a placeholder, or a number
 * equal to a numeric placeholder such as −999, becomes NULL. Default columns: every text
 * column; default values: the common spellings of "unknown".
 */
export function replacePlaceholders(s: CompileState, step: StepOf<'replace_placeholders'>): void {
  const values = step.values ?? DEFAULT_PLACEHOLDERS;
  const texts = [...new Set(values.map((v) => String(v).trim().toLowerCase()))];
  const numbers = [...new Set(values.map(asNumber).filter((v): v is number => v !== null))];
  const targets = (step.columns ?? s.columns.filter((c) => c.type === 'string').map((c) => c.name)).map((n) =>
    col(s, n),
  );
  const replace = new Map<string, string>();
  for (const c of targets) {
    const id = ident(c.name);
    if (c.type === 'string') {
      replace.set(
        c.name,
        `CASE WHEN lower(trim(${id})) IN (${texts.map((t) => bind(s, t, 'VARCHAR')).join(', ')}) THEN NULL ELSE ${id} END`,
      );
    } else if (NUMERIC.has(c.type) && numbers.length > 0) {
      replace.set(
        c.name,
        `CASE WHEN ${id} IN (${numbers.map((n) => bind(s, n, 'DOUBLE')).join(', ')}) THEN NULL ELSE ${id} END`,
      );
    } else if (step.columns) {
      throw stepError(
        s,
        `"${c.name}" is ${c.type}: placeholders apply to text, or to numbers with numeric values`,
      );
    }
  }
  pushStep(s, passThrough(s, replace), s.columns);
}

/** text: trim, then normalise, then change case, on each listed text column. */
export function textStep(s: CompileState, step: StepOf<'text'>): void {
  const replace = new Map<string, string>();
  for (const name of step.columns) {
    const c = col(s, name);
    if (c.type !== 'string') throw stepError(s, `"${c.name}" is ${c.type}, not text`);
    let x = ident(c.name);
    if (step.trim) x = `trim(${x})`;
    if (step.normalize === 'nfc') x = `nfc_normalize(${x})`;
    if (step.normalize === 'strip_accents') x = `strip_accents(${x})`;
    if (step.normalize === 'collapse_spaces') x = `regexp_replace(${x}, '\\s+', ' ', 'g')`;
    if (step.case === 'lower') x = `lower(${x})`;
    if (step.case === 'upper') x = `upper(${x})`;
    if (step.case === 'title') {
      x = `array_to_string(list_transform(string_split(lower(${x}), ' '), lambda w: upper(left(w, 1)) || substr(w, 2)), ' ')`;
    }
    replace.set(c.name, x);
  }
  pushStep(s, passThrough(s, replace), s.columns);
}

/**
 * parse: text to a number (after removing the thousands separator and reading the decimal
 * mark) or to a date/datetime (strptime `format`, else ISO). Failures become NULL.
 */
export function parse(s: CompileState, step: StepOf<'parse'>): void {
  const c = col(s, step.column);
  const text = `trim(CAST(${ident(c.name)} AS VARCHAR))`;
  if (step.as === 'number') {
    let x = text;
    if (step.thousands) x = `replace(${x}, ${bind(s, step.thousands, 'VARCHAR')}, '')`;
    if (step.decimal === ',') x = `replace(${x}, ',', '.')`;
    replaceIn(s, c, `TRY_CAST(${x} AS DOUBLE)`, 'float');
    return;
  }
  const type = step.as === 'date' ? 'DATE' : 'TIMESTAMP';
  const x = step.format
    ? `CAST(try_strptime(${text}, ${bind(s, step.format, 'VARCHAR')}) AS ${type})`
    : `TRY_CAST(${text} AS ${type})`;
  replaceIn(s, c, x, step.as === 'date' ? 'date' : 'datetime');
}

/** clip: values below `lower` / above `upper` take the bound (cast to the column type). */
export function clip(s: CompileState, step: StepOf<'clip'>): void {
  const c = numericColumn(s, step.column);
  const lo = step.lower === undefined ? undefined : bind(s, step.lower, 'DOUBLE');
  const hi = step.upper === undefined ? undefined : bind(s, step.upper, 'DOUBLE');
  replaceIn(s, c, bounded(c, lo, hi));
}

/** winsorize: clip at the column's own quantiles (linear interpolation), computed over all rows. */
export function winsorize(s: CompileState, step: StepOf<'winsorize'>): void {
  const c = numericColumn(s, step.column);
  const q = (p: number) =>
    `(SELECT quantile_cont(${ident(c.name)}, ${bind(s, p, 'DOUBLE')}) FROM ${s.current} WHERE NOT ${isMissing(c)})`;
  replaceIn(s, c, bounded(c, q(step.lowerQuantile), q(step.upperQuantile)));
}

/** A placeholder as a number: numbers as-is, numeric text such as "-999" parsed, else null. */
function asNumber(v: string | number): number | null {
  if (typeof v === 'number') return v;
  const t = v.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : null;
}

function numericColumn(s: CompileState, name: string): RelColumn {
  const c = col(s, name);
  if (!NUMERIC.has(c.type)) throw stepError(s, `"${c.name}" is ${c.type}, not a number`);
  return c;
}

function bounded(c: RelColumn, lo?: string, hi?: string): string {
  const id = ident(c.name);
  const t = SQL_TYPE[c.type];
  const parts = [
    lo ? `WHEN ${id} < ${lo} THEN CAST(${lo} AS ${t})` : '',
    hi ? `WHEN ${id} > ${hi} THEN CAST(${hi} AS ${t})` : '',
  ];
  return `CASE ${parts.filter(Boolean).join(' ')} ELSE ${id} END`;
}
