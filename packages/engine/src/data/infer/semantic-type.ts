import type { SemanticType } from '../types.ts';
import type { ParsePlan } from './decide-type.ts';

/** Sample statistics of one column after its plan was applied (see profile-sql.ts). */
export interface SampleProfile {
  nonMissing: number;
  parsed: number;
  distinct: number;
  min: number | null;
  max: number | null;
  avgLength: number;
  withSpaces: number;
  emails: number;
  urls: number;
  phones: number;
  postal: number;
  ranges: number;
  /** Phone-shaped values with phone formatting (`+`, parentheses, grouped digits). */
  formattedPhones: number;
  uuids: number;
  /** Plain, US or European numbers, zero-padded codes left out. */
  numbers: number;
  /** Values without a digit (placeholders such as `--` or `n.a.` beside numbers). */
  digitless: number;
  /** All distinct values when there are at most 30 of them (for ordinal detection). */
  levels: string[] | null;
}

/** A pattern must hold for this share of values to name the column after it. */
const PATTERN_SHARE = 0.9;

/**
 * Lower-case words of a column name, split on anything but letters and at camelCase humps
 * (`pickupLat` → pickup, lat; `customerID` → customer, id). Name rules compare whole words:
 * as substrings, `tel` matched `hotel`, `cep` (Brazilian postal code) `exceptions` and
 * `guid` `guidance`.
 */
export function nameTokens(name: string): string[] {
  return name
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 0);
}

const has = (words: readonly string[], set: ReadonlySet<string>) => words.some((w) => set.has(w));

const LAT_WORDS = new Set(['lat', 'latitude']);
const LON_WORDS = new Set(['lon', 'lng', 'longitude']);
const POSTAL_WORDS = new Set(['zip', 'zipcode', 'postal', 'postcode', 'plz', 'cep', 'postleitzahl']);
const UUID_WORDS = new Set(['uuid', 'guid']);
/** `cell` is left out: `cell_id` and `cell_count` are biology far more often than phones. */
const PHONE_WORDS = new Set([
  'tel',
  'tele',
  'telefon',
  'telefone',
  'telefono',
  'teléfono',
  'mobile',
  'fax',
  'msisdn',
]);

function isLatName(words: readonly string[]): boolean {
  return has(words, LAT_WORDS);
}

/**
 * `long` is also an adjective (`Long-term debt`, `a long name`): a coordinate only as the last
 * word (`start_long`, `Lat/Long`).
 */
function isLonName(words: readonly string[]): boolean {
  return has(words, LON_WORDS) || words.at(-1) === 'long';
}

function isPostalName(words: readonly string[]): boolean {
  return has(words, POSTAL_WORDS) || words.join(' ').includes('post code');
}

/**
 * `id` first or last (`id_client`, `customerId`), a UUID/GUID, `key`, or a name ending in
 * code/no/number after another word (`Account code`; `Number` alone is a count).
 */
function isIdName(words: readonly string[]): boolean {
  const last = words.at(-1) ?? '';
  if (words[0] === 'id' || last === 'id' || last === 'key') return true;
  // A row index: pandas' to_csv writes one, which pandas reads back as `Unnamed: 0`, and a
  // `reset_index()` names it `index`.
  if (words.length === 1 && (words[0] === 'index' || words[0] === 'unnamed')) return true;
  if (has(words, UUID_WORDS)) return true;
  return words.length > 1 && ['code', 'no', 'number'].includes(last);
}

function isPhoneName(words: readonly string[]): boolean {
  return words.some((w) => PHONE_WORDS.has(w) || w.endsWith('phone'));
}

/** Word scales whose order is known: a column made only of one scale's words is ordinal. */
const ORDINAL_SCALES: string[][] = [
  ['very low', 'low', 'medium', 'high', 'very high'],
  ['low', 'mid', 'high'],
  ['xs', 's', 'm', 'l', 'xl', 'xxl'],
  ['small', 'medium', 'large'],
  ['never', 'rarely', 'sometimes', 'often', 'always'],
  ['poor', 'fair', 'good', 'very good', 'excellent'],
  ['strongly disagree', 'disagree', 'neutral', 'agree', 'strongly agree'],
  ['below_average', 'average', 'above_average'],
  ['below average', 'average', 'above average'],
  ['none', 'half', 'full'],
  ['first', 'second', 'third', 'fourth'],
  // Survey answers (Likert scales), as survey tools export them.
  ['very dissatisfied', 'dissatisfied', 'neutral', 'satisfied', 'very satisfied'],
  [
    'strongly disagree',
    'disagree',
    'somewhat disagree',
    'neither agree nor disagree',
    'somewhat agree',
    'agree',
    'strongly agree',
  ],
  ['very unlikely', 'unlikely', 'neutral', 'likely', 'very likely'],
  ['not at all important', 'slightly important', 'moderately important', 'important', 'very important'],
  ['very poor', 'poor', 'average', 'good', 'very good', 'excellent'],
  ['very bad', 'bad', 'ok', 'good', 'very good'],
  ['extra small', 'small', 'medium', 'large', 'extra large'],
  ['low', 'medium', 'high', 'critical'],
  ['low', 'moderate', 'high', 'severe'],
  ['trivial', 'minor', 'major', 'critical', 'blocker'],
  ['beginner', 'intermediate', 'advanced', 'expert'],
  ['primary', 'secondary', 'tertiary'],
  ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'],
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ],
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
];

export interface SemanticResult {
  semanticType: SemanticType;
  ordinalLevels?: string[];
}

/**
 * Names what a column means from its plan, name and sample profile. Rules, in order:
 * booleans and times are themselves; currency and percent plans are kept; numbers named like
 * lat/lon inside ±90/±180 are coordinates; 0/1 integers are boolean; integers with an id-like
 * name and ≥ 95 % distinct values are identifiers; ≤ 10 distinct integers are categorical.
 * Text: identifiers when every value is a UUID; ≥ 90 % e-mails, URLs or phone numbers
 * (written like phones, or any under a phone name); postal codes by name; numbers beside a
 * few placeholders as for numbers (numeric, or identifier by name); ordinal when every
 * value is a range label (`40-49`) or a word of one known scale; identifiers when ≥ 95 %
 * distinct single tokens; free text when long or mostly multi-word; else categorical.
 */
export function semanticType(name: string, plan: ParsePlan, p: SampleProfile): SemanticResult {
  const words = nameTokens(name);
  switch (plan.kind) {
    case 'boolean':
      return { semanticType: 'boolean' };
    case 'date':
    case 'datetime':
    case 'time':
      return { semanticType: 'datetime' };
    case 'decimal':
      return { semanticType: 'currency' };
    case 'integer':
    case 'float':
      return { semanticType: numberSemantic(words, plan, p) };
    case 'string':
      return textSemantic(words, plan, p);
  }
}

function numberSemantic(words: readonly string[], plan: ParsePlan, p: SampleProfile): SemanticType {
  if (plan.kind === 'float' && plan.percent) return 'percentage';
  const inRange = (lim: number) => p.min !== null && p.max !== null && p.min >= -lim && p.max <= lim;
  if (isLatName(words) && inRange(90)) return 'latitude';
  if (isLonName(words) && inRange(180)) return 'longitude';
  if (plan.kind === 'integer') {
    if (p.min !== null && p.min >= 0 && p.max !== null && p.max <= 1 && p.distinct === 2) return 'boolean';
    if (isPostalName(words)) return 'postal_code';
    // Phone numbers saved as numbers (a sheet dropped their formatting): 7 to 15 digits under
    // a phone name.
    if (isPhoneName(words) && p.nonMissing > 0 && p.phones >= PATTERN_SHARE * p.nonMissing) return 'phone';
    if (isIdName(words) && p.parsed >= 20 && p.distinct >= 0.95 * p.parsed) return 'identifier';
    if (p.distinct <= 10 && p.parsed >= 20) return 'categorical';
  }
  return 'numeric';
}

function textSemantic(words: readonly string[], plan: ParsePlan, p: SampleProfile): SemanticResult {
  const n = p.nonMissing;
  if (n === 0) return { semanticType: 'categorical' };
  // A UUID is an identifier by its form alone; the share-of-distinct rule below needs 20 rows,
  // which left a 4-row file's UUIDs categorical.
  if (p.uuids === n) return { semanticType: 'identifier' };
  const share = (k: number) => k >= PATTERN_SHARE * n;
  if (share(p.emails)) return { semanticType: 'email' };
  if (share(p.urls)) return { semanticType: 'url' };
  if (isPostalName(words) && share(p.postal)) return { semanticType: 'postal_code' };
  if (plan.kind === 'string' && plan.reason === 'leading_zeros' && isPostalName(words)) {
    return { semanticType: 'postal_code' };
  }
  if (isPlaceholderedNumbers(plan, p)) return { semanticType: placeholderedNumberSemantic(words, p) };
  if (p.levels) {
    const ordered = ordinalOrder(p.levels, p.ranges === n);
    if (ordered) return { semanticType: 'ordinal', ordinalLevels: ordered };
  }
  // Digit runs of phone length are as often order numbers, GTINs or document numbers: without
  // a phone name, a column is phones only when its values are written like phone numbers.
  if (share(p.phones) && isPhoneName(words)) return { semanticType: 'phone' };
  if (share(p.formattedPhones) && p.distinct >= 0.5 * n) return { semanticType: 'phone' };
  const tokenLike = p.withSpaces <= 0.05 * n;
  if (n >= 20 && p.distinct >= 0.95 * n && tokenLike && p.avgLength <= 64)
    return { semanticType: 'identifier' };
  if (p.avgLength >= 40 || (p.withSpaces >= 0.5 * n && p.distinct >= 0.5 * n && n >= 10)) {
    return { semanticType: 'free_text' };
  }
  return { semanticType: 'categorical' };
}

/**
 * A measure that a few placeholders (`--`, `n.a.`, `see note`) kept under the 98 % a number
 * type needs: ≥ 90 % numbers, every other value without a digit. Its numbers are distinct as
 * measurements are, which made it an identifier; codes mixing digits and letters (`1000chvf`
 * beside `37868143`) and zero-padded codes are not caught.
 */
function isPlaceholderedNumbers(plan: ParsePlan, p: SampleProfile): boolean {
  if (plan.kind !== 'string' || plan.reason !== 'mixed') return false;
  return p.numbers >= PATTERN_SHARE * p.nonMissing && p.numbers + p.digitless === p.nonMissing;
}

/**
 * An analyst reads such a column as numbers, so it is `numeric` even though it is stored as
 * text: storage, not the semantic type, decides how it is profiled and queried, and the
 * placeholders stay visible. As for integer columns, an id name keeps it an identifier and a
 * handful of distinct values (a 1-5 rating and `--`) is a categorical scale.
 */
function placeholderedNumberSemantic(words: readonly string[], p: SampleProfile): SemanticType {
  const n = p.nonMissing;
  if (isIdName(words) && p.distinct >= 0.95 * n) return 'identifier';
  if (p.distinct <= 10 && n >= 20) return 'categorical';
  return 'numeric';
}

/** Levels in order, or null when they are not ordinal. */
export function ordinalOrder(levels: readonly string[], allRanges: boolean): string[] | null {
  if (levels.length < 2) return null;
  if (allRanges) {
    const key = (s: string) => {
      const m = /[0-9]+(\.[0-9]+)?/.exec(s);
      const v = m ? Number(m[0]) : 0;
      return s.trim().startsWith('<') ? v - 0.5 : v;
    };
    return [...levels].sort((a, b) => key(a) - key(b) || a.localeCompare(b));
  }
  const lower = levels.map((l) => l.trim().toLowerCase());
  for (const scale of ORDINAL_SCALES) {
    if (lower.every((l) => scale.includes(l))) {
      return [...levels].sort(
        (a, b) => scale.indexOf(a.trim().toLowerCase()) - scale.indexOf(b.trim().toLowerCase()),
      );
    }
  }
  return null;
}
