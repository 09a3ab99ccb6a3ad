import { type Kysely, sql } from 'kysely';

/**
 * Datasets, their immutable versions, and `search_documents`: one full-text row per searchable
 * artifact (datasets now; profiles, models and reports later), so one ranked query serves
 * `GET /search` whatever the artifact kind. Plain `tsvector` + GIN works the same on PGlite and
 * PostgreSQL; the repository writes the vector with weights (name A, tags A, description B,
 * column names C) because a generated column cannot call the non-immutable array functions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('datasets')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('current_version_id', 'uuid')
    // Last version number handed out; bumped with UPDATE ... RETURNING so concurrent uploads
    // serialise on the dataset row and get distinct, increasing numbers.
    .addColumn('version_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('purge_after', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('datasets_project')
    .on('datasets')
    .columns(['project_id', 'created_at', 'id'])
    .execute();
  await sql`create index datasets_purge on datasets (purge_after) where deleted_at is not null`.execute(db);

  await db.schema
    .createTable('dataset_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('dataset_id', 'uuid', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','ready','failed')`))
    .addColumn('source_file_name', 'text')
    .addColumn('raw_key', 'text')
    .addColumn('raw_bytes', 'bigint')
    .addColumn('content_hash', 'text')
    // sha256 of (content hash, parse options): equal keys would yield the same version.
    .addColumn('dedupe_key', 'text')
    .addColumn('parquet_key', 'text')
    .addColumn('parquet_bytes', 'bigint')
    .addColumn('row_count', 'bigint')
    .addColumn('column_count', 'integer')
    .addColumn('schema', 'jsonb')
    .addColumn('stats', 'jsonb')
    .addColumn('warnings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('lineage', 'jsonb', (c) => c.notNull())
    .addColumn('parse_options', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // No foreign key: the job row is created right after the version commits (with this id).
    .addColumn('job_id', 'uuid')
    .addColumn('error', 'jsonb')
    .addColumn('duplicate_of', 'uuid', (c) => c.references('dataset_versions.id').onDelete('set null'))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('finished_at', 'timestamptz')
    .addUniqueConstraint('dataset_versions_number', ['dataset_id', 'number'])
    .execute();
  // The same bytes with the same options are one version: a second upload finds the first.
  await sql`create unique index dataset_versions_dedupe on dataset_versions (dataset_id, dedupe_key)
    where status <> 'failed' and dedupe_key is not null`.execute(db);
  await db.schema.createIndex('dataset_versions_job').on('dataset_versions').column('job_id').execute();
  await sql`create index dataset_versions_pending on dataset_versions (created_at) where status = 'pending'`.execute(
    db,
  );
  await sql`alter table datasets add constraint datasets_current_version
    foreign key (current_version_id) references dataset_versions(id) on delete set null`.execute(db);

  await db.schema
    .createTable('search_documents')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'uuid', (c) => c.notNull())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .addColumn('hidden', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('search_documents_pk', ['entity_type', 'entity_id'])
    .execute();
  await sql`create index search_documents_document on search_documents using gin (document)`.execute(db);
  await db.schema
    .createIndex('search_documents_project')
    .on('search_documents')
    .column('project_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_documents').ifExists().execute();
  await sql`alter table datasets drop constraint if exists datasets_current_version`.execute(db);
  await db.schema.dropTable('dataset_versions').ifExists().execute();
  await db.schema.dropTable('datasets').ifExists().execute();
}
