import type { TextEncoding } from '../types.ts';

export interface EncodingGuess {
  encoding: TextEncoding;
  bom: boolean;
  /** 0..1: 1 for a BOM or pure ASCII/valid UTF-8, lower when guessed from byte statistics. */
  confidence: number;
  /** Bytes in the sample that are not valid UTF-8 (0 for a clean UTF-8 file). */
  invalidUtf8Bytes: number;
}

/**
 * Guesses the encoding of the first bytes of a text file.
 *
 * Order: byte-order mark; then the NUL pattern of BOM-less UTF-16 (ASCII text in UTF-16LE has
 * a zero in every odd byte); then UTF-8 validity. Invalid UTF-8 is read as Windows-1252 (a
 * superset of Latin-1's printable range) unless the sample also holds at least as many valid
 * multi-byte UTF-8 sequences as invalid bytes (Latin-1 text almost never forms valid UTF-8
 * pairs): that is a UTF-8 file with corrupt bytes, which are then replaced with U+FFFD and
 * counted rather than misread as accents.
 */
export function detectEncoding(head: Buffer, truncated: boolean): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: 'utf-8', bom: true, confidence: 1, invalidUtf8Bytes: 0 };
  }
  if (head[0] === 0xff && head[1] === 0xfe)
    return { encoding: 'utf-16le', bom: true, confidence: 1, invalidUtf8Bytes: 0 };
  if (head[0] === 0xfe && head[1] === 0xff)
    return { encoding: 'utf-16be', bom: true, confidence: 1, invalidUtf8Bytes: 0 };
  const utf16 = utf16NulPattern(head);
  if (utf16) return { encoding: utf16, bom: false, confidence: 0.9, invalidUtf8Bytes: 0 };
  const { valid, invalid } = scanUtf8(head, truncated);
  if (invalid === 0) return { encoding: 'utf-8', bom: false, confidence: 1, invalidUtf8Bytes: 0 };
  if (valid > 0 && invalid <= valid) {
    return { encoding: 'utf-8', bom: false, confidence: 0.7, invalidUtf8Bytes: invalid };
  }
  return {
    encoding: 'windows-1252',
    bom: false,
    confidence: valid === 0 ? 0.9 : 0.6,
    invalidUtf8Bytes: invalid,
  };
}

function utf16NulPattern(head: Buffer): TextEncoding | undefined {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Counts well-formed multi-byte sequences and invalid bytes (RFC 3629 rules, no overlongs). */
export function scanUtf8(buf: Buffer, truncated: boolean): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let len = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) [len, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [len, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [len, min] = [4, 0x10000];
    if (len === 0) {
      invalid++;
      i++;
      continue;
    }
    if (i + len > n) {
      if (!truncated) invalid += n - i;
      break;
    }
    let cp = b & (0xff >> (len + 1));
    let ok = true;
    for (let k = 1; k < len; k++) {
      const c = buf[i + k];
      if ((c & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/**
 * True when decoded text holds control characters that never occur in real tables (NUL and
 * C0 controls other than tab, CR, LF, FF): more than 1 % of them means binary data.
 */
export function looksBinary(text: string): boolean {
  if (text.length === 0) return false;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) controls++;
  }
  return controls > text.length * 0.01;
}

/** Decodes a sample; a trailing partial character is dropped rather than replaced. */
export function decodeSample(head: Buffer, encoding: TextEncoding): string {
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
  return decoder.decode(head, { stream: true });
}
