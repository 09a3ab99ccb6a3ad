import { int8 } from '../../repositories/dataset.repository.ts';
import type { ProfileRow, RecipeTemplateRow } from '../../repositories/profile.repository.ts';

export interface ProfileView {
  id: string;
  datasetId: string;
  versionId: string;
  version: number;
  target: string | null;
  status: 'pending' | 'ready' | 'failed';
  jobId: string | null;
  qualityScore: number | null;
  summary: Record<string, unknown>;
  resultBytes: number | null;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export function toProfileView(r: ProfileRow, versionNumber: number): ProfileView {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    versionId: r.version_id,
    version: versionNumber,
    target: r.target === '' ? null : r.target,
    status: r.status,
    jobId: r.job_id,
    qualityScore: r.quality_score,
    summary: r.summary,
    resultBytes: int8(r.result_bytes),
    error: r.error,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

export interface RecipeTemplateView {
  id: string;
  projectId: string;
  name: string;
  description: string;
  recipe: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export function toTemplateView(r: RecipeTemplateRow): RecipeTemplateView {
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    description: r.description,
    recipe: r.recipe,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
