import { UamError } from '../../errors/index.ts';

/** S3's own limit on key length; the filesystem store keeps the same one so both agree. */
export const MAX_KEY_BYTES = 1024;
/** Most filesystems cap one path segment at 255 bytes; S3 has no such cap, so we impose it on both. */
export const MAX_SEGMENT_BYTES = 255;

// One segment: a conservative file-name alphabet. `%` is excluded so an encoded `%2e%2e` can never
// be decoded into `..` by a later layer; `=` is allowed for Hive-style partitions (`year=2024`).
const SEGMENT = /^[A-Za-z0-9_=-][A-Za-z0-9._=-]*$/;

/**
 * Throw STORAGE_KEY_INVALID unless `key` is a relative POSIX path that cannot escape a store's
 * root: segments of `[A-Za-z0-9._=-]` separated by single `/`, no leading `/`, no empty segment,
 * and no segment that starts with `.` (that rules out `.` and `..`, hidden files, and the
 * filesystem store's own `.tmp` folder). Only ASCII passes, so length in characters is bytes.
 *
 * @example
 * assertSafeKey('projects/42/raw/ab12.csv'); // ok
 * assertSafeKey('../etc/passwd'); // throws UamError('STORAGE_KEY_INVALID')
 */
export function assertSafeKey(key: unknown): asserts key is string {
  const problem = keyProblem(key);
  if (problem) {
    throw new UamError('STORAGE_KEY_INVALID', `Invalid storage key: ${problem}`, { reason: problem });
  }
}

/**
 * A prefix for `deletePrefix` names a folder: `projects/1` and `projects/1/` both mean
 * "everything under `projects/1/`" (never `projects/12/...`). Returns it with the trailing `/`.
 */
export function folderPrefix(prefix: unknown): string {
  const bare = typeof prefix === 'string' && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  assertSafeKey(bare);
  return `${bare}/`;
}

/**
 * Throw BAD_REQUEST unless `range` is a valid inclusive byte range (`end` as in HTTP `Range`).
 * A range starting past the end of an object is valid and reads nothing, on both stores.
 */
export function assertByteRange(range?: { start: number; end?: number }): void {
  if (!range) return;
  const { start, end } = range;
  const ok =
    Number.isSafeInteger(start) &&
    start >= 0 &&
    (end === undefined || (Number.isSafeInteger(end) && end >= start));
  if (!ok) throw new UamError('BAD_REQUEST', 'Invalid byte range', { start, end });
}

function keyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string') return 'not a string';
  if (key.length === 0) return 'empty';
  // Checked before the per-segment rules so a huge key costs one comparison, not a regex pass.
  if (key.length > MAX_KEY_BYTES) return `longer than ${MAX_KEY_BYTES} bytes`;
  if (key.startsWith('/')) return 'absolute path';
  const segments = key.split('/');
  for (const segment of segments) {
    if (segment.length === 0) return 'empty path segment';
    if (segment.startsWith('.')) return 'segment starts with "."';
    if (segment.length > MAX_SEGMENT_BYTES) return `segment longer than ${MAX_SEGMENT_BYTES} bytes`;
    if (!SEGMENT.test(segment)) return 'characters outside [A-Za-z0-9._=-]';
  }
  return undefined;
}
