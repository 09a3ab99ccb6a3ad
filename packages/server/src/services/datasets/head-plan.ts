import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';

/**
 * Bytes of an upload copied for planning: enough for the sniffer (2 MB by default) and for the
 * 10,000-row inference sample of typical tables. A smaller file is planned by its ingest.
 */
export const PLAN_HEAD_BYTES = 8 * 1024 * 1024;

/**
 * A narrow table's sample fits in far less: planning starts once this much has arrived if it
 * already holds the rows the sample needs (with a margin for quoted line ends), ~50 ms sooner
 * on a local upload, where the plan ends after the file is stored and the commit waits for it.
 * More than the sniffer's default window (2 MB), which a head must exceed.
 */
export const EARLY_HEAD_BYTES = 3 * 1024 * 1024;

/**
 * How long a commit waits for a plan still being made: it is work the ingest would otherwise
 * do itself (~0.4 s for the 1M-row benchmark), so waiting for it costs nothing; the bound only
 * covers a planner that hangs.
 */
export const PLAN_WAIT_MS = 3000;

/** Plans a CSV from a copy of its head (in a worker thread); resolves null when it cannot. */
export type PlanHead = (head: Uint8Array, signal: AbortSignal) => Promise<unknown>;

export interface HeadPlan {
  /** The plan, if one was made (or is made within `PLAN_WAIT_MS`) for the options `optionsKey` stands for. */
  take(optionsKey: string): Promise<unknown | undefined>;
  /** Stop planning; call once the upload is committed or discarded. */
  cancel(): void;
}

/**
 * Lets an upload's first PLAN_HEAD_BYTES be planned while the rest still streams to storage,
 * so the ingest job starts with its dialect and column types decided. Returns the stream to
 * store in place of `file` (same bytes; errors travel both ways) and the plan to `take` at
 * commit. The head is cut after its last line end; a head that cannot stand for the file is
 * declined by the planner, and a failed plan only means the ingest plans for itself.
 */
export function tapHead(
  file: Readable,
  optionsKey: string,
  plan: PlanHead,
  onError: (err: unknown) => void,
  /** Called with a plan as soon as it is made (e.g. to start converting the upload). */
  onPlan?: (plan: unknown) => void,
  /** Rows the plan samples, when an EARLY_HEAD_BYTES head may do (see there). */
  sampleRows?: number,
): { stream: Readable; headPlan: HeadPlan } {
  const controller = new AbortController();
  let planned: Promise<unknown | undefined> | undefined;
  // One copy, in memory of its own (not Node's shared pool), so the planner can take it over.
  let copy: Buffer | undefined;
  let held = 0;
  let early = sampleRows !== undefined;
  const start = (full: Buffer) => {
    copy = undefined;
    const head = full.subarray(0, full.lastIndexOf(0x0a) + 1);
    planned = plan(head, controller.signal).then(
      (value) => {
        if (value === null || value === undefined) return undefined;
        try {
          if (!controller.signal.aborted) onPlan?.(value);
        } catch (err) {
          onError(err);
        }
        return value;
      },
      (err: unknown) => {
        if (!controller.signal.aborted) onError(err);
        return undefined;
      },
    );
  };
  const tap = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      if (!planned && !controller.signal.aborted) {
        copy ??= Buffer.allocUnsafeSlow(PLAN_HEAD_BYTES);
        held += chunk.copy(copy, held);
        if (held === PLAN_HEAD_BYTES) start(copy);
        else if (early && held >= EARLY_HEAD_BYTES) {
          early = false;
          const head = copy.subarray(0, held);
          if (lineEnds(head, Math.ceil(sampleRows! * 1.25) + 1)) start(head);
        }
      }
      callback(null, chunk);
    },
  });
  pipeline(file, tap, () => {});
  return {
    stream: tap,
    headPlan: {
      async take(key) {
        if (key !== optionsKey || !planned) return undefined;
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<undefined>((resolve) => {
          timer = setTimeout(resolve, PLAN_WAIT_MS, undefined);
        });
        try {
          return await Promise.race([planned, late]);
        } finally {
          clearTimeout(timer);
        }
      },
      cancel() {
        copy = undefined;
        controller.abort();
      },
    },
  };
}

/** Whether `buf` holds at least `n` line ends. */
function lineEnds(buf: Buffer, n: number): boolean {
  let count = 0;
  for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) {
    if (++count >= n) return true;
  }
  return false;
}
