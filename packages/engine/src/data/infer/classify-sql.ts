import { listLiteral, onlyCharsSql, quoteLiteral } from '../sql.ts';
import {
  FALSE_WORDS,
  FALSE_WORDS_L10N,
  GMT_STAMP_FORMATS,
  MONTH_NAME_DATETIME_FORMATS,
  MONTHS_L10N,
  RE_APOS,
  RE_C3,
  RE_CURRENCY_TOKEN,
  RE_D3,
  RE_DATE_ISO,
  RE_DATE_L10N,
  RE_DAY_MONTH,
  RE_DMY,
  RE_EU,
  RE_EXCEL_ERROR,
  RE_GMT_STAMP,
  RE_MONTH_FIRST,
  RE_MONTH_FIRST_T,
  RE_MONTH_YEAR,
  RE_QUARTER,
  RE_RFC2822,
  RE_SPACE,
  RE_TIME,
  RE_TS_ISO,
  RE_TZ_SUFFIX,
  RE_US,
  RE_YEAR_MONTH,
  RFC2822_FORMATS,
  TRUE_WORDS,
  TRUE_WORDS_L10N,
  TYPED_MISSING_WORDS,
} from './patterns.ts';

/**
 * SQL that puts each trimmed, non-missing sample value `v` in one class:
 *
 * | class | example | | class | example |
 * |---|---|---|---|---|
 * | int / int_lz / int_big | `42` / `007` / 20 digits | | date_iso | `2024-12-31` |
 * | float | `3.14`, `1e5` | | ts_iso / ts_tz | `2024-12-31 10:00` / `...Z` |
 * | d3 | `1.234` (decimal or EU thousands) | | dmy / mdy / dmx | `31/12/2024` / `12/31/2024` / `01/02/2024` |
 * | c3 | `1,234` (US thousands or EU decimal) | | dmy_t ... | with a time |
 * | us / eu / sp / ap | `1,234.5` / `1.234,5` / `1 234,5` / `1'234.5` | | time | `10:30`, `1:05 PM` |
 * | pct:STYLE / cur:STYLE | `45%` / `$1,200` | | bool / bool_l10n / str | `yes` / `oui` / anything else |
 * | none | `None`, `..` (see TYPED_MISSING_WORDS) | | xlerr | `#DIV/0!` (see RE_EXCEL_ERROR) |
 * | mon / mon_t | `Jan 5, 2024` / `Jan 5, 2024 10:00 AM` | | rfc | `Mon, 05 Jan 2024 10:00:00 GMT` |
 * | ym | `2024-01`, `Jan 2024` | | yq | `2024-Q1`, `Q1 2024` |
 * | mon_l10n | `15. März 2024`, `janv. 2024` (see MONTHS_L10N) | | ts_gmt | `2021/03/22 2:56:14 PM GMT+1` |
 *
 * A cheap lane (`TRY_CAST` to DOUBLE plus a character check) settles plain numbers before any
 * regex runs, and text that cannot start a number skips every numeric regex: the cost on a
 * categorical column is one `IN` test per value.
 */
export function classifySql(v: string): string {
  // Code point of the first character: an integer test, far cheaper than substring compares.
  const first = `ascii(${v})`;
  const numberStart = `(${first} BETWEEN 48 AND 57 OR ${first} IN (43, 45, 46, 36, 8364, 163, 165, 8377) OR (${first} BETWEEN 65 AND 90 AND upper(${v}[1:3]) IN ('USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD')))`;
  const rx = (re: string) => `regexp_full_match(${v}, ${quoteLiteral(re)})`;
  // With or without the weekday, so a letter or a digit may lead.
  const rfc = `WHEN length(${v}) BETWEEN 16 AND 36 AND ${rx(RE_RFC2822)} THEN
        CASE WHEN try_strptime(${v}, ${listLiteral(RFC2822_FORMATS)}) IS NULL THEN 'str' ELSE 'rfc' END`;
  // `2024-Q1` starts with a digit, `Q1 2024` with a letter; so do local month dates (`15. März
  // 2024`, `März 2024`).
  const quarter = `WHEN length(${v}) BETWEEN 6 AND 7 AND ${rx(RE_QUARTER)} THEN 'yq'`;
  const localMonth = `WHEN length(${v}) BETWEEN 8 AND 30 AND ${v}[-1] BETWEEN '0' AND '9' AND ${localMonthDateSql(v)} IS NOT NULL THEN 'mon_l10n'`;
  return `CASE
    WHEN ${v} IN ${inList(TYPED_MISSING_WORDS)} THEN 'none'
    WHEN ${first} = 35 AND ${rx(RE_EXCEL_ERROR)} THEN 'xlerr'
    WHEN NOT ${numberStart} THEN CASE
      WHEN lower(${v}) IN ${inList([...TRUE_WORDS, ...FALSE_WORDS])} THEN 'bool'
      WHEN lower(${v}) IN ${inList([...TRUE_WORDS_L10N, ...FALSE_WORDS_L10N])} THEN 'bool_l10n'
      WHEN length(${v}) BETWEEN 8 AND 20 AND ${rx(RE_MONTH_FIRST)} THEN 'mon'
      WHEN length(${v}) BETWEEN 12 AND 34 AND ${rx(RE_MONTH_FIRST_T)} THEN
        CASE WHEN try_strptime(${v}, ${listLiteral(MONTH_NAME_DATETIME_FORMATS)}) IS NULL THEN 'str' ELSE 'mon_t' END
      ${rfc}
      WHEN length(${v}) BETWEEN 8 AND 15 AND ${rx(RE_MONTH_YEAR)} THEN 'ym'
      ${quarter}
      ${localMonth}
      ELSE 'str' END
    WHEN TRY_CAST(${v} AS DOUBLE) IS NOT NULL AND ${onlyCharsSql(v, '0-9.eE+-')} THEN ${plainNumberClass(v)}
    WHEN ${rx(RE_DATE_ISO)} THEN CASE WHEN TRY_CAST(${v} AS DATE) IS NULL THEN 'str' ELSE 'date_iso' END
    WHEN ${rx(`${RE_TS_ISO}${RE_TZ_SUFFIX}`)} THEN CASE WHEN TRY_CAST(${offsetJoinedSql(commaFractionSql(v))} AS TIMESTAMPTZ) IS NULL THEN 'str' ELSE 'ts_tz' END
    WHEN ${rx(RE_TS_ISO)} THEN CASE WHEN TRY_CAST(${commaFractionSql(v)} AS TIMESTAMP) IS NULL THEN 'str' ELSE 'ts_iso' END
    WHEN ${rx(RE_GMT_STAMP)} THEN CASE WHEN ${gmtStampSql(v)} IS NULL THEN 'str' ELSE 'ts_gmt' END
    WHEN ${rx(RE_DMY)} THEN ${dateOrderClass(v)}
    WHEN length(${v}) = 7 AND ${rx(RE_YEAR_MONTH)} THEN 'ym'
    ${quarter}
    WHEN ${rx(RE_TIME)} THEN 'time'
    ${rfc}
    WHEN ${rx(RE_DAY_MONTH)} THEN 'mon'
    ${localMonth}
    WHEN ${rx(`${RE_CURRENCY_TOKEN}? ?[0-9., \\x{00A0}\\x{202F}+-]+%`)} THEN 'pct:' || ${localeStyle(`trim(rtrim(${v}, '%'))`)}
    WHEN regexp_matches(${v}, ${quoteLiteral(RE_CURRENCY_TOKEN)}) THEN 'cur:' || ${localeStyle(currencyCore(v))}
    ELSE coalesce(${localeStyleOrNull(v)}, 'str')
  END`;
}

/** The number inside a currency amount: symbol or ISO code removed, whitespace trimmed. */
export function currencyCore(v: string): string {
  return `trim(regexp_replace(${v}, ${quoteLiteral(`${RE_CURRENCY_TOKEN}\\s*`)}, '', 'g'))`;
}

function inList(values: readonly string[]): string {
  return `(${values.map(quoteLiteral).join(', ')})`;
}

function plainNumberClass(v: string): string {
  return `CASE
      WHEN NOT ${onlyCharsSql(v, '0-9+-')} THEN
        CASE WHEN length(${v}) BETWEEN 5 AND 8 AND regexp_full_match(${v}, ${quoteLiteral(RE_D3)}) THEN 'd3' ELSE 'float' END
      WHEN TRY_CAST(${v} AS BIGINT) IS NULL THEN 'int_big'
      WHEN regexp_full_match(${v}, '[+-]*0.+') THEN 'int_lz'
      ELSE 'int' END`;
}

/**
 * Day-first if a first part is > 12, month-first if the second is, else ambiguous (`dmx`);
 * dotted dates (`02.01.2024`) are day-first, as everywhere dots separate dates (Germany,
 * Russia, ...; month-first countries write slashes).
 */
function dateOrderClass(v: string): string {
  const a = `TRY_CAST(regexp_extract(${v}, ${quoteLiteral(RE_DMY)}, 1) AS INTEGER)`;
  const b = `TRY_CAST(regexp_extract(${v}, ${quoteLiteral(RE_DMY)}, 2) AS INTEGER)`;
  const t = `CASE WHEN contains(${v}, ':') THEN '_t' ELSE '' END`;
  return `(CASE
      WHEN ${a} BETWEEN 13 AND 31 AND ${b} BETWEEN 1 AND 12 THEN 'dmy'
      WHEN ${b} BETWEEN 13 AND 31 AND ${a} BETWEEN 1 AND 12 THEN 'mdy'
      WHEN ${a} BETWEEN 1 AND 12 AND ${b} BETWEEN 1 AND 12 THEN CASE WHEN '.' IN (${v}[2], ${v}[3]) THEN 'dmy' ELSE 'dmx' END
      ELSE 'str' END) || ${t}`;
}

/** Number style of a formatted number, or NULL when it is not one. */
function localeStyleOrNull(e: string): string {
  const rx = (re: string) => `regexp_full_match(${e}, ${quoteLiteral(re)})`;
  return `CASE
      WHEN TRY_CAST(${e} AS DOUBLE) IS NOT NULL AND ${onlyCharsSql(e, '0-9.+-')} THEN
        CASE WHEN ${onlyCharsSql(e, '0-9+-')} THEN 'int' WHEN ${rx(RE_D3)} THEN 'd3' ELSE 'float' END
      WHEN ${rx(RE_C3)} THEN 'c3'
      WHEN ${rx(RE_US)} THEN 'us'
      WHEN ${rx(RE_EU)} THEN 'eu'
      WHEN ${rx(RE_SPACE)} THEN 'sp'
      WHEN ${rx(RE_APOS)} THEN 'ap'
      END`;
}

function localeStyle(e: string): string {
  return `coalesce(${localeStyleOrNull(e)}, 'bad')`;
}

/**
 * Whether `v` (already trimmed) is missing: NULL, empty or one of the markers. One IN list
 * with '' in it: DuckDB tests it in about half the time of a separate `v = ''` beside it.
 */
export function missingSql(v: string, nullValues: readonly string[]): string {
  const markers = nullValues.filter((s) => s !== '');
  return `(${v} IS NULL OR ${v} IN ${inList(['', ...markers])})`;
}

/**
 * `t` with a space before its UTC offset removed (`10:00:00 +0200` → `10:00:00+0200`), which
 * DuckDB's TIMESTAMPTZ cast needs; other values are unchanged.
 */
export function offsetJoinedSql(t: string): string {
  return `regexp_replace(${t}, ' ([+-][0-9]{2}(:?[0-9]{2})?)$', '\\1')`;
}

/**
 * `t` with a decimal comma before its fraction of a second read as a dot: Python's logging
 * writes `2024-01-05 10:00:00,123` (ISO 8601 allows it), which DuckDB's cast refuses. An ISO
 * datetime holds no other comma.
 */
export function commaFractionSql(t: string): string {
  return `replace(${t}, ',', '.')`;
}

/**
 * The date a value names with a month in another language (see RE_DATE_L10N): the day it
 * gives, else the month's first; NULL for any other value.
 */
export function localMonthDateSql(t: string): string {
  const v = `regexp_replace(lower(${t}), ' (de|del) ', ' ', 'g')`;
  const months = `MAP {${MONTHS_L10N.flatMap((names, i) => names.map((n) => `${quoteLiteral(n)}: ${i + 1}`)).join(', ')}}`;
  // The first run of letters after the day (and the `er` of French's `1er`).
  const month = `${months}[regexp_extract(${v}, '^[0-9]*(er)?\\.? ?([a-zäöüéèêûôîíóúçñ]+)', 2)]`;
  const day = `coalesce(TRY_CAST(regexp_extract(${v}, '^([0-9]{1,2})', 1) AS INTEGER), 1)`;
  const year = `CAST(regexp_extract(${v}, '([0-9]{4})$', 1) AS INTEGER)`;
  return `CASE WHEN regexp_full_match(${v}, ${quoteLiteral(RE_DATE_L10N)}) THEN try(make_date(${year}, ${month}, ${day})) END`;
}

/** A Google Forms timestamp (RE_GMT_STAMP) in UTC: its local time less its offset; NULL if none. */
export function gmtStampSql(t: string): string {
  const local = `try_strptime(regexp_extract(${t}, '^(.*) GMT', 1), ${listLiteral(GMT_STAMP_FORMATS)})`;
  const hours = `coalesce(TRY_CAST(regexp_extract(${t}, 'GMT([+-][0-9]{1,2})', 1) AS INTEGER), 0)`;
  const minutes = `coalesce(TRY_CAST(regexp_extract(${t}, 'GMT[+-][0-9]{1,2}:([0-9]{2})', 1) AS INTEGER), 0)`;
  const offset = `${hours} * 60 + (CASE WHEN contains(${t}, 'GMT-') THEN -1 ELSE 1 END) * ${minutes}`;
  return `(${local} - to_minutes(${offset}))`;
}
