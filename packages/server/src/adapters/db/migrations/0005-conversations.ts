import { type Kysely, sql } from 'kysely';

/**
 * "Ask your data": conversations with a dataset, their turns, and pinned answers.
 *
 * A conversation belongs to one user, one dataset (and so one project). `state` is the
 * question engine's context (the last answered plan, a pending clarification) as a plain JSON
 * value, so follow-ups work across API replicas and restarts. Turns are append-only; `seq` is
 * handed out by bumping `turn_seq` on the conversation row (like `datasets.version_seq`), so
 * concurrent questions in one conversation get distinct, increasing numbers.
 *
 * A pin copies the answer it pins: reports read pins without re-running anything, and the pin
 * survives the conversation being deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('dataset_id', 'uuid', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .addColumn('turn_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('conversations_dataset_user')
    .on('conversations')
    .columns(['dataset_id', 'user_id', 'updated_at'])
    .execute();

  await db.schema
    .createTable('conversation_turns')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('conversation_id', 'uuid', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('answered','clarify','unanswerable')`),
    )
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('answer', 'jsonb', (c) => c.notNull())
    .addColumn('plan', 'jsonb')
    .addColumn('sql', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('planner', 'text', (c) => c.notNull().defaultTo('builtin'))
    .addColumn('duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('conversation_turns_seq', ['conversation_id', 'seq'])
    .execute();

  await db.schema
    .createTable('pins')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('dataset_id', 'uuid', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('conversation_id', 'uuid', (c) => c.references('conversations.id').onDelete('set null'))
    .addColumn('turn_id', 'uuid', (c) => c.references('conversation_turns.id').onDelete('set null'))
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('pins_project')
    .on('pins')
    .columns(['project_id', 'created_at', 'id'])
    .execute();
  // Pinning the same turn twice is one pin.
  await sql`create unique index pins_turn on pins (turn_id) where turn_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pins').execute();
  await db.schema.dropTable('conversation_turns').execute();
  await db.schema.dropTable('conversations').execute();
}
