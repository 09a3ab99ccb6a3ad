import type { ParseOptions } from '../api/dataset-types.ts';

type TriState = 'auto' | 'yes' | 'no';

/** The "Advanced parse options" form: empty or `auto` means "let the server detect it". */
export interface ParseOptionsDraft {
  delimiter: string;
  header: TriState;
  decimalComma: TriState;
  encoding: string;
  sheet: string;
  skipBadLines: boolean;
}

export const EMPTY_DRAFT: ParseOptionsDraft = {
  delimiter: '',
  header: 'auto',
  decimalComma: 'auto',
  encoding: '',
  sheet: '',
  skipBadLines: false,
};

export const DELIMITERS = [
  { value: '', label: 'Detect' },
  { value: ',', label: 'Comma  ,' },
  { value: ';', label: 'Semicolon  ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe  |' },
];

export const ENCODINGS = [
  { value: '', label: 'Detect' },
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'utf-16le', label: 'UTF-16 LE' },
  { value: 'utf-16be', label: 'UTF-16 BE' },
  { value: 'windows-1252', label: 'Windows-1252 / Latin-1' },
  { value: 'shift_jis', label: 'Shift_JIS (Japanese)' },
  { value: 'euc-jp', label: 'EUC-JP (Japanese)' },
  { value: 'gbk', label: 'GBK (Simplified Chinese)' },
  { value: 'big5', label: 'Big5 (Traditional Chinese)' },
  { value: 'euc-kr', label: 'EUC-KR (Korean)' },
];

/**
 * Only what the user forced goes to the server, so detection still decides the rest.
 *
 * ### Example
 * ```ts
 * toParseOptions({ ...EMPTY_DRAFT, delimiter: ';', decimalComma: 'yes' }); // { delimiter: ';', decimalComma: true }
 * ```
 */
export function toParseOptions(draft: ParseOptionsDraft): ParseOptions {
  const options: ParseOptions = {};
  if (draft.delimiter) options.delimiter = draft.delimiter;
  if (draft.header !== 'auto') options.header = draft.header === 'yes';
  if (draft.decimalComma !== 'auto') options.decimalComma = draft.decimalComma === 'yes';
  if (draft.encoding) options.encoding = draft.encoding;
  if (draft.sheet.trim()) options.sheet = draft.sheet.trim();
  if (draft.skipBadLines) options.skipBadLines = true;
  return options;
}

/** How many options the user forced (shown on the collapsed disclosure). */
export function forcedCount(draft: ParseOptionsDraft): number {
  return Object.keys(toParseOptions(draft)).length;
}

/** A dataset name from a file name: `sales_2024.csv.gz` → `sales_2024`. */
export function nameFromFile(fileName: string): string {
  return fileName.replace(/(\.(csv|tsv|txt|json|ndjson|jsonl|parquet|xlsx))?(\.gz)?$/i, '') || fileName;
}
