import type {
  ConversationRow,
  ConversationTurnRow,
  PinRow,
} from '../../repositories/conversation.repository.ts';

/** What the API answers for one question (a stored turn carries the same shape). */
export interface AskAnswer {
  conversationId: string;
  turnId: string;
  seq: number;
  question: string;
  version: number;
  status: 'answered' | 'clarify' | 'unanswerable';
  answer: string;
  columns: Array<{ name: string; role: string; type: string }>;
  rows: unknown[][];
  truncated: boolean;
  chart: Record<string, unknown> | null;
  sql: string;
  params: unknown[];
  plan: Record<string, unknown> | null;
  interpretation: Array<{ span: string; meaning: string }>;
  confidence: number;
  clarification: { choices: Array<{ label: string; question: string }> } | null;
  reason: string | null;
  suggestions: string[];
  followUps: string[];
  planner: 'builtin' | 'llm';
  durationMs: number;
  createdAt: string;
}

/** The answer body stored in a turn: everything but the ids the row itself holds. */
export type StoredAnswer = Omit<
  AskAnswer,
  'conversationId' | 'turnId' | 'seq' | 'question' | 'version' | 'createdAt'
>;

export function toAnswerView(turn: ConversationTurnRow): AskAnswer {
  const body = turn.answer as unknown as StoredAnswer;
  return {
    ...body,
    conversationId: turn.conversation_id,
    turnId: turn.id,
    seq: turn.seq,
    question: turn.question,
    version: turn.version_number,
    createdAt: turn.created_at.toISOString(),
  };
}

export interface ConversationView {
  id: string;
  projectId: string;
  datasetId: string;
  userId: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export function toConversationView(c: ConversationRow): ConversationView {
  return {
    id: c.id,
    projectId: c.project_id,
    datasetId: c.dataset_id,
    userId: c.user_id,
    title: c.title,
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
  };
}

export interface PinView {
  id: string;
  projectId: string;
  datasetId: string;
  conversationId: string | null;
  turnId: string | null;
  version: number;
  title: string;
  question: string;
  answer: StoredAnswer;
  createdBy: string;
  createdAt: string;
}

export function toPinView(p: PinRow): PinView {
  return {
    id: p.id,
    projectId: p.project_id,
    datasetId: p.dataset_id,
    conversationId: p.conversation_id,
    turnId: p.turn_id,
    version: p.version_number,
    title: p.title,
    question: p.question,
    answer: p.answer as unknown as StoredAnswer,
    createdBy: p.created_by,
    createdAt: p.created_at.toISOString(),
  };
}
