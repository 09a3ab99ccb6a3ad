import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DuckEngine, openEngine } from '../data/duck-engine.ts';
import { askQuestion } from './ask.ts';
import { buildNlqProfile } from './build-profile.ts';
import { suggestQuestions } from './suggest.ts';
import { SALES_COLUMNS, writeSalesParquet } from './test-fixtures.ts';
import type { NlqColumn, NlqProfile } from './types.ts';

let engine: DuckEngine;
let dir: string;
let parquetPath: string;
let profile: NlqProfile;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nlq-ask-'));
  engine = await openEngine({ threads: 2, allowedDirectories: [dir] });
  parquetPath = await writeSalesParquet(engine, dir);
  profile = await buildNlqProfile(engine, parquetPath, SALES_COLUMNS);
});

afterAll(async () => {
  await engine?.close();
  await rm(dir, { recursive: true, force: true });
});

const ask = (question: string, extra: Partial<Parameters<typeof askQuestion>[1]> = {}) =>
  askQuestion(engine, {
    parquetPath,
    columns: SALES_COLUMNS,
    profile,
    question,
    datasetName: 'orders',
    ...extra,
  });

describe('askQuestion', () => {
  it('answers with a sentence, rows, chart, SQL and parameters', async () => {
    const { answer } = await ask('total revenue by product');
    expect(answer.status).toBe('answered');
    // 300 orders cycle through Laptop/Chair/Paper; quantity 1 + i % 7.
    const byProduct = new Map(answer.rows.map((r) => [r[0], r[1]]));
    let laptop = 0;
    for (let i = 0; i < 300; i += 3) laptop += (1 + (i % 7)) * 1000;
    expect(byProduct.get('Laptop')).toBe(laptop);
    expect(answer.columns.map((c) => [c.name, c.role, c.type])).toEqual([
      ['product', 'dimension', 'string'],
      ['Total revenue', 'measure', 'number'],
    ]);
    expect(answer.answer).toMatch(/^Laptop \([\d,.]+\) has the highest total revenue/);
    expect(answer.sql).toContain('FROM "dataset"');
    expect(answer.chart).toMatchObject({ mark: { type: 'bar' }, encoding: { x: { field: 'product' } } });
    expect(answer.confidence).toBeGreaterThan(0.8);
  });

  it('names months and quarters as periods in the sentence', async () => {
    const months = (await ask('total revenue by month')).answer;
    expect(months.rows[0][0]).toMatch(/^\d{4}-\d{2}-01$/);
    expect(months.answer).toMatch(/ went from [\d,.]+ in [A-Z][a-z]+ \d{4} to [\d,.]+ in [A-Z][a-z]+ \d{4}/);
    const quarters = (await ask('which quarter had the most revenue')).answer;
    expect(quarters.answer).toMatch(/^Q[1-4] 20\d\d has the highest total revenue/);
  });

  it('answers a tie for first place as a tie', async () => {
    // Revenue peaks at 7 × 1000 for every Laptop order of quantity 7 (i ≡ 6 mod 21): 14 orders.
    const { answer } = await ask('which order had the highest revenue');
    expect(answer.status).toBe('answered');
    const revenue = answer.columns.findIndex((c) => c.name === 'revenue');
    expect(answer.rows.length).toBeGreaterThan(1);
    for (const r of answer.rows) expect(r[revenue]).toBe(7000);
    expect(answer.rows).toHaveLength(10);
    expect(answer.answer).toMatch(/; tied with .+ and more\.$/);
  });

  it('counts with a filter and states the filter in the sentence', async () => {
    const { answer } = await ask('how many orders from Japan?');
    expect(answer.rows).toEqual([[60]]);
    expect(answer.answer).toBe('The number of orders is 60 for country = Japan.');
    expect(answer.params).toEqual(['Japan']);
  });

  it('draws time as a line', async () => {
    const { answer } = await ask('number of orders per year');
    expect(answer.rows.map((r) => r[0])).toEqual([2022]);
    expect(answer.chart).toMatchObject({ mark: { type: 'line' } });
  });

  it('carries a conversation through follow-ups', async () => {
    const first = await ask('total revenue by country');
    const second = await ask('only the top 2', { conversation: first.conversation });
    expect(second.answer.rows).toHaveLength(2);
    const third = await ask('show it as a pie chart', { conversation: second.conversation });
    expect(third.answer.chart).toMatchObject({ mark: { type: 'arc' } });
    expect(third.conversation.turns.map((t) => t.status)).toEqual(['answered', 'answered', 'answered']);
  });

  it('clarifies, then takes the chosen option', async () => {
    const first = await ask('what is the average?');
    expect(first.answer.status).toBe('clarify');
    expect(first.answer.choices?.length).toBeGreaterThan(1);
    const pick = first.answer.choices?.find((c) => c.label === 'cost');
    const second = await ask(pick?.label ?? '', { conversation: first.conversation });
    expect(second.answer.status).toBe('answered');
    expect(second.answer.plan?.measures).toEqual([{ agg: 'avg', column: 'cost' }]);
  });

  it('refuses with a reason and suggestions', async () => {
    const { answer } = await ask('what will revenue be next year?');
    expect(answer.status).toBe('unanswerable');
    expect(answer.reason).toMatch(/future/);
    expect(answer.suggestions?.length).toBeGreaterThan(0);
    expect(answer.sql).toBe('');
  });

  it('works without a profile (values looked up once) and caps rows', async () => {
    const { answer } = await ask('list orders from Canada', { profile: undefined, rowCap: 10 });
    expect(answer.status).toBe('answered');
    expect(answer.rows).toHaveLength(10);
    expect(answer.truncated).toBe(true);
  });

  it('every suggested question is answered', async () => {
    for (const q of suggestQuestions(SALES_COLUMNS, profile)) {
      const { answer } = await ask(q);
      expect(answer.status, q).toBe('answered');
    }
  });

  it('explains drivers after "why?"', async () => {
    const first = await ask('average revenue by product');
    const why = await ask('why?', { conversation: first.conversation });
    expect(why.answer.plan?.kind).toBe('drivers');
    expect(why.answer.columns.map((c) => c.name)).toEqual(['Column', 'Correlation']);
    expect(why.answer.answer).toMatch(/not cause/);
  });
});

describe('levels over years', () => {
  const census: NlqColumn[] = [
    { name: 'year', storageType: 'integer', semanticType: 'numeric' },
    { name: 'region', storageType: 'string', semanticType: 'categorical' },
    { name: 'people', storageType: 'integer', semanticType: 'numeric' },
    { name: 'people_affected', storageType: 'integer', semanticType: 'numeric' },
  ];
  let censusPath: string;
  beforeAll(async () => {
    censusPath = path.join(dir, 'census.parquet');
    // people: 100/200 (North) and 10/20 (South) in 1990/2000; people_affected is a yearly flow.
    await engine.withConnection((c) =>
      c.run(`COPY (SELECT * FROM (VALUES (1990, 'North', 100, 5), (2000, 'North', 200, 7),
        (1990, 'South', 10, 1), (2000, 'South', 20, 2)) t(year, region, people, people_affected))
        TO '${censusPath}' (FORMAT parquet)`),
    );
  });
  const askCensus = (question: string) =>
    askQuestion(engine, { parquetPath: censusPath, columns: census, question, datasetName: 'regions' });

  it('takes the latest year for a level, and says so', async () => {
    const { answer } = await askCensus('how many people are there in the North');
    expect(answer.rows).toEqual([[200]]);
    expect(answer.interpretation.map((i) => i.meaning).join(' ')).toMatch(/level, not a flow/);
    const byRegion = (await askCensus('people by region')).answer;
    expect(byRegion.rows).toEqual([
      ['North', 200],
      ['South', 20],
    ]);
  });

  it('keeps summing flows across years, and answers a change with the series', async () => {
    expect((await askCensus('total people_affected')).answer.rows).toEqual([[15]]);
    const change = (await askCensus('how did the number of people change')).answer;
    expect(change.rows).toEqual([
      [1990, 110],
      [2000, 220],
    ]);
  });
});

describe('concentrations over time', () => {
  const cols: NlqColumn[] = [
    { name: 'Date', storageType: 'date', semanticType: 'datetime' },
    { name: 'CO2', storageType: 'float', semanticType: 'numeric' },
  ];
  let file: string;
  beforeAll(async () => {
    file = path.join(dir, 'co2.parquet');
    // Monthly readings: 300 + month in 1990, 310 + month in 1991.
    await engine.withConnection((c) =>
      c.run(`COPY (SELECT make_date(y, m, 1) AS "Date", (CASE y WHEN 1990 THEN 300 ELSE 310 END + m)::DOUBLE AS "CO2"
        FROM range(1990, 1992) a(y), range(1, 13) b(m)) TO '${file}' (FORMAT parquet)`),
    );
  });
  const askCo2 = (question: string) =>
    askQuestion(engine, { parquetPath: file, columns: cols, question, datasetName: 'co2' });

  it('averages a reading over a year instead of adding twelve of them up', async () => {
    expect((await askCo2('co2 in 1990')).answer.rows).toEqual([[306.5]]);
  });

  it('answers "how did it change" with the series by year', async () => {
    const { answer } = await askCo2('how did co2 change');
    expect(answer.rows.map((r) => r.slice(0, 2))).toEqual([
      [1990, 306.5],
      [1991, 316.5],
    ]);
  });
});

describe('a table named for levels', () => {
  const cols: NlqColumn[] = [
    { name: 'month', storageType: 'date', semanticType: 'datetime' },
    { name: 'construction', storageType: 'integer', semanticType: 'numeric' },
  ];
  let file: string;
  beforeAll(async () => {
    file = path.join(dir, 'employment.parquet');
    // Jobs held each month (a level): 100 + m in 2010, 200 + m in 2011.
    await engine.withConnection((c) =>
      c.run(`COPY (SELECT make_date(y, m, 1) AS "month", CASE y WHEN 2010 THEN 100 ELSE 200 END + m AS construction
        FROM range(2010, 2012) a(y), range(1, 13) b(m)) TO '${file}' (FORMAT parquet)`),
    );
  });
  const askJobs = (question: string) =>
    askQuestion(engine, { parquetPath: file, columns: cols, question, datasetName: 'us-employment' });

  it('reads a year as its last month, and a change as yearly averages', async () => {
    expect((await askJobs('construction in 2010')).answer.rows).toEqual([[112]]);
    const change = (await askJobs('how did construction change')).answer;
    expect(change.rows.map((r) => r.slice(0, 2))).toEqual([
      [2010, 106.5],
      [2011, 206.5],
    ]);
  });
});

describe('a table that is already counted', () => {
  const cols: NlqColumn[] = [
    { name: 'job', storageType: 'string', semanticType: 'categorical' },
    { name: 'sex', storageType: 'string', semanticType: 'categorical' },
    { name: 'year', storageType: 'integer', semanticType: 'numeric' },
    { name: 'count', storageType: 'integer', semanticType: 'numeric' },
  ];
  let file: string;
  beforeAll(async () => {
    file = path.join(dir, 'jobs.parquet');
    await engine.withConnection((c) =>
      c.run(`COPY (SELECT * FROM (VALUES ('Teacher', 'women', 2000, 75), ('Teacher', 'men', 2000, 25),
        ('Nurse', 'women', 2000, 90), ('Nurse', 'men', 2000, 10), ('Nurse', 'women', 1990, 50))
        t(job, sex, year, count)) TO '${file}' (FORMAT parquet)`),
    );
  });
  const askJobs = (question: string) =>
    askQuestion(engine, { parquetPath: file, columns: cols, question, datasetName: 'jobs' });

  it('adds up the count column where rows would be counted', async () => {
    const { answer } = await askJobs('how many nurses were there in 2000');
    expect(answer.rows).toEqual([[100]]);
    expect(answer.sql).toContain('sum("count")');
  });

  it('takes the group after "among" as the whole of a share', async () => {
    expect((await askJobs('share of women among teachers in 2000')).answer.rows[0][0]).toBeCloseTo(75, 6);
    expect((await askJobs('share of teachers among women in 2000')).answer.rows[0][0]).toBeCloseTo(
      (100 * 75) / 165,
      6,
    );
  });
});

describe('ties for first place', () => {
  it('names rivals only, not the winner repeated on its other rows', async () => {
    // vega's income table repeats each state's total on its ten income-bracket rows.
    const file = path.join(dir, 'income.parquet');
    const json = path.join(dir, 'income.json');
    await copyFile(path.resolve('node_modules/vega-datasets/data/income.json'), json);
    await engine.withConnection((c) =>
      c.run(`COPY (SELECT * FROM read_json('${json}')) TO '${file}' (FORMAT parquet)`),
    );
    const cols: NlqColumn[] = [
      { name: 'name', storageType: 'string', semanticType: 'categorical' },
      { name: 'region', storageType: 'string', semanticType: 'categorical' },
      { name: 'id', storageType: 'integer', semanticType: 'identifier' },
      { name: 'pct', storageType: 'float', semanticType: 'numeric' },
      { name: 'total', storageType: 'integer', semanticType: 'numeric' },
      { name: 'group', storageType: 'string', semanticType: 'categorical' },
    ];
    const { answer } = await askQuestion(engine, {
      parquetPath: file,
      columns: cols,
      question: 'which state has the highest total income',
      datasetName: 'income',
    });
    expect(answer.answer).toMatch(/^California/);
    expect(answer.answer).not.toMatch(/tied/);
  });
});
