import type { Storage } from '../../adapters/storage/storage.ts';
import type { SerializedError } from '../../errors/index.ts';
import type { Logger } from '../../logger.ts';
import type { DatasetRepository, DatasetRow } from '../../repositories/dataset.repository.ts';
import type { SearchRepository } from '../../repositories/search.repository.ts';
import { toPrefixQuery } from '../../repositories/search.repository.ts';
import { decodeCursor, encodeCursor, type Page } from '../pagination.ts';
import type { Principal } from '../principal.ts';
import type { ProjectService } from '../project.service.ts';
import type { DatasetAccess } from './dataset-access.ts';
import { datasetPrefix } from './dataset-keys.ts';
import { type DatasetVersionView, type DatasetView, toDatasetView, toVersionView } from './dataset-view.ts';

export interface DatasetServiceDeps {
  datasets: DatasetRepository;
  search: SearchRepository;
  projects: ProjectService;
  access: DatasetAccess;
  storage: Storage;
  logger: Logger;
  /** How long a deleted dataset can be restored before the purge removes it and its files. */
  retentionDays: number;
}

export interface DatasetListQuery {
  q?: string;
  limit: number;
  cursor?: string;
  includeDeleted: boolean;
}

/** A dataset with its current version (schema included), as `GET /datasets/:id` answers. */
export interface DatasetDetail {
  dataset: DatasetView;
  currentVersion: DatasetVersionView | null;
}

/**
 * Datasets as use cases: list, read, rename/describe/tag, soft delete, restore and purge, and
 * version listings. Uploads and new versions are `DatasetUploadService`; rows and exports
 * `DatasetQueryService`. Each keeps the dataset's search document in step.
 */
export class DatasetService {
  constructor(private readonly d: DatasetServiceDeps) {}

  async list(p: Principal, projectId: string, query: DatasetListQuery): Promise<Page<DatasetView>> {
    await this.d.projects.authorize(p, projectId, 'read');
    const words = query.q ? toPrefixQuery(query.q) : undefined;
    if (query.q !== undefined && query.q.trim() !== '') {
      // A text query answers one ranked page (no cursor): relevance has no stable keyset.
      if (!words) return { items: [], nextCursor: null };
      const hits = await this.d.search.search(
        { orgId: p.orgId, userId: p.userId, all: true, projectId, includeHidden: query.includeDeleted },
        words,
        query.limit,
        'dataset',
      );
      const rows = await this.d.datasets.listDatasets({
        projectId,
        includeDeleted: query.includeDeleted,
        limit: query.limit,
        ids: hits.map((h) => h.entityId),
      });
      const order = new Map(hits.map((h, i) => [h.entityId, i]));
      rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      return { items: rows.map(toDatasetView), nextCursor: null };
    }
    const rows = await this.d.datasets.listDatasets({
      projectId,
      includeDeleted: query.includeDeleted,
      limit: query.limit + 1,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
    });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map(toDatasetView),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  async get(p: Principal, id: string): Promise<DatasetDetail> {
    const dataset = await this.d.access.dataset(p, id, 'read', { allowDeleted: true });
    const current = dataset.current_version_id
      ? await this.d.datasets.findVersion(dataset.current_version_id)
      : undefined;
    return { dataset: toDatasetView(dataset), currentVersion: current ? toVersionView(current) : null };
  }

  async update(
    p: Principal,
    id: string,
    patch: { name?: string; description?: string; tags?: string[] },
  ): Promise<DatasetView> {
    await this.d.access.dataset(p, id, 'write');
    const tags = patch.tags ? normalizeTags(patch.tags) : undefined;
    const row = await this.d.datasets.updateDataset(id, { ...patch, tags });
    await this.refreshSearch(row!);
    return toDatasetView(row!);
  }

  /** Soft delete: hidden at once, restorable until `purgeAfter`, then purged with its files. */
  async delete(p: Principal, id: string): Promise<DatasetView> {
    await this.d.access.dataset(p, id, 'write');
    const purgeAfter = new Date(Date.now() + this.d.retentionDays * 24 * 3600_000);
    const row = await this.d.datasets.softDelete(id, purgeAfter);
    await this.d.search.setHidden('dataset', id, true);
    return toDatasetView(row!);
  }

  async restore(p: Principal, id: string): Promise<DatasetView> {
    const dataset = await this.d.access.dataset(p, id, 'write', { allowDeleted: true });
    const row = (await this.d.datasets.restore(id)) ?? dataset;
    await this.d.search.setHidden('dataset', id, false);
    return toDatasetView(row);
  }

  async versions(p: Principal, id: string): Promise<DatasetVersionView[]> {
    await this.d.access.dataset(p, id, 'read');
    return (await this.d.datasets.listVersions(id)).map((v) => toVersionView(v, false));
  }

  async version(p: Principal, id: string, number: number): Promise<DatasetVersionView> {
    const dataset = await this.d.access.dataset(p, id, 'read');
    return toVersionView(await this.d.access.version(dataset, number));
  }

  /**
   * Remove datasets whose grace period ended: their storage folder first, then the rows, so a
   * failure half-way is finished by the next sweep rather than leaving files nobody owns.
   */
  async purge(now: Date = new Date(), batch = 100): Promise<number> {
    let purged = 0;
    for (const dataset of await this.d.datasets.findExpired(now, batch)) {
      try {
        const files = await this.d.storage.deletePrefix(datasetPrefix(dataset.project_id, dataset.id));
        if (await this.d.datasets.deleteDataset(dataset.id)) {
          await this.d.search.delete('dataset', dataset.id);
          purged++;
          this.d.logger.info({ datasetId: dataset.id, files }, 'purged deleted dataset');
        }
      } catch (err) {
        this.d.logger.error({ err, datasetId: dataset.id }, 'could not purge dataset; will retry');
      }
    }
    return purged;
  }

  /**
   * Fail versions left `pending` by a crash between their row and their job's end (job failed
   * or cancelled without its hook, or never created). Fresh uploads are spared.
   */
  async reconcile(olderThanMs = 5 * 60_000): Promise<number> {
    const stale = await this.d.datasets.findStalePending(new Date(Date.now() - olderThanMs));
    for (const v of stale) {
      const error: SerializedError = v.jobError ?? {
        code: 'JOB_INTERRUPTED',
        message: 'The ingest job was never started (the server stopped during the upload)',
      };
      await this.d.datasets.markFailed(v.id, error);
    }
    return stale.length;
  }

  /** Rewrite the dataset's search document from its row and current schema. */
  async refreshSearch(dataset: DatasetRow): Promise<void> {
    const schema = (await this.d.datasets.currentSchema(dataset.id)) as Array<{ name?: unknown }>;
    const columns = schema.map((c) => String(c.name ?? ''));
    await this.d.search.upsert({
      entityType: 'dataset',
      entityId: dataset.id,
      projectId: dataset.project_id,
      title: dataset.name,
      summary: dataset.description.slice(0, 300),
      weighted: { a: [dataset.name, ...dataset.tags], b: [dataset.description], c: columns },
      hidden: dataset.deleted_at !== null,
    });
  }
}

/** Tags are trimmed, lower-cased and unique, in their given order. */
export function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))];
}
