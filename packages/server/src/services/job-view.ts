import type { JobRow } from '../adapters/db/schema.ts';
import type { JobEvent } from '../adapters/events/event-bus.ts';

/** The public shape of a job: the REST object and the event-stream payload are the same. */
export type JobView = JobEvent;

export function toJobView(row: JobRow): JobView {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    progress: row.progress,
    message: row.message,
    result: row.result ?? null,
    error: row.error ?? null,
    orgId: row.org_id,
    projectId: row.project_id,
    createdBy: row.created_by,
    attempts: row.attempts,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    startedAt: row.started_at ? row.started_at.toISOString() : null,
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
  };
}
