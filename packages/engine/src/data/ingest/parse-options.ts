import { checkOption } from '../../errors.ts';
import { type ParseOptions, TEXT_ENCODINGS } from '../types.ts';

const FORMATS = ['csv', 'json', 'ndjson', 'parquet', 'xlsx'];
const ENCODINGS: readonly string[] = TEXT_ENCODINGS;

/**
 * Rejects bad parse options with INVALID_OPTIONS instead of silently ignoring them: a user
 * who forces `delimiter: ';;'` must hear that it cannot work.
 */
export function validateParseOptions(o: ParseOptions): ParseOptions {
  const oneChar = (v: string | undefined) => v === undefined || (v.length === 1 && v !== '\n' && v !== '\r');
  checkOption(o.format === undefined || FORMATS.includes(o.format), 'format', FORMATS.join('|'), o.format);
  checkOption(
    o.encoding === undefined || ENCODINGS.includes(o.encoding),
    'encoding',
    ENCODINGS.join('|'),
    o.encoding,
  );
  checkOption(oneChar(o.delimiter), 'delimiter', 'one character other than a line break', o.delimiter);
  checkOption(oneChar(o.quote), 'quote', 'one character', o.quote);
  checkOption(oneChar(o.escape), 'escape', 'one character', o.escape);
  checkOption(
    o.delimiter === undefined || o.delimiter !== o.quote,
    'delimiter',
    'different from quote',
    o.delimiter,
  );
  checkOption(
    o.dateOrder === undefined || o.dateOrder === 'dmy' || o.dateOrder === 'mdy',
    'dateOrder',
    'dmy|mdy',
    o.dateOrder,
  );
  const int = (v: number | undefined, min: number, max: number) =>
    v === undefined || (Number.isInteger(v) && v >= min && v <= max);
  checkOption(int(o.skipRows, 0, 1_000_000), 'skipRows', 'an integer 0..1,000,000', o.skipRows);
  checkOption(int(o.sampleRows, 1_000, 100_000), 'sampleRows', 'an integer 1,000..100,000', o.sampleRows);
  checkOption(int(o.maxColumns, 1, 100_000), 'maxColumns', 'an integer 1..100,000', o.maxColumns);
  checkOption(
    int(o.maxLineBytes, 1024, 1024 ** 3),
    'maxLineBytes',
    'an integer 1 KiB..1 GiB',
    o.maxLineBytes,
  );
  checkOption(
    o.nullValues === undefined ||
      (Array.isArray(o.nullValues) && o.nullValues.every((v) => typeof v === 'string' && v.length <= 64)),
    'nullValues',
    'a list of strings',
    o.nullValues,
  );
  checkOption(
    o.sheet === undefined || typeof o.sheet === 'string' || (Number.isInteger(o.sheet) && o.sheet >= 1),
    'sheet',
    'a sheet name or a 1-based position',
    o.sheet,
  );
  return o;
}
