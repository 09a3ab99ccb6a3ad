import { createRequire } from 'node:module';
import { type MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { isUamError, type SerializedError } from '../errors/index.ts';
import { parsePayload } from './job-registry.ts';
import { createDefaultRegistry, type JobEnvironment } from './registry.ts';

/**
 * Entry of a piscina worker thread. It gets plain inputs, runs the handler, and hands back a
 * result; it never opens the metadata DB (PGlite is one connection in one process). Progress
 * goes back over `port`; the main thread writes it.
 */
export interface ThreadTask {
  jobId: string;
  type: string;
  attempt: number;
  payload: unknown;
  port: MessagePort;
}

export interface ProgressMessage {
  fraction: number;
  message?: string;
}

/** Main thread → task: stop (aborts the handler's signal). */
export interface CancelMessage {
  cancel: true;
}

/**
 * Errors are returned, not thrown: a thrown Error crosses the thread boundary without its
 * class or `code`, and the runner must know a UamError (e.g. non-retryable VALIDATION_ERROR)
 * from an unknown failure.
 */
export type ThreadOutcome =
  | { ok: true; result: unknown }
  | { ok: false; uam: true; error: SerializedError }
  | { ok: false; uam: false; message: string };

// Built once per thread; the same function the API uses, so types and schemas agree.
const registry = createDefaultRegistry((workerData as JobEnvironment | null) ?? undefined);

/**
 * Not a job: loads the data engine (DuckDB's native module included) so the next data job
 * finds a thread ready. The pool sends it while an upload streams in.
 */
export const WARM_TASK = 'system.warm';

export default async function runInThread(task: ThreadTask): Promise<ThreadOutcome> {
  if (task.type === WARM_TASK) {
    // `require`, not import(): see services/datasets/data-engine.ts.
    const load = createRequire(import.meta.url);
    load('../services/datasets/dataset-work.ts');
    // A thread's first DuckDB instance takes ~60 ms longer to open than later ones.
    const { openEngine } = load(
      '../services/datasets/data-engine.ts',
    ) as typeof import('../services/datasets/data-engine.ts');
    await (await openEngine({ threads: 1 })).close();
    return { ok: true, result: null };
  }
  // A cancel message aborts the handler's signal (DuckDB queries stop at once). A busy loop
  // never lets the event deliver it, so reporting progress also polls for it; a handler that
  // does neither is terminated with its thread after the pool's grace period.
  const controller = new AbortController();
  const onMessage = (m: CancelMessage) => {
    if (m?.cancel) controller.abort(new Error('cancelled'));
  };
  const pollCancel = () => {
    const queued = receiveMessageOnPort(task.port) as { message: CancelMessage } | undefined;
    if (queued) onMessage(queued.message);
  };
  task.port.on('message', onMessage);
  try {
    const def = registry.get(task.type);
    const payload = parsePayload(def, task.payload);
    const result = await def.run(payload, {
      jobId: task.jobId,
      attempt: task.attempt,
      signal: controller.signal,
      progress: (fraction, message) => {
        pollCancel();
        task.port.postMessage({ fraction, message } satisfies ProgressMessage);
      },
    });
    return { ok: true, result: result ?? null };
  } catch (err) {
    if (isUamError(err)) return { ok: false, uam: true, error: err.toJSON() };
    return { ok: false, uam: false, message: err instanceof Error ? err.message : String(err) };
  } finally {
    task.port.off('message', onMessage);
  }
}
