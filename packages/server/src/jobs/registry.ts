import type { Config } from '../config/config.ts';
import { registerDatasetJobs } from './dataset.jobs.ts';
import { registerDemoJobs } from './demo.jobs.ts';
import { JobRegistry } from './job-registry.ts';
import { registerModelJobs } from './model.jobs.ts';
import { registerProfileJobs } from './profile.jobs.ts';

/**
 * What handlers may use besides their payload: the platform config (storage location, engine
 * limits). Worker threads get it as `workerData`, so a thread builds the same registry as the
 * process that started it, from the same settings.
 */
export interface JobEnvironment {
  config: Config;
}

/**
 * Every job type UAM knows. Called in the API process, in `uam worker` and in each worker
 * thread, so all of them agree on types and schemas. Data jobs need `environment` when they
 * run (not to be registered), so a registry built without one still validates payloads.
 */
export function createDefaultRegistry(environment?: JobEnvironment): JobRegistry {
  const registry = new JobRegistry();
  registerDemoJobs(registry);
  registerDatasetJobs(registry, environment);
  registerProfileJobs(registry, environment);
  registerModelJobs(registry, environment);
  return registry;
}
