import type { ApiClient } from './client.ts';
import type { Model, PredictAnswer, TrainAccepted, TrainBody } from './model-types.ts';
import type { Page } from './types.ts';

/** Training, the model registry and predictions. */
export function createModelEndpoints(api: ApiClient) {
  return {
    list: (projectId: string, q: { limit?: number; cursor?: string | null; datasetId?: string } = {}) =>
      api.get<Page<Model>>(`/projects/${enc(projectId)}/models`, { query: { ...q } }),
    get: (id: string) => api.get<{ model: Model }>(`/models/${enc(id)}`),
    train: (body: TrainBody) => api.post<TrainAccepted>('/models/train', body),
    remove: (id: string) => api.delete(`/models/${enc(id)}`),
    predict: (id: string, rows: Record<string, unknown>[]) =>
      api.post<PredictAnswer>(`/models/${enc(id)}/predict`, { rows }),
  };
}

const enc = encodeURIComponent;
