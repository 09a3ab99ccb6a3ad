import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Streaming SHA-256 of a file as lowercase hex; memory stays constant for any size. */
export async function contentHash(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const buf of createReadStream(filePath, { highWaterMark: 1 << 20 })) hash.update(buf as Buffer);
  return hash.digest('hex');
}
