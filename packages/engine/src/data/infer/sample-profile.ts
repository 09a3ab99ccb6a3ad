import type { DuckDBConnection } from '@duckdb/node-api';
import { runRows } from '../run-query.ts';
import { chunk, listLiteral, quoteIdent, quoteLiteral } from '../sql.ts';
import type { ParsePlan } from './decide-type.ts';
import { nameIn } from './long-sample.ts';
import { parseSql } from './parse-expr.ts';
import {
  RE_EMAIL,
  RE_EU,
  RE_PHONE,
  RE_PLAIN,
  RE_POSTAL,
  RE_RANGE,
  RE_URL,
  RE_US,
  TYPED_MISSING_WORDS,
} from './patterns.ts';
import type { SampleProfile } from './semantic-type.ts';

export interface ProfileInput {
  name: string;
  plan: ParsePlan;
}

export interface ProfileOutput {
  profile: SampleProfile;
  /** Distinct sample values the plan rejected (at most five). */
  failureExamples: string[];
}

/** A UUID/GUID in its usual 8-4-4-4-12 hex form, optionally in braces (Microsoft GUIDs). */
const RE_UUID = '\\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}?';

/** Columns per statement; UNPIVOT keeps the SQL small, this keeps each scan's memory small. */
const BATCH = 2000;
/** Plan queries per statement (a wide file with many plans still runs a few statements). */
const UNION_BRANCHES = 16;

/**
 * Applies each column's plan to the sample and gathers what semantic typing needs: parsed
 * count, distinct values, numeric range, text shape and pattern matches. Columns sharing a
 * plan are profiled by one query grouped by name over the long sample, so the SQL holds each
 * parse expression once however wide the file is (5,000 columns: a few queries).
 */
export async function sampleProfiles(
  conn: DuckDBConnection,
  sampleTable: string,
  inputs: readonly ProfileInput[],
  signal?: AbortSignal,
): Promise<ProfileOutput[]> {
  const groups = new Map<string, ProfileInput[]>();
  for (const input of inputs) {
    const key = JSON.stringify(input.plan);
    groups.set(key, [...(groups.get(key) ?? []), input]);
  }
  const byName = new Map<string, ProfileOutput>();
  const isText = new Map(inputs.map((i) => [i.name, i.plan.kind === 'string']));
  const selects: string[] = [];
  for (const members of groups.values()) {
    const plan = members[0].plan;
    // `None`, `..` are missing values of a typed column (see TYPED_MISSING_WORDS).
    const words = plan.kind === 'string' ? '' : ` AND v NOT IN ${listLiteral(TYPED_MISSING_WORDS)}`;
    for (const batch of chunk(members, BATCH)) {
      const cells = `FROM ${quoteIdent(sampleTable)} WHERE v IS NOT NULL${words} AND ${nameIn(batch.map((m) => m.name))}`;
      selects.push(
        plan.kind === 'string'
          ? `(WITH q AS (SELECT name, raw, v AS t, count(*) AS n ${cells} GROUP BY name, raw, v)
              SELECT name, ${textStatsSql()} FROM q GROUP BY name)`
          : `(WITH q AS (SELECT name, raw, v AS t, ${parseSql(plan, 'v')} AS e ${cells})
              SELECT name, ${statsSql(plan)} FROM q GROUP BY name)`,
      );
    }
  }
  // One statement for every plan: DuckDB runs the branches of a UNION ALL side by side, where
  // one small query per plan left a core idle (4 plans: ~150 -> ~80 ms on 2 cores).
  for (const part of chunk(selects, UNION_BRANCHES)) {
    for (const row of await runRows(conn, part.join('\nUNION ALL\n'), { signal }))
      byName.set(String(row[0]), readStats(row.slice(1), isText.get(String(row[0])) ?? false));
  }
  return inputs.map((i) => byName.get(i.name) ?? emptyOutput());
}

/** Statistics of a typed plan, over the sample's cells `q` (`raw`, trimmed `t`, parsed `e`). */
function statsSql(plan: ParsePlan): string {
  const numeric = plan.kind === 'integer' || plan.kind === 'float' || plan.kind === 'decimal';
  return [
    'count(*)',
    'count(e)',
    'count(DISTINCT e)',
    numeric ? 'CAST(min(e) AS DOUBLE)' : 'NULL',
    numeric ? 'CAST(max(e) AS DOUBLE)' : 'NULL',
    '0, 0, 0, 0',
    // Phone-length digit runs (E.164: 7 to 15 digits), for phone numbers stored as numbers.
    plan.kind === 'integer' ? `count(*) FILTER (WHERE regexp_full_match(t, '\\+?[0-9]{7,15}'))` : '0',
    '0, 0, 0, 0, 0, 0',
    'list(DISTINCT t) FILTER (WHERE e IS NULL)[1:5]',
  ].join(', ');
}

/**
 * The same for text, over its distinct values `q` (`raw`, trimmed `t`, `n` cells each): text
 * columns repeat values (categories, codes), and the pattern tests run once per value instead
 * of once per cell. Counts are weighted by `n`.
 */
/** Whether the whole text value `t` matches the RE2 pattern. */
const rx = (re: string) => `regexp_full_match(t, ${quoteLiteral(re)})`;

function textStatsSql(): string {
  const cells = (test: string) => `coalesce(sum(n) FILTER (WHERE ${test}), 0)`;
  const phone = `${rx(RE_PHONE)} AND length(regexp_replace(t, '[^0-9]', '', 'g')) BETWEEN 7 AND 15`;
  return [
    'sum(n)',
    'sum(n)',
    'count(*)',
    'NULL',
    'NULL',
    'sum(n * length(raw)) / sum(n)',
    cells(`contains(t, ' ')`),
    cells(`contains(t, '@') AND ${rx(RE_EMAIL)}`),
    cells(`(starts_with(lower(t), 'http') OR starts_with(lower(t), 'www.')) AND ${rx(RE_URL)}`),
    // E.164 numbers have at most 15 digits: longer digit runs are ids or account numbers.
    cells(phone),
    cells(`length(t) <= 10 AND ${rx(RE_POSTAL)}`),
    cells(rx(RE_RANGE)),
    cells(`${phone} AND ${formattedPhoneSql()}`),
    cells(rx(RE_UUID)),
    // Numbers, zero-padded ones left out: `007` is a code, kept as text on purpose.
    cells(`(${rx(RE_PLAIN)} OR ${rx(RE_US)} OR ${rx(RE_EU)}) AND NOT ${rx('[+-]?0[0-9]+')}`),
    cells(`NOT regexp_matches(t, '[0-9]')`),
    'CASE WHEN count(*) <= 30 THEN list(DISTINCT t) END',
  ].join(', ');
}

/**
 * A phone number written like one: a leading `+`, an area code in parentheses, or three or
 * more digit groups (`555-987-6543`, `020 7946 0958`, `06 12 34 56 78`) or two split by a
 * space (`030 1234567`). Plain digit runs (order numbers, GTINs, SAP document numbers, USGS
 * event codes) have none of these, nor do IPv4 addresses or thousands-grouped numbers.
 */
function formattedPhoneSql(): string {
  const signal = [
    `starts_with(t, '+')`,
    rx('.*\\([0-9]+\\).*'),
    rx('[0-9]+([ .-][0-9]+){2,}'),
    rx('[0-9]+ [0-9]+'),
  ].join(' OR ');
  const ipv4 = rx('[0-9]{1,3}(\\.[0-9]{1,3}){3}');
  const thousands = rx('[0-9]{1,3}([ .][0-9]{3})+');
  return `(${signal}) AND NOT ${ipv4} AND NOT ${thousands}`;
}

function readStats(v: unknown[], isText: boolean): ProfileOutput {
  const num = (x: unknown) => (x === null || x === undefined ? 0 : Number(x));
  const orNull = (x: unknown) => (x === null || x === undefined || x === 'NaN' ? null : Number(x));
  const listed = Array.isArray(v[16]) ? (v[16] as unknown[]).map(String) : null;
  return {
    profile: {
      nonMissing: num(v[0]),
      parsed: num(v[1]),
      distinct: num(v[2]),
      min: orNull(v[3]),
      max: orNull(v[4]),
      avgLength: num(v[5]),
      withSpaces: num(v[6]),
      emails: num(v[7]),
      urls: num(v[8]),
      phones: num(v[9]),
      postal: num(v[10]),
      ranges: num(v[11]),
      formattedPhones: num(v[12]),
      uuids: num(v[13]),
      numbers: num(v[14]),
      digitless: num(v[15]),
      levels: isText ? listed : null,
    },
    failureExamples: isText ? [] : (listed ?? []),
  };
}

/** A column with no non-missing value in the sample (UNPIVOT drops it entirely). */
function emptyOutput(): ProfileOutput {
  const profile: SampleProfile = {
    nonMissing: 0,
    parsed: 0,
    distinct: 0,
    min: null,
    max: null,
    avgLength: 0,
    withSpaces: 0,
    emails: 0,
    urls: 0,
    phones: 0,
    postal: 0,
    ranges: 0,
    formattedPhones: 0,
    uuids: 0,
    numbers: 0,
    digitless: 0,
    levels: null,
  };
  return { profile, failureExamples: [] };
}
