import { createHash, type Hash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { UamError } from '../../errors/index.ts';

/**
 * Pass-through stream that hashes (SHA-256) and counts the bytes of a put while they flow, so
 * neither store has to read an object back. Errors with PAYLOAD_TOO_LARGE as soon as more than
 * `maxBytes` arrived; the surrounding pipeline then destroys the source, so an oversized upload
 * stops being read at once instead of being drained.
 */
export class HashMeter extends Transform {
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');
  private readonly maxBytes: number | undefined;

  constructor(maxBytes?: number) {
    super();
    if (maxBytes !== undefined && !(Number.isSafeInteger(maxBytes) && maxBytes >= 0)) {
      throw new UamError('BAD_REQUEST', 'maxBytes must be a non-negative integer', { maxBytes });
    }
    this.maxBytes = maxBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.maxBytes !== undefined && this.bytes > this.maxBytes) {
      const message = `The file is larger than the limit of ${this.maxBytes} bytes`;
      callback(new UamError('PAYLOAD_TOO_LARGE', message, { maxBytes: this.maxBytes }));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  /** Hex SHA-256 of everything that passed; call once, after the stream finished. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

/**
 * Run a put's argument checks; if one throws, destroy `body` before rethrowing. A put owns its
 * body: it is either consumed or destroyed, so a caller (e.g. an upload route) never has to
 * drain a stream that a rejected put left paused.
 */
export function ownOrDestroy<T>(body: Readable, check: () => T): T {
  try {
    return check();
  } catch (e) {
    body.destroy();
    throw e;
  }
}
