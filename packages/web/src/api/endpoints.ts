import { createAskEndpoints } from './ask-endpoints.ts';
import type { ApiClient } from './client.ts';
import { createDatasetEndpoints, createSearchEndpoints } from './dataset-endpoints.ts';
import { createModelEndpoints } from './model-endpoints.ts';
import { createProfileEndpoints } from './profile-endpoints.ts';
import type {
  ApiKey,
  AuthResponse,
  Job,
  JobType,
  Page,
  PlatformRole,
  Project,
  ProjectMember,
  ProjectRole,
  User,
} from './types.ts';

export interface ListQuery {
  limit?: number;
  cursor?: string | null;
}

/** One typed function per API operation the web app uses. */
export function createEndpoints(api: ApiClient) {
  return {
    auth: {
      register: (body: { email: string; password: string; name: string }) =>
        api.post<AuthResponse>('/auth/register', body),
      login: (body: { email: string; password: string }) => api.post<AuthResponse>('/auth/login', body),
      logout: (refreshToken: string) => api.post<void>('/auth/logout', { refreshToken }),
      me: () => api.get<{ user: User }>('/auth/me'),
    },
    projects: {
      list: (q: ListQuery = {}) => api.get<Page<Project>>('/projects', { query: { ...q } }),
      get: (id: string) => api.get<{ project: Project }>(`/projects/${enc(id)}`),
      create: (body: { name: string; description?: string }) =>
        api.post<{ project: Project }>('/projects', body),
      update: (id: string, body: { name?: string; description?: string }) =>
        api.patch<{ project: Project }>(`/projects/${enc(id)}`, body),
      remove: (id: string) => api.delete(`/projects/${enc(id)}`),
      members: (id: string) => api.get<{ items: ProjectMember[] }>(`/projects/${enc(id)}/members`),
      addMember: (id: string, body: { email: string; role: ProjectRole }) =>
        api.post<unknown>(`/projects/${enc(id)}/members`, body),
      removeMember: (id: string, userId: string) => api.delete(`/projects/${enc(id)}/members/${enc(userId)}`),
    },
    jobs: {
      list: (q: ListQuery & { projectId?: string | null } = {}) =>
        api.get<Page<Job>>('/jobs', { query: { ...q } }),
      get: (id: string) => api.get<{ job: Job }>(`/jobs/${enc(id)}`),
      create: (body: { type: JobType; projectId?: string; payload: Record<string, unknown> }) =>
        api.post<{ job: Job }>('/jobs', body),
      cancel: (id: string) => api.post<{ job: Job }>(`/jobs/${enc(id)}/cancel`),
    },
    users: {
      list: () => api.get<{ items: User[] }>('/users'),
      create: (body: { email: string; name: string; password: string; role: PlatformRole }) =>
        api.post<{ user: User }>('/users', body),
      update: (id: string, body: { role?: PlatformRole; disabled?: boolean; name?: string }) =>
        api.patch<{ user: User }>(`/users/${enc(id)}`, body),
      remove: (id: string) => api.delete(`/users/${enc(id)}`),
    },
    datasets: createDatasetEndpoints(api),
    search: createSearchEndpoints(api),
    eda: createProfileEndpoints(api),
    ask: createAskEndpoints(api),
    models: createModelEndpoints(api),
    apiKeys: {
      list: () => api.get<{ items: ApiKey[] }>('/api-keys'),
      create: (name: string) => api.post<{ apiKey: ApiKey; key: string }>('/api-keys', { name }),
      revoke: (id: string) => api.delete(`/api-keys/${enc(id)}`),
    },
  };
}

export type Endpoints = ReturnType<typeof createEndpoints>;

const enc = encodeURIComponent;
