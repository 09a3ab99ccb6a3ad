import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { EngineError } from '../../errors.ts';

/** Reads at most `maxBytes` from the start of a file without reading the rest. */
export async function readHead(filePath: string, maxBytes: number): Promise<Buffer> {
  const fh = await fs.open(filePath, 'r');
  try {
    const buf = Buffer.alloc(maxBytes);
    const { bytesRead } = await fh.read(buf, 0, maxBytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * The first `maxBytes` of a gzip file's decompressed content; stops inflating as soon as it has
 * them, so a gzip bomb costs no more than `maxBytes` of memory here.
 */
export async function readGunzipHead(filePath: string, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  const source = createReadStream(filePath, { highWaterMark: 64 * 1024 });
  const gunzip = createGunzip();
  source.pipe(gunzip);
  try {
    for await (const part of gunzip) {
      const b = part as Buffer;
      parts.push(b);
      total += b.length;
      if (total >= maxBytes) break;
    }
  } catch (e) {
    // A truncated stream still yields a usable head; a corrupt one with nothing is an error.
    if (total === 0) {
      throw new EngineError('DATASET_PARSE_ERROR', 'The gzip data is corrupt', {
        reason: 'gzip',
        cause: String(e),
      });
    }
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  return Buffer.concat(parts).subarray(0, maxBytes);
}
