import type { Db } from '../../adapters/db/database.ts';
import type { Storage } from '../../adapters/storage/storage.ts';
import type { Config } from '../../config/config.ts';
import type { JobHooks } from '../../jobs/job-hooks.ts';
import type { Logger } from '../../logger.ts';
import type { DatasetRepository } from '../../repositories/dataset.repository.ts';
import { ProfileRepository } from '../../repositories/profile.repository.ts';
import type { DatasetAccess } from '../datasets/dataset-access.ts';
import type { DatasetQueryService } from '../datasets/dataset-query.service.ts';
import type { LocalFiles } from '../datasets/local-files.ts';
import type { JobService } from '../job.service.ts';
import type { ProjectService } from '../project.service.ts';
import { CleanService } from './clean.service.ts';
import { DriftService } from './drift.service.ts';
import { ProfileService } from './profile.service.ts';
import { ProfileArtifacts } from './profile-artifacts.ts';
import { registerProfileJobHooks } from './profile-job-hooks.ts';
import { RecipeTemplateService } from './recipe-template.service.ts';

/** What the dataset module shares with the EDA services (built once, in `createDatasetModule`). */
export interface ProfileModuleDeps {
  config: Config;
  db: Db;
  storage: Storage;
  jobs: JobService;
  projects: ProjectService;
  logger: Logger;
  datasets: DatasetRepository;
  access: DatasetAccess;
  queries: DatasetQueryService;
  files: LocalFiles;
}

export interface ProfileModule {
  profiles: ProfileService;
  cleaning: CleanService;
  drift: DriftService;
  recipes: RecipeTemplateService;
  artifacts: ProfileArtifacts;
  installJobHooks(hooks: JobHooks): void;
}

/** Wire profiles, cleaning, drift and recipe templates over the dataset slice's parts. */
export function createProfileModule(d: ProfileModuleDeps): ProfileModule {
  const repo = new ProfileRepository(d.db);
  const profiles = new ProfileService({
    profiles: repo,
    datasets: d.datasets,
    access: d.access,
    jobs: d.jobs,
    storage: d.storage,
    logger: d.logger,
  });
  return {
    profiles,
    cleaning: new CleanService({
      datasets: d.datasets,
      profiles: repo,
      profileService: profiles,
      access: d.access,
      jobs: d.jobs,
      queries: d.queries,
      files: d.files,
    }),
    drift: new DriftService({
      datasets: d.datasets,
      profiles: repo,
      access: d.access,
      jobs: d.jobs,
      waitMs: 10 * 60_000,
    }),
    recipes: new RecipeTemplateService(repo, d.projects),
    artifacts: new ProfileArtifacts(repo),
    installJobHooks(hooks) {
      registerProfileJobHooks(hooks, {
        profiles: repo,
        storage: d.storage,
        logger: d.logger,
        dataDir: d.config.dataDir,
      });
    },
  };
}
