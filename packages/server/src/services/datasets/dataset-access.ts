import { isUamError, UamError } from '../../errors/index.ts';
import type {
  DatasetRepository,
  DatasetRow,
  DatasetVersionRow,
} from '../../repositories/dataset.repository.ts';
import type { Principal } from '../principal.ts';
import { checkProjectAccess, type ProjectAccess } from '../project.service.ts';

/**
 * A dataset's access is its project's. A dataset in a project the caller cannot see is
 * DATASET_NOT_FOUND, like the project itself, so ids of other organizations leak nothing.
 */
export class DatasetAccess {
  private readonly ready = new ReadyVersions();

  constructor(private readonly datasets: DatasetRepository) {}

  async dataset(
    p: Principal,
    id: string,
    access: ProjectAccess,
    opts: { allowDeleted?: boolean } = {},
  ): Promise<DatasetRow> {
    const found = await this.datasets.findDatasetForUser(id, p.userId);
    if (!found) throw notFound(id);
    const { dataset, project } = found;
    try {
      checkProjectAccess(p, dataset.project_id, project, access);
    } catch (e) {
      if (isUamError(e) && e.code === 'PROJECT_NOT_FOUND') throw notFound(id);
      throw e;
    }
    if (dataset.deleted_at && !opts.allowDeleted) throw notFound(id, true);
    return dataset;
  }

  /** Version `number` of the dataset, or its current version when `number` is undefined. */
  async version(dataset: DatasetRow, number?: number): Promise<DatasetVersionRow> {
    const version =
      number === undefined
        ? dataset.current_version_id
          ? await this.ready.get(dataset.current_version_id, () =>
              this.datasets.findVersion(dataset.current_version_id!),
            )
          : undefined
        : await this.ready.get(`${dataset.id}#${number}`, () =>
            this.datasets.findVersionByNumber(dataset.id, number),
          );
    if (!version) {
      const message =
        number === undefined
          ? 'The dataset has no ready version yet'
          : `The dataset has no version ${number}`;
      if (number === undefined) throw new UamError('DATASET_NOT_READY', message, { datasetId: dataset.id });
      throw new UamError('DATASET_VERSION_NOT_FOUND', message, { datasetId: dataset.id, version: number });
    }
    return version;
  }

  /** Like `version`, but the version must be ready (it has a Parquet file). */
  async readyVersion(dataset: DatasetRow, number?: number): Promise<DatasetVersionRow> {
    const version = await this.version(dataset, number);
    if (version.status !== 'ready' || !version.parquet_key) {
      throw new UamError('DATASET_NOT_READY', `Version ${version.number} is ${version.status}`, {
        datasetId: dataset.id,
        version: version.number,
        status: version.status,
      });
    }
    return version;
  }
}

/**
 * Ready versions by id (or dataset#number), as read from the metadata DB. A ready version's row
 * never changes (only pending ones are updated; a purge deletes its dataset first, which every
 * lookup checks before its version), so grids paging through a version do not re-read it.
 */
class ReadyVersions {
  private readonly rows = new Map<string, DatasetVersionRow>();

  async get(
    key: string,
    read: () => Promise<DatasetVersionRow | undefined>,
  ): Promise<DatasetVersionRow | undefined> {
    const hit = this.rows.get(key);
    if (hit) return hit;
    const row = await read();
    if (row?.status === 'ready') {
      if (this.rows.size >= 512) this.rows.delete(this.rows.keys().next().value as string);
      this.rows.set(key, Object.freeze(row));
    }
    return row;
  }
}

function notFound(id: string, deleted = false): UamError {
  return new UamError('DATASET_NOT_FOUND', deleted ? 'The dataset is deleted' : undefined, {
    datasetId: id,
    ...(deleted ? { deleted: true } : {}),
  });
}
