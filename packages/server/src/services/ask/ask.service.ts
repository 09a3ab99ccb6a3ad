import { randomUUID } from 'node:crypto';
import type { Conversation, LlmOptions, NlqColumn, NlqProfile } from '@uam/engine';
import { isUamError, UamError } from '../../errors/index.ts';
import type { Logger } from '../../logger.ts';
import type { ConversationRepository, ConversationRow } from '../../repositories/conversation.repository.ts';
import type { DatasetVersionRow } from '../../repositories/dataset.repository.ts';
import type { DatasetAccess } from '../datasets/dataset-access.ts';
import { versionCacheName } from '../datasets/dataset-keys.ts';
import type { DatasetQueryService } from '../datasets/dataset-query.service.ts';
import type { LocalFiles } from '../datasets/local-files.ts';
import { decodeCursor, encodeCursor, type Page } from '../pagination.ts';
import type { Principal } from '../principal.ts';
import type { ProjectService } from '../project.service.ts';
import {
  type AskAnswer,
  type ConversationView,
  type PinView,
  type StoredAnswer,
  toAnswerView,
  toConversationView,
  toPinView,
} from './ask-view.ts';
import { followUpsFor } from './follow-ups.ts';
import { NlqProfileCache } from './nlq-profiles.ts';

export interface AskDeps {
  access: DatasetAccess;
  projects: ProjectService;
  files: LocalFiles;
  queries: DatasetQueryService;
  conversations: ConversationRepository;
  logger: Logger;
  /** The optional LLM planner; null keeps the built-in parser only. */
  llm: LlmOptions | null;
  rowCap: number;
  queryTimeoutMs: number;
  profileCacheSize: number;
}

export interface AskInput {
  question: string;
  version?: number;
  conversationId?: string;
}

/** Engine conversation turns kept in the stored context (the engine reads only the last plan). */
const KEPT_TURNS = 20;

/**
 * "Ask your data": a question about a dataset version answered in the API process, like row
 * pages (on the same DuckDB, concurrency cap and time budget), because people wait for it.
 * Each answer is a turn of a conversation stored in the metadata DB together with the engine's
 * context, so follow-ups work across replicas and restarts.
 */
export class AskService {
  private readonly profiles: NlqProfileCache;

  constructor(private readonly d: AskDeps) {
    this.profiles = new NlqProfileCache(d.profileCacheSize);
  }

  async ask(p: Principal, datasetId: string, input: AskInput): Promise<AskAnswer> {
    const dataset = await this.d.access.dataset(p, datasetId, 'read');
    const conversation = input.conversationId
      ? await this.ownConversation(p, input.conversationId, datasetId)
      : null;
    const version = await this.d.access.readyVersion(dataset, input.version);
    const columns = nlqColumns(version);
    const file = await this.d.files.localPath(version.parquet_key!, versionCacheName(version.id));
    const profile = await this.profileOf(version, file, columns);
    const started = performance.now();
    const { askQuestion, newConversation } = await loadNlq();
    const state = (conversation?.state as unknown as Conversation | undefined) ?? newConversation();
    const result = await this.d.queries
      .run((engine, signal) =>
        askQuestion(engine, {
          parquetPath: file,
          columns,
          profile,
          question: input.question,
          conversation: state,
          llm: this.d.llm,
          datasetName: dataset.name,
          rowCap: this.d.rowCap,
          timeoutMs: this.d.queryTimeoutMs,
          signal,
        }),
      )
      .catch((e) => {
        throw this.toAskError(e);
      });
    const a = result.answer;
    const stored: StoredAnswer = {
      status: a.status,
      answer: a.answer,
      columns: a.columns,
      rows: a.rows,
      truncated: a.truncated,
      chart: a.chart,
      sql: a.sql,
      params: a.params,
      plan: a.plan as unknown as Record<string, unknown> | null,
      interpretation: a.interpretation,
      confidence: a.confidence,
      clarification: a.status === 'clarify' ? { choices: a.choices ?? [] } : null,
      reason: a.status === 'answered' ? null : (a.reason ?? a.answer),
      suggestions: a.suggestions ?? [],
      followUps: a.status === 'answered' ? followUpsFor(a.plan, a.rows.length, columns, profile) : [],
      planner: a.planner,
      durationMs: Math.round(performance.now() - started),
    };
    const nextState = { ...result.conversation, turns: result.conversation.turns.slice(-KEPT_TURNS) };
    const conv =
      conversation ??
      (await this.d.conversations.create({
        id: randomUUID(),
        projectId: dataset.project_id,
        datasetId: dataset.id,
        userId: p.userId,
        title: input.question.slice(0, 120),
        state: {},
      }));
    const turn = await this.d.conversations.appendTurn(
      {
        id: randomUUID(),
        conversationId: conv.id,
        question: input.question,
        status: a.status,
        versionNumber: version.number,
        answer: stored as unknown as Record<string, unknown>,
        plan: stored.plan,
        sql: a.sql,
        planner: a.planner,
        durationMs: stored.durationMs,
      },
      nextState as unknown as Record<string, unknown>,
    );
    return toAnswerView(turn);
  }

  /** A conversation and its turns: for its owner and anyone who may read its dataset. */
  async conversation(
    p: Principal,
    id: string,
  ): Promise<{ conversation: ConversationView; turns: AskAnswer[] }> {
    const c = await this.readableConversation(p, id);
    const turns = await this.d.conversations.turns(c.id);
    return { conversation: toConversationView(c), turns: turns.map(toAnswerView) };
  }

  /** The caller's recent conversations with a dataset. */
  async conversations(p: Principal, datasetId: string, limit: number): Promise<ConversationView[]> {
    const dataset = await this.d.access.dataset(p, datasetId, 'read');
    const rows = await this.d.conversations.listForDataset(dataset.id, p.userId, limit);
    return rows.map(toConversationView);
  }

  /** Questions worth asking first, from the version's schema and NLQ profile. */
  async suggestions(p: Principal, datasetId: string, versionNumber?: number): Promise<string[]> {
    const dataset = await this.d.access.dataset(p, datasetId, 'read');
    const version = await this.d.access.readyVersion(dataset, versionNumber);
    const columns = nlqColumns(version);
    const file = await this.d.files.localPath(version.parquet_key!, versionCacheName(version.id));
    const profile = await this.profileOf(version, file, columns);
    const { suggestQuestions } = await loadNlq();
    return suggestQuestions(columns, profile, 8);
  }

  /**
   * Pin an answered turn for reports (editors and owners of the project): the pin keeps a copy
   * of the answer. Pinning the same turn again returns the existing pin.
   */
  async pin(
    p: Principal,
    conversationId: string,
    turnId: string,
    title?: string,
  ): Promise<{ pin: PinView; created: boolean }> {
    const c = await this.readableConversation(p, conversationId);
    await this.d.projects.authorize(p, c.project_id, 'write');
    const turn = await this.d.conversations.findTurn(c.id, turnId);
    if (!turn) throw new UamError('TURN_NOT_FOUND', undefined, { conversationId, turnId });
    if (turn.status !== 'answered') {
      throw new UamError('ASK_NOT_PINNABLE', 'Only an answered question can be pinned', {
        turnId,
        status: turn.status,
      });
    }
    const { pin, created } = await this.d.conversations.pin({
      id: randomUUID(),
      projectId: c.project_id,
      datasetId: c.dataset_id,
      conversationId: c.id,
      turnId: turn.id,
      versionNumber: turn.version_number,
      title: title?.trim() || turn.question.slice(0, 200),
      question: turn.question,
      answer: turn.answer,
      createdBy: p.userId,
    });
    return { pin: toPinView(pin), created };
  }

  async pins(p: Principal, projectId: string, limit: number, cursor?: string): Promise<Page<PinView>> {
    await this.d.projects.authorize(p, projectId, 'read');
    const rows = await this.d.conversations.listPins(
      projectId,
      limit + 1,
      cursor ? decodeCursor(cursor) : undefined,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toPinView),
      nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  private profileOf(version: DatasetVersionRow, file: string, columns: NlqColumn[]): Promise<NlqProfile> {
    return this.profiles.get(version.id, async () => {
      const { buildNlqProfile } = await loadNlq();
      return this.d.queries.run((engine) => buildNlqProfile(engine, file, columns));
    });
  }

  /** Continuing a conversation is for its owner, about the dataset it started on. */
  private async ownConversation(p: Principal, id: string, datasetId: string): Promise<ConversationRow> {
    const c = await this.d.conversations.find(id);
    if (!c || c.user_id !== p.userId || c.dataset_id !== datasetId) {
      throw new UamError('CONVERSATION_NOT_FOUND', undefined, { conversationId: id });
    }
    return c;
  }

  /** Readable by its owner and by whoever may read its dataset; otherwise it does not exist. */
  private async readableConversation(p: Principal, id: string): Promise<ConversationRow> {
    const c = await this.d.conversations.find(id);
    if (!c) throw new UamError('CONVERSATION_NOT_FOUND', undefined, { conversationId: id });
    try {
      await this.d.access.dataset(p, c.dataset_id, 'read', { allowDeleted: true });
    } catch (e) {
      if (isUamError(e) && e.code === 'DATASET_NOT_FOUND') {
        throw new UamError('CONVERSATION_NOT_FOUND', undefined, { conversationId: id });
      }
      throw e;
    }
    return c;
  }

  private toAskError(e: unknown): unknown {
    if (isUamError(e)) return e;
    const engine = e as { name?: string; code?: string; details?: { reason?: string } };
    if (engine?.name === 'EngineError' && engine.code === 'CANCELLED') {
      return new UamError('QUERY_TIMEOUT', `The question took longer than ${this.d.queryTimeoutMs} ms`, {
        timeoutMs: this.d.queryTimeoutMs,
      });
    }
    this.d.logger.error({ err: e }, 'question failed');
    return e;
  }
}

/** The question engine's view of a version's columns (the schema written at ingest). */
export function nlqColumns(version: DatasetVersionRow): NlqColumn[] {
  const schema = (version.schema ?? []) as Array<Partial<NlqColumn> & { name: string }>;
  return schema.map((c) => ({
    name: c.name,
    storageType: c.storageType ?? 'string',
    semanticType: c.semanticType ?? 'free_text',
    ...(c.ordinalLevels ? { ordinalLevels: c.ordinalLevels } : {}),
  }));
}

const loadNlq = () => import('./nlq-engine.ts');
