import fs from 'node:fs/promises';
import { checkOption, EngineError } from '../../errors.ts';
import type { DuckEngine } from '../duck-engine.ts';
import { versionColumns } from '../query/parquet-schema.ts';
import { runRows } from '../run-query.ts';
import { quoteIdent, quoteLiteral } from '../sql.ts';
import { neutralizeSql, neutralizeText } from './formula-guard.ts';
import { writeXlsx, XLSX_MAX_ROWS } from './xlsx-export.ts';

export type ExportFormat = 'csv' | 'parquet' | 'json' | 'xlsx';

export interface ExportResult {
  rows: number;
  bytes: number;
}

/**
 * Writes a dataset version as a downloadable file. CSV and XLSX neutralise formula injection
 * in text cells and in the header; JSON is an array of objects; Parquet is the version itself.
 * Written under a temporary name and renamed, so a failed export leaves nothing behind.
 *
 * @example
 * await exportVersion(engine, '/data/v/1.parquet', 'csv', '/tmp/download.csv')
 */
export async function exportVersion(
  engine: DuckEngine,
  parquetPath: string,
  format: ExportFormat,
  outPath: string,
  opts: { signal?: AbortSignal } = {},
): Promise<ExportResult> {
  checkOption(['csv', 'parquet', 'json', 'xlsx'].includes(format), 'format', 'csv|parquet|json|xlsx', format);
  const tmp = `${outPath}.tmp-${process.pid}-${Date.now()}`;
  try {
    const rows = await engine.withConnection(async (conn) => {
      const [[count]] = await runRows(
        conn,
        `SELECT count(*) FROM read_parquet(${quoteLiteral(parquetPath)})`,
      );
      const n = Number(count);
      if (format === 'parquet') {
        await fs.copyFile(parquetPath, tmp);
        return n;
      }
      const cols = await versionColumns(conn, parquetPath);
      const source = `read_parquet(${quoteLiteral(parquetPath)})`;
      if (format === 'xlsx') {
        if (n > XLSX_MAX_ROWS) {
          throw new EngineError(
            'DATASET_TOO_LARGE',
            `Excel holds at most ${XLSX_MAX_ROWS} rows; this version has ${n}`,
            {
              rows: n,
              limit: XLSX_MAX_ROWS,
            },
          );
        }
        await writeXlsx(conn, source, cols, tmp, opts.signal);
        return n;
      }
      const select =
        format === 'csv'
          ? cols
              .map(
                (c) =>
                  `${c.type === 'string' ? neutralizeSql(quoteIdent(c.name)) : quoteIdent(c.name)} AS ${quoteIdent(neutralizeText(c.name))}`,
              )
              .join(', ')
          : '*';
      const options = format === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT json, ARRAY true';
      await runRows(conn, `COPY (SELECT ${select} FROM ${source}) TO ${quoteLiteral(tmp)} (${options})`, {
        signal: opts.signal,
      });
      return n;
    });
    await fs.rename(tmp, outPath);
    const { size } = await fs.stat(outPath);
    return { rows, bytes: size };
  } finally {
    await fs.rm(tmp, { force: true });
  }
}
