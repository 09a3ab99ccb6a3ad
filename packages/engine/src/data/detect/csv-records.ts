export interface SplitResult {
  records: string[][];
  /** Records whose end was not inside the text (a truncated sample or an unterminated quote). */
  incompleteTail: boolean;
}

/**
 * Splits the start of a delimited text into records, honouring quotes (RFC 4180: a quote
 * inside a quoted field is doubled, or preceded by `escape`) and CR, LF or CRLF line ends.
 * Only used on samples for sniffing: DuckDB parses the whole file. When `atEof` is false the
 * last, possibly cut, record is dropped.
 */
export function splitRecords(
  text: string,
  delimiter: string,
  quote: string,
  opts: { maxRecords: number; atEof: boolean; escape?: string },
): SplitResult {
  const escapeChar = opts.escape ?? quote;
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  const n = text.length;
  let recordDone = true;
  while (i < n && records.length < opts.maxRecords) {
    const c = text[i];
    recordDone = false;
    if (inQuotes) {
      if (c === escapeChar && escapeChar !== quote && i + 1 < n) {
        field += text[i + 1];
        i += 2;
      } else if (c === quote) {
        if (text[i + 1] === quote) {
          field += quote;
          i += 2;
        } else {
          inQuotes = false;
          i++;
        }
      } else {
        field += c;
        i++;
      }
      continue;
    }
    if (c === quote && field.length === 0) {
      inQuotes = true;
      i++;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      recordDone = true;
    } else {
      field += c;
      i++;
    }
  }
  const stoppedEarly = records.length >= opts.maxRecords;
  if (!stoppedEarly && !recordDone) {
    if (opts.atEof && !inQuotes) {
      fields.push(field);
      records.push(fields);
    } else {
      return { records, incompleteTail: true };
    }
  }
  return { records, incompleteTail: false };
}
