/**
 * Cross-process notifications: job updates for the WebSocket stream and cancel requests for
 * workers. In-memory in embedded mode, Redis pub/sub when REDIS_URL is set. Messages are
 * hints; the metadata DB stays the truth.
 */
export type BusMessage = { kind: 'job.updated'; job: JobEvent } | { kind: 'job.cancel'; jobId: string };

/** What clients see of a job on the event stream (same shape as the REST job object). */
export interface JobEvent {
  id: string;
  type: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: number;
  message: string | null;
  result: unknown;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
  orgId: string | null;
  projectId: string | null;
  createdBy: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface EventBus {
  publish(message: BusMessage): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(listener: (message: BusMessage) => void): () => void;
  close(): Promise<void>;
}
