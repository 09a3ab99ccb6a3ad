import { type DuckDBConnection, JsonDuckDBValueConverter } from '@duckdb/node-api';
import { EngineError } from '../../errors.ts';
import type { VersionColumn } from '../query/parquet-schema.ts';
import { quoteIdent } from '../sql.ts';
import { loadExcelJs } from '../xlsx/load-exceljs.ts';
import { neutralizeText } from './formula-guard.ts';

/** One row is the header. */
export const XLSX_MAX_ROWS = 1_048_575;

/**
 * Streams rows from DuckDB into exceljs's streaming writer (inline strings, no shared-string
 * table), one DuckDB chunk (2,048 rows) at a time, so memory stays flat for big exports.
 * Numbers stay numbers, dates become Excel dates, text is formula-neutralised.
 */
export async function writeXlsx(
  conn: DuckDBConnection,
  source: string,
  cols: VersionColumn[],
  outPath: string,
  signal?: AbortSignal,
): Promise<void> {
  const wb = new (loadExcelJs().stream.xlsx.WorkbookWriter)({
    filename: outPath,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = wb.addWorksheet('data');
  sheet.columns = cols.map((c) => ({
    header: neutralizeText(c.name),
    key: c.name,
    style:
      c.type === 'date'
        ? { numFmt: 'yyyy-mm-dd' }
        : c.type === 'datetime'
          ? { numFmt: 'yyyy-mm-dd hh:mm:ss' }
          : {},
  }));
  const convert = cols.map((c) => cellConverter(c));
  const result = await conn.stream(`SELECT ${cols.map((c) => quoteIdent(c.name)).join(', ')} FROM ${source}`);
  for (;;) {
    if (signal?.aborted) throw new EngineError('CANCELLED');
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const rows = chunk.convertRows(JsonDuckDBValueConverter);
    for (const row of rows) {
      const out: unknown[] = new Array(row.length);
      for (let j = 0; j < row.length; j++) out[j] = convert[j](row[j]);
      sheet.addRow(out).commit();
    }
  }
  sheet.commit();
  await wb.commit();
}

function cellConverter(c: VersionColumn): (v: unknown) => unknown {
  if (c.type === 'integer' || c.type === 'float' || c.type === 'decimal') {
    return (v) => (v === null ? null : typeof v === 'number' ? v : Number(v));
  }
  if (c.type === 'date' || c.type === 'datetime') {
    return (v) =>
      typeof v === 'string' ? new Date(`${v.replace(' ', 'T')}${v.length > 10 ? 'Z' : 'T00:00:00Z'}`) : v;
  }
  if (c.type === 'boolean') return (v) => v;
  return (v) =>
    typeof v === 'string' ? neutralizeText(v) : v === null ? null : neutralizeText(JSON.stringify(v));
}
