import { type DatasetRepository, int8 } from '../../repositories/dataset.repository.ts';
import type { Artifact, ArtifactSource } from '../artifact.service.ts';

/** Datasets and their versions as project artifacts (deleted datasets are left out). */
export class DatasetArtifacts implements ArtifactSource {
  constructor(private readonly datasets: DatasetRepository) {}

  async list(projectId: string): Promise<Artifact[]> {
    const datasets = await this.datasets.listDatasets({ projectId, includeDeleted: false, limit: 10_000 });
    const versions = await this.datasets.listVersionsOf(datasets.map((d) => d.id));
    const names = new Map(datasets.map((d) => [d.id, d.name]));
    return [
      ...datasets.map((d) => ({
        type: 'dataset',
        id: d.id,
        parentId: null,
        name: d.name,
        status: null,
        createdAt: d.created_at.toISOString(),
        updatedAt: d.updated_at.toISOString(),
        details: { currentVersionId: d.current_version_id, tags: d.tags },
      })),
      ...versions.map((v) => ({
        type: 'dataset_version',
        id: v.id,
        parentId: v.dataset_id,
        name: `${names.get(v.dataset_id)} v${v.number}`,
        status: v.status,
        createdAt: v.created_at.toISOString(),
        updatedAt: (v.finished_at ?? v.created_at).toISOString(),
        details: {
          number: v.number,
          rowCount: int8(v.row_count),
          columnCount: v.column_count,
          lineage: v.lineage,
        },
      })),
    ];
  }
}
