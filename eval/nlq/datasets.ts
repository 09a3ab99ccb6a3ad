/**
 * The evaluation datasets: six from vega-datasets plus a generated sales table. Each is
 * loaded into plain JS rows (the references compute on these) and written to Parquet with
 * explicit column types (the engine answers from that), so both sides see the same data.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DuckEngine } from '../../packages/engine/src/data/duck-engine.ts';
import { quoteIdent, quoteLiteral } from '../../packages/engine/src/data/sql.ts';
import type { NlqColumn } from '../../packages/engine/src/nlq/types.ts';
import { generateSales } from './sales-data.ts';

export type Row = Record<string, string | number | boolean | null>;

export interface EvalDataset {
  id: string;
  /** What the platform would call it; gives the parser its row noun. */
  datasetName: string;
  columns: NlqColumn[];
  rows: Row[];
  parquetPath: string;
}

const VEGA = path.resolve('node_modules/vega-datasets/data');
const MONTHS: Record<string, string> = {
  Jan: '01',
  Feb: '02',
  Mar: '03',
  Apr: '04',
  May: '05',
  Jun: '06',
  Jul: '07',
  Aug: '08',
  Sep: '09',
  Oct: '10',
  Nov: '11',
  Dec: '12',
};

/** "Jun 12 1998" → 1998-06-12 */
function usDate(s: string | null): string | null {
  if (!s) return null;
  const m = /^([A-Z][a-z]{2}) (\d{1,2}) (\d{4})$/.exec(s);
  return m ? `${m[3]}-${MONTHS[m[1]]}-${m[2].padStart(2, '0')}` : null;
}

function csv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path.join(VEGA, file), 'utf8').trim().split('\n');
  const names = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

const json = (file: string) =>
  JSON.parse(readFileSync(path.join(VEGA, file), 'utf8')) as Record<string, unknown>[];
const col = (
  name: string,
  storageType: NlqColumn['storageType'],
  semanticType: NlqColumn['semanticType'],
  description?: string,
): NlqColumn => ({ name, storageType, semanticType, ...(description ? { description } : {}) });
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const numOrNull = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));

function cars(): Omit<EvalDataset, 'parquetPath'> {
  const rows = json('cars.json').map((r) => ({ ...r, Year: String(r.Year).slice(0, 10) })) as Row[];
  return {
    id: 'cars',
    datasetName: 'cars',
    rows,
    columns: [
      col('Name', 'string', 'free_text'),
      col('Miles_per_Gallon', 'float', 'numeric'),
      col('Cylinders', 'integer', 'numeric'),
      col('Displacement', 'float', 'numeric'),
      col('Horsepower', 'integer', 'numeric'),
      col('Weight_in_lbs', 'integer', 'numeric'),
      col('Acceleration', 'float', 'numeric', 'seconds from 0 to 60 mph'),
      col('Year', 'date', 'datetime', 'model year'),
      col('Origin', 'string', 'categorical', 'region where the car was made'),
    ],
  };
}

function movies(): Omit<EvalDataset, 'parquetPath'> {
  const rows = json('movies.json').map((r) => ({
    ...r,
    Title: str(r.Title),
    'Release Date': usDate(r['Release Date'] as string | null),
  })) as Row[];
  return {
    id: 'movies',
    datasetName: 'movies',
    rows,
    columns: [
      col('Title', 'string', 'free_text'),
      col('US Gross', 'float', 'currency'),
      col('Worldwide Gross', 'float', 'currency'),
      col('US DVD Sales', 'float', 'currency'),
      col('Production Budget', 'float', 'currency'),
      col('Release Date', 'date', 'datetime'),
      col('MPAA Rating', 'string', 'categorical'),
      col('Running Time min', 'integer', 'numeric'),
      col('Distributor', 'string', 'categorical'),
      col('Source', 'string', 'categorical'),
      col('Major Genre', 'string', 'categorical'),
      col('Creative Type', 'string', 'categorical'),
      col('Director', 'string', 'categorical'),
      col('Rotten Tomatoes Rating', 'integer', 'numeric'),
      col('IMDB Rating', 'float', 'numeric'),
      col('IMDB Votes', 'integer', 'numeric'),
    ],
  };
}

function weather(): Omit<EvalDataset, 'parquetPath'> {
  const rows = csv('seattle-weather.csv').map((r) => ({
    date: r.date,
    precipitation: Number(r.precipitation),
    temp_max: Number(r.temp_max),
    temp_min: Number(r.temp_min),
    wind: Number(r.wind),
    weather: r.weather,
  }));
  return {
    id: 'weather',
    datasetName: 'Seattle weather',
    rows,
    columns: [
      col('date', 'date', 'datetime'),
      col('precipitation', 'float', 'numeric', 'rain in mm'),
      col('temp_max', 'float', 'numeric', 'highest temperature of the day in °C'),
      col('temp_min', 'float', 'numeric', 'lowest temperature of the day in °C'),
      col('wind', 'float', 'numeric', 'wind speed in m/s'),
      col('weather', 'string', 'categorical'),
    ],
  };
}

function stocks(): Omit<EvalDataset, 'parquetPath'> {
  const rows = csv('stocks.csv').map((r) => ({
    symbol: r.symbol,
    date: usDate(r.date),
    price: Number(r.price),
  }));
  return {
    id: 'stocks',
    datasetName: 'stock prices',
    rows,
    columns: [
      col('symbol', 'string', 'categorical'),
      col('date', 'date', 'datetime'),
      col('price', 'float', 'currency', 'monthly closing price'),
    ],
  };
}

function gapminder(): Omit<EvalDataset, 'parquetPath'> {
  return {
    id: 'gapminder',
    datasetName: 'gapminder countries',
    rows: json('gapminder.json') as Row[],
    columns: [
      col('year', 'integer', 'numeric'),
      col('country', 'string', 'categorical'),
      col('cluster', 'integer', 'categorical', 'world region group'),
      col('pop', 'integer', 'numeric', 'population'),
      col('life_expect', 'float', 'numeric', 'life expectancy in years'),
      col('fertility', 'float', 'numeric', 'children per woman'),
    ],
  };
}

function penguins(): Omit<EvalDataset, 'parquetPath'> {
  const rows = json('penguins.json').map((r) => ({ ...r, Sex: r.Sex === '.' ? null : r.Sex })) as Row[];
  return {
    id: 'penguins',
    datasetName: 'penguins',
    rows,
    columns: [
      col('Species', 'string', 'categorical'),
      col('Island', 'string', 'categorical'),
      col('Beak Length (mm)', 'float', 'numeric'),
      col('Beak Depth (mm)', 'float', 'numeric'),
      col('Flipper Length (mm)', 'integer', 'numeric'),
      col('Body Mass (g)', 'integer', 'numeric'),
      col('Sex', 'string', 'categorical'),
    ],
  };
}

function sales(): Omit<EvalDataset, 'parquetPath'> {
  return {
    id: 'sales',
    datasetName: 'orders',
    rows: generateSales(5000),
    columns: [
      col('order_id', 'integer', 'identifier'),
      col('order_date', 'date', 'datetime'),
      col('region', 'string', 'categorical'),
      col('country', 'string', 'categorical'),
      col('channel', 'string', 'categorical'),
      col('product_category', 'string', 'categorical'),
      col('product', 'string', 'categorical'),
      col('customer_segment', 'string', 'categorical'),
      col('sales_rep', 'string', 'categorical'),
      col('customer_id', 'string', 'identifier'),
      col('quantity', 'integer', 'numeric'),
      col('unit_price', 'float', 'currency'),
      col('discount', 'float', 'percentage'),
      col('revenue', 'float', 'currency'),
      col('cost', 'float', 'currency'),
      col('returned', 'boolean', 'boolean'),
    ],
  };
}

/** Three small tables added late, to check phrasing on schemas the parser was not tuned on. */
function barley(): Omit<EvalDataset, 'parquetPath'> {
  return {
    id: 'barley',
    datasetName: 'barley yields',
    rows: json('barley.json') as Row[],
    columns: [
      col('yield', 'float', 'numeric'),
      col('variety', 'string', 'categorical'),
      col('year', 'integer', 'numeric'),
      col('site', 'string', 'categorical'),
    ],
  };
}

function disasters(): Omit<EvalDataset, 'parquetPath'> {
  const rows = csv('disasters.csv').map((r) => ({
    Entity: r.Entity,
    Year: Number(r.Year),
    Deaths: Number(r.Deaths),
  }));
  return {
    id: 'disasters',
    datasetName: 'natural disasters',
    rows,
    columns: [
      col('Entity', 'string', 'categorical'),
      col('Year', 'integer', 'numeric'),
      col('Deaths', 'integer', 'numeric'),
    ],
  };
}

function iowa(): Omit<EvalDataset, 'parquetPath'> {
  const rows = csv('iowa-electricity.csv').map((r) => ({
    year: r.year,
    source: r.source,
    net_generation: Number(r.net_generation),
  }));
  return {
    id: 'iowa',
    datasetName: 'Iowa electricity',
    rows,
    columns: [
      col('year', 'date', 'datetime'),
      col('source', 'string', 'categorical'),
      col('net_generation', 'integer', 'numeric', 'electricity generated in GWh'),
    ],
  };
}

const DUCK_TYPE: Record<string, string> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  float: 'DOUBLE',
  date: 'DATE',
  boolean: 'BOOLEAN',
  datetime: 'TIMESTAMP',
  decimal: 'DOUBLE',
  time: 'TIME',
};

async function writeParquet(
  engine: DuckEngine,
  d: Omit<EvalDataset, 'parquetPath'>,
  dir: string,
): Promise<string> {
  const ndjson = path.join(dir, `${d.id}.ndjson`);
  const out = path.join(dir, `${d.id}.parquet`);
  writeFileSync(ndjson, d.rows.map((r) => JSON.stringify(r)).join('\n'));
  const spec = `{${d.columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(DUCK_TYPE[c.storageType])}`).join(', ')}}`;
  const select = d.columns.map((c) => quoteIdent(c.name)).join(', ');
  await engine.withConnection((conn) =>
    conn.run(
      `COPY (SELECT ${select} FROM read_json(${quoteLiteral(ndjson)}, format = 'newline_delimited', columns = ${spec})) TO ${quoteLiteral(out)} (FORMAT parquet)`,
    ),
  );
  return out;
}

export async function loadDatasets(engine: DuckEngine, dir: string): Promise<EvalDataset[]> {
  mkdirSync(dir, { recursive: true });
  const out: EvalDataset[] = [];
  for (const d of [
    cars(),
    movies(),
    weather(),
    stocks(),
    gapminder(),
    penguins(),
    sales(),
    barley(),
    disasters(),
    iowa(),
  ]) {
    out.push({ ...d, parquetPath: await writeParquet(engine, d, dir) });
  }
  return out;
}

export { numOrNull };
