import { type Kysely, sql } from 'kysely';

/**
 * Trained models: one row per training run, tied to the dataset version it learned from. The
 * fitted pipeline lives in storage (`artifact_key`); the row keeps what lists and pages show
 * (status, metrics, curves, feature importance) so they never load an artifact.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('models')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('dataset_id', 'uuid', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('dataset_version_id', 'uuid', (c) =>
      c.notNull().references('dataset_versions.id').onDelete('cascade'),
    )
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('task', 'text', (c) =>
      c.notNull().check(sql`task in ('classification','regression','clustering','decomposition','anomaly')`),
    )
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('validation', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('training','ready','failed')`))
    .addColumn('metrics', 'jsonb')
    // Curves, confusion matrix, feature importance, training history: the model page's charts.
    .addColumn('report', 'jsonb')
    .addColumn('features', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('warnings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('artifact_key', 'text', (c) => c.notNull())
    .addColumn('artifact_bytes', 'bigint')
    .addColumn('job_id', 'uuid')
    .addColumn('error', 'jsonb')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('models_project')
    .on('models')
    .columns(['project_id', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('models_dataset').on('models').column('dataset_id').execute();
  await db.schema.createIndex('models_job').on('models').column('job_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('models').ifExists().execute();
}
