import { execFile } from 'node:child_process';
import { constants, openSync } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { UPLOAD_FIFO } from './dataset-keys.ts';

/**
 * Writes a version from the pipe `UPLOAD_FIFO` in the folder, which carries the file from its
 * first byte, typed by `plan` (in a worker thread: `DatasetWork.streamIngest`); resolves with
 * the ingest result, or null when the file must be ingested from storage instead.
 */
export type StreamIngest = (plan: unknown, signal: AbortSignal) => Promise<unknown>;

/**
 * How long the ingest job waits for a conversion once asked (when the upload is stored). It
 * has been reading all along and its pipe ends with the upload, so it ends in time proportional
 * to what is left; the bound only covers a conversion that hangs, then the job starts over.
 */
export const STREAM_WAIT_MS = 10 * 60_000;

/**
 * The longest the rest of an upload may still take for it to be converted while it arrives:
 * the conversion holds a worker thread until the last byte, and jobs would wait behind it.
 */
export const STREAM_MAX_REST_MS = 30_000;

/**
 * The shortest the rest of an upload may take for it to be converted while it arrives. A
 * faster upload is bound by the CPU, not the link: a conversion beside it only competes for the
 * cores and pays for its pipe. 1M-row bench (140 MB) uploaded locally at ~300 MB/s, plan made
 * with ~40 % to come: 1.46 s to ready converting meanwhile, 1.28-1.38 s without.
 */
export const STREAM_MIN_REST_MS = 500;

/**
 * Whether to convert an upload while it arrives, from how much of its declared length arrived
 * in `elapsedMs`: while at least half is still to come (near its end the ingest job does the
 * same work without a pipe in between) and the rest, at the rate so far, would take between
 * STREAM_MIN_REST_MS (a link slower than the CPU) and STREAM_MAX_REST_MS (not a link so slow
 * that jobs would wait behind the conversion). Never without a declared length.
 */
export function worthStreaming(arrived: number, declared: number | undefined, elapsedMs: number): boolean {
  if (declared === undefined || arrived <= 0) return false;
  const rest = declared - arrived;
  const restMs = (rest / arrived) * elapsedMs;
  return rest >= declared / 2 && restMs >= STREAM_MIN_REST_MS && restMs <= STREAM_MAX_REST_MS;
}

const READ_BYTES = 1024 * 1024;
/** Pause before looking again when the feed caught up with the upload. */
const POLL_MS = 4;

export interface UploadStream {
  /** The upload is stored and `bytes` long: feed what is left, then end the pipe. */
  finish(bytes: number): void;
  /**
   * The conversion's result once it ended with every byte fed (waiting at most STREAM_WAIT_MS),
   * or undefined: it declined, failed, was cancelled, or is still running (then it is stopped).
   */
  take(): Promise<unknown | undefined>;
  /** The converted file now belongs to the ingest job: `cancel` leaves the folder alone. */
  release(): void;
  /** Stop converting; the folder goes once the conversion has let go of it (unless released). */
  cancel(): void;
}

const execFileAsync = promisify(execFile);

/**
 * Converts an upload while it is still arriving: the filesystem store writes it to `spool`,
 * this feeds that growing file from its first byte into a named pipe in `dir`, and `ingest`
 * (a worker thread running DuckDB) reads the pipe once and writes the version into `dir`. The
 * upload never waits for the conversion (the feed reads what is already on disk); a result
 * counts only if the feed delivered exactly the stored bytes, so a conversion can never see a
 * cut-off file. Any failure only means the ingest job converts the stored file as before.
 */
export function streamUpload(o: {
  dir: string;
  spool: string;
  plan: unknown;
  ingest: StreamIngest;
  onError: (err: unknown) => void;
}): UploadStream {
  const controller = new AbortController();
  const { signal } = controller;
  let total: number | undefined;
  let released = false;
  let sink: net.Socket | undefined;
  const stop = () => {
    controller.abort();
    sink?.destroy();
  };
  const run = async (): Promise<unknown | undefined> => {
    await mkdir(o.dir, { recursive: true });
    const fifo = path.join(o.dir, UPLOAD_FIFO);
    await execFileAsync('mkfifo', ['-m', '600', fifo]);
    if (signal.aborted) return undefined;
    // Read-write and non-blocking: opening never waits for the reader, and writes wait in the
    // event loop ('drain'), never in a thread-pool thread that a stalled reader would pin.
    sink = new net.Socket({ fd: openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK), readable: false });
    sink.on('error', () => {});
    const converted = o.ingest(o.plan, signal);
    const fed = feed(o.spool, sink, () => total, signal).then(
      () => true,
      (err: unknown) => {
        // Interrupt the reader before it could take the early end of the pipe for the file's end.
        if (!signal.aborted) o.onError(err);
        stop();
        return false;
      },
    );
    // A conversion that ends before the end of the file (it declined, or failed) must not
    // leave the feed waiting on a full pipe.
    const value = await converted.catch((err: unknown) => {
      if (!signal.aborted) o.onError(err);
      return null;
    });
    if (value === null || value === undefined) stop();
    return (await fed) && !signal.aborted && value !== null ? value : undefined;
  };
  const result = run().catch((err: unknown) => {
    if (!signal.aborted) o.onError(err);
    stop();
    return undefined;
  });
  return {
    finish(bytes) {
      total = bytes;
    },
    async take() {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(resolve, STREAM_WAIT_MS, undefined);
        timer.unref();
      });
      try {
        const value = await Promise.race([result, late]);
        if (value === undefined) stop();
        return value;
      } finally {
        clearTimeout(timer);
      }
    },
    release() {
      released = true;
    },
    cancel() {
      if (released) return;
      stop();
      void result.finally(() => rm(o.dir, { recursive: true, force: true }).catch(() => {}));
    },
  };
}

/**
 * Copies `spool` into `sink` as it grows, until `total()` (known once the upload is stored)
 * bytes went through; then ends the pipe, which is the reader's end of file.
 */
async function feed(
  spool: string,
  sink: net.Socket,
  total: () => number | undefined,
  signal: AbortSignal,
): Promise<void> {
  const file = await open(spool, 'r');
  // Two buffers: one is read into while the other is still being written to the pipe.
  const buffers = [Buffer.allocUnsafeSlow(READ_BYTES), Buffer.allocUnsafeSlow(READ_BYTES)];
  let offset = 0;
  let writes = 0;
  let writing: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      if (signal.aborted) throw new Error('cancelled');
      const end = total();
      if (end !== undefined && offset >= end) break;
      // The write before the last used this buffer; it ended before the last one started.
      const buffer = buffers[writes % 2];
      const { bytesRead } = await file.read(buffer, 0, buffer.length, offset);
      if (bytesRead === 0) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        continue;
      }
      offset += bytesRead;
      await writing;
      writes++;
      writing = new Promise<void>((resolve, reject) => {
        sink.write(buffer.subarray(0, bytesRead), (err) => (err ? reject(err) : resolve()));
      });
      writing.catch(() => {});
    }
    await writing;
    if (offset !== total()) throw new Error(`the stored upload has ${total()} bytes, ${offset} were read`);
    // Every byte is in the pipe: closing the last writer is the reader's end of file.
    sink.destroy();
  } finally {
    await file.close();
  }
}
