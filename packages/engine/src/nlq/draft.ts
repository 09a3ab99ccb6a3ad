/**
 * The reading of a question before it becomes a plan: what to compute, over which groups and
 * rows, plus everything that makes the reading uncertain. Follow-up questions produce drafts
 * too, which are merged into the previous plan.
 */
import type { Aggregate, ChartMark, Dimension, Filter, Period } from './plan.ts';
import type { ClarifyChoice, Interpretation, NlqColumn } from './types.ts';

export interface DraftMeasure {
  column: NlqColumn | null;
  /** null: not said; the default depends on the column (total or average). */
  agg: Aggregate | null;
  /** Came from a superlative ("highest"): ranks rather than aggregates when there are groups. */
  superlative?: 'max' | 'min';
  start: number;
}

export interface Ambiguity {
  span: string;
  start: number;
  end: number;
  reason: string;
  choices: { label: string; replacement: string }[];
}

export interface Draft {
  measures: DraftMeasure[];
  dimensions: (Dimension & { implicit?: boolean; which?: boolean })[];
  filters: Filter[];
  /** For share questions: the part whose share is wanted. */
  shareParts: Filter[];
  having: { measure: 'count' | number; op: 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq'; value: number }[];
  sortDir: 'asc' | 'desc' | null;
  /** A measure to sort by that is not otherwise shown ("top 10 movies by rating"). */
  limit: number | null;
  chart: ChartMark | null;
  periods: Period[];
  change: boolean;
  /** Columns to show for row listings and lookups. */
  show: NlqColumn[];
  /** Columns named with nothing to do yet: listed as distinct values if nothing else is asked. */
  loose: NlqColumn[];
  cues: Set<string>;
  /** The question asks about individual rows ("which car", "list movies"). */
  rowsTarget: boolean;
  /** The rows were named in the plural ("which movies"): a ranking shows several. */
  pluralRows: boolean;
  /** A count of rows was asked ("how many", "number of cars"). */
  countRows: boolean;
  /** Frequency ranking ("most common X"). */
  frequency: 'asc' | 'desc' | null;
  interpretation: Interpretation[];
  confidence: number;
  ambiguities: Ambiguity[];
  /** Words nobody understood; `entity` ones look like names of things the data lacks. */
  unknown: { text: string; entity: boolean }[];
  refusal: { reason: string; suggestions: string[] } | null;
  followUp: boolean;
}

export function emptyDraft(): Draft {
  return {
    measures: [],
    dimensions: [],
    filters: [],
    shareParts: [],
    having: [],
    sortDir: null,
    limit: null,
    chart: null,
    periods: [],
    change: false,
    show: [],
    loose: [],
    cues: new Set(),
    rowsTarget: false,
    countRows: false,
    pluralRows: false,
    frequency: null,
    interpretation: [],
    confidence: 1,
    ambiguities: [],
    unknown: [],
    refusal: null,
    followUp: false,
  };
}

export type Outcome =
  | {
      status: 'answered';
      plan: import('./plan.ts').QueryPlan;
      interpretation: Interpretation[];
      confidence: number;
    }
  | {
      status: 'clarify';
      reason: string;
      choices: ClarifyChoice[];
      interpretation: Interpretation[];
      confidence: number;
    }
  | {
      status: 'unanswerable';
      reason: string;
      suggestions: string[];
      interpretation: Interpretation[];
      confidence: number;
    };
