import { UamError } from '../../errors/index.ts';
import { PROFILE_JOB_TYPES } from '../../jobs/profile.jobs.ts';
import type {
  DatasetRepository,
  DatasetRow,
  DatasetVersionRow,
} from '../../repositories/dataset.repository.ts';
import type { ProfileRepository } from '../../repositories/profile.repository.ts';
import type { DatasetAccess } from '../datasets/dataset-access.ts';
import type { JobService } from '../job.service.ts';
import type { Principal } from '../principal.ts';
import type { DriftReport } from './eda-engine.ts';

export interface DriftServiceDeps {
  datasets: DatasetRepository;
  profiles: ProfileRepository;
  access: DatasetAccess;
  jobs: JobService;
  /** How long a request waits for its drift job. */
  waitMs: number;
}

export interface DriftAnswer {
  from: number;
  to: number;
  report: DriftReport;
  cached: boolean;
}

/**
 * `GET /datasets/:id/drift?from=&to=`: drift between two ready versions (default: the
 * current version against the ready version before it). Versions never change, so a report
 * is computed once, by a `dataset.drift` job the request waits for, and then served from the
 * `dataset_drifts` table.
 */
export class DriftService {
  constructor(private readonly d: DriftServiceDeps) {}

  async drift(p: Principal, datasetId: string, q: { from?: number; to?: number }): Promise<DriftAnswer> {
    const dataset = await this.d.access.dataset(p, datasetId, 'read');
    const to = await this.d.access.readyVersion(dataset, q.to);
    const from =
      q.from === undefined
        ? await this.previousReady(dataset, to)
        : await this.d.access.readyVersion(dataset, q.from);
    const cached = await this.d.profiles.findDrift(from.id, to.id);
    if (cached)
      return { from: from.number, to: to.number, report: cached as unknown as DriftReport, cached: true };
    const job = await this.d.jobs.create({
      type: PROFILE_JOB_TYPES.drift,
      payload: { from: ref(from), to: ref(to) },
      orgId: p.orgId,
      projectId: dataset.project_id,
      createdBy: p.userId,
    });
    const done = await this.d.jobs.waitFor(job.id, this.d.waitMs);
    if (done.status !== 'succeeded') {
      throw UamError.fromJSON(done.error ?? { code: 'JOB_FAILED', message: `The drift job ${done.status}` });
    }
    const report = done.result as DriftReport;
    await this.d.profiles.saveDrift(from.id, to.id, report as unknown as Record<string, unknown>);
    return { from: from.number, to: to.number, report, cached: false };
  }

  private async previousReady(dataset: DatasetRow, to: DatasetVersionRow): Promise<DatasetVersionRow> {
    const versions = await this.d.datasets.listVersions(dataset.id);
    const prev = versions.find((v) => v.number < to.number && v.status === 'ready');
    if (!prev) {
      throw new UamError(
        'DATASET_VERSION_NOT_FOUND',
        `No ready version before version ${to.number} to compare with`,
        {
          datasetId: dataset.id,
          version: to.number,
        },
      );
    }
    return prev;
  }
}

function ref(v: DatasetVersionRow) {
  return { versionId: v.id, parquetKey: v.parquet_key!, schema: v.schema ?? [] };
}
