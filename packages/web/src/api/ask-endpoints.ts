import type { AskAnswer, Conversation, Pin } from './ask-types.ts';
import type { ApiClient } from './client.ts';
import type { Page } from './types.ts';

export interface AskBody {
  question: string;
  version?: number;
  conversationId?: string;
}

/** Questions, conversations, suggestions and pins. */
export function createAskEndpoints(api: ApiClient) {
  const ds = (id: string) => `/datasets/${enc(id)}`;
  return {
    ask: (datasetId: string, body: AskBody, signal?: AbortSignal) =>
      api.post<AskAnswer>(`${ds(datasetId)}/ask`, body, { signal }),
    suggestions: (datasetId: string, version?: number | null) =>
      api.get<{ items: string[] }>(`${ds(datasetId)}/suggestions`, { query: { version } }),
    conversations: (datasetId: string) =>
      api.get<{ items: Conversation[] }>(`${ds(datasetId)}/conversations`),
    conversation: (id: string) =>
      api.get<{ conversation: Conversation; turns: AskAnswer[] }>(`/conversations/${enc(id)}`),
    pin: (conversationId: string, turnId: string, title?: string) =>
      api.post<{ pin: Pin }>(
        `/conversations/${enc(conversationId)}/turns/${enc(turnId)}/pin`,
        title ? { title } : {},
      ),
    pins: (projectId: string) => api.get<Page<Pin>>(`/projects/${enc(projectId)}/pins`),
  };
}

const enc = encodeURIComponent;
