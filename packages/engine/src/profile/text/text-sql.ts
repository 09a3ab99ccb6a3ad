import {
  RE_DATE_ISO,
  RE_DMY,
  RE_EU,
  RE_PLAIN,
  RE_TS_ISO,
  RE_TZ_SUFFIX,
  RE_US,
} from '../../data/infer/patterns.ts';
import { listLiteral, quoteIdent } from '../../data/sql.ts';

/**
 * SQL over a column's value table `VC(v, n)`: one row per distinct non-missing value with its
 * count. Every text statistic is an aggregate over this small table instead of over the rows,
 * so a million-row column with a thousand levels costs one GROUP BY plus queries on a
 * thousand rows.
 */

export const VC = '__uam_profile_vc';

/** Spellings of "unknown" that survived ingest (or were typed by hand); compared trimmed and lower-cased. */
export const TEXT_PLACEHOLDERS: readonly string[] = [
  '',
  'n/a',
  'na',
  'n.a.',
  'null',
  'none',
  'nan',
  'nil',
  '?',
  '??',
  '-',
  '--',
  '.',
  'missing',
  'unknown',
  'undefined',
  '#n/a',
  'tbd',
  '-999',
  '-9999',
  '999',
  '9999',
];

/** Patterns show at most this many characters of a value. */
export const PATTERN_WIDTH = 40;
export const TOP_TEXT_VALUES = 20;
/** Above this many distinct values, patterns come from a deterministic sample of them. */
export const PATTERN_SAMPLE = 100_000;

const NUMBER_RE = `(${RE_PLAIN})|(${RE_US})|(${RE_EU})`;
const DATE_RE = `(${RE_DATE_ISO})|(${RE_TS_ISO}${RE_TZ_SUFFIX}?)|(${RE_DMY})`;

export function createValueTableSql(source: string, column: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${VC} AS SELECT v, count(*) AS n FROM (SELECT ${quoteIdent(column)} AS v FROM ${source}) WHERE v IS NOT NULL GROUP BY v`;
}

export const dropValueTableSql = `DROP TABLE IF EXISTS ${VC}`;

const sumIf = (cond: string) => `coalesce(sum(n) FILTER (${cond}), 0)`;

/** One row: distinct, total, entropy, length min/max/mean, character classes, shape and type counts. */
export const textSummarySql = `
SELECT count(*) AS distinct_values, coalesce(sum(n), 0) AS total,
  -fsum((n / t) * log2(n / t)) AS entropy,
  min(length(v)), max(length(v)), fsum(n * length(v)) / sum(n),
  ${sumIf(`regexp_matches(v, '\\pL')`)}, ${sumIf(`regexp_matches(v, '\\p{Nd}')`)},
  ${sumIf(`regexp_matches(v, '[\\s\\p{Z}]')`)}, ${sumIf(`regexp_matches(v, '[\\pP\\pS]')`)},
  ${sumIf(`regexp_matches(v, '\\p{Lu}')`)}, ${sumIf(`regexp_matches(v, '\\p{Ll}')`)},
  ${sumIf(`regexp_matches(v, '[^\\x00-\\x7F]')`)},
  ${sumIf('v <> trim(v)')},
  ${sumIf(`regexp_full_match(trim(v), '${NUMBER_RE}')`)},
  ${sumIf(`regexp_full_match(trim(v), '${DATE_RE}')`)},
  (SELECT coalesce(sum(s - m), 0) FROM (SELECT sum(n) AS s, max(n) AS m FROM ${VC} GROUP BY lower(trim(v)) HAVING count(*) > 1))
FROM ${VC}, (SELECT sum(n) AS t FROM ${VC})`;

export const topValuesSql = `SELECT v, n FROM ${VC} ORDER BY n DESC, v LIMIT ${TOP_TEXT_VALUES}`;

export const lengthHistogramSql = `SELECT length(v) AS len, sum(n) FROM ${VC} GROUP BY 1 ORDER BY 1`;

export const placeholderSql = `SELECT v, n FROM ${VC} WHERE lower(trim(v)) IN ${listAsTuple(TEXT_PLACEHOLDERS)} ORDER BY n DESC, v LIMIT 10`;

/**
 * Value shapes: lower-case and caseless letters → `a`, upper-case → `A`, digits → `9`, other
 * characters kept; at most 40 characters then `…`.
 */
export function patternsSql(sampled: boolean): string {
  const from = sampled ? `(SELECT * FROM ${VC} ORDER BY hash(v), v LIMIT ${PATTERN_SAMPLE})` : VC;
  const shape = `regexp_replace(regexp_replace(regexp_replace(left(v, ${PATTERN_WIDTH}), '[\\p{Ll}\\p{Lt}\\p{Lm}\\p{Lo}]', 'a', 'g'), '\\p{Lu}', 'A', 'g'), '\\p{Nd}', '9', 'g') || CASE WHEN length(v) > ${PATTERN_WIDTH} THEN '…' ELSE '' END`;
  return `SELECT p, sum(n) AS c, min(v) AS ex FROM (SELECT ${shape} AS p, n, v FROM ${from}) GROUP BY p ORDER BY c DESC, p LIMIT 20`;
}

function listAsTuple(values: readonly string[]): string {
  return `(${listLiteral(values).slice(1, -1)})`;
}
