import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { EngineError } from '../../errors.ts';
import type { IngestWarning, TextEncoding } from '../types.ts';

export interface TranscodeResult {
  /** Invalid byte sequences replaced with U+FFFD (U+FFFD already in the input not counted). */
  replacements: number;
  bytesRead: number;
}

const REPLACEMENT = '\uFFFD';

/**
 * Streams `input` (optionally gzip) to a UTF-8 file without a BOM, because DuckDB reads only
 * UTF-8. Invalid sequences become U+FFFD and are counted: the policy for corrupt bytes is to
 * keep the row and say how many characters were lost, never to fail the whole file.
 */
export async function transcodeToUtf8(
  input: string,
  output: string,
  encoding: TextEncoding,
  opts: {
    gzip: boolean;
    signal?: AbortSignal;
    onBytes?: (n: number) => void;
    /** End every line with `\n` (from `\r\n` and a lone `\r` too). */
    newlines?: boolean;
  },
): Promise<TranscodeResult> {
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
  const result: TranscodeResult = { replacements: 0, bytesRead: 0 };
  // EF BF BD in UTF-8 input is a genuine U+FFFD; carry two bytes across chunk edges to see it.
  let carry = Buffer.alloc(0);
  let genuine = 0;
  // A `\r` that ends a chunk waits for the next: it may be the first half of `\r\n`.
  let pendingCr = '';
  const lineEnds = (text: string) => {
    if (!opts.newlines || text === '') return text;
    const joined = pendingCr + text;
    pendingCr = joined.endsWith('\r') ? '\r' : '';
    return (pendingCr ? joined.slice(0, -1) : joined).replace(/\r\n?/g, '\n');
  };
  async function* decode(source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      result.bytesRead += chunk.length;
      opts.onBytes?.(result.bytesRead);
      if (encoding === 'utf-8') {
        const joined = Buffer.concat([carry, chunk]);
        genuine += countGenuine(joined);
        carry = joined.subarray(Math.max(0, joined.length - 2));
      }
      const text = decoder.decode(chunk, { stream: true });
      result.replacements += countChar(text, REPLACEMENT);
      yield Buffer.from(lineEnds(text), 'utf8');
    }
    const tail = decoder.decode();
    result.replacements += countChar(tail, REPLACEMENT);
    // A `\r` still waiting ended the file: a line end like any other.
    const rest = lineEnds(tail) + (pendingCr ? '\n' : '');
    if (rest) yield Buffer.from(rest, 'utf8');
  }
  const source = createReadStream(input, { highWaterMark: 1 << 20 });
  const sink = createWriteStream(output);
  try {
    if (opts.gzip) await pipeline(source, createGunzip(), decode, sink, { signal: opts.signal });
    else await pipeline(source, decode, sink, { signal: opts.signal });
  } catch (e) {
    if (opts.signal?.aborted) throw new EngineError('CANCELLED');
    throw e;
  }
  result.replacements = Math.max(0, result.replacements - genuine);
  return result;
}

/** Says which encoding a file that was not UTF-8 was read in. */
export function transcodedWarning(encoding: TextEncoding): IngestWarning {
  return {
    code: 'ENCODING_TRANSCODED',
    message: `The file was read as ${encoding}`,
    details: { encoding },
  };
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** Occurrences of EF BF BD; `carry` is too short to hold a whole one, so none is counted twice. */
function countGenuine(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(0xef); i >= 0 && i + 2 < buf.length; i = buf.indexOf(0xef, i + 1)) {
    if (buf[i + 1] === 0xbf && buf[i + 2] === 0xbd) n++;
  }
  return n;
}
