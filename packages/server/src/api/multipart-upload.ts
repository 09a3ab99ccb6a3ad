import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isUamError, UamError } from '../errors/index.ts';
import { sanitizeFileName } from '../services/datasets/file-name.ts';

/** Non-file fields an upload form may carry, and how long each may be. */
export const UPLOAD_FIELD_LIMITS = { fields: 8, fieldSize: 64 * 1024 } as const;
/** Room for the multipart envelope and fields around the file, in the Content-Length pre-check. */
const ENVELOPE_BYTES = UPLOAD_FIELD_LIMITS.fields * UPLOAD_FIELD_LIMITS.fieldSize + 64 * 1024;

export interface ReceivedUpload<S> {
  staged: S;
  fields: Record<string, string>;
}

export interface UploadSink<S> {
  /**
   * Stream the file somewhere; owns `file` (consumes or destroys it). `fieldsSoFar` are the
   * text fields sent before the file (those after it are only in the final result);
   * `requestBytes` is the declared length of the whole request (more than the file), if any.
   */
  stage(
    file: Readable,
    fileName: string | null,
    fieldsSoFar: Record<string, string>,
    requestBytes: number | undefined,
  ): Promise<S>;
  /** Undo `stage` when the rest of the request fails. */
  discard(staged: S): Promise<void>;
}

/**
 * Read a multipart upload without buffering it: text fields are collected, the one part named
 * `file` is handed to `sink.stage` as a stream as soon as it starts (fields may come before or
 * after it). Anything that fails after staging discards what was staged, so a bad or broken
 * request leaves nothing behind. A declared Content-Length over the limit is refused before a
 * byte is read.
 */
export async function receiveUpload<S>(
  req: FastifyRequest,
  maxFileBytes: number,
  sink: UploadSink<S>,
): Promise<ReceivedUpload<S>> {
  if (!req.isMultipart()) {
    throw new UamError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxFileBytes + ENVELOPE_BYTES) {
    throw tooLarge(maxFileBytes);
  }
  const fields: Record<string, string> = {};
  let staged: { value: S } | undefined;
  try {
    const parts = req.parts({
      limits: {
        ...UPLOAD_FIELD_LIMITS,
        files: 1,
        parts: UPLOAD_FIELD_LIMITS.fields + 1,
        fieldNameSize: 100,
        // One byte past the limit, so the store's own byte count reports the typed 413.
        fileSize: maxFileBytes + 1,
      },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw fieldTooLong(part.fieldname);
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || staged) {
        part.file.resume();
        throw new UamError('VALIDATION_ERROR', 'Send exactly one file, in the part named "file"', {
          issues: [{ path: part.fieldname, message: 'unexpected file part' }],
        });
      }
      staged = {
        value: await sink.stage(
          part.file,
          sanitizeFileName(part.filename),
          { ...fields },
          Number.isFinite(declared) ? declared : undefined,
        ),
      };
    }
  } catch (e) {
    if (staged) await sink.discard(staged.value);
    throw uploadError(e, maxFileBytes);
  }
  if (!staged) throw new UamError('DATASET_FILE_MISSING');
  return { staged: staged.value, fields };
}

/** After answering a failed upload, read (and discard) at most this much more, for this long. */
const LINGER_BYTES = 1024 * 1024;
const LINGER_MS = 2000;

/**
 * After a failed upload the rest of the body is not worth reading: once the answer is sent,
 * stop feeding the parser, discard at most LINGER_BYTES / LINGER_MS more (a "lingering close",
 * so a client still sending gets to read the answer instead of a reset), then drop the
 * connection. A client streaming gigabytes is cut off instead of drained.
 */
export function stopReadingAfterAnswer(req: FastifyRequest, reply: FastifyReply): void {
  const raw = req.raw;
  reply.raw.once('finish', () => {
    if (raw.complete) return;
    const socket = raw.socket;
    // Destroying an incomplete request destroys its socket too; the direct call stays for real
    // sockets, while injected requests (tests, light-my-request) have a socket without destroy().
    const cut = () => (typeof socket?.destroy === 'function' ? socket.destroy() : raw.destroy());
    const timer = setTimeout(cut, LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    let discarded = 0;
    raw.unpipe();
    raw.removeAllListeners('data');
    raw.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > LINGER_BYTES) cut();
    });
    raw.once('end', () => clearTimeout(timer));
    raw.resume();
  });
}

function uploadError(e: unknown, maxFileBytes: number): UamError {
  if (isUamError(e)) return e;
  const code = (e as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxFileBytes);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new UamError('VALIDATION_ERROR', 'Too many parts in the upload form', {
      issues: [{ path: 'body', message: (e as Error).message }],
    });
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new UamError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
  }
  // The client went away or sent a cut-off body (busboy: "Unexpected end of form").
  return new UamError('DATASET_UPLOAD_ABORTED', undefined, {
    reason: e instanceof Error ? e.message.slice(0, 200) : String(e),
  });
}

function tooLarge(maxBytes: number): UamError {
  return new UamError('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${maxBytes} bytes`, {
    maxBytes,
  });
}

function fieldTooLong(name: string): UamError {
  return new UamError('VALIDATION_ERROR', `The field "${name}" is too long`, {
    issues: [{ path: name, message: `longer than ${UPLOAD_FIELD_LIMITS.fieldSize} bytes` }],
  });
}
