/** Longest download name we pass on; browsers and file systems choke well before 1 KB. */
const MAX_NAME_CHARS = 200;

/**
 * `Content-Disposition` for a download, per RFC 6266: always `attachment` (a stored file is
 * never rendered inline on our origin), an ASCII `filename` fallback and the exact UTF-8 name in
 * `filename*`. The name is sanitised first: path separators, quotes and control characters are
 * dropped, so a stored name can neither inject header parameters nor suggest a directory.
 *
 * @example
 * contentDisposition('Q3 résumé.csv');
 * // attachment; filename="Q3 r_sum_.csv"; filename*=UTF-8''Q3%20r%C3%A9sum%C3%A9.csv
 */
export function contentDisposition(fileName: string): string {
  const name = sanitizeFileName(fileName);
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** A file name safe to suggest to a browser; `download` when nothing usable is left. */
export function sanitizeFileName(fileName: string): string {
  const cleaned = fileName
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f/\\"]/g, '')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    // lone surrogates would make encodeURIComponent throw
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .trim()
    .replace(/^\.+/, '');
  const clipped = Array.from(cleaned).slice(0, MAX_NAME_CHARS).join('');
  return clipped.length > 0 ? clipped : 'download';
}

/** RFC 5987 value encoding: encodeURIComponent leaves `'()*` alone, which the grammar forbids. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
