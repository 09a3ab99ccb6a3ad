import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { UamError } from '../errors/index.ts';
import type { Logger } from '../logger.ts';
import type { JobEnvironment } from './registry.ts';
import {
  type CancelMessage,
  type ProgressMessage,
  type ThreadOutcome,
  type ThreadTask,
  WARM_TASK,
} from './worker-thread.ts';

export interface PoolTask {
  jobId: string;
  type: string;
  attempt: number;
  payload: unknown;
}

export interface PoolRunOptions {
  /**
   * Aborting asks the task to stop (its handler's signal aborts, which interrupts DuckDB), and
   * terminates its thread if it is still running `cancelGraceMs` later (a busy loop cannot
   * check a signal).
   */
  signal: AbortSignal;
  onProgress(fraction: number, message?: string): void;
  /** Memory the payload holds that moves to the thread instead of being copied (then unusable here). */
  transfer?: ArrayBuffer[];
}

/**
 * Worker threads for `cpu: true` handlers, so CPU-heavy work never blocks the API's event
 * loop. Threads start on first use and exit when idle, so an API that never runs a CPU job
 * pays nothing.
 *
 * Stopping is cooperative first: terminating a thread while DuckDB runs a query in it aborts
 * the whole process (the native addon throws during teardown), so a cancelled task gets
 * `cancelGraceMs` to end through its signal before its thread is terminated.
 */
export class WorkerPool {
  private pool: Piscina<ThreadTask, ThreadOutcome> | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();
  private warming: Promise<void> = Promise.resolve();
  /** Tasks in flight, warm-ups not counted (one only loads what the next task needs anyway). */
  private running = 0;

  constructor(
    private readonly options: {
      threads: number;
      logger: Logger;
      environment?: JobEnvironment;
      /** How long a cancelled task may take to stop before its thread is terminated (default 5 s). */
      cancelGraceMs?: number;
    },
  ) {}

  async run(task: PoolTask, { signal, onProgress, transfer = [] }: PoolRunOptions): Promise<unknown> {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (m: ProgressMessage) => onProgress(m.fraction, m.message));
    const terminate = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      port1.postMessage({ cancel: true } satisfies CancelMessage);
      timer = setTimeout(() => terminate.abort(signal.reason), this.options.cancelGraceMs ?? 5000);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const running = this.piscina().run(
      { ...task, port: port2 },
      { transferList: [port2, ...transfer], signal: terminate.signal },
    );
    this.inFlight.add(running);
    this.running++;
    try {
      const outcome = await running;
      if (outcome.ok) return outcome.result;
      if (outcome.uam) throw UamError.fromJSON(outcome.error);
      throw new Error(outcome.message);
    } finally {
      this.inFlight.delete(running);
      this.running--;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      port1.close();
    }
  }

  /**
   * Start a thread and load the data engine in it unless one is already up, without waiting:
   * called when work is about to arrive (an upload streaming in), so the job that follows
   * does not pay for a cold thread. Failures only cost the warm-up.
   */
  warm(): void {
    const pool = this.piscina();
    if (pool.threads.length > 0) return;
    const { port1, port2 } = new MessageChannel();
    // Tracked like a task: close() waits for it, as terminating a thread while it loads the
    // native engine can take the process down.
    const running: Promise<unknown> = pool
      .run(
        { jobId: WARM_TASK, type: WARM_TASK, payload: null, attempt: 0, port: port2 },
        { transferList: [port2] },
      )
      .catch((err: unknown) => this.options.logger.warn({ err }, 'worker warm-up failed'))
      .finally(() => {
        port1.close();
        this.inFlight.delete(running);
      });
    this.inFlight.add(running);
    this.warming = running.then(() => undefined);
  }

  /** Whether a task run now would start at once rather than queue behind others. */
  hasIdleThread(): boolean {
    return this.running < this.options.threads;
  }

  /** Settles when the latest warm-up has ended, loaded or failed (at once if none ran). */
  warmed(): Promise<void> {
    return this.warming;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    // The runner already aborted the tasks in flight; give them their grace to stop, then
    // destroy() whatever is left.
    if (this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((r) => {
        timer = setTimeout(r, (this.options.cancelGraceMs ?? 5000) + 1000);
      });
      await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
      clearTimeout(timer);
    }
    await pool?.destroy();
  }

  private piscina(): Piscina<ThreadTask, ThreadOutcome> {
    if (this.pool) return this.pool;
    const pool = new Piscina<ThreadTask, ThreadOutcome>({
      filename: new URL('./worker-thread.ts', import.meta.url).href,
      maxThreads: this.options.threads,
      minThreads: 0,
      idleTimeout: 60_000,
      execArgv: withTsx(process.execArgv),
      // The server runs with `--max-semi-space-size=4` (npm start, bin/uam.js): an upload
      // streams ~100 MB/s of short-lived buffers through the API thread, and V8's default
      // 16 MB semi-spaces kept ~50 MB more resident for it. Job threads keep the default-sized
      // young generation (3 × 16 MB) for their own allocation-heavy work.
      resourceLimits: { maxYoungGenerationSizeMb: 48 },
      // Each thread builds its job registry from this (structured-cloned) environment.
      workerData: this.options.environment ?? null,
    });
    pool.on('error', (err: unknown) => this.options.logger.error({ err }, 'worker thread crashed'));
    this.pool = pool;
    return pool;
  }
}

/**
 * Worker threads must load .ts files, under `npm start` (already `--import tsx`) and under
 * vitest (not), so add the loader exactly once. `tsx` resolves from the working directory,
 * which is the repository root in both cases. V8 heap flags (`npm start` passes
 * `--max-semi-space-size`) are the process's: a Worker refuses them in its execArgv, and its
 * heap is sized by `resourceLimits` instead.
 */
export function withTsx(execArgv: readonly string[]): string[] {
  const own: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i];
    if (HEAP_FLAG.test(a)) {
      if (!a.includes('=')) i++;
      continue;
    }
    own.push(a);
  }
  const has = own.some((a, i) => a === '--import=tsx' || (a === '--import' && own[i + 1] === 'tsx'));
  return has ? own : [...own, '--import', 'tsx'];
}

const HEAP_FLAG = /^--max[-_](old|semi)[-_]space[-_]size(=|$)/;
