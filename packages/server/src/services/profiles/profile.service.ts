import crypto from 'node:crypto';
import { text } from 'node:stream/consumers';
import type { Storage } from '../../adapters/storage/storage.ts';
import { UamError } from '../../errors/index.ts';
import { PROFILE_JOB_TYPES } from '../../jobs/profile.jobs.ts';
import type { Logger } from '../../logger.ts';
import type {
  DatasetRepository,
  DatasetRow,
  DatasetVersionRow,
} from '../../repositories/dataset.repository.ts';
import type { JobRow } from '../../repositories/job.repository.ts';
import type { ProfileRepository, ProfileRow } from '../../repositories/profile.repository.ts';
import type { DatasetAccess } from '../datasets/dataset-access.ts';
import type { JobService, JobView } from '../job.service.ts';
import type { Principal } from '../principal.ts';
import type { Profile } from './eda-engine.ts';
import { AUTO_PROFILE_MAX_COLUMNS, profileKey } from './profile-keys.ts';
import { type ProfileView, toProfileView } from './profile-view.ts';

export interface ProfileServiceDeps {
  profiles: ProfileRepository;
  datasets: DatasetRepository;
  access: DatasetAccess;
  jobs: JobService;
  storage: Storage;
  logger: Logger;
}

/** `GET /datasets/:id/profile`: the row, and the profile JSON once it is ready. */
export interface ProfileAnswer {
  profile: ProfileView;
  result: Profile | null;
}

/**
 * Profiles of dataset versions: started automatically when a version becomes ready (ingest,
 * cast, clean), or on request with an optional target column; read back with the profile
 * JSON from storage. One row per (version, target); a re-run resets it to pending and the
 * previous result stays readable until the new one replaces it.
 */
export class ProfileService {
  constructor(private readonly d: ProfileServiceDeps) {}

  async request(
    p: Principal,
    datasetId: string,
    req: { version?: number; target?: string },
  ): Promise<{ profile: ProfileView; job: JobView | null }> {
    const dataset = await this.d.access.dataset(p, datasetId, 'write');
    const version = await this.d.access.readyVersion(dataset, req.version);
    const target = req.target ?? '';
    if (target && !((version.schema ?? []) as Array<{ name: string }>).some((c) => c.name === target)) {
      throw new UamError('COLUMN_NOT_FOUND', `No column named "${target}"`, { column: target });
    }
    const existing = await this.d.profiles.find(version.id, target);
    if (existing?.status === 'pending' && existing.job_id) {
      const job = await this.d.jobs.get(existing.job_id).catch(() => undefined);
      if (job && (job.status === 'queued' || job.status === 'running')) {
        return { profile: toProfileView(existing, version.number), job };
      }
    }
    const { row, job } = await this.start(dataset, version, target, {
      orgId: p.orgId,
      createdBy: p.userId,
    });
    return { profile: toProfileView(row, version.number), job };
  }

  async get(
    p: Principal,
    datasetId: string,
    req: { version?: number; target?: string; charts?: boolean | string[] },
  ): Promise<ProfileAnswer> {
    const dataset = await this.d.access.dataset(p, datasetId, 'read');
    const version = await this.d.access.version(dataset, req.version);
    const row =
      req.target === undefined
        ? await this.d.profiles.latestOfVersion(version.id)
        : await this.d.profiles.find(version.id, req.target);
    if (!row) {
      throw new UamError('PROFILE_NOT_FOUND', `Version ${version.number} has no profile yet`, {
        datasetId,
        version: version.number,
        ...(req.target ? { target: req.target } : {}),
      });
    }
    const result = row.result_key ? await this.readResult(row) : null;
    if (result && req.charts === false) result.charts = [];
    else if (result && Array.isArray(req.charts)) {
      const kinds = new Set(req.charts);
      result.charts = result.charts.filter((c) => kinds.has(c.kind));
    }
    return { profile: toProfileView(row, version.number), result };
  }

  /** The ready profile JSON of a version (for auto recipes); PROFILE_NOT_READY otherwise. */
  async readyProfile(dataset: DatasetRow, version: DatasetVersionRow): Promise<Profile> {
    const row = await this.d.profiles.latestOfVersion(version.id);
    if (!row) {
      throw new UamError('PROFILE_NOT_FOUND', `Version ${version.number} has no profile yet`, {
        datasetId: dataset.id,
        version: version.number,
      });
    }
    if (row.status !== 'ready' || !row.result_key) {
      throw new UamError('PROFILE_NOT_READY', `The profile of version ${version.number} is ${row.status}`, {
        datasetId: dataset.id,
        version: version.number,
        status: row.status,
      });
    }
    return (await this.readResult(row))!;
  }

  /** Fail profiles left pending by a crash between their row and their job's end. */
  async reconcile(olderThanMs = 5 * 60_000): Promise<number> {
    return this.d.profiles.failStalePending(new Date(Date.now() - olderThanMs), {
      code: 'JOB_INTERRUPTED',
      message: 'The profile job ended without recording its outcome; profile the version again',
    });
  }

  /**
   * Called by the dataset job hooks when a version becomes ready: profile it, as the user who
   * made the version. Very wide versions wait for an explicit request.
   */
  async onVersionReady(version: DatasetVersionRow, job: JobRow): Promise<void> {
    if ((version.column_count ?? 0) > AUTO_PROFILE_MAX_COLUMNS) return;
    const dataset = await this.d.datasets.findDataset(version.dataset_id);
    if (!dataset || dataset.deleted_at) return;
    await this.start(dataset, version, '', { orgId: job.org_id, createdBy: job.created_by });
  }

  private async start(
    dataset: DatasetRow,
    version: DatasetVersionRow,
    target: string,
    by: { orgId: string | null; createdBy: string | null },
  ): Promise<{ row: ProfileRow; job: JobView }> {
    const jobId = crypto.randomUUID();
    const row = await this.d.profiles.startProfile({
      id: crypto.randomUUID(),
      datasetId: dataset.id,
      versionId: version.id,
      target,
      jobId,
      createdBy: by.createdBy,
    });
    const job = await this.d.jobs.create({
      id: jobId,
      type: PROFILE_JOB_TYPES.profile,
      payload: {
        versionId: version.id,
        parquetKey: version.parquet_key!,
        schema: version.schema ?? [],
        target: target || null,
        resultKey: profileKey(dataset.project_id, dataset.id, version.id, jobId),
      },
      orgId: by.orgId,
      projectId: dataset.project_id,
      createdBy: by.createdBy,
    });
    return { row, job };
  }

  private async readResult(row: ProfileRow): Promise<Profile | null> {
    try {
      return JSON.parse(await text(await this.d.storage.get(row.result_key!))) as Profile;
    } catch (err) {
      // The row outlived its object (a purge in progress): answer the row without the body.
      this.d.logger.warn({ err, profileId: row.id }, 'could not read a stored profile');
      return null;
    }
  }
}
