/** Shapes of the UAM REST API (`/api/v1`), mirrored by hand from the server's contract. */

export type PlatformRole = 'admin' | 'analyst' | 'viewer';
export type ProjectRole = 'owner' | 'editor' | 'viewer';
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type JobType = 'sleep' | 'echo';

export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: PlatformRole;
  orgId: string;
  orgName: string;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface AuthResponse {
  user: User;
  accessToken: string;
  refreshToken: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Project {
  id: string;
  name: string;
  description: string;
  orgId: string;
  createdBy: string;
  /** The caller's role in this project; null when they see it only through the organization. */
  role: ProjectRole | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectMember {
  userId: string;
  email: string;
  name: string;
  role: ProjectRole;
}

export interface Job {
  id: string;
  type: string;
  status: JobStatus;
  /** 0..1 */
  progress: number;
  message: string | null;
  result: unknown;
  error: ErrorBody | null;
  orgId: string | null;
  projectId: string | null;
  createdBy: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Messages the server pushes on `/api/v1/events`. */
export type ServerEvent =
  | { type: 'ready' }
  | { type: 'job.updated'; job: Job }
  | { type: 'error'; error: ErrorBody };

export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];
