import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEngine } from '../test-support/fixtures.ts';
import { peopleVersion } from '../test-support/people.ts';
import { exportVersion } from './export-version.ts';
import { neutralizeText } from './formula-guard.ts';

const t = useEngine();
let v = '';
beforeAll(async () => {
  v = await peopleVersion(t.engine(), t.file, t.out);
});

describe('formula injection guard', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-x', "'-x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['-5', '-5'],
    ['+3.2e4', '+3.2e4'],
    ['plain', 'plain'],
  ])('%j → %j', (input, output) => {
    expect(neutralizeText(input)).toBe(output);
  });
});

describe('exportVersion', () => {
  it('CSV neutralises formulas but keeps numbers', async () => {
    const out = t.out('people.csv');
    const r = await exportVersion(t.engine(), v, 'csv', out);
    expect(r.rows).toBe(6);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('id,name,age,country,score,joined,active,note,zip');
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain("'+1 call me");
    expect(text).toContain("'@mention");
    expect(text).toMatch(/,-5,10001/);
    expect(text).toContain(',02134');
  });

  it('JSON is an array of records; Parquet is a copy', async () => {
    const json = t.out('people.json');
    await exportVersion(t.engine(), v, 'json', json);
    const records = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(records).toHaveLength(6);
    expect(records[0]).toMatchObject({ id: 1, name: 'Ann', joined: '2024-01-05' });
    const pq = t.out('copy.parquet');
    await exportVersion(t.engine(), v, 'parquet', pq);
    expect(fs.readFileSync(pq).equals(fs.readFileSync(v))).toBe(true);
  });

  it('XLSX keeps numbers and dates typed and neutralises text', async () => {
    const out = t.out('people.xlsx');
    await exportVersion(t.engine(), v, 'xlsx', out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'id',
      'name',
      'age',
      'country',
      'score',
      'joined',
      'active',
      'note',
      'zip',
    ]);
    expect(ws.getCell('A2').value).toBe(1);
    expect(ws.getCell('F2').value).toEqual(new Date(Date.UTC(2024, 0, 5)));
    expect(ws.getCell('H2').value).toBe('\'=HYPERLINK("http://evil")');
    expect(ws.getCell('H4').value).toBe('-5');
  });
});
