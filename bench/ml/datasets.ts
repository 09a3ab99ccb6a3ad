import { readFileSync } from 'node:fs';
import { type ColumnInput, Matrix } from '../../packages/engine/src/ml/index.ts';

export const DATA_DIR = process.env.UAM_DATA_DIR ?? '/work/shared/data';

export interface Dataset {
  name: string;
  X: Matrix;
  /** Target as read: label strings (classification) or numbers (regression). */
  y: (string | null)[];
  task: 'classification' | 'regression';
}

/**
 * A tiny CSV reader for the bench datasets (no quoting in them): header row, comma separated,
 * empty field = missing. A column is numeric when every present field parses as a number
 * (pandas' default inference), else categorical. The last column is the target.
 */
export function loadCsv(name: string, task: Dataset['task']): Dataset {
  const text = readFileSync(`${DATA_DIR}/${name}.csv`, 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const cells = lines.slice(1).map((l) => l.split(','));
  const columns: ColumnInput[] = [];
  for (let j = 0; j < header.length - 1; j++) {
    const raw = cells.map((r) => (r[j] === undefined || r[j] === '' ? null : r[j]));
    const numeric = raw.every((v) => v === null || (v.trim() !== '' && !Number.isNaN(Number(v))));
    columns.push({ name: header[j], kind: numeric ? 'numeric' : 'categorical', values: raw });
  }
  const last = header.length - 1;
  return {
    name,
    X: Matrix.fromColumns(columns),
    y: cells.map((r) => (r[last] === '' ? null : r[last])),
    task,
  };
}
