import { useEffect, useState } from 'react';
import { useEventsStatus, useServerEvents } from '../api/live-events.tsx';
import { FINISHED_JOB_STATUSES, type Job } from '../api/types.ts';
import { useApi } from '../app-context.tsx';

const POLL_MS = 2000;

export function isFinished(job: Job | null | undefined): boolean {
  return Boolean(job && FINISHED_JOB_STATUSES.includes(job.status));
}

/**
 * Follows one job: `job.updated` events while the stream is live, a fetch when the job changes
 * or the stream (re)connects (events sent meanwhile are lost), and a slow poll while it is down.
 * `initial` is what the caller already knows (e.g. the job a 202 answered with).
 */
export function useJob(jobId: string | null, initial: Job | null = null): Job | null {
  const api = useApi();
  const status = useEventsStatus();
  const [job, setJob] = useState<Job | null>(initial);
  const current = job?.id === jobId ? job : initial?.id === jobId ? initial : null;

  function accept(next: Job): void {
    setJob((prev) => (prev?.id === next.id && prev.updatedAt > next.updatedAt ? prev : next));
  }

  useServerEvents((event) => {
    if (!jobId) return;
    if (event.type === 'job.updated' && event.job.id === jobId) accept(event.job);
    else if (event.type === 'ready') void api.jobs.get(jobId).then(({ job: fresh }) => accept(fresh), ignore);
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch only when the job itself changes.
  useEffect(() => {
    if (!jobId) return;
    let alive = true;
    api.jobs.get(jobId).then(({ job: fresh }) => alive && accept(fresh), ignore);
    return () => {
      alive = false;
    };
  }, [api, jobId]);

  const finished = isFinished(current);
  // biome-ignore lint/correctness/useExhaustiveDependencies: accept only updates state.
  useEffect(() => {
    if (!jobId || finished || status === 'live') return;
    const timer = setInterval(() => {
      api.jobs.get(jobId).then(({ job: fresh }) => accept(fresh), ignore);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [api, jobId, finished, status]);

  return current;
}

const ignore = () => undefined;
