import { useCallback, useState } from 'react';
import { useServerEvents } from '../api/live-events.tsx';
import type { Job, Page } from '../api/types.ts';
import { useApi } from '../app-context.tsx';
import { useResource } from '../lib/use-resource.ts';

const PAGE_SIZE = 20;

/**
 * The newest jobs (of one project, or of the organization), kept current by `job.updated`
 * events. Refetches whenever the stream (re)connects, since events sent while it was down are lost.
 */
export function useJobs(projectId?: string) {
  const api = useApi();
  const [loadingMore, setLoadingMore] = useState(false);
  const list = useResource<Page<Job>>(() => api.jobs.list({ projectId, limit: PAGE_SIZE }), [api, projectId]);
  const { setData, reload } = list;

  const upsert = useCallback(
    (job: Job) =>
      setData((prev) => ({ items: upsertJob(prev?.items ?? [], job), nextCursor: prev?.nextCursor ?? null })),
    [setData],
  );

  useServerEvents((event) => {
    if (event.type === 'ready') void reload();
    else if (event.type === 'job.updated' && (!projectId || event.job.projectId === projectId))
      upsert(event.job);
  });

  async function loadMore(): Promise<void> {
    const cursor = list.data?.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const next = await api.jobs.list({ projectId, limit: PAGE_SIZE, cursor });
      setData((prev) => ({
        items: next.items.reduce(upsertJob, prev?.items ?? []),
        nextCursor: next.nextCursor,
      }));
    } finally {
      setLoadingMore(false);
    }
  }

  return { ...list, jobs: list.data?.items ?? [], upsert, loadMore, loadingMore };
}

/** Replaces a job by id unless the stored copy is newer; new jobs go in creation order, newest first. */
export function upsertJob(jobs: Job[], job: Job): Job[] {
  const index = jobs.findIndex((j) => j.id === job.id);
  if (index >= 0) {
    if (jobs[index].updatedAt > job.updatedAt) return jobs;
    const next = jobs.slice();
    next[index] = job;
    return next;
  }
  return [...jobs, job].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
