/** Public value types of the natural-language query engine. */
import type { ColumnSchema } from '../data/types.ts';
import type { QueryPlan } from './plan.ts';

/**
 * What the question engine needs to know about a column. A full `ColumnSchema` from ingest
 * fits; `description` (written by a user) adds words the column can be called by.
 */
export type NlqColumn = Pick<ColumnSchema, 'name' | 'storageType' | 'semanticType'> & {
  description?: string;
  ordinalLevels?: string[];
};

/** Per-column facts that let questions resolve without touching the data. */
export interface NlqColumnProfile {
  /** Most frequent values, most frequent first (strings as stored). */
  topValues?: string[];
  /** Distinct non-missing values over the whole column. */
  distinct?: number;
  /** Numbers for numeric columns, ISO `YYYY-MM-DD[ HH:MM:SS]` strings for dates. */
  min?: number | string;
  max?: number | string;
}

export interface NlqProfile {
  rowCount?: number;
  columns: Record<string, NlqColumnProfile>;
}

/** How one stretch of the question was understood; the UI shows these as chips. */
export interface Interpretation {
  span: string;
  meaning: string;
}

export type AnswerStatus = 'answered' | 'clarify' | 'unanswerable';

export interface AnswerColumn {
  name: string;
  /** `dimension` groups, `measure` is computed, `field` is a raw column of a listed row. */
  role: 'dimension' | 'measure' | 'field';
  type: 'number' | 'string' | 'date' | 'boolean';
}

export interface ClarifyChoice {
  label: string;
  /** The question rewritten with this choice made; asking it needs no further clarification. */
  question: string;
}

export type VegaLiteSpec = Record<string, unknown>;

export interface Answer {
  status: AnswerStatus;
  /** One plain sentence. */
  answer: string;
  columns: AnswerColumn[];
  rows: unknown[][];
  /** True when more rows matched than the row cap returned. */
  truncated: boolean;
  chart: VegaLiteSpec | null;
  sql: string;
  params: unknown[];
  plan: QueryPlan | null;
  interpretation: Interpretation[];
  /** 0..1: how sure the engine is that it understood the question as meant. */
  confidence: number;
  choices?: ClarifyChoice[];
  reason?: string;
  suggestions?: string[];
  /** Which planner produced the plan. */
  planner: 'builtin' | 'llm';
}

export interface ConversationTurn {
  question: string;
  status: AnswerStatus;
  plan: QueryPlan | null;
}

/** Conversation state: a plain JSON value passed in and returned, so the caller stores it. */
export interface Conversation {
  turns: ConversationTurn[];
  /** The plan of the last answered turn: follow-ups modify it. */
  lastPlan: QueryPlan | null;
  /** Set after a clarification: the question waiting for the user's choice. */
  pending: { question: string; choices: ClarifyChoice[] } | null;
}
