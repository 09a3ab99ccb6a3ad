/** Shapes of the "Ask your data" API (see docs/api.md#ask-your-data). */

export type AnswerStatus = 'answered' | 'clarify' | 'unanswerable';

export interface AnswerColumn {
  name: string;
  role: 'dimension' | 'measure' | 'field' | string;
  type: 'number' | 'string' | 'date' | 'boolean' | string;
}

export interface ClarifyChoice {
  label: string;
  question: string;
}

export type VegaLiteSpec = Record<string, unknown>;

export interface AskAnswer {
  conversationId: string;
  turnId: string;
  seq: number;
  question: string;
  version: number;
  status: AnswerStatus;
  answer: string;
  columns: AnswerColumn[];
  rows: unknown[][];
  truncated: boolean;
  chart: VegaLiteSpec | null;
  sql: string;
  params: unknown[];
  plan: Record<string, unknown> | null;
  interpretation: Array<{ span: string; meaning: string }>;
  confidence: number;
  clarification: { choices: ClarifyChoice[] } | null;
  reason: string | null;
  suggestions: string[];
  followUps: string[];
  planner: 'builtin' | 'llm';
  durationMs: number;
  createdAt: string;
}

export interface Conversation {
  id: string;
  projectId: string;
  datasetId: string;
  userId: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface Pin {
  id: string;
  projectId: string;
  datasetId: string;
  conversationId: string | null;
  turnId: string | null;
  version: number;
  title: string;
  question: string;
  createdBy: string;
  createdAt: string;
}
