import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

let loaded: typeof ExcelJS | undefined;

/**
 * ExcelJS, loaded on first use: it takes ~0.5 s and ~25 MB to load, which every CSV ingest
 * would otherwise pay in its worker thread. `require`, because a dynamic import() inside
 * worker threads fails under tsx on Node 20 (see the server's data-engine.ts).
 */
export function loadExcelJs(): typeof ExcelJS {
  loaded ??= createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
  return loaded;
}
