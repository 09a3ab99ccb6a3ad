import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors.ts';
import { ingestFile } from '../ingest/ingest-file.ts';
import { readParquet, useEngine } from '../test-support/fixtures.ts';
import { makeZip } from '../test-support/zip-writer.ts';

const t = useEngine();

/** A workbook like real exports: a summary sheet first, data with a merged two-row header. */
async function salesWorkbook(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Summary').addRow(['Report', 'generated']);
  const ws = wb.addWorksheet('Sales');
  ws.getCell('A1').value = 'Region';
  ws.mergeCells('A1:A2');
  ws.getCell('B1').value = 'Sales 2024';
  ws.mergeCells('B1:C1');
  ws.getCell('B2').value = 'Q1';
  ws.getCell('C2').value = 'Q2';
  ws.getCell('D1').value = 'Date';
  ws.mergeCells('D1:D2');
  ws.getCell('E1').value = 'Total';
  ws.mergeCells('E1:E2');
  ws.getCell('F1').value = 'Note';
  ws.mergeCells('F1:F2');
  const rows: [string, number, number, Date, string][] = [
    ['North', 10, 20, new Date(Date.UTC(2024, 0, 31)), '=ok'],
    ['South', 5.5, 7, new Date(Date.UTC(2024, 1, 29, 13, 45)), 'fine'],
    ['East', 3, 4, new Date(Date.UTC(2024, 11, 1)), 'x'],
  ];
  rows.forEach(([region, q1, q2, date, note], i) => {
    const r = i + 3;
    ws.getCell(`A${r}`).value = region;
    ws.getCell(`B${r}`).value = q1;
    ws.getCell(`C${r}`).value = q2;
    ws.getCell(`D${r}`).value = date;
    ws.getCell(`E${r}`).value = { formula: `B${r}+C${r}`, result: q1 + q2 };
    ws.getCell(`F${r}`).value = note;
  });
  ws.getCell('E5').value = { formula: 'B5/0', result: { error: '#DIV/0!' } };
  const path = t.out(file);
  await wb.xlsx.writeFile(path);
  return path;
}

const expectCode = async (p: Promise<unknown>, code: string) => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EngineError);
  expect((e as EngineError).code).toBe(code);
};

describe('xlsx ingest', () => {
  it('reads the chosen sheet: merged two-row header, formulas as results, dates as ISO', async () => {
    const input = await salesWorkbook('sales.xlsx');
    const r = await ingestFile(t.engine(), {
      input,
      output: t.out('sales.parquet'),
      options: { sheet: 'Sales' },
    });
    expect(r.format).toBe('xlsx');
    expect(r.columns.map((c) => c.name)).toEqual([
      'Region',
      'Sales 2024 / Q1',
      'Sales 2024 / Q2',
      'Date',
      'Total',
      'Note',
    ]);
    expect(r.columns.map((c) => c.storageType)).toEqual([
      'string',
      'float',
      'integer',
      'datetime',
      'float',
      'string',
    ]);
    // E5 is =B5/0: depending on the writer its cached value is an error or absent.
    expect(r.warnings.map((w) => w.code).filter((c) => c.startsWith('XLSX_'))).toHaveLength(1);
    const rows = await readParquet(t.engine(), t.out('sales.parquet'));
    expect(rows[0]).toEqual(['North', 10, '20', '2024-01-31 00:00:00', 30, '=ok']);
    expect(rows[1][3]).toBe('2024-02-29 13:45:00');
    expect(rows[2][4]).toBeNull();
  });

  it('reads a SurveyMonkey workbook: merged questions over their answers, `Response` adds nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet');
    ws.addRow(['Respondent ID', 'How satisfied are you?', 'Which features do you use?', null, 'Comments']);
    ws.addRow([null, 'Response', 'Reports', 'Dashboards', 'Open-Ended Response']);
    ws.mergeCells('C1:D1');
    ws.addRow([11384756291, 'Satisfied', 'Reports', null, 'Great']);
    ws.addRow([11384756292, 'Dissatisfied', null, 'Dashboards', null]);
    const input = t.out('monkey.xlsx');
    await wb.xlsx.writeFile(input);
    const r = await ingestFile(t.engine(), { input, output: t.out('monkey.parquet') });
    expect(r.columns.map((c) => c.name)).toEqual([
      'Respondent ID',
      'How satisfied are you?',
      'Which features do you use? / Reports',
      'Which features do you use? / Dashboards',
      'Comments',
    ]);
    expect(r.rowCount).toBe(2);
  });

  it('skips a report title above the table and a Total row under it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Report');
    ws.getCell('A1').value = 'Quarterly sales report';
    ws.mergeCells('A1:C1');
    ws.getCell('A2').value = 'Generated 2024-07-01';
    ws.addRow([]);
    ws.addRow(['Region', 'Q1', 'Q2']);
    const regions = ['North', 'South', 'East', 'West'];
    for (const [i, r] of regions.entries()) ws.addRow([r, 10 * (i + 1), 5 * (i + 1)]);
    ws.addRow(['Total', { formula: 'SUM(B5:B8)', result: 100 }, { formula: 'SUM(C5:C8)', result: 50 }]);
    const input = t.out('report.xlsx');
    await wb.xlsx.writeFile(input);
    const r = await ingestFile(t.engine(), { input, output: t.out('report.parquet') });
    expect(r.columns.map((c) => c.name)).toEqual(['Region', 'Q1', 'Q2']);
    expect(r.rowCount).toBe(4);
    expect(r.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['XLSX_TITLE_ROWS_SKIPPED', 'XLSX_TOTAL_ROW_SKIPPED']),
    );
    const rows = await readParquet(t.engine(), t.out('report.parquet'));
    expect(rows.map((x) => x[0])).toEqual(regions);
  });

  it('leaves out the Total row also when it is the one held back after a full batch', async () => {
    // Header + 99 rows + Total: the Total row is the 100th pending row, held alone at the end.
    for (const n of [99, 250]) {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Data');
      ws.addRow(['id', 'value']);
      for (let i = 1; i <= n; i++) ws.addRow([i, i * 2]);
      ws.addRow(['Total', n * (n + 1)]);
      const input = t.out(`total-${n}.xlsx`);
      await wb.xlsx.writeFile(input);
      const r = await ingestFile(t.engine(), { input, output: t.out(`total-${n}.parquet`) });
      expect(r.rowCount, `${n} rows`).toBe(n);
      expect(r.warnings.map((w) => w.code)).toContain('XLSX_TOTAL_ROW_SKIPPED');
    }
  });

  it('picks a sheet by position, else the first with a table; refuses an unknown one', async () => {
    const input = await salesWorkbook('sales2.xlsx');
    const byIndex = await ingestFile(t.engine(), {
      input,
      output: t.out('s2.parquet'),
      options: { sheet: 2 },
    });
    expect(byIndex.columnCount).toBe(6);
    // Asked for, the header-only summary sheet is refused; unasked, the data sheet is read.
    await expectCode(
      ingestFile(t.engine(), { input, output: t.out('s1.parquet'), options: { sheet: 1 } }),
      'DATASET_HEADER_ONLY',
    );
    const unasked = await ingestFile(t.engine(), { input, output: t.out('s3.parquet') });
    expect([unasked.rowCount, unasked.columnCount]).toEqual([3, 6]);
    expect(unasked.warnings[0]).toMatchObject({
      code: 'XLSX_SHEET_SKIPPED',
      details: { skipped: 'Summary', sheet: 'Sales' },
    });
    await expectCode(
      ingestFile(t.engine(), { input, output: t.out('s4.parquet'), options: { sheet: 'Nope' } }),
      'INVALID_OPTIONS',
    );
  });

  it('skips hidden sheets unless asked for one', async () => {
    // A hidden lookup sheet first (code lists for a dropdown), a veryHidden one, then the data.
    const wb = new ExcelJS.Workbook();
    const lookup = wb.addWorksheet('lookup', { state: 'hidden' });
    lookup.addRow(['code', 'label']);
    lookup.addRow([1, 'x']);
    wb.addWorksheet('macro', { state: 'veryHidden' }).addRows([
      ['k', 'v'],
      ['a', 1],
    ]);
    const ws = wb.addWorksheet('Data');
    ws.addRows([
      ['id', 'name', 'amount'],
      [1, 'a', 2.5],
      [2, 'b', 3.5],
    ]);
    const input = t.out('hidden.xlsx');
    await wb.xlsx.writeFile(input);
    const unasked = await ingestFile(t.engine(), { input, output: t.out('hidden.parquet') });
    expect(unasked.columns.map((c) => c.name)).toEqual(['id', 'name', 'amount']);
    expect(unasked.warnings[0]).toMatchObject({
      code: 'XLSX_SHEET_SKIPPED',
      message: expect.stringMatching(/hidden.*"lookup".*"Data"/),
      details: { sheet: 'Data', hidden: ['lookup', 'macro'] },
    });
    for (const sheet of ['lookup', 1]) {
      const asked = await ingestFile(t.engine(), {
        input,
        output: t.out(`hidden-${sheet}.parquet`),
        options: { sheet },
      });
      expect(asked.columns.map((c) => c.name)).toEqual(['code', 'label']);
      expect(asked.warnings.map((w) => w.code)).not.toContain('XLSX_SHEET_SKIPPED');
    }
  });

  it('tells error cells from formulas without a saved result; keeps results of 0', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['id', 'a', 'b', 'ratio']);
    // Saved as <c t="e"><f>B2/C2</f><v>#DIV/0!</v></c>: a result was saved, and it is an error.
    ws.addRow([1, 1, 0, { formula: 'B2/C2', result: { error: '#DIV/0!' } }]);
    ws.addRow([2, 2, 1, { formula: 'VLOOKUP(A3,X,2)', result: { error: '#N/A' } }]);
    ws.addRow([3, 3, 1, { formula: 'B4-B4', result: 0 }]);
    ws.addRow([4, 4, 2, { formula: 'B5/C5' }]);
    ws.addRow([5, 5, 2, { formula: 'B6/C6', result: 2.5 }]);
    const input = t.out('errors.xlsx');
    await wb.xlsx.writeFile(input);
    const r = await ingestFile(t.engine(), { input, output: t.out('errors.parquet') });
    const byCode = new Map(r.warnings.map((w) => [w.code, w]));
    expect(byCode.get('XLSX_ERROR_CELLS')).toMatchObject({
      message: expect.stringContaining('2 cells hold Excel errors (#DIV/0!, #N/A)'),
      details: { count: 2, examples: ['#DIV/0!', '#N/A'] },
    });
    expect(byCode.get('XLSX_FORMULA_WITHOUT_RESULT')).toMatchObject({ details: { count: 1 } });
    const rows = await readParquet(t.engine(), t.out('errors.parquet'));
    expect(rows.map((x) => x[3])).toEqual([null, null, 0, null, 2.5]);
  });

  it('reads formulas that computed TRUE or FALSE as booleans, numbers 0 and 1 as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Budget');
    ws.addRow(['spent', 'over', 'flag', 'parity']);
    for (let i = 0; i < 6; i++) {
      // Saved as <c t="b"><f>A2>100</f><v>1</v></c>; the plain numbers' column is the control.
      ws.addRow([
        i * 50,
        { formula: `A${i + 2}>100`, result: i * 50 > 100 },
        i % 2 === 0,
        { formula: `MOD(${i},2)`, result: i % 2 },
      ]);
    }
    const input = t.out('booleans.xlsx');
    await wb.xlsx.writeFile(input);
    const r = await ingestFile(t.engine(), { input, output: t.out('booleans.parquet') });
    expect(r.columns.map((c) => c.storageType)).toEqual(['integer', 'boolean', 'boolean', 'integer']);
    const rows = await readParquet(t.engine(), t.out('booleans.parquet'));
    expect(rows.map((x) => x[1])).toEqual([false, false, false, true, true, true]);
    expect(rows.map((x) => Number(x[3]))).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it('leaves out a row of units under the header, as it would in a CSV', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['sample', 'mass', 'length', 'price']);
    ws.addRow(['', 'kg', 'cm', 'EUR']);
    for (let i = 0; i < 20; i++) ws.addRow([`S${i}`, 1.5 + i, 20 + i, 9.99 + i]);
    const input = t.out('units.xlsx');
    await wb.xlsx.writeFile(input);
    const r = await ingestFile(t.engine(), { input, output: t.out('units.parquet') });
    expect(r.rowCount).toBe(20);
    expect(r.columns.map((c) => c.storageType)).toEqual(['string', 'float', 'integer', 'float']);
    expect(r.warnings.find((w) => w.code === 'HEADER_LABELS_SKIPPED')?.details).toMatchObject({
      labels: { mass: 'kg', length: 'cm', price: 'EUR' },
    });
  });

  it('reads time-of-day cells as times and elapsed durations as numbers in their unit', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Shifts');
    ws.addRow(['start', 'ampm', 'exact', 'worked', 'lap', 'computed', 'stamp', 'due']);
    const data: [number, number][] = [
      [0.6041666666666666, 1.5],
      [0.25, 0.7604166666666666],
      [0.5, 2.25],
    ];
    for (const [i, [time, days]] of data.entries()) {
      const r = ws.addRow([
        time,
        time,
        time,
        days,
        days / 24,
        // end - start, as sheets compute a duration: a formula result, a plain number to exceljs.
        { formula: `D${i + 2}*1`, result: days },
        45000 + time,
        // A computed date is a bare serial to exceljs too.
        { formula: `G${i + 2}+7`, result: 45007 + i },
      ]);
      r.getCell(1).numFmt = 'hh:mm';
      r.getCell(2).numFmt = '[$-409]h:mm AM/PM';
      r.getCell(3).numFmt = 'hh:mm:ss';
      r.getCell(4).numFmt = '[h]:mm:ss';
      r.getCell(5).numFmt = '[mm]:ss';
      r.getCell(6).numFmt = '[h]:mm';
      // A full date and time shown as its time only: the date is data too, so it is kept.
      r.getCell(7).numFmt = 'hh:mm';
      r.getCell(8).numFmt = 'yyyy-mm-dd';
    }
    const input = t.out('times.xlsx');
    await wb.xlsx.writeFile(input);
    const r = await ingestFile(t.engine(), { input, output: t.out('times.parquet') });
    expect(r.columns.map((c) => [c.name, c.storageType])).toEqual([
      ['start', 'time'],
      ['ampm', 'time'],
      ['exact', 'time'],
      ['worked', 'float'],
      ['lap', 'float'],
      ['computed', 'float'],
      ['stamp', 'datetime'],
      ['due', 'date'],
    ]);
    const rows = await readParquet(t.engine(), t.out('times.parquet'));
    expect(rows[0]).toEqual([
      '14:30:00',
      '14:30:00',
      '14:30:00',
      36,
      90,
      36,
      '2023-03-15 14:30:00',
      '2023-03-22',
    ]);
    expect(rows.map((x) => x.slice(3, 6))).toEqual([
      [36, 90, 36],
      [18.25, 45.625, 18.25],
      [54, 135, 54],
    ]);
    expect(rows.map((x) => x[0])).toEqual(['14:30:00', '06:00:00', '12:00:00']);
    expect(r.warnings.find((w) => w.code === 'XLSX_DURATIONS_AS_NUMBERS')).toMatchObject({
      message: expect.stringContaining('"worked"'),
      details: {
        columns: [
          { column: 'worked', unit: 'hours' },
          { column: 'lap', unit: 'minutes' },
          { column: 'computed', unit: 'hours' },
        ],
      },
    });
  });
});

describe('xlsx layout', () => {
  it('skips a notes sheet and the empty margin columns left of a table placed at C3', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Read me').addRow(['The data is on the next sheet']);
    const ws = wb.addWorksheet('Data');
    ws.getCell('C3').value = 'id';
    ws.getCell('D3').value = 'name';
    for (let i = 0; i < 4; i++) {
      ws.getCell(`C${4 + i}`).value = i;
      ws.getCell(`D${4 + i}`).value = `x${i}`;
    }
    ws.getCell('A9').value = 'stray';
    const input = t.out('margin.xlsx');
    await wb.xlsx.writeFile(input);
    const r = await ingestFile(t.engine(), { input, output: t.out('margin.parquet') });
    expect(r.columns.map((c) => [c.name, c.storageType])).toEqual([
      ['id', 'integer'],
      ['name', 'string'],
    ]);
    expect(r.rowCount).toBe(4);
    expect(r.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['XLSX_SHEET_SKIPPED', 'XLSX_CELLS_DROPPED']),
    );
    const rows = await readParquet(t.engine(), t.out('margin.parquet'));
    expect(rows.slice(0, 2)).toEqual([
      ['0', 'x0'],
      ['1', 'x1'],
    ]);
  });

  it('reads currency and percent formats as currency amounts and percentages', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Prices');
    ws.addRow(['item', 'price', 'euro', 'margin', 'plain']);
    const data: [string, number, number, number | { formula: string; result: number }, number][] = [
      ['a', 9.99, 1234.5, 0.07, 1.5],
      ['b', -5, 2, 0.125, 2],
      ['c', 1200, 3.25, { formula: 'B4/1000', result: 1.2 }, 3],
    ];
    for (const row of data) {
      const r = ws.addRow(row);
      r.getCell(2).numFmt = '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\)';
      r.getCell(3).numFmt = '#,##0.00 [$€-407]';
      r.getCell(4).numFmt = '0.0%';
      r.getCell(5).numFmt = '[$-409]0.00';
    }
    const input = t.out('formats.xlsx');
    await wb.xlsx.writeFile(input);
    const r = await ingestFile(t.engine(), { input, output: t.out('formats.parquet') });
    expect(r.columns.map((c) => [c.name, c.storageType, c.semanticType, c.format.currencySymbol])).toEqual([
      ['item', 'string', 'categorical', undefined],
      ['price', 'decimal', 'currency', '$'],
      ['euro', 'decimal', 'currency', '€'],
      ['margin', 'float', 'percentage', undefined],
      ['plain', 'float', 'numeric', undefined],
    ]);
    const rows = await readParquet(t.engine(), t.out('formats.parquet'));
    expect(rows.map((x) => x.slice(1))).toEqual([
      ['9.99', '1234.50', 0.07, 1.5],
      ['-5.00', '2.00', 0.125, 2],
      ['1200.00', '3.25', 1.2, 3],
    ]);
  });

  it('keeps row labels under a header whose first cell is empty (pivot layout)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pivot');
    ws.addRow([null, 'Q1', 'Q2']);
    ws.addRow(['North', 1, 2]);
    ws.addRow(['South', 3, 4]);
    const input = t.out('pivot.xlsx');
    await wb.xlsx.writeFile(input);
    const r = await ingestFile(t.engine(), { input, output: t.out('pivot.parquet') });
    expect(r.columns.map((c) => c.name)).toEqual(['column_1', 'Q1', 'Q2']);
    expect((await readParquet(t.engine(), t.out('pivot.parquet'))).map((x) => x[0])).toEqual([
      'North',
      'South',
    ]);
  });
});

describe('zip bombs disguised as .xlsx', () => {
  const parts = (sheet: { data: Buffer; declaredSize?: number }) => [
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
  ];

  it('refuses a central directory declaring gigabytes', async () => {
    const input = t.file(
      'declared.xlsx',
      makeZip(parts({ data: Buffer.from('<x/>'), declaredSize: 4_000_000_000 })),
    );
    await expectCode(ingestFile(t.engine(), { input, output: t.out('d.parquet') }), 'DATASET_ZIP_BOMB');
  });

  it('refuses an entry that expands a thousand-fold', async () => {
    const input = t.file('ratio.xlsx', makeZip(parts({ data: Buffer.alloc(20 * 1024 * 1024) })));
    await expectCode(ingestFile(t.engine(), { input, output: t.out('r.parquet') }), 'DATASET_ZIP_BOMB');
  });

  it('catches an entry that inflates past the size it declares', async () => {
    const input = t.file(
      'liar.xlsx',
      makeZip(parts({ data: Buffer.alloc(4 * 1024 * 1024), declaredSize: 1000 })),
    );
    await expectCode(ingestFile(t.engine(), { input, output: t.out('l.parquet') }), 'DATASET_ZIP_BOMB');
  });
});
