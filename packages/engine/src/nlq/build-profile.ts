/**
 * A small profile for questions, computed from a dataset version: top values of text columns,
 * min/max of numbers and dates, distinct counts. The platform can store it beside the version
 * so questions never wait for a lookup.
 */
import type { DuckEngine } from '../data/duck-engine.ts';
import { isNumeric, isTemporal, isText } from './column-kinds.ts';
import { MAX_VALUES_PER_COLUMN } from './dataset-facts.ts';
import { lookupRows } from './execute.ts';
import { ident } from './sql-expressions.ts';
import type { NlqColumn, NlqProfile } from './types.ts';

export async function buildNlqProfile(
  engine: DuckEngine,
  parquetPath: string,
  columns: readonly NlqColumn[],
): Promise<NlqProfile> {
  const count = await lookupRows(engine, parquetPath, 'SELECT count(*) FROM "dataset"');
  const profile: NlqProfile = { rowCount: Number(count[0][0]), columns: {} };
  for (const c of columns) {
    const id = ident(c.name);
    if (isText(c)) {
      const d = await lookupRows(engine, parquetPath, `SELECT count(DISTINCT ${id}) FROM "dataset"`);
      const top = await lookupRows(
        engine,
        parquetPath,
        `SELECT ${id} FROM "dataset" WHERE ${id} IS NOT NULL GROUP BY ${id} ORDER BY count(*) DESC, ${id} ASC LIMIT $1`,
        [MAX_VALUES_PER_COLUMN],
      );
      profile.columns[c.name] = { distinct: Number(d[0][0]), topValues: top.map((r) => String(r[0])) };
    } else if (isNumeric(c) || isTemporal(c)) {
      const cast = isTemporal(c) ? (e: string) => `CAST(${e} AS DATE)` : (e: string) => e;
      const r = await lookupRows(
        engine,
        parquetPath,
        `SELECT ${cast(`min(${id})`)}, ${cast(`max(${id})`)}, count(DISTINCT ${id}) FROM "dataset"`,
      );
      const conv = (v: unknown) =>
        typeof v === 'number' ? v : v === null ? undefined : isTemporal(c) ? String(v) : Number(v);
      profile.columns[c.name] = { min: conv(r[0][0]), max: conv(r[0][1]), distinct: Number(r[0][2]) };
    }
  }
  return profile;
}
