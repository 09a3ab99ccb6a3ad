import type { ProfileRepository } from '../../repositories/profile.repository.ts';
import type { Artifact, ArtifactSource } from '../artifact.service.ts';

/** Profiles of a project's live datasets as artifacts (parent: the dataset version). */
export class ProfileArtifacts implements ArtifactSource {
  constructor(private readonly profiles: ProfileRepository) {}

  async list(projectId: string): Promise<Artifact[]> {
    const rows = await this.profiles.listOfProject(projectId);
    return rows.map((r) => ({
      type: 'profile',
      id: r.id,
      parentId: r.version_id,
      name: `${r.datasetName} v${r.number} profile${r.target ? ` (target ${r.target})` : ''}`,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      details: {
        datasetId: r.dataset_id,
        version: r.number,
        target: r.target || null,
        qualityScore: r.quality_score,
        summary: r.summary,
      },
    }));
  }
}
