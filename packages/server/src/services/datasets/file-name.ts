/** Longest file name we keep; longer ones keep their extension and lose the middle. */
export const MAX_FILE_NAME = 200;

/**
 * A client's file name made safe to keep as metadata and to offer back in a download: the
 * last path segment only (no `..`, no folders), no control or bidi-override characters, no
 * leading dots, Unicode NFC, at most MAX_FILE_NAME characters. It never names a storage key
 * (keys are generated). Returns null when nothing usable is left.
 *
 * @example
 * sanitizeFileName('../../etc/passwd\u0000.csv'); // 'passwd.csv'
 */
export function sanitizeFileName(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .trim();
  if (!clean) return null;
  if (clean.length <= MAX_FILE_NAME) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
  return clean.slice(0, MAX_FILE_NAME - ext.length) + ext;
}

/** A default dataset name from a file name: without its extension(s) such as `.csv.gz`. */
export function datasetNameFrom(fileName: string | null): string {
  const stem = fileName?.replace(/(\.[A-Za-z0-9]{1,8}){1,2}$/, '').trim();
  return (stem || 'Untitled dataset').slice(0, 120);
}

/** A download name: the dataset name made file-safe, its version and the format's extension. */
export function exportFileName(datasetName: string, version: number, format: string): string {
  const stem = (sanitizeFileName(datasetName) ?? 'dataset').replace(/[<>:"|?*]/g, '_').slice(0, 100);
  return `${stem}-v${version}.${format}`;
}
