import { type Kysely, sql } from 'kysely';

/**
 * Automated EDA: one `profiles` row per (dataset version, target) with its status and the
 * storage key of the profile JSON (large: chart data is inlined), `recipe_templates` saved per
 * project, and `dataset_drifts` caching drift reports between two immutable versions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('profiles')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('dataset_id', 'uuid', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('version_id', 'uuid', (c) => c.notNull().references('dataset_versions.id').onDelete('cascade'))
    // '' when the profile has no target column, so (version, target) can be unique.
    .addColumn('target', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','ready','failed')`))
    .addColumn('job_id', 'uuid')
    .addColumn('result_key', 'text')
    .addColumn('result_bytes', 'bigint')
    .addColumn('quality_score', 'double precision')
    .addColumn('summary', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('error', 'jsonb')
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('finished_at', 'timestamptz')
    .addUniqueConstraint('profiles_version_target', ['version_id', 'target'])
    .execute();
  await db.schema.createIndex('profiles_dataset').on('profiles').column('dataset_id').execute();
  await db.schema.createIndex('profiles_job').on('profiles').column('job_id').execute();

  await db.schema
    .createTable('recipe_templates')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recipe', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('recipe_templates_project')
    .on('recipe_templates')
    .columns(['project_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('dataset_drifts')
    .addColumn('from_version_id', 'uuid', (c) =>
      c.notNull().references('dataset_versions.id').onDelete('cascade'),
    )
    .addColumn('to_version_id', 'uuid', (c) =>
      c.notNull().references('dataset_versions.id').onDelete('cascade'),
    )
    .addColumn('report', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('dataset_drifts_pk', ['from_version_id', 'to_version_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dataset_drifts').ifExists().execute();
  await db.schema.dropTable('recipe_templates').ifExists().execute();
  await db.schema.dropTable('profiles').ifExists().execute();
}
