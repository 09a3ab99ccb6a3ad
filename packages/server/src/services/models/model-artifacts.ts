import type { ModelRepository } from '../../repositories/model.repository.ts';
import type { Artifact, ArtifactSource } from '../artifact.service.ts';

/** Models as project artifacts; a model's parent is the dataset it learned from. */
export class ModelArtifacts implements ArtifactSource {
  constructor(private readonly models: ModelRepository) {}

  async list(projectId: string): Promise<Artifact[]> {
    const rows = await this.models.list({ projectId, limit: 10_000 });
    return rows.map((m) => ({
      type: 'model',
      id: m.id,
      parentId: m.dataset_id,
      name: m.name,
      status: m.status,
      createdAt: m.created_at.toISOString(),
      updatedAt: m.updated_at.toISOString(),
      details: {
        algorithm: m.algorithm,
        task: m.task,
        target: m.target,
        version: m.version_number,
        primary: (m.metrics as { primary?: unknown } | null)?.primary ?? null,
      },
    }));
  }
}
