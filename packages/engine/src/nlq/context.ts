/**
 * Everything the parser knows about one dataset, built once per question from the schema, the
 * profile and the value lists: column words, value index, date ranges, the label column (what
 * a row is called by) and the nouns for a row ("cars", "movies", "rows").
 */
import { isNumeric, isTemporal, isText, isYearColumn } from './column-kinds.ts';
import type { ColumnWords } from './lexicon.ts';
import { buildLexicon } from './resolve-columns.ts';
import { buildValueIndex, type ValueIndex } from './resolve-values.ts';
import { stem } from './stem.ts';
import { areSynonyms } from './thesaurus.ts';
import type { NlqColumn, NlqProfile } from './types.ts';

export interface DateSpan {
  min: string;
  max: string;
}

export interface QuestionContext {
  columns: NlqColumn[];
  lexicon: ColumnWords[];
  values: ValueIndex;
  /** Min/max date per temporal or year column. */
  dateSpans: Map<string, DateSpan>;
  /** Stems of words that name a row of this dataset ("car", "movie"). */
  rowNouns: Set<string>;
  /** The column rows are called by (a name or title), if any. */
  labelColumn: NlqColumn | null;
  profile?: NlqProfile;
  /**
   * The dataset's name says its numbers are levels ("us-employment", "census population"):
   * counts at a time, which add up across places but not across dates.
   */
  levelTable?: boolean;
}

export interface ContextInput {
  columns: readonly NlqColumn[];
  profile?: NlqProfile;
  /** Values per text column, most frequent first. */
  values: ReadonlyMap<string, readonly string[]>;
  dateSpans: ReadonlyMap<string, DateSpan>;
  /** The dataset's name ("cars", "Seattle weather"): its nouns count as row nouns. */
  datasetName?: string;
  /** Extra nouns for a row ("order", "transaction"). */
  rowNouns?: string[];
}

const LABEL_NAME = /(^|[^a-z])(name|title|label|product|item|model)([^a-z]|$)/i;

function pickLabel(
  columns: readonly NlqColumn[],
  values: ReadonlyMap<string, readonly string[]>,
  profile?: NlqProfile,
): NlqColumn | null {
  const text = columns.filter(isText);
  const named = text.find((c) => LABEL_NAME.test(c.name) && c.semanticType !== 'categorical');
  if (named) return named;
  const rows = profile?.rowCount ?? 0;
  let best: NlqColumn | null = null;
  let bestDistinct = 0;
  for (const c of text) {
    if (c.semanticType !== 'identifier' && c.semanticType !== 'free_text') continue;
    const distinct = profile?.columns[c.name]?.distinct ?? values.get(c.name)?.length ?? 0;
    if (distinct > bestDistinct && (rows === 0 || distinct > rows * 0.5)) {
      best = c;
      bestDistinct = distinct;
    }
  }
  return best;
}

/** Words for the same kind of row (stemmed keys). */
const ROW_NOUN_SYNONYMS: Record<string, string[]> = {
  movie: ['film', 'picture'],
  film: ['movie'],
  car: ['vehicle', 'automobile', 'model'],
  vehicle: ['car'],
  employee: ['staff', 'worker'],
  customer: ['client'],
  client: ['customer'],
  order: ['transaction', 'purchase'],
  transaction: ['order'],
  product: ['item'],
  item: ['product'],
  country: ['nation'],
};

export function buildContext(input: ContextInput): QuestionContext {
  const columns = [...input.columns];
  const rowNouns = new Set<string>();
  const lexicon = buildLexicon(columns);
  // "stock prices": "price" is a column and "stock" its symbol, so neither names a row.
  const namesColumn = (s: string) =>
    lexicon.some((cw) => {
      const last = cw.core[cw.core.length - 1];
      return last === s || areSynonyms(last, s);
    });
  // The head noun of the name ("Iowa electricity" → electricity, "cars" → car) names the rows.
  const head = (input.datasetName ?? '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 2)
    .pop();
  if (head && !namesColumn(stem(head))) rowNouns.add(stem(head));
  for (const w of input.rowNouns ?? []) rowNouns.add(stem(w.toLowerCase()));
  // "films" in a table of movies, "vehicles" in a table of cars.
  for (const [word, others] of Object.entries(ROW_NOUN_SYNONYMS))
    if (rowNouns.has(stem(word))) for (const o of others) rowNouns.add(stem(o));
  // A table with one row per day is counted in days ("how many days had rain").
  const daily = columns.find(
    (c) => isTemporal(c) && input.profile?.columns[c.name]?.distinct === input.profile?.rowCount,
  );
  if (daily) rowNouns.add('day');
  return {
    columns,
    lexicon,
    values: buildValueIndex(columns, input.values),
    dateSpans: new Map(input.dateSpans),
    rowNouns,
    labelColumn: pickLabel(columns, input.values, input.profile),
    profile: input.profile,
    levelTable: /employment|population|census|headcount|workforce|inventor/i.test(input.datasetName ?? ''),
  };
}

export function temporalColumns(ctx: QuestionContext): NlqColumn[] {
  return ctx.columns.filter(isTemporal);
}

export function yearColumns(ctx: QuestionContext): NlqColumn[] {
  return ctx.columns.filter(isYearColumn);
}

/** The table's time column (a date or a year column) when it has exactly one, else null. */
export function soleTimeColumn(ctx: QuestionContext): NlqColumn | null {
  const time = ctx.columns.filter((c) => isYearColumn(c) || isTemporal(c));
  return time.length === 1 ? time[0] : null;
}

export function numericColumns(ctx: QuestionContext): NlqColumn[] {
  return ctx.columns.filter(isNumeric);
}
