import { readFileSync } from 'node:fs';
import { DATA_DIR } from './datasets.ts';

export interface BaselineRow {
  accuracy?: number;
  auc?: number;
  logloss?: number;
  rmse?: number;
  r2?: number;
  fitS: number;
}

/** BASELINES.md tables as `{dataset: {MODEL: row}}` (MODEL as written there: HGB, RF, LR, XGB, Ridge). */
export function readBaselines(): Record<string, Record<string, BaselineRow>> {
  const md = readFileSync(`${DATA_DIR}/BASELINES.md`, 'utf8');
  const out: Record<string, Record<string, BaselineRow>> = {};
  let section = '';
  const num = (s: string): number => Number(s.trim().split(' ')[0]);
  const row = (name: string): Record<string, BaselineRow> => {
    out[name] ??= {};
    return out[name];
  };
  for (const line of md.split('\n')) {
    if (line.startsWith('## ')) section = line;
    if (
      !line.startsWith('|') ||
      line.includes('---') ||
      line.includes('| dataset |') ||
      line.includes('| model |')
    ) {
      continue;
    }
    const c = line.split('|').map((s) => s.trim());
    if (section.includes('Classification') && c.length >= 11) {
      row(c[1])[c[6]] = {
        accuracy: num(c[7]),
        auc: num(c[8]),
        logloss: num(c[9]),
        fitS: num(c[10]),
      };
    } else if (section.includes('Regression') && c.length >= 8) {
      row(c[1])[c[4]] = { rmse: num(c[5]), r2: num(c[6]), fitS: num(c[7]) };
    } else if (section.includes('Holdout') && c.length >= 6) {
      row('segment-holdout')[c[1]] = {
        accuracy: num(c[2]),
        auc: num(c[3]),
        logloss: num(c[4]),
        fitS: num(c[5]),
      };
    }
  }
  return out;
}
