import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps are written as Date and read back as Date by both PGlite and pg. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp column with a database default (`now()`). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type PlatformRole = 'admin' | 'analyst' | 'viewer';
export type ProjectRole = 'owner' | 'editor' | 'viewer';
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface OrganizationTable {
  id: string;
  name: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  disabled: Generated<boolean>;
  last_login_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** A user's organization and platform role (one organization per user for now). */
export interface MembershipTable {
  user_id: string;
  org_id: string;
  role: PlatformRole;
  created_at: DefaultTimestamp;
}

export interface ProjectTable {
  id: string;
  org_id: string;
  name: string;
  description: Generated<string>;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ProjectMemberTable {
  project_id: string;
  user_id: string;
  role: ProjectRole;
  created_at: DefaultTimestamp;
}

export interface RefreshTokenTable {
  id: string;
  user_id: string;
  family_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface ApiKeyTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface JobTable {
  id: string;
  type: string;
  status: JobStatus;
  org_id: string | null;
  project_id: string | null;
  created_by: string | null;
  payload: Json<Record<string, unknown>>;
  progress: Generated<number>;
  message: string | null;
  result: Json<unknown> | null;
  error: Json<{ code: string; message: string; details?: Record<string, unknown> }> | null;
  attempts: Generated<number>;
  max_attempts: number;
  backoff_ms: number;
  cancel_requested: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: DefaultTimestamp;
  org_id: string | null;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  outcome: 'success' | 'failure';
  status_code: number | null;
  request_id: string | null;
  details: Json<Record<string, unknown>>;
}

/** Server-wide settings, e.g. the generated JWT secret, shared by every API replica. */
export interface SettingTable {
  key: string;
  value: string;
  created_at: DefaultTimestamp;
}

export type DatasetVersionStatus = 'pending' | 'ready' | 'failed';
/** Postgres returns int8 as a string (pg) or a number/bigint (PGlite): read it with Number(). */
type Int8 = ColumnType<string | number | bigint, number, number>;

export interface DatasetTable {
  id: string;
  project_id: string;
  name: string;
  description: Generated<string>;
  tags: ColumnType<string[], string | undefined, string>;
  current_version_id: string | null;
  version_seq: Generated<number>;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  deleted_at: Timestamp | null;
  purge_after: Timestamp | null;
}

export interface DatasetVersionTable {
  id: string;
  dataset_id: string;
  number: number;
  status: DatasetVersionStatus;
  source_file_name: string | null;
  raw_key: string | null;
  raw_bytes: Int8 | null;
  content_hash: string | null;
  dedupe_key: string | null;
  parquet_key: string | null;
  parquet_bytes: Int8 | null;
  row_count: Int8 | null;
  column_count: number | null;
  schema: Json<unknown[]> | null;
  stats: Json<Record<string, unknown>> | null;
  warnings: ColumnType<unknown[], string | undefined, string>;
  lineage: Json<Record<string, unknown>>;
  parse_options: ColumnType<Record<string, unknown>, string | undefined, string>;
  job_id: string | null;
  error: Json<{ code: string; message: string; details?: Record<string, unknown> }> | null;
  duplicate_of: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  finished_at: Timestamp | null;
}

/** One full-text row per searchable artifact; `document` is a tsvector written by SQL. */
export interface SearchDocumentTable {
  entity_type: string;
  entity_id: string;
  project_id: string;
  title: string;
  summary: Generated<string>;
  document: ColumnType<string, never, never>;
  hidden: Generated<boolean>;
  updated_at: DefaultTimestamp;
}

export type ProfileStatus = 'pending' | 'ready' | 'failed';

/** A profile of one dataset version (and target); the profile JSON itself is in storage. */
export interface ProfileTable {
  id: string;
  dataset_id: string;
  version_id: string;
  /** '' when there is no target column. */
  target: Generated<string>;
  status: ProfileStatus;
  job_id: string | null;
  result_key: string | null;
  result_bytes: Int8 | null;
  quality_score: number | null;
  summary: ColumnType<Record<string, unknown>, string | undefined, string>;
  error: Json<{ code: string; message: string; details?: Record<string, unknown> }> | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  finished_at: Timestamp | null;
}

/** A cleaning recipe saved in a project, to re-apply to other versions. */
export interface RecipeTemplateTable {
  id: string;
  project_id: string;
  name: string;
  description: Generated<string>;
  recipe: Json<Record<string, unknown>>;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** Drift reports between two immutable versions, computed once. */
export interface DatasetDriftTable {
  from_version_id: string;
  to_version_id: string;
  report: Json<Record<string, unknown>>;
  created_at: DefaultTimestamp;
}

/** A conversation with one dataset ("Ask your data"); `state` is the question engine's context. */
export interface ConversationTable {
  id: string;
  project_id: string;
  dataset_id: string;
  user_id: string;
  title: Generated<string>;
  state: Json<Record<string, unknown>>;
  turn_seq: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ConversationTurnTable {
  id: string;
  conversation_id: string;
  seq: number;
  question: string;
  status: 'answered' | 'clarify' | 'unanswerable';
  version_number: number;
  answer: Json<Record<string, unknown>>;
  plan: Json<Record<string, unknown>> | null;
  sql: Generated<string>;
  planner: Generated<string>;
  duration_ms: Generated<number>;
  created_at: DefaultTimestamp;
}

/** An answer pinned for reports: a copy, so it outlives its conversation. */
export interface PinTable {
  id: string;
  project_id: string;
  dataset_id: string;
  conversation_id: string | null;
  turn_id: string | null;
  version_number: number;
  title: string;
  question: string;
  answer: Json<Record<string, unknown>>;
  created_by: string;
  created_at: DefaultTimestamp;
}

export type ModelStatus = 'training' | 'ready' | 'failed';
export type ModelTask = 'classification' | 'regression' | 'clustering' | 'decomposition' | 'anomaly';

/** A trained model (one training run); the fitted pipeline is the stored artifact. */
export interface ModelTable {
  id: string;
  project_id: string;
  dataset_id: string;
  dataset_version_id: string;
  version_number: number;
  name: string;
  target: string | null;
  task: ModelTask;
  algorithm: string;
  params: ColumnType<Record<string, unknown>, string | undefined, string>;
  validation: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: ModelStatus;
  metrics: Json<Record<string, unknown>> | null;
  report: Json<Record<string, unknown>> | null;
  features: ColumnType<unknown[], string | undefined, string>;
  warnings: ColumnType<unknown[], string | undefined, string>;
  artifact_key: string;
  artifact_bytes: Int8 | null;
  job_id: string | null;
  error: Json<{ code: string; message: string; details?: Record<string, unknown> }> | null;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  finished_at: Timestamp | null;
}

export interface Database {
  organizations: OrganizationTable;
  users: UserTable;
  memberships: MembershipTable;
  projects: ProjectTable;
  project_members: ProjectMemberTable;
  refresh_tokens: RefreshTokenTable;
  api_keys: ApiKeyTable;
  jobs: JobTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
  datasets: DatasetTable;
  dataset_versions: DatasetVersionTable;
  search_documents: SearchDocumentTable;
  conversations: ConversationTable;
  conversation_turns: ConversationTurnTable;
  pins: PinTable;
  profiles: ProfileTable;
  recipe_templates: RecipeTemplateTable;
  dataset_drifts: DatasetDriftTable;
  models: ModelTable;
}

export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type ProjectRow = Selectable<ProjectTable>;
export type JobRow = Selectable<JobTable>;
export type JobUpdate = Updateable<JobTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type RefreshTokenRow = Selectable<RefreshTokenTable>;
export type DatasetRow = Selectable<DatasetTable>;
export type DatasetVersionRow = Selectable<DatasetVersionTable>;
export type ProfileRow = Selectable<ProfileTable>;
export type RecipeTemplateRow = Selectable<RecipeTemplateTable>;
export type ConversationRow = Selectable<ConversationTable>;
export type ConversationTurnRow = Selectable<ConversationTurnTable>;
export type PinRow = Selectable<PinTable>;
export type ModelRow = Selectable<ModelTable>;
