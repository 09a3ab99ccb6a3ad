import type { ApiClient } from './client.ts';
import type {
  CleanApplied,
  CleanPreview,
  DriftAnswer,
  ProfileAnswer,
  ProfileInfo,
  Recipe,
  RecipeTemplate,
} from './profile-types.ts';
import type { Job } from './types.ts';

/** Profiles, cleaning recipes (preview, apply, auto, templates) and drift. */
export function createProfileEndpoints(api: ApiClient) {
  const ds = (id: string) => `/datasets/${enc(id)}`;
  return {
    profile: (datasetId: string, version?: number | null) =>
      // The screens draw their charts from the statistics; only the scatter plots need the
      // sampled points inlined in the Vega-Lite specs.
      api.get<ProfileAnswer>(`${ds(datasetId)}/profile`, {
        query: { version: version ?? undefined, charts: 'scatter' },
      }),
    startProfile: (datasetId: string, body: { version?: number; target?: string }) =>
      api.post<{ profile: ProfileInfo; job: Job | null }>(`${ds(datasetId)}/profile`, body),
    preview: (datasetId: string, body: { recipe: Recipe; version?: number }, signal?: AbortSignal) =>
      api.post<CleanPreview>(`${ds(datasetId)}/clean`, { ...body, preview: true }, { signal }),
    apply: (datasetId: string, body: { recipe?: Recipe; recipeId?: string; version?: number }) =>
      api.post<CleanApplied>(`${ds(datasetId)}/clean`, body),
    propose: (datasetId: string, version?: number) =>
      api.post<{ mode: 'auto'; recipe: Recipe; sourceVersion: number }>(`${ds(datasetId)}/clean`, {
        auto: true,
        version,
      }),
    drift: (datasetId: string, from: number, to: number) =>
      api.get<DriftAnswer>(`${ds(datasetId)}/drift`, { query: { from, to } }),
    recipes: (projectId: string) =>
      api.get<{ items: RecipeTemplate[] }>(`/projects/${enc(projectId)}/recipes`),
    saveRecipe: (projectId: string, body: { name: string; description?: string; recipe: Recipe }) =>
      api.post<{ recipe: RecipeTemplate }>(`/projects/${enc(projectId)}/recipes`, body),
    deleteRecipe: (id: string) => api.delete(`/recipes/${enc(id)}`),
  };
}

const enc = encodeURIComponent;
