import fs from 'node:fs/promises';
import { EngineError } from '../../errors.ts';

/** One entry of a zip archive as its central directory declares it (sizes may be lies). */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CDH_SIG = 0x02014b50;
const MAX_ENTRIES = 20_000;
const MAX_DIRECTORY_BYTES = 32 * 1024 * 1024;

const corrupt = (why: string) =>
  new EngineError('DATASET_PARSE_ERROR', `The zip archive is corrupt: ${why}`, { reason: 'zip', why });

/**
 * Reads a zip's central directory from the end of the file, without inflating anything, so
 * declared sizes can be checked before any parser expands the archive. Handles ZIP64.
 */
export async function readZipDirectory(filePath: string): Promise<ZipEntry[]> {
  const fh = await fs.open(filePath, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw corrupt('no end-of-central-directory record');
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      ({ count, cdSize, cdOffset } = await readZip64End(fh, size - tailLen + eocd));
    }
    if (count > MAX_ENTRIES) throw corrupt(`${count} entries`);
    if (cdSize > MAX_DIRECTORY_BYTES || cdOffset + cdSize > size)
      throw corrupt('central directory out of bounds');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    return parseEntries(cd, count);
  } finally {
    await fh.close();
  }
}

async function readZip64End(fh: fs.FileHandle, eocdPos: number) {
  const loc = Buffer.alloc(20);
  await fh.read(loc, 0, 20, eocdPos - 20);
  if (loc.readUInt32LE(0) !== ZIP64_LOCATOR_SIG) throw corrupt('missing ZIP64 locator');
  const recPos = Number(loc.readBigUInt64LE(8));
  const rec = Buffer.alloc(56);
  await fh.read(rec, 0, 56, recPos);
  if (rec.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw corrupt('bad ZIP64 record');
  return {
    count: Number(rec.readBigUInt64LE(32)),
    cdSize: Number(rec.readBigUInt64LE(40)),
    cdOffset: Number(rec.readBigUInt64LE(48)),
  };
}

function parseEntries(cd: Buffer, count: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CDH_SIG) throw corrupt('bad central directory header');
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      name: cd.toString('utf8', p + 46, p + 46 + nameLen),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    applyZip64Extra(entry, cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** ZIP64 extra field (id 1) carries, in order, whichever of the 32-bit fields overflowed. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 1) {
      let q = p + 4;
      const next = () => {
        const v = q + 8 <= p + 4 + len ? Number(extra.readBigUInt64LE(q)) : Number.POSITIVE_INFINITY;
        q += 8;
        return v;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    p += 4 + len;
  }
}
