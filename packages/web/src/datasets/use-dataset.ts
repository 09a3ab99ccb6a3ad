import type { Dataset } from '../api/dataset-types.ts';
import { useServerEvents } from '../api/live-events.tsx';
import { FINISHED_JOB_STATUSES } from '../api/types.ts';
import { useApi } from '../app-context.tsx';
import { useResource } from '../lib/use-resource.ts';
import { currentVersionNumber, newestFirst } from './dataset-versions.ts';

/**
 * A dataset and its version history, kept current: a pending version's job ending (or the event
 * stream reconnecting) reloads both, so a new version appears without a page reload.
 */
export function useDataset(datasetId: string) {
  const api = useApi();
  const detail = useResource(() => api.datasets.get(datasetId), [api, datasetId]);
  const versions = useResource(() => api.datasets.versions(datasetId), [api, datasetId]);
  const items = versions.data ? newestFirst(versions.data.items) : undefined;
  const pendingJobs = new Set((items ?? []).filter((v) => v.status === 'pending').map((v) => v.jobId));
  const knownJobs = new Set((items ?? []).map((v) => v.jobId));
  const projectId = detail.data?.dataset.projectId;

  async function reload(): Promise<void> {
    await Promise.all([detail.reload(), versions.reload()]);
  }

  useServerEvents((event) => {
    if (event.type === 'ready') {
      void reload();
      return;
    }
    if (event.type !== 'job.updated') return;
    const { job } = event;
    const finished = FINISHED_JOB_STATUSES.includes(job.status);
    if (pendingJobs.has(job.id)) {
      if (finished) void reload();
      return;
    }
    // A version made elsewhere (another tab, a colleague, a tab of this page that was left):
    // an unknown dataset job of this project starting or ending may be one of ours.
    const versionJob = job.type === 'dataset.ingest' || job.type === 'dataset.cast';
    if (
      versionJob &&
      job.projectId === projectId &&
      !knownJobs.has(job.id) &&
      (finished || job.status === 'queued')
    )
      void versions.reload();
  });

  const dataset = detail.data?.dataset;
  return {
    dataset,
    versions: items,
    current: currentVersionNumber(dataset, items) ?? detail.data?.currentVersion?.number ?? null,
    error: detail.error ?? versions.error,
    loading: detail.loading,
    reload,
    reloadVersions: versions.reload,
    setDataset: (next: Dataset) => detail.setData((prev) => ({ ...prev, dataset: next })),
  };
}
