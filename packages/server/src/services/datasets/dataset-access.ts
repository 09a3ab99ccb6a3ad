import { isUamError, UamError } from '../../errors/index.ts';
import type {
  DatasetRepository,
  DatasetRow,
  DatasetVersionRow,
} from '../../repositories/dataset.repository.ts';
import type { Principal } from '../principal.ts';
import type { ProjectAccess, ProjectService } from '../project.service.ts';

/**
 * A dataset's access is its project's. A dataset in a project the caller cannot see is
 * DATASET_NOT_FOUND, like the project itself, so ids of other organizations leak nothing.
 */
export class DatasetAccess {
  constructor(
    private readonly datasets: DatasetRepository,
    private readonly projects: ProjectService,
  ) {}

  async dataset(
    p: Principal,
    id: string,
    access: ProjectAccess,
    opts: { allowDeleted?: boolean } = {},
  ): Promise<DatasetRow> {
    const dataset = await this.datasets.findDataset(id);
    if (!dataset) throw notFound(id);
    try {
      await this.projects.authorize(p, dataset.project_id, access);
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
          ? await this.datasets.findVersion(dataset.current_version_id)
          : undefined
        : await this.datasets.findVersionByNumber(dataset.id, number);
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

function notFound(id: string, deleted = false): UamError {
  return new UamError('DATASET_NOT_FOUND', deleted ? 'The dataset is deleted' : undefined, {
    datasetId: id,
    ...(deleted ? { deleted: true } : {}),
  });
}
