import { type SearchRepository, toPrefixQuery } from '../repositories/search.repository.ts';
import { isAdmin, type Principal } from './principal.ts';

export interface SearchResult {
  /** Artifact kind: `dataset` now; profiles, models and reports index themselves the same way. */
  type: string;
  id: string;
  projectId: string;
  projectName: string;
  title: string;
  summary: string;
  rank: number;
  updatedAt: string;
}

/** Ranked full-text search over every artifact the caller may read, across their projects. */
export class SearchService {
  constructor(private readonly search: SearchRepository) {}

  async query(p: Principal, text: string, limit: number): Promise<SearchResult[]> {
    const tsquery = toPrefixQuery(text);
    if (!tsquery) return [];
    const hits = await this.search.search(
      { orgId: p.orgId, userId: p.userId, all: isAdmin(p) },
      tsquery,
      limit,
    );
    return hits.map((h) => ({
      type: h.entityType,
      id: h.entityId,
      projectId: h.projectId,
      projectName: h.projectName,
      title: h.title,
      summary: h.summary,
      rank: Math.round(h.rank * 1e6) / 1e6,
      updatedAt: h.updatedAt.toISOString(),
    }));
  }
}
