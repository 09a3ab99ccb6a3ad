import type { Principal } from './principal.ts';
import type { ProjectService } from './project.service.ts';

/** One thing a project holds, in a shape every artifact kind shares. */
export interface Artifact {
  /** `dataset`, `dataset_version`; later `profile`, `model`, `report`. */
  type: string;
  id: string;
  /** The artifact this one belongs to or derives from (a version's dataset, a model's data). */
  parentId: string | null;
  name: string;
  status: string | null;
  createdAt: string;
  updatedAt: string;
  details: Record<string, unknown>;
}

/** A kind of artifact; each domain registers one, so this service never learns their tables. */
export interface ArtifactSource {
  list(projectId: string): Promise<Artifact[]>;
}

/** `GET /projects/:id/artifacts`: everything a project holds, newest first. */
export class ArtifactService {
  private readonly sources: ArtifactSource[] = [];

  constructor(private readonly projects: ProjectService) {}

  register(source: ArtifactSource): this {
    this.sources.push(source);
    return this;
  }

  async list(p: Principal, projectId: string, type?: string): Promise<Artifact[]> {
    await this.projects.authorize(p, projectId, 'read');
    const all = (await Promise.all(this.sources.map((s) => s.list(projectId)))).flat();
    const items = type ? all.filter((a) => a.type === type) : all;
    return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  }
}
