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
 * counted rather than misread as accents. Before that, text whose high bytes come in pairs is
 * tried in the East Asian double-byte encodings (doubleByteEncoding).
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
  const eastAsian = doubleByteEncoding(head);
  if (eastAsian) return { encoding: eastAsian, bom: false, confidence: 0.8, invalidUtf8Bytes: invalid };
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

/** Candidates in the order they are tried; each must decode the sample into its own script. */
const DOUBLE_BYTE: { encoding: TextEncoding; fits: (s: ScriptShares) => boolean }[] = [
  // Japanese text nearly always has kana; other encodings read as Shift_JIS give half-width
  // katakana or fail.
  { encoding: 'shift_jis', fits: (s) => s.kana >= 0.1 && s.halfKana < 0.05 && s.other < 0.05 },
  { encoding: 'euc-jp', fits: (s) => s.kana >= 0.1 && s.halfKana < 0.05 && s.other < 0.05 },
  // Korean is mostly Hangul; Chinese bytes read as EUC-KR give Hanja beside it.
  { encoding: 'euc-kr', fits: (s) => s.hangul >= 0.9 && s.other < 0.05 },
  // GBK decodes most byte pairs, Big5's too: it is tried first as the more common.
  { encoding: 'gbk', fits: (s) => s.han >= 0.9 && s.kana === 0 && s.hangul === 0 && s.other < 0.05 },
  { encoding: 'big5', fits: (s) => s.han >= 0.9 && s.kana === 0 && s.hangul === 0 && s.other < 0.05 },
];

interface ScriptShares {
  kana: number;
  halfKana: number;
  hangul: number;
  han: number;
  other: number;
}

/**
 * The East Asian encoding of a sample that is not UTF-8, or undefined. Accented Latin text has
 * lone high bytes between ASCII letters (`café`), double-byte text has them in pairs; when
 * most come in pairs, the first candidate that decodes the sample without an error into
 * characters of its own script is taken.
 */
function doubleByteEncoding(head: Buffer): TextEncoding | undefined {
  let high = 0;
  let paired = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] < 0x80) continue;
    high++;
    if ((i > 0 && head[i - 1] >= 0x80) || (i + 1 < head.length && head[i + 1] >= 0x80)) paired++;
  }
  // Shift_JIS second bytes may be ASCII letters: pairs are counted loosely, hence 60 %.
  if (high < 4 || paired < high * 0.6) return undefined;
  for (const c of DOUBLE_BYTE) {
    let text: string;
    try {
      text = new TextDecoder(c.encoding, { fatal: true }).decode(head, { stream: true });
    } catch {
      continue;
    }
    if (c.fits(scriptShares(text))) return c.encoding;
  }
  return undefined;
}

/** Shares of the non-ASCII characters of `text` by script. */
function scriptShares(text: string): ScriptShares {
  const n = { kana: 0, halfKana: 0, hangul: 0, han: 0, other: 0, all: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    n.all++;
    if (c >= 0x3040 && c <= 0x30ff) n.kana++;
    else if (c >= 0xff61 && c <= 0xff9f) n.halfKana++;
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x3130 && c <= 0x318f)) n.hangul++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) n.han++;
    // CJK punctuation and full-width forms belong to every one of them.
    else if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffef))
      n.all--;
    else n.other++;
  }
  const share = (k: number) => (n.all === 0 ? 0 : k / n.all);
  return {
    kana: share(n.kana),
    halfKana: share(n.halfKana),
    hangul: share(n.hangul),
    han: share(n.han),
    other: share(n.other),
  };
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
