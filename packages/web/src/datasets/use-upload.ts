import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { UploadBody } from '../api/dataset-endpoints.ts';
import type { Version, VersionAccepted } from '../api/dataset-types.ts';
import type { Job } from '../api/types.ts';
import { useApi } from '../app-context.tsx';
import { isFinished, useJob } from '../jobs/use-job.ts';

/** Where an upload goes: a new dataset in a project, or a new version of a dataset. */
export type UploadTarget = { projectId: string } | { datasetId: string };

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string; loaded: number; total: number }
  | { phase: 'ingesting'; fileName: string; accepted: VersionAccepted }
  | { phase: 'ready'; fileName: string; accepted: VersionAccepted; version: Version }
  | { phase: 'failed'; fileName: string; error: unknown; accepted?: VersionAccepted };

/**
 * One upload from the first byte to a ready (or failed) version: bytes sent over XHR, then
 * the ingest job followed live. The failure is the server's typed error, ready to show.
 */
export function useUpload(target: UploadTarget) {
  const api = useApi();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const settled = useRef<string | null>(null);
  const accepted = state.phase === 'ingesting' ? state.accepted : null;
  const job = useJob(accepted?.job?.id ?? null, accepted?.job ?? null);

  async function start(body: UploadBody): Promise<void> {
    const controller = new AbortController();
    abort.current = controller;
    const fileName = body.file.name;
    setState({ phase: 'uploading', fileName, loaded: 0, total: body.file.size });
    const opts = {
      signal: controller.signal,
      onUploadProgress: ({ loaded, total }: { loaded: number; total: number }) =>
        setState((s) => (s.phase === 'uploading' ? { ...s, loaded, total } : s)),
    };
    try {
      const answer =
        'projectId' in target
          ? await api.datasets.upload(target.projectId, body, opts)
          : await api.datasets.uploadVersion(target.datasetId, body, opts);
      if (answer.version.status === 'ready' || !answer.job) {
        setState({ phase: 'ready', fileName, accepted: answer, version: answer.version });
      } else {
        setState({ phase: 'ingesting', fileName, accepted: answer });
      }
    } catch (error) {
      const cancelled = error instanceof DOMException && error.name === 'AbortError';
      setState(cancelled ? { phase: 'idle' } : { phase: 'failed', fileName, error });
    } finally {
      abort.current = null;
    }
  }

  // When the ingest job ends, read the version it produced (its hook ran before "succeeded").
  useEffect(() => {
    if (!accepted || !job || !isFinished(job) || settled.current === job.id) return;
    settled.current = job.id;
    const { fileName } = state as { fileName: string };
    const datasetId = accepted.version.datasetId;
    if (job.status !== 'succeeded') {
      setState({ phase: 'failed', fileName, accepted, error: jobError(job) });
      return;
    }
    api.datasets.version(datasetId, accepted.version.number).then(
      ({ version }) =>
        setState(
          version.status === 'failed'
            ? { phase: 'failed', fileName, accepted, error: versionError(version) ?? jobError(job) }
            : { phase: 'ready', fileName, accepted, version },
        ),
      (error: unknown) => setState({ phase: 'failed', fileName, accepted, error }),
    );
  }, [api, accepted, job, state]);

  return {
    state,
    job,
    start,
    cancel: () => abort.current?.abort(),
    reset: () => setState({ phase: 'idle' }),
  };
}

function versionError(version: Version): Error | null {
  return version.error ? new ApiError(422, version.error) : null;
}

/** The typed error a failed or cancelled job carries, as an ApiError for display. */
export function jobError(job: Job): Error {
  if (job.error) return new ApiError(422, job.error);
  return new Error(job.status === 'cancelled' ? 'The ingest was cancelled' : 'The ingest failed');
}
