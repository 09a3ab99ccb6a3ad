import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useEngine } from '../test-support/fixtures.ts';
import { makeZip } from '../test-support/zip-writer.ts';
import { detectEncoding, scanUtf8 } from './encoding.ts';
import { detectFormat } from './format-detect.ts';
import { detectHeader } from './header-detect.ts';
import { sniffText } from './sniff-text.ts';

const t = useEngine();

describe('detectEncoding', () => {
  it.each([
    ['UTF-8 BOM', Buffer.from('\uFEFFa,b\n', 'utf8'), 'utf-8'],
    ['UTF-16LE BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n', 'utf16le')]), 'utf-16le'],
    ['UTF-16LE no BOM', Buffer.from('name,value\n1,2\n', 'utf16le'), 'utf-16le'],
    ['UTF-16BE no BOM', Buffer.from('name,value\n1,2\n', 'utf16le').swap16(), 'utf-16be'],
    ['plain ASCII', Buffer.from('a,b\n1,2\n'), 'utf-8'],
    ['UTF-8 accents', Buffer.from('café,naïve\n'), 'utf-8'],
    ['Latin-1 accents', Buffer.from('café,naïve\n', 'latin1'), 'windows-1252'],
  ])('%s', (_, bytes, expected) => {
    expect(detectEncoding(bytes, false).encoding).toBe(expected);
  });

  it('tells corrupt UTF-8 (mostly valid) from Latin-1', () => {
    const corrupt = Buffer.concat([Buffer.from('café crème brûlée '), Buffer.from([0xff])]);
    expect(detectEncoding(corrupt, false)).toMatchObject({ encoding: 'utf-8', invalidUtf8Bytes: 1 });
  });

  it('ignores a multi-byte character cut by the end of the sample', () => {
    const cut = Buffer.from('abc é').subarray(0, 5);
    expect(scanUtf8(cut, true)).toEqual({ valid: 0, invalid: 0 });
    expect(scanUtf8(cut, false).invalid).toBe(1);
  });
});

describe('sniffText', () => {
  it('finds delimiter, header and decimal comma', async () => {
    const s = await sniffText(t.file('s1.csv', 'a;b;c\n1,5;x;2024-01-01\n2,25;y;2024-01-02\n'));
    expect(s).toMatchObject({
      delimiter: ';',
      header: true,
      decimalComma: true,
      quote: '"',
      firstRecord: ['a', 'b', 'c'],
    });
    expect(s.confidence.delimiter).toBe(1);
  });

  it('sees no header in an all-number first row', async () => {
    const s = await sniffText(t.file('s2.csv', '1,2,3\n4,5,6\n'));
    expect(s.header).toBe(false);
  });

  it('handles quoted delimiters and newlines when counting fields', async () => {
    const s = await sniffText(t.file('s3.csv', 'id,text\n1,"a; b; c"\n2,"x\ny; z"\n'));
    expect(s.delimiter).toBe(',');
  });

  it('takes padded or narrow lines above a header for titles, and no line above data rows', async () => {
    const titled = await sniffText(
      t.file(
        'titled.csv',
        'Sales report 2024,,,\n,,,\nRegion:,North\nregion,q1,q2,q3\nN,1,2,3\nS,4,5,6\nE,7,8,9\n',
      ),
    );
    expect(titled).toMatchObject({ skipRows: 3, firstRecord: ['region', 'q1', 'q2', 'q3'] });
    expect(titled.preamble).toEqual(['Sales report 2024', 'Region: North']);
    // A header of one name, a number, or a header over rows with one more (empty) field: no titles.
    for (const text of [
      'id,,,\n1,2,3,4\n2,3,4,5\n3,4,5,6\n',
      '5,,,\n1,2,3,4\n2,3,4,5\n3,4,5,6\n',
      'a,b,c\n1,2,3,\n4,5,6,\n7,8,9,\n',
    ]) {
      expect((await sniffText(t.file('plain.csv', text))).skipRows).toBe(0);
    }
  });

  it('honours forced options', async () => {
    const s = await sniffText(t.file('s4.csv', 'a|b\n1|2\n'), { options: { delimiter: ',', header: false } });
    expect(s).toMatchObject({ delimiter: ',', header: false, confidence: { delimiter: 1, header: 1 } });
  });

  it('detectHeader: text over numbers is a header; distinct text over text too', () => {
    expect(
      detectHeader([
        ['name', 'age'],
        ['ann', '3'],
        ['bob', '4'],
      ]).header,
    ).toBe(true);
    expect(
      detectHeader([
        ['x', 'y'],
        ['a', 'b'],
        ['a', 'b'],
      ]),
    ).toMatchObject({ header: true, confidence: 0.8 });
  });

  it('detectHeader: numbers over numbers are data, though a text column is beside them; years head columns', () => {
    const rows = [
      ['1', '2.5', 'a'],
      ['2', '5.0', 'b'],
      ['3', '7.5', 'a'],
    ];
    expect(detectHeader(rows)).toMatchObject({ header: false });
    // A pivot table: the years are names.
    expect(
      detectHeader([
        ['country', '2019', '2020'],
        ['Norway', '5.3', '5.4'],
        ['Peru', '32.5', '33.0'],
      ]),
    ).toMatchObject({ header: true });
    // A name over numbers still wins over a number beside it.
    expect(detectHeader([['id', '7', 'c'], ...rows])).toMatchObject({ header: true, confidence: 0.95 });
  });
});

describe('detectFormat', () => {
  it.each([
    ['a.csv', 'a,b\n1,2\n', 'csv'],
    ['a.txt', '[{"a":1}]', 'json'],
    ['a.json', '{"a":1}\n{"a":2}\n', 'ndjson'],
    ['b.json', '{\n "a": 1\n}\n', 'json'],
    // One object on one line, then a line end (as `echo` or an editor leaves it): JSON, unless
    // the name says NDJSON.
    ['c.json', '{"a":[1,2],"b":["x","y"]}\n', 'json'],
    ['c.jsonl', '{"a":[1,2],"b":["x","y"]}\n', 'ndjson'],
  ])('%s', async (name, content, format) => {
    expect(await detectFormat(t.file(name, content), { fileName: name })).toMatchObject({
      format,
      gzip: false,
    });
  });

  it('magic bytes win over the extension', async () => {
    expect(
      await detectFormat(t.file('x.csv', gzipSync('{"a":1}\n{"a":2}\n')), { fileName: 'x.csv' }),
    ).toMatchObject({
      format: 'ndjson',
      gzip: true,
    });
    const xlsx = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    ]);
    expect(await detectFormat(t.file('book.bin', xlsx))).toMatchObject({ format: 'xlsx' });
    expect(await detectFormat(t.file('p.csv', Buffer.from('PAR1....')))).toMatchObject({ format: 'parquet' });
  });

  it('refuses empty, legacy .xls and images with typed errors', async () => {
    await expect(detectFormat(t.file('e.csv', ''))).rejects.toMatchObject({ code: 'DATASET_EMPTY' });
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(detectFormat(t.file('old.xls', ole))).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED_FORMAT',
    });
    await expect(
      detectFormat(t.file('i.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))),
    ).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED_FORMAT',
    });
  });

  it('names Arrow files and says to save them as Parquet', async () => {
    const arrow = Buffer.concat([Buffer.from('ARROW1'), Buffer.alloc(64, 0)]);
    await expect(detectFormat(t.file('flights.arrow', arrow))).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED_FORMAT',
      message: expect.stringMatching(/Apache Arrow.*Parquet/),
    });
  });

  it('refuses HTML tables and Excel 2003 XML saved as .xls, saying how to convert them', async () => {
    const oneLine =
      '<html><body><table><tr><td>id</td><td>name</td></tr><tr><td>1</td><td>a</td></tr></table></body></html>';
    const excelHtml = [
      '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">',
      '<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"></head>',
      '<body><table>',
      '<tr><td>id</td><td>name</td></tr>',
      '<tr><td>1</td><td>a, b</td></tr>',
      '</table></body></html>',
    ].join('\n');
    for (const [name, html] of [
      ['report.xls', oneLine],
      ['export.xls', excelHtml],
      ['page.xls', `\uFEFF<!DOCTYPE html>\n${oneLine}`],
    ]) {
      await expect(detectFormat(t.file(name, html), { fileName: name }), name).rejects.toMatchObject({
        code: 'DATASET_UNSUPPORTED_FORMAT',
        message: expect.stringMatching(/HTML.*open it in Excel or LibreOffice and save it as \.xlsx or CSV/),
        details: { detected: 'html' },
      });
    }
    const spreadsheetMl = [
      '<?xml version="1.0"?>',
      '<?mso-application progid="Excel.Sheet"?>',
      '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
      ' <Worksheet ss:Name="Sheet1"><Table><Row><Cell><Data ss:Type="String">id</Data></Cell></Row></Table></Worksheet>',
      '</Workbook>',
    ].join('\n');
    await expect(detectFormat(t.file('2003.xls', spreadsheetMl))).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED_FORMAT',
      message: expect.stringMatching(/Excel 2003 XML.*save it as \.xlsx or CSV/),
      details: { detected: 'spreadsheetml' },
    });
    // Text that merely mentions a tag is still CSV.
    expect(await detectFormat(t.file('tags.csv', 'tag,count\n<b>,3\n<table>,1\n'))).toMatchObject({
      format: 'csv',
    });
  });

  it('names what a zip holds when it is no .xlsx: data files, OpenDocument, Excel binary', async () => {
    const zip = (entries: [string, string][], store = false) =>
      makeZip(entries.map(([name, data]) => ({ name, data: Buffer.from(data), store })));
    const refused = (name: string, data: Buffer) => detectFormat(t.file(name, data), { fileName: name });
    await expect(refused('data.zip', zip([['data.csv', 'a,b\n1,2\n']]))).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED_FORMAT',
      message: expect.stringMatching(/zip archive holding data\.csv: extract it and upload the file/),
      details: { detected: 'zip', entries: ['data.csv'] },
    });
    const ods = zip(
      [
        ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
        ['content.xml', '<office:document-content/>'],
        ['META-INF/manifest.xml', '<manifest/>'],
      ],
      true,
    );
    await expect(refused('budget.ods', ods)).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED_FORMAT',
      message: expect.stringMatching(/OpenDocument spreadsheet.*save it as \.xlsx or CSV/),
      details: { detected: 'ods' },
    });
    const xlsb = zip([
      ['[Content_Types].xml', '<Types/>'],
      ['xl/workbook.bin', '\u0083\u0001'],
      ['xl/worksheets/sheet1.bin', '\u0081\u0001'],
    ]);
    await expect(refused('big.xlsb', xlsb)).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED_FORMAT',
      message: expect.stringMatching(/Excel binary workbook \(\.xlsb\).*save it as \.xlsx or CSV/),
      details: { detected: 'xlsb' },
    });
  });
});
