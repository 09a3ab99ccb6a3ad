import { int8 } from '../../repositories/dataset.repository.ts';
import type { ModelRow } from '../../repositories/model.repository.ts';

/** A model as the API answers: `report` (curves, confusion matrix, importance) only in detail. */
export interface ModelView {
  id: string;
  projectId: string;
  datasetId: string;
  datasetVersionId: string;
  version: number;
  name: string;
  target: string | null;
  task: string;
  algorithm: string;
  params: Record<string, unknown>;
  validation: Record<string, unknown>;
  status: 'training' | 'ready' | 'failed';
  metrics: Record<string, unknown> | null;
  report?: Record<string, unknown> | null;
  features: unknown[];
  warnings: unknown[];
  artifactBytes: number | null;
  jobId: string | null;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export function toModelView(r: ModelRow, detail = false): ModelView {
  return {
    id: r.id,
    projectId: r.project_id,
    datasetId: r.dataset_id,
    datasetVersionId: r.dataset_version_id,
    version: r.version_number,
    name: r.name,
    target: r.target,
    task: r.task,
    algorithm: r.algorithm,
    params: r.params,
    validation: r.validation,
    status: r.status,
    metrics: r.metrics,
    ...(detail ? { report: r.report } : {}),
    features: r.features,
    warnings: r.warnings,
    artifactBytes: int8(r.artifact_bytes),
    jobId: r.job_id,
    error: r.error,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
  };
}
