/**
 * The words each column can be called by, derived from its name (split on `_`, spaces, case
 * changes and brackets), its unit (`Weight_in_lbs` → unit `lbs`), its acronym
 * (`Miles_per_Gallon` → `mpg`) and its description.
 */
import { stem } from './stem.ts';
import { normalizeWord } from './tokenize.ts';
import type { NlqColumn } from './types.ts';

const UNIT_WORDS = new Set([
  'lbs',
  'lb',
  'kg',
  'g',
  'mg',
  'mm',
  'cm',
  'km',
  'm',
  'usd',
  'eur',
  'gbp',
  'min',
  'mins',
  'sec',
  'secs',
  'hrs',
  'pct',
  'percent',
  'in',
  'ft',
  'mph',
  'kmh',
]);
const TIME_UNITS = new Set(['min', 'mins', 'sec', 'secs', 'hrs', 'm', 'in']);
const CONNECTORS = new Set(['in', 'of', 'per', 'the', 'a', 'an', 'and', 'by', 'for', 'to', 'at', 'on']);

export interface ColumnWords {
  column: NlqColumn;
  /** Stems that identify the column; a mention must match at least one. */
  core: string[];
  /** The same words unstemmed, for abbreviations ("pop" → population). */
  coreRaw: string[];
  /** Optional stems (units) that may appear in a mention. */
  units: string[];
  /** First letters of a name of three or more words: `mpg`. */
  acronym: string | null;
  /** Stems from the description; weaker evidence than the name. */
  described: string[];
  /** The last core word: the noun the name is about (`Production Budget` → budget). */
  head: string;
}

/** Splits `Weight_in_lbs`, `unitPrice`, `Beak Length (mm)` into lower-case words. */
export function nameWords(name: string): { words: string[]; bracketed: string[] } {
  const bracketed: string[] = [];
  const outside = name.replace(/[([]([^)\]]*)[)\]]/g, (_, inner: string) => {
    bracketed.push(...splitWords(inner));
    return ' ';
  });
  return { words: splitWords(outside), bracketed };
}

function splitWords(s: string): string[] {
  return s
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(normalizeWord);
}

export function columnWords(column: NlqColumn): ColumnWords {
  const { words, bracketed } = nameWords(column.name);
  const units: string[] = bracketed.map(stem);
  const core: string[] = [];
  const coreRaw: string[] = [];
  for (const [i, w] of words.entries()) {
    // A unit at the end of a name (`Weight_in_lbs`, `Running Time min`); "min" in `temp_min`
    // is a minimum, so the time units count only after a time word.
    const prevWord = words[i - 1] ?? '';
    const timeUnit =
      TIME_UNITS.has(w) && /^(time|duration|runtime|running|length|delay|wait)$/.test(prevWord);
    const trailingUnit =
      i === words.length - 1 &&
      i > 0 &&
      UNIT_WORDS.has(w) &&
      (!TIME_UNITS.has(w) || timeUnit || prevWord === 'in');
    if (trailingUnit) units.push(stem(w));
    else if (!CONNECTORS.has(w)) {
      core.push(stem(w));
      coreRaw.push(w);
    }
  }
  if (core.length === 0) {
    core.push(...words.map(stem));
    coreRaw.push(...words);
  }
  const acronym = words.length >= 3 ? words.map((w) => w[0]).join('') : null;
  const described = (column.description ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 2)
    .map((w) => stem(normalizeWord(w)))
    .filter((s) => !CONNECTORS.has(s));
  // `customer_id` is about the customer: "customers" names it more than `customer_segment`.
  const idTail = core.length >= 2 && /^(id|key|code|no|num|number)$/.test(coreRaw[coreRaw.length - 1]);
  const head = idTail ? core[core.length - 2] : core[core.length - 1];
  return { column, core, coreRaw, units, acronym, described, head };
}
