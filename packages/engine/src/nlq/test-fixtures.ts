/** Shared test data for the nlq tests: a small sales schema, its values, and a Parquet file. */
import path from 'node:path';
import type { DuckEngine } from '../data/duck-engine.ts';
import { buildContext, type QuestionContext } from './context.ts';
import type { NlqColumn } from './types.ts';

export const SALES_COLUMNS: NlqColumn[] = [
  { name: 'order_id', storageType: 'integer', semanticType: 'identifier' },
  { name: 'order_date', storageType: 'date', semanticType: 'datetime' },
  { name: 'region', storageType: 'string', semanticType: 'categorical' },
  { name: 'country', storageType: 'string', semanticType: 'categorical' },
  { name: 'channel', storageType: 'string', semanticType: 'categorical' },
  { name: 'product', storageType: 'string', semanticType: 'categorical' },
  { name: 'quantity', storageType: 'integer', semanticType: 'numeric' },
  { name: 'unit_price', storageType: 'float', semanticType: 'currency' },
  { name: 'revenue', storageType: 'float', semanticType: 'currency' },
  { name: 'cost', storageType: 'float', semanticType: 'currency' },
];

export const SALES_VALUES = new Map<string, string[]>([
  ['region', ['Europe', 'North America', 'Asia Pacific']],
  ['country', ['France', 'Germany', 'United States', 'Japan', 'Canada']],
  ['channel', ['Online', 'Retail']],
  ['product', ['Laptop', 'Chair', 'Paper']],
]);

export function salesContext(): QuestionContext {
  return buildContext({
    columns: SALES_COLUMNS,
    values: SALES_VALUES,
    dateSpans: new Map([['order_date', { min: '2022-01-01', max: '2024-12-31' }]]),
    datasetName: 'orders',
  });
}

const COUNTRY_REGION: [string, string][] = [
  ['France', 'Europe'],
  ['Germany', 'Europe'],
  ['United States', 'North America'],
  ['Japan', 'Asia Pacific'],
  ['Canada', 'North America'],
];

/**
 * `n` deterministic orders (i-th order: country i mod 5, product i mod 3, quantity 1 + i mod 7,
 * one order a day from 2022-01-01 wrapping after 3 years) as Parquet, for end-to-end tests.
 */
export async function writeSalesParquet(engine: DuckEngine, dir: string, n = 300): Promise<string> {
  const file = path.join(dir, `sales-${n}.parquet`);
  const countries = COUNTRY_REGION.map(([c]) => `'${c}'`).join(', ');
  const regions = COUNTRY_REGION.map(([, r]) => `'${r}'`).join(', ');
  await engine.withConnection((conn) =>
    conn.run(`COPY (
      SELECT i AS order_id,
             DATE '2022-01-01' + CAST(i % 1096 AS INTEGER) AS order_date,
             [${regions}][1 + i % 5] AS region,
             [${countries}][1 + i % 5] AS country,
             ['Online', 'Retail'][1 + i % 2] AS channel,
             ['Laptop', 'Chair', 'Paper'][1 + i % 3] AS product,
             CAST(1 + i % 7 AS BIGINT) AS quantity,
             [1000.0, 150.0, 10.0][1 + i % 3] AS unit_price,
             (1 + i % 7) * [1000.0, 150.0, 10.0][1 + i % 3] AS revenue,
             (1 + i % 7) * [600.0, 90.0, 4.0][1 + i % 3] AS cost
      FROM range(${n}) t(i)) TO '${file}' (FORMAT parquet)`),
  );
  return file;
}
