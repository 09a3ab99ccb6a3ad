import { listLiteral, onlyCharsSql, quoteLiteral } from '../sql.ts';
import type { DateOrder } from '../types.ts';
import {
  commaFractionSql,
  currencyCore,
  gmtStampSql,
  localMonthDateSql,
  offsetJoinedSql,
} from './classify-sql.ts';
import type { NumberStyle, ParsePlan } from './decide-type.ts';
import {
  FALSE_WORDS,
  FALSE_WORDS_L10N,
  MONTH_NAME_DATETIME_FORMATS,
  MONTH_NAME_FORMATS,
  RE_APOS,
  RE_DATE_ISO,
  RE_EU,
  RE_GMT_STAMP,
  RE_INT,
  RE_PLAIN,
  RE_QUARTER,
  RE_SPACE,
  RE_TS_ISO,
  RE_TZ_SUFFIX,
  RE_US,
  RFC2822_FORMATS,
  TRUE_WORDS,
  TRUE_WORDS_L10N,
  YEAR_MONTH_FORMATS,
} from './patterns.ts';

export function physicalType(plan: ParsePlan): string {
  switch (plan.kind) {
    case 'integer':
      return 'BIGINT';
    case 'float':
      return 'DOUBLE';
    case 'decimal':
      return `DECIMAL(${plan.precision},${plan.scale})`;
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'datetime':
      return 'TIMESTAMP';
    case 'time':
      return 'TIME';
    case 'string':
      return 'VARCHAR';
  }
}

/**
 * SQL turning the trimmed, non-missing text `t` into the plan's type, or NULL when the value
 * does not fit. Locale numbers are validated against their style's pattern before separators
 * are rewritten, so `1,2,3` never becomes 123. DuckDB's own casts are lenient (`'1.5'::BIGINT`
 * is 2), so integers are checked for digits first.
 */
export function parseSql(plan: ParsePlan, t: string): string {
  if ((plan.kind === 'integer' || plan.kind === 'float' || plan.kind === 'decimal') && plan.unicodeMinus) {
    // `−12` (U+2212, typeset text) is `-12`.
    const { unicodeMinus: _, ...rest } = plan;
    return parseSql(rest, `replace(${t}, '−', '-')`);
  }
  if (
    (plan.kind === 'integer' || plan.kind === 'float' || plan.kind === 'decimal') &&
    (plan.negParens || plan.negTrailing)
  ) {
    // `(1,234.50)` and `1.234,50-` are -1234.5: the number inside, negated.
    const { negParens, negTrailing, ...bare } = plan;
    const parens = negParens
      ? `WHEN ${inParenthesesSql(t)} THEN -(${parseSql(bare, insideParenthesesSql(t))}) `
      : '';
    const trailing = negTrailing
      ? `WHEN ${trailingMinusSql(t)} THEN -(${parseSql(bare, beforeTrailingMinusSql(t))}) `
      : '';
    return `CASE ${parens}${trailing}ELSE ${parseSql(bare, t)} END`;
  }
  switch (plan.kind) {
    case 'string':
      return t;
    case 'integer':
      return numberSql(t, plan.style, 'BIGINT');
    case 'float': {
      const core = plan.percent ? `trim(rtrim(${t}, '%'))` : t;
      const value = numberSql(core, plan.style, 'DOUBLE');
      return plan.percent ? `(${value} / 100.0)` : value;
    }
    case 'decimal':
      return numberSql(currencyCore(t), plan.style, `DECIMAL(${plan.precision},${plan.scale})`);
    case 'boolean': {
      const yes = plan.localized ? [...TRUE_WORDS, ...TRUE_WORDS_L10N] : TRUE_WORDS;
      const no = plan.localized ? [...FALSE_WORDS, ...FALSE_WORDS_L10N] : FALSE_WORDS;
      return `CASE WHEN lower(${t}) IN ${inList(yes)} THEN true WHEN lower(${t}) IN ${inList(no)} THEN false END`;
    }
    case 'date': {
      const formats = [
        ...(plan.order ? dateFormats(plan.order, false) : []),
        ...(plan.monthNames ? MONTH_NAME_FORMATS : []),
        ...(plan.yearMonth ? YEAR_MONTH_FORMATS : []),
      ];
      const iso = `TRY_CAST(${t} AS DATE)`;
      const quarter = plan.quarters
        ? `WHEN regexp_full_match(${t}, ${quoteLiteral(RE_QUARTER)}) THEN ${quarterStartSql(t)} `
        : '';
      const other = `CAST(try_strptime(${t}, ${listLiteral(formats)}) AS DATE)`;
      const date =
        formats.length === 0
          ? `CASE ${quarter}WHEN ${isoDateLike(t)} THEN ${iso} END`
          : `CASE ${quarter}WHEN ${isoDateLike(t)} THEN coalesce(${iso}, ${other}) ELSE ${other} END`;
      return plan.localMonths ? `coalesce(${localMonthDateSql(t)}, ${date})` : date;
    }
    case 'datetime': {
      const value = datetimeSql(t, plan.order, plan.tz, plan.monthNames === true);
      return plan.gmtStamps
        ? `CASE WHEN regexp_full_match(${t}, ${quoteLiteral(RE_GMT_STAMP)}) THEN ${gmtStampSql(t)} ELSE ${value} END`
        : value;
    }
    case 'time':
      return `coalesce(TRY_CAST(${t} AS TIME), CAST(try_strptime(upper(${t}), ['%I:%M %p', '%I:%M:%S %p', '%I:%M%p']) AS TIME))`;
  }
}

function numberSql(e: string, style: NumberStyle, type: string): string {
  if (style === 'plain') {
    // A character check first: TRY_CAST alone would take `1e3` or `0x1F`. Runs on every row.
    if (type === 'BIGINT') return `CASE WHEN ${onlyCharsSql(e, ' 0-9+-')} THEN TRY_CAST(${e} AS BIGINT) END`;
    if (type === 'DOUBLE') return `TRY_CAST(${e} AS DOUBLE)`;
    return `CASE WHEN regexp_full_match(${e}, ${quoteLiteral(RE_PLAIN)}) THEN TRY_CAST(${e} AS ${type}) END`;
  }
  const [re, normalized] = {
    us: [RE_US, `replace(${e}, ',', '')`],
    eu: [RE_EU, `replace(replace(${e}, '.', ''), ',', '.')`],
    space: [RE_SPACE, `replace(regexp_replace(${e}, '[ \\x{00A0}\\x{202F}]', '', 'g'), ',', '.')`],
    apos: [RE_APOS, `replace(replace(${e}, '''', ''), '’', '')`],
  }[style];
  // Numbers without thousands groups are valid too: `12` anywhere, `12.5` in us, `12,5` in space.
  const alsoPlain = style === 'eu' ? RE_INT : style === 'space' ? '[+-]?[0-9]+([.,][0-9]+)?' : RE_PLAIN;
  const guard = `(regexp_full_match(${e}, ${quoteLiteral(re)}) OR regexp_full_match(${e}, ${quoteLiteral(alsoPlain)}))`;
  const cast = type === 'BIGINT' ? `TRY_CAST(${normalized} AS DOUBLE)` : `TRY_CAST(${normalized} AS ${type})`;
  if (type === 'BIGINT') {
    // Separators removed, an integer column's values must be whole numbers.
    return `CASE WHEN ${guard} AND ${cast} = floor(${cast}) THEN TRY_CAST(${cast} AS BIGINT) END`;
  }
  return `CASE WHEN ${guard} THEN ${cast} END`;
}

/** The first day of a quarter written `2024-Q2` or `Q2 2024`: 2024-04-01. */
function quarterStartSql(t: string): string {
  const year = `CAST(regexp_extract(${t}, '[0-9]{4}') AS INTEGER)`;
  const quarter = `CAST(regexp_extract(upper(${t}), 'Q([1-4])', 1) AS INTEGER)`;
  return `make_date(${year}, ${quarter} * 3 - 2, 1)`;
}

/** strptime formats for non-ISO dates; two-digit years first so `24` is never year 0024. */
export function dateFormats(order: DateOrder, withTime: boolean): string[] {
  const out: string[] = [];
  const times = withTime
    ? [' %H:%M:%S', ' %H:%M:%S.%f', ' %H:%M', ' %I:%M:%S %p', ' %I:%M %p', ' %I:%M:%S%p', ' %I:%M%p', '']
    : [''];
  for (const year of ['%y', '%Y']) {
    for (const sep of ['/', '-', '.']) {
      const date = order === 'dmy' ? `%d${sep}%m${sep}${year}` : `%m${sep}%d${sep}${year}`;
      for (const time of times) out.push(date + time);
    }
  }
  return out;
}

function datetimeSql(t: string, order: DateOrder | null, tz: boolean, monthNames: boolean): string {
  // Via TIMESTAMPTZ so an offset is applied (a plain TIMESTAMP cast drops it); naive values
  // are read in the session zone, which the engine pins to UTC.
  const iso = `TRY_CAST(${tz ? offsetJoinedSql(commaFractionSql(t)) : commaFractionSql(t)} AS TIMESTAMPTZ) AT TIME ZONE 'UTC'`;
  const isoGuard = tz
    ? `regexp_full_match(${t}, ${quoteLiteral(`(${RE_DATE_ISO}|${RE_TS_ISO}${RE_TZ_SUFFIX}?)`)})`
    : `(length(${t}) >= 8 AND ${t}[5] IN ('-', '/'))`;
  const formats = [
    ...(order ? dateFormats(order, true) : []),
    ...(monthNames ? [...MONTH_NAME_DATETIME_FORMATS, ...MONTH_NAME_FORMATS] : []),
  ];
  // RFC 2822 dates carry a zone: strptime gives a TIMESTAMPTZ, brought to UTC like offsets.
  const others = [
    ...(formats.length > 0 ? [`try_strptime(${t}, ${listLiteral(formats)})`] : []),
    ...(monthNames && tz ? [`try_strptime(${t}, ${listLiteral(RFC2822_FORMATS)}) AT TIME ZONE 'UTC'`] : []),
  ];
  if (others.length === 0) return `CASE WHEN ${isoGuard} THEN ${iso} END`;
  const other = others.length === 1 ? others[0] : `coalesce(${others.join(', ')})`;
  return `CASE WHEN ${isoGuard} THEN coalesce(${iso}, ${other}) ELSE ${other} END`;
}

/**
 * Whether `t` is wrapped in parentheses: an accounting negative, `(1,234.00)` for -1,234.00
 * (Excel's accounting formats, bank and ledger exports), when what is inside is a number.
 */
export function inParenthesesSql(t: string): string {
  return `(${t}[1] = '(' AND ${t}[-1] = ')' AND length(${t}) > 2)`;
}

/** What is inside those parentheses, trimmed. */
export function insideParenthesesSql(t: string): string {
  return `trim(${t}[2:-2])`;
}

/** Whether `t` ends with a minus after a digit: a negative in SAP and other ERP exports (`12,30-`). */
export function trailingMinusSql(t: string): string {
  return `(${t}[-1] = '-' AND ${t}[-2] BETWEEN '0' AND '9')`;
}

/** The number before that minus, trimmed. */
export function beforeTrailingMinusSql(t: string): string {
  return `trim(${t}[1:-2])`;
}

/**
 * A cheap test for text shaped like `2024-01-31` or `2024/01/31` (the separator fifth). Day- or
 * month-first dates can pass it too (`1/13/2023`), so a failed ISO cast falls back to them.
 */
function isoDateLike(t: string): string {
  return `length(${t}) BETWEEN 8 AND 10 AND ${t}[5] IN ('-', '/')`;
}

function inList(values: readonly string[]): string {
  return `(${values.map(quoteLiteral).join(', ')})`;
}
