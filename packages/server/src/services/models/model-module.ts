import type { Db } from '../../adapters/db/database.ts';
import type { Storage } from '../../adapters/storage/storage.ts';
import type { Config } from '../../config/config.ts';
import type { JobHooks } from '../../jobs/job-hooks.ts';
import type { Logger } from '../../logger.ts';
import { DatasetRepository } from '../../repositories/dataset.repository.ts';
import { ModelRepository } from '../../repositories/model.repository.ts';
import { SearchRepository } from '../../repositories/search.repository.ts';
import type { ArtifactService } from '../artifact.service.ts';
import { DatasetAccess } from '../datasets/dataset-access.ts';
import type { JobService } from '../job.service.ts';
import type { ProjectService } from '../project.service.ts';
import { ModelService } from './model.service.ts';
import { ModelArtifacts } from './model-artifacts.ts';
import { registerModelJobHooks } from './model-job-hooks.ts';

export interface ModelModuleDeps {
  config: Config;
  db: Db;
  storage: Storage;
  jobs: JobService;
  projects: ProjectService;
  logger: Logger;
  /** The project artifact listing, which models join. */
  artifacts: ArtifactService;
}

export interface ModelModule {
  models: ModelService;
  installJobHooks(hooks: JobHooks): void;
}

/** Wire the model services; the API process and `uam worker` both call this. */
export function createModelModule(d: ModelModuleDeps): ModelModule {
  const repo = new ModelRepository(d.db);
  const models = new ModelService({
    models: repo,
    search: new SearchRepository(d.db),
    projects: d.projects,
    datasets: new DatasetAccess(new DatasetRepository(d.db)),
    jobs: d.jobs,
    storage: d.storage,
    logger: d.logger,
  });
  d.artifacts.register(new ModelArtifacts(repo));
  return {
    models,
    installJobHooks(hooks) {
      registerModelJobHooks(hooks, {
        models: repo,
        storage: d.storage,
        logger: d.logger,
        dataDir: d.config.dataDir,
        refreshSearch: (id) => models.refreshSearch(id),
      });
    },
  };
}
