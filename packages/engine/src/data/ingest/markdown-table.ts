import { readFile, writeFile } from 'node:fs/promises';
import { EngineError } from '../../errors.ts';
import { csvLine } from '../csv-line.ts';
import { readHead } from '../detect/read-head.ts';

/** Larger is no table typed or pasted by hand; read whole, so bounded. */
const MAX_MARKDOWN_BYTES = 32 * 1024 * 1024;
const SEPARATOR = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

/**
 * Whether a text file is a Markdown table (`| id | name |` over `|----|------|`), as chat
 * assistants and wikis write them: read as pipe-delimited text it gains two empty columns, a
 * row of dashes and padded values.
 */
export async function isMarkdownTable(file: string): Promise<boolean> {
  const lines = (await readHead(file, 4096))
    .toString('utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.length >= 2 && /^\|.*\|$/.test(lines[0]) && SEPARATOR.test(lines[1]);
}

/**
 * Writes the table as CSV: pipes at the edges and the dashes row dropped, cells trimmed,
 * `\|` unescaped. The table ends at its first line without a pipe; how many lines follow it
 * is returned, for a warning.
 */
export async function markdownTableToCsv(
  input: string,
  output: string,
): Promise<{ rows: number; linesAfter: number }> {
  const text = await readFile(input);
  if (text.length > MAX_MARKDOWN_BYTES) {
    throw new EngineError(
      'DATASET_TOO_LARGE',
      'A Markdown table this large is not supported; save it as CSV',
      {
        limit: MAX_MARKDOWN_BYTES,
      },
    );
  }
  const lines = text
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const out: string[] = [];
  let rows = 0;
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line.includes('|')) break;
    if (rows === 1 && SEPARATOR.test(line)) continue;
    out.push(csvLine(cellsOf(line)));
    rows++;
  }
  const linesAfter = lines.slice(i).filter((l) => l.trim() !== '').length;
  await writeFile(output, out.join(''));
  return { rows: rows - 1, linesAfter };
}

function cellsOf(line: string): string[] {
  const inner = line.replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replaceAll('\\|', '|'));
}
