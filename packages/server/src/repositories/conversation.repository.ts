import type { Db } from '../adapters/db/database.ts';
import type { ConversationRow, ConversationTurnRow, PinRow } from '../adapters/db/schema.ts';

export type { ConversationRow, ConversationTurnRow, PinRow };

export interface NewConversation {
  id: string;
  projectId: string;
  datasetId: string;
  userId: string;
  title: string;
  state: Record<string, unknown>;
}

export interface NewTurn {
  id: string;
  conversationId: string;
  question: string;
  status: ConversationTurnRow['status'];
  versionNumber: number;
  answer: Record<string, unknown>;
  plan: Record<string, unknown> | null;
  sql: string;
  planner: string;
  durationMs: number;
}

export interface NewPin {
  id: string;
  projectId: string;
  datasetId: string;
  conversationId: string;
  turnId: string;
  versionNumber: number;
  title: string;
  question: string;
  answer: Record<string, unknown>;
  createdBy: string;
}

/** Every SQL statement about conversations, their turns and pinned answers. */
export class ConversationRepository {
  constructor(private readonly db: Db) {}

  async create(c: NewConversation): Promise<ConversationRow> {
    return this.db
      .insertInto('conversations')
      .values({
        id: c.id,
        project_id: c.projectId,
        dataset_id: c.datasetId,
        user_id: c.userId,
        title: c.title,
        state: JSON.stringify(c.state),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  find(id: string): Promise<ConversationRow | undefined> {
    return this.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * One transaction: number the turn by bumping the conversation's sequence (which serialises
   * concurrent turns of one conversation), store it, and save the engine's new context.
   */
  async appendTurn(t: NewTurn, state: Record<string, unknown>): Promise<ConversationTurnRow> {
    return this.db.transaction().execute(async (tx) => {
      const { turn_seq } = await tx
        .updateTable('conversations')
        .set((eb) => ({
          turn_seq: eb('turn_seq', '+', 1),
          state: JSON.stringify(state),
          updated_at: new Date(),
        }))
        .where('id', '=', t.conversationId)
        .returning('turn_seq')
        .executeTakeFirstOrThrow();
      return tx
        .insertInto('conversation_turns')
        .values({
          id: t.id,
          conversation_id: t.conversationId,
          seq: turn_seq,
          question: t.question,
          status: t.status,
          version_number: t.versionNumber,
          answer: JSON.stringify(t.answer),
          plan: t.plan ? JSON.stringify(t.plan) : null,
          sql: t.sql,
          planner: t.planner,
          duration_ms: Math.round(t.durationMs),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  turns(conversationId: string, limit = 500): Promise<ConversationTurnRow[]> {
    return this.db
      .selectFrom('conversation_turns')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute();
  }

  findTurn(conversationId: string, turnId: string): Promise<ConversationTurnRow | undefined> {
    return this.db
      .selectFrom('conversation_turns')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('id', '=', turnId)
      .executeTakeFirst();
  }

  /** The user's conversations with a dataset, most recently used first. */
  listForDataset(datasetId: string, userId: string, limit: number): Promise<ConversationRow[]> {
    return this.db
      .selectFrom('conversations')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .where('user_id', '=', userId)
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /** Insert the pin, or return the one that already pins this turn. */
  async pin(p: NewPin): Promise<{ pin: PinRow; created: boolean }> {
    const inserted = await this.db
      .insertInto('pins')
      .values({
        id: p.id,
        project_id: p.projectId,
        dataset_id: p.datasetId,
        conversation_id: p.conversationId,
        turn_id: p.turnId,
        version_number: p.versionNumber,
        title: p.title,
        question: p.question,
        answer: JSON.stringify(p.answer),
        created_by: p.createdBy,
      })
      .onConflict((oc) => oc.column('turn_id').where('turn_id', 'is not', null).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { pin: inserted, created: true };
    const existing = await this.db
      .selectFrom('pins')
      .selectAll()
      .where('turn_id', '=', p.turnId)
      .executeTakeFirstOrThrow();
    return { pin: existing, created: false };
  }

  /** Pins of a project, newest first; `before` is a keyset cursor. */
  listPins(projectId: string, limit: number, before?: { createdAt: Date; id: string }): Promise<PinRow[]> {
    let q = this.db.selectFrom('pins').selectAll().where('project_id', '=', projectId);
    if (before) {
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '<', before.createdAt),
          eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
        ]),
      );
    }
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }
}
