import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readParquet, useEngine } from '../test-support/fixtures.ts';
import { ingestFile, planCsvHead } from './ingest-file.ts';

const t = useEngine();
const ingest = (name: string, content: string | Buffer, options = {}) =>
  ingestFile(t.engine(), {
    input: t.file(name, content),
    output: t.out(`${name}.parquet`),
    options,
    hint: { fileName: name },
  });
const types = (r: { columns: { name: string; storageType: string }[] }) =>
  Object.fromEntries(r.columns.map((c) => [c.name, c.storageType]));

describe('ingestFile: text formats', () => {
  it.each([
    [',', 'comma.csv'],
    [';', 'semicolon.csv'],
    ['\t', 'tabs.tsv'],
    ['|', 'pipes.txt'],
  ])('detects the %j delimiter', async (d, name) => {
    const text =
      ['id', 'city', 'score'].join(d) +
      '\n' +
      ['1', 'Paris', '2.5'].join(d) +
      '\n' +
      ['2', 'Lyon', '3.75'].join(d) +
      '\n';
    const r = await ingest(name, text);
    expect(r.delimiter).toBe(d);
    expect(types(r)).toEqual({ id: 'integer', city: 'string', score: 'float' });
    expect(r.rowCount).toBe(2);
  });

  it('keeps quoted fields with delimiters, quotes and newlines', async () => {
    const r = await ingest('quoted.csv', 'id,text\n1,"a, b"\n2,"line one\nline two"\n3,"say ""hi"""\n');
    expect(r.rowCount).toBe(3);
    const rows = await readParquet(t.engine(), t.out('quoted.csv.parquet'));
    expect(rows.map((x) => x[1])).toEqual(['a, b', 'line one\nline two', 'say "hi"']);
  });

  it('reads quotes escaped with a backslash (MySQL dumps), keeping a path that ends with one', async () => {
    const text = 'id,text,dir\n1,"he said \\"hi\\"",a\n2,"plain, with comma","C:\\\\tmp\\\\"\n3,x,"b"\n';
    const r = await ingest('backslash.csv', text);
    expect(r.rowCount).toBe(3);
    const rows = await readParquet(t.engine(), t.out('backslash.csv.parquet'));
    expect(rows.map((x) => x[1])).toEqual(['he said "hi"', 'plain, with comma', 'x']);
    expect(rows[1][2]).toBe('C:\\tmp\\');
  });

  it('reads CRLF line ends, a preamble to skip, and headerless files', async () => {
    const crlf = await ingest('crlf.csv', 'a,b\r\n1,x\r\n2,y\r\n');
    expect(types(crlf)).toEqual({ a: 'integer', b: 'string' });
    const pre = await ingest('pre.csv', 'Exported 2024-01-01\nby: tool\nx,y\n1,2\n', { skipRows: 2 });
    expect(types(pre)).toEqual({ x: 'integer', y: 'integer' });
    // Found without being asked: title lines that lack the table's delimiter, and a blank line.
    const titled = await ingest('titled.csv', 'Sales report Q1 2024\n\nregion,q1\nNorth,10\nSouth,20\n');
    expect(types(titled)).toEqual({ region: 'string', q1: 'integer' });
    expect(titled.rowCount).toBe(2);
    expect(titled.warnings.find((w) => w.code === 'TITLE_LINES_SKIPPED')?.details).toMatchObject({
      lines: 2,
    });
    // A file of one column has no delimiter on any line: nothing is skipped.
    expect((await ingest('one-col.csv', 'name\nann\nbob\n')).rowCount).toBe(2);
    const bare = await ingest('bare.csv', '1,2.5\n3,4.5\n');
    expect(types(bare)).toEqual({ column_1: 'integer', column_2: 'float' });
    expect(bare.rowCount).toBe(2);
  });

  it('reads lines that end in different ways, also when the change comes late', async () => {
    for (const text of ['id,name\r\n1,a\n2,b\r\n3,c\n', 'id,name\n1,a\r2,b\n3,"c\r\nd"\n']) {
      const r = await ingest('mixed-ends.csv', text);
      expect(types(r)).toEqual({ id: 'integer', name: 'string' });
      expect(r.rowCount).toBe(3);
    }
    // Rows appended on another system, past the sniffed first MiB.
    const rows = Array.from({ length: 150_000 }, (_, i) => `${i},name ${i}`);
    const late = `id,name\r\n${rows.slice(0, 100_000).join('\r\n')}\r\n${rows.slice(100_000).join('\n')}\n`;
    expect(late.indexOf('\n', late.indexOf(`\r\n99999,`) + 2)).toBeGreaterThan(1024 * 1024);
    const r = await ingest('late-ends.csv', late);
    expect(r.rowCount).toBe(150_000);
    expect(types(r)).toEqual({ id: 'integer', name: 'string' });
  });

  it('reads a file cut before its footer that holds a bad byte past the sniffed MiB', async () => {
    const rows = Array.from(
      { length: 60_000 },
      (_, i) => `2024-01-${String((i % 28) + 1).padStart(2, '0')};shop ${i};${i},50`,
    );
    const text = Buffer.concat([
      Buffer.from(`day;payee;amount\n${rows.join('\n')}\n2024-02-01;caf`),
      Buffer.from([0xe9]),
      Buffer.from(';3,00\n\nSaldo;;1.000,00\n'),
    ]);
    expect(text.indexOf(0xe9)).toBeGreaterThan(1024 * 1024);
    const r = await ingest('late-byte-footer.csv', text);
    expect(r.rowCount).toBe(60_001);
    expect(types(r)).toEqual({ day: 'date', payee: 'string', amount: 'float' });
    expect(r.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['FOOTER_LINES_SKIPPED', 'INVALID_BYTES_REPLACED']),
    );
  });

  it('leaves out lines under the table: a bank statement footer, a Total line', async () => {
    const bank = [
      'Kontoauszug',
      'Zeitraum: 01.01.2024 - 31.01.2024',
      '',
      'Buchungstag;Empfänger;Betrag;Währung',
      '02.01.2024;REWE;-45,67;EUR',
      '03.01.2024;Arbeitgeber;3.210,00;EUR',
      '05.01.2024;Stadtwerke;-89,00;EUR',
      '',
      'Kontostand alt;;1.000,00;EUR',
      'Kontostand neu;;4.075,33;EUR',
      '',
    ].join('\n');
    const r = await ingest('bank.csv', bank);
    expect(r.rowCount).toBe(3);
    expect(types(r)).toEqual({
      Buchungstag: 'date',
      Empfänger: 'string',
      Betrag: 'float',
      Währung: 'string',
    });
    expect(r.warnings.find((w) => w.code === 'FOOTER_LINES_SKIPPED')?.details).toMatchObject({ lines: 2 });
    const total = await ingest('total.csv', 'region,sales\nNorth,10\nSouth,20\nTotal,30\n');
    expect(total.rowCount).toBe(2);
    // Excel writes formatted but empty rows as ,,, at the end: no rows; inside the table they stay.
    const trailing = await ingest('trailing-empty.csv', 'a,b,c\n1,x,2.5\n2,y,3.5\n,,\n,,\n\n,,\n');
    expect(trailing.rowCount).toBe(2);
    expect(trailing.warnings.find((w) => w.code === 'EMPTY_ROWS_SKIPPED')?.details).toEqual({ rows: 3 });
    expect((await ingest('inner-empty.csv', 'a,b,c\n1,x,2.5\n,,\n2,y,3.5\n')).rowCount).toBe(3);
    // Rows after a blank line that look like the rows before it are rows.
    const gap = await ingest('gap.csv', 'day,n\n2024-01-01,1\n2024-01-02,2\n2024-01-03,3\n\n2024-01-04,4\n');
    expect(gap.rowCount).toBe(4);
    expect(gap.warnings.map((w) => w.code)).not.toContain('FOOTER_LINES_SKIPPED');
  });

  it('reads a sheet saved as CSV: titles and notes padded with commas, a Total row, quoted line breaks', async () => {
    // After okfn/messytables' horror/excel_pasting.csv (UK ONS figures).
    const text = [
      '"CO2 emissions by sub-group, 2000 to 2002",,,',
      'thousand tonnes carbon equivalent,,,',
      ',,,',
      'Year,2000,2001,2002',
      'Timber,"2,666","2,274","1,877"',
      'Recycling,577,604,714',
      '"Machinery and ',
      'equipment","27,173","26,708","25,690"',
      'Iron and steel,"22,927","20,744","18,010"',
      '"Cement, lime, concrete ',
      'and stones","13,525","12,874","12,653"',
      'Total,"66,868","63,224","60,944"',
      ',,,',
      'Source: Office for National Statistics.,,,',
      '"Note: includes emissions from electricity use",,,',
      '',
    ].join('\n');
    const r = await ingest('emissions.csv', text);
    expect(r.columns.map((c) => [c.name, c.storageType])).toEqual([
      ['Year', 'string'],
      ['2000', 'integer'],
      ['2001', 'integer'],
      ['2002', 'integer'],
    ]);
    expect(r.rowCount).toBe(5);
    const codes = new Map(r.warnings.map((w) => [w.code, w.details]));
    expect(codes.get('TITLE_LINES_SKIPPED')).toMatchObject({ lines: 3 });
    expect(codes.get('FOOTER_LINES_SKIPPED')).toMatchObject({ lines: 3 });
    const rows = await readParquet(t.engine(), t.out('emissions.csv.parquet'));
    expect(rows.map((x) => [x[0], Number(x[1])])).toEqual([
      ['Timber', 2666],
      ['Recycling', 577],
      ['Machinery and \nequipment', 27173],
      ['Iron and steel', 22927],
      ['Cement, lime, concrete \nand stones', 13525],
    ]);
    // A last row whose quoted value spans lines is a row, not a footer.
    const quoted = await ingest('quoted-end.csv', 'id,name\n1,a\n2,b\n3,"c\nd"\n');
    expect(quoted.rowCount).toBe(3);
  });

  it('leaves out blocks of notes under the table, and keeps a last value whose lines hold a blank one', async () => {
    // After okfn/messytables' horror/weird_head_padding.csv (German health statistics).
    const stars = '*'.repeat(40);
    const text = [
      ';"1993";"2000";"2005";',
      ...Array.from({ length: 20 }, (_, i) => `"Fach ${i + 1}";"${100 + i}";"${200 + i}";"${300 + i}";`),
      '',
      stars,
      'Fußnoten',
      stars,
      '',
      '"1.";"Bis einschließlich 1992 liegen Daten nur für das frühere Bundesgebiet vor."',
      '"2.";"Die Werte beziehen sich auf den 31.12. des Berichtsjahres."',
      '',
      stars,
      'Die Tabelle wurde am 15.05.2011 12:28 Uhr unter www.gbe-bund.de erstellt.',
      stars,
      '',
    ].join('\n');
    const r = await ingest('gbe.csv', text);
    expect(r.rowCount).toBe(20);
    expect(r.warnings.find((w) => w.code === 'FOOTER_LINES_SKIPPED')?.details).toMatchObject({ lines: 8 });
    const note = await ingest('note.csv', 'id,note\n1,short\n2,"first paragraph\n\nsecond paragraph"\n');
    expect(note.rowCount).toBe(2);
    expect(note.warnings.map((w) => w.code)).not.toContain('FOOTER_LINES_SKIPPED');
  });

  it('skips notes above the table narrower than it (Region:;Germany), blank and starred lines', async () => {
    // After okfn/messytables' horror/weird_head_padding.csv (German health statistics).
    const stars = '*'.repeat(40);
    const years = ['1993', '2000', '2005', '2010'];
    const text = [
      '',
      '',
      'Ärztinnen und Ärzte mit Schwerpunktbezeichnung (Anzahl). Gliederungsmerkmale: Jahre, Region   ',
      stars,
      ' '.repeat(40),
      'Die Tabelle bezieht sich auf:',
      'Region:;Deutschland',
      'Geschlecht:;Beide Geschlechter',
      '""',
      ';"";;;;',
      `;${years.map((y) => `"${y}"`).join(';')};`,
      ...Array.from(
        { length: 30 },
        (_, i) => `"   Fach ${i + 1}";"${100 + i}";"${200 + i}";"${300 + i}";"${400 + i}";`,
      ),
      '',
      stars,
      'Fußnoten',
      stars,
      '"1.";"Bis einschließlich 1992 liegen Daten nur für das frühere Bundesgebiet vor."',
      '',
    ].join('\n');
    const r = await ingest('gbe-head.csv', text);
    expect(r.rowCount).toBe(30);
    expect(r.columns.map((c) => c.name)).toEqual(['column_1', ...years]);
    expect(r.columns.slice(1).map((c) => c.storageType)).toEqual([
      'integer',
      'integer',
      'integer',
      'integer',
    ]);
    expect(r.warnings.find((w) => w.code === 'TITLE_LINES_SKIPPED')?.details).toMatchObject({ lines: 10 });
  });

  it('skips titles in a file whose lines end in a lone CR (old Mac), as asked or found', async () => {
    // After okfn/messytables' horror/mixedGLB.csv (NASA GISS temperature anomalies).
    const rows = Array.from({ length: 30 }, (_, i) => `${1880 + i},${i - 40},${i - 30},${i - 20}`);
    const text = ['Combined Land--Ocean Temperature Anomaly,,,', ',,,', 'Year,Jan,Feb,Mar', ...rows].join(
      '\r',
    );
    const found = await ingest('glb.csv', text);
    expect(found.rowCount).toBe(30);
    expect(found.columns.map((c) => c.name)).toEqual(['Year', 'Jan', 'Feb', 'Mar']);
    const asked = await ingest('glb-asked.csv', text, { skipRows: 2 });
    expect(asked.rowCount).toBe(30);
  });

  it("reads the World Bank's bulk CSV: notes with a date above the header, rows ending in a comma", async () => {
    const years = Array.from({ length: 10 }, (_, i) => 2014 + i);
    const quoted = (xs: (string | number)[]) => `${xs.map((x) => `"${x}"`).join(',')},`;
    const text = [
      quoted(['Data Source', 'World Development Indicators']),
      '',
      quoted(['Last Updated Date', '2024-06-28']),
      '',
      quoted(['Country Name', 'Country Code', 'Indicator Name', 'Indicator Code', ...years]),
      ...Array.from({ length: 20 }, (_, i) =>
        quoted([
          `Country ${i}`,
          `C${i}`,
          'Population, total',
          'SP.POP.TOTL',
          ...years.map((y) => (y + i) * 1000),
        ]),
      ),
      '',
    ].join('\r\n');
    const r = await ingest('API_SP.POP.TOTL_DS2_en_csv_v2.csv', text);
    expect(r.rowCount).toBe(20);
    expect(r.columns.map((c) => c.name)).toEqual([
      'Country Name',
      'Country Code',
      'Indicator Name',
      'Indicator Code',
      ...years.map(String),
    ]);
    expect(r.warnings.find((w) => w.code === 'TITLE_LINES_SKIPPED')?.details).toMatchObject({ lines: 4 });
  });

  it('reads GeoJSON points as longitude and latitude columns; lines stay JSON text', async () => {
    const feature = (name: string, geometry: unknown) => ({
      type: 'Feature',
      properties: { name },
      geometry,
    });
    const points = {
      type: 'FeatureCollection',
      features: [
        feature('Paris', { type: 'Point', coordinates: [2.35, 48.85] }),
        feature('New York', { type: 'Point', coordinates: [-74, 40.7] }),
      ],
    };
    const r = await ingest('places.geojson.json', JSON.stringify(points));
    expect(r.columns.map((c) => [c.name, c.storageType, c.semanticType])).toEqual([
      ['type', 'string', 'categorical'],
      ['properties.name', 'string', 'categorical'],
      ['geometry.type', 'string', 'categorical'],
      ['geometry.longitude', 'float', 'longitude'],
      ['geometry.latitude', 'float', 'latitude'],
    ]);
    const rows = await readParquet(t.engine(), t.out('places.geojson.json.parquet'));
    expect(rows.map((x) => x.slice(3))).toEqual([
      [2.35, 48.85],
      [-74, 40.7],
    ]);
    expect(r.warnings.map((w) => w.code)).toContain('JSON_POINTS_SPLIT');
    const mixed = {
      type: 'FeatureCollection',
      features: [
        feature('A', { type: 'Point', coordinates: [1, 2] }),
        feature('B', {
          type: 'LineString',
          coordinates: [
            [1, 2],
            [3, 4],
          ],
        }),
      ],
    };
    const lines = await ingest('mixed.json', JSON.stringify(mixed));
    expect(lines.columns.map((c) => c.name)).toContain('geometry.coordinates');
    // A third value (USGS earthquakes: the depth) is the altitude.
    const quakes = {
      type: 'FeatureCollection',
      features: [feature('Q1', { type: 'Point', coordinates: [-118.67, 34.49, 26.5] })],
    };
    const depth = await ingest('quakes.json', JSON.stringify(quakes));
    expect(depth.columns.map((c) => c.name).slice(-3)).toEqual([
      'geometry.longitude',
      'geometry.latitude',
      'geometry.altitude',
    ]);
  });

  it('leaves out # comment lines among the rows, and only when every bad line is one', async () => {
    const text =
      '# exported 2024\ntime,temp\n2024-01-05T10:00:00,21.5\n# sensor restarted\n2024-01-05T10:01:00,21.6\n#\n2024-01-05T10:02:00,21.7\n';
    const r = await ingest('log.csv', text);
    expect([r.rowCount, types(r)]).toEqual([3, { time: 'datetime', temp: 'float' }]);
    const codes = r.warnings.map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['TITLE_LINES_SKIPPED', 'COMMENT_LINES_SKIPPED']));
    expect(r.warnings.find((w) => w.code === 'COMMENT_LINES_SKIPPED')?.details).toMatchObject({ count: 2 });
    // A ragged row beside a comment is still an error, with its line.
    await expect(ingest('ragged.csv', 'a,b\n1,2\n# note\n3,4,5\n')).rejects.toMatchObject({
      code: 'DATASET_PARSE_ERROR',
      details: { lines: [3, 4] },
    });
  });

  it('leaves out rows that repeat the header (files joined end to end) and counts them', async () => {
    const part = (from: number) =>
      Array.from(
        { length: 30 },
        (_, i) =>
          `${from + i},n${i},${(i * 1.5).toFixed(2)},2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
      );
    const header = 'id,name,amount,date';
    const joined = [
      header,
      ...part(0),
      header,
      ...part(30),
      ` ${header.replaceAll(',', ' , ')} `,
      ...part(60),
      '',
    ].join('\n');
    const r = await ingest('joined.csv', joined);
    // Two repeats in 92 lines would be over 2 % failures: every column was text.
    expect(types(r)).toEqual({ id: 'integer', name: 'string', amount: 'float', date: 'date' });
    expect(r.rowCount).toBe(90);
    expect(r.columns.every((c) => c.failures.count === 0)).toBe(true);
    expect(r.warnings.find((w) => w.code === 'HEADER_REPEATS_SKIPPED')?.details).toEqual({ count: 2 });
    const rows = await readParquet(t.engine(), t.out('joined.csv.parquet'));
    expect(rows.map((x) => x[0])).toEqual(Array.from({ length: 90 }, (_, i) => String(i)));
    // A table of text only (no number column to fail on the names) too.
    const text = await ingest('names.csv', 'first,last\nAda,Lovelace\nfirst,last\nAlan,Turing\n');
    expect(text.rowCount).toBe(2);
    expect(text.warnings.map((w) => w.code)).toContain('HEADER_REPEATS_SKIPPED');
    // A row holding some of the names is data; a headerless file has no names to repeat.
    const some = await ingest('some.csv', 'first,last\nfirst,Lovelace\nAlan,Turing\n');
    expect([some.rowCount, some.warnings.map((w) => w.code)]).toEqual([2, []]);
  });

  it('skips # comment lines above the table (instruments, R and Python scripts), whatever their commas', async () => {
    const text = [
      '# Generated by sensor v2.1',
      '# Units: C, %, hPa',
      '## calibrated 2024-01-05',
      '#',
      'time,temp,hum',
      '2024-01-05T10:00:00,21.5,45',
      '2024-01-05T10:01:00,21.6,46',
      '',
    ].join('\n');
    const r = await ingest('sensor.csv', text);
    expect(types(r)).toEqual({ time: 'datetime', temp: 'float', hum: 'integer' });
    expect(r.rowCount).toBe(2);
    expect(r.warnings.find((w) => w.code === 'TITLE_LINES_SKIPPED')?.details).toMatchObject({ lines: 4 });
    // A column named # (row numbers in many exports) or #id is a name, not a comment.
    const numbered = await ingest('numbered.csv', '#,name,score\n1,Ann,3\n2,Bob,4\n');
    expect(numbered.columns.map((c) => c.name)).toEqual(['#', 'name', 'score']);
    const tagged = await ingest('tagged.csv', '#id,name\n1,Ann\n2,Bob\n');
    expect([tagged.columns[0].name, tagged.rowCount]).toEqual(['#id', 2]);
  });

  it('reads a second header row of labels (US Census tables) as labels, not as a row', async () => {
    const lines = [
      '"GEO_ID","NAME","B01001_001E","B01001_002E",',
      '"Geography","Geographic Area Name","Estimate!!Total:","Estimate!!Total:!!Male:",',
      ...Array.from(
        { length: 12 },
        (_, i) => `"0400000US${i + 10}","State ${i}","${500000 + i * 977}","${250000 + i * 501}",`,
      ),
    ];
    const r = await ingest('ACSDT5Y2022.B01001-Data.csv', `${lines.join('\n')}\n`);
    expect(r.rowCount).toBe(12);
    expect(r.columns.map((c) => [c.name, c.storageType, c.failures.count])).toEqual([
      ['GEO_ID', 'string', 0],
      ['NAME', 'string', 0],
      ['B01001_001E', 'integer', 0],
      ['B01001_002E', 'integer', 0],
    ]);
    expect(r.warnings.find((w) => w.code === 'HEADER_LABELS_SKIPPED')?.details).toEqual({
      labels: {
        GEO_ID: 'Geography',
        NAME: 'Geographic Area Name',
        B01001_001E: 'Estimate!!Total:',
        B01001_002E: 'Estimate!!Total:!!Male:',
      },
      rows: 1,
    });
    // A first row of names with a missing marker is a row: `n/a` is no label; nor is a word
    // that fills two number columns.
    for (const first of ['All regions,n/a,n/a', 'Alice,absent,absent']) {
      const row = await ingest(
        'regions.csv',
        `region,sales,units\n${first}\nNorth,10,1\nSouth,20,2\nEast,30,3\n`,
      );
      expect(row.rowCount).toBe(4);
    }
  });

  it('reads a Qualtrics survey export: names, then question texts, then {"ImportId"} rows over the answers', async () => {
    const lines = [
      'StartDate,EndDate,Status,Progress,Duration (in seconds),Finished,Q1,Q2',
      'Start Date,End Date,Response Type,Progress,Duration (in seconds),Finished,How satisfied are you?,Age',
      '"{""ImportId"":""startDate"",""timeZone"":""America/Denver""}","{""ImportId"":""endDate"",""timeZone"":""America/Denver""}","{""ImportId"":""status""}","{""ImportId"":""progress""}","{""ImportId"":""duration""}","{""ImportId"":""finished""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2_TEXT""}"',
      '2024-01-05 10:00:00,2024-01-05 10:05:00,IP Address,100,300,True,Very satisfied,34',
      '2024-01-06 11:00:00,2024-01-06 11:03:00,IP Address,100,180,True,Neutral,45',
      '2024-01-07 12:00:00,2024-01-07 12:10:00,IP Address,50,600,False,Dissatisfied,29',
    ];
    const r = await ingest('survey.csv', `${lines.join('\r\n')}\r\n`);
    expect(r.rowCount).toBe(3);
    expect(types(r)).toEqual({
      StartDate: 'datetime',
      EndDate: 'datetime',
      Status: 'string',
      Progress: 'integer',
      'Duration (in seconds)': 'integer',
      Finished: 'boolean',
      Q1: 'string',
      Q2: 'integer',
    });
    const labels = r.warnings.find((w) => w.code === 'HEADER_LABELS_SKIPPED');
    expect(labels?.details).toMatchObject({ rows: 2, labels: { Q1: 'How satisfied are you?', Q2: 'Age' } });
    expect(r.columns.find((c) => c.name === 'Q1')?.semanticType).toBe('ordinal');
  });

  it('reads a SurveyMonkey export: the answers row under the questions joins their names, not the data', async () => {
    const lines = [
      'Respondent ID,Collector ID,Start Date,End Date,IP Address,How satisfied are you?,Which features do you use?,,,How many employees?,Comments',
      ',,,,,Response,Reports,Dashboards,Other (please specify),Response,Open-Ended Response',
      '11384756291,234567890,03/14/2024 10:22:31 AM,03/14/2024 10:25:02 AM,192.0.2.1,Very satisfied,Reports,,,12,Great tool',
      '11384756292,234567890,03/14/2024 11:02:11 AM,03/14/2024 11:04:45 AM,192.0.2.2,Satisfied,,Dashboards,Exports,250,',
      '11384756293,234567890,03/15/2024 09:12:00 AM,03/15/2024 09:15:30 AM,192.0.2.3,Dissatisfied,Reports,Dashboards,,5,"Slow, sometimes"',
    ];
    const r = await ingest('survey.csv', `${lines.join('\r\n')}\r\n`);
    expect(r.rowCount).toBe(3);
    expect(types(r)).toEqual({
      'Respondent ID': 'integer',
      'Collector ID': 'integer',
      'Start Date': 'datetime',
      'End Date': 'datetime',
      'IP Address': 'string',
      'How satisfied are you?': 'string',
      'Which features do you use? - Reports': 'string',
      'Which features do you use? - Dashboards': 'string',
      'Which features do you use? - Other (please specify)': 'string',
      'How many employees?': 'integer',
      Comments: 'string',
    });
    const labels = r.warnings.find((w) => w.code === 'HEADER_LABELS_SKIPPED');
    expect(labels?.message).toContain('SurveyMonkey');
    expect(labels?.details).toMatchObject({ rows: 1 });
    expect(r.warnings.map((w) => w.code)).not.toContain('COLUMN_RENAMED');
    expect((await readParquet(t.engine(), t.out('survey.csv.parquet')))[1].slice(5, 9)).toEqual([
      'Satisfied',
      null,
      'Dashboards',
      'Exports',
    ]);
    // `Response` that later rows repeat in its column is a value: the row is data.
    const kinds = await ingest(
      'messages.csv',
      'id,kind,,body\n1,Response,x,ok\n2,Request,y,get\n3,Response,z,ok\n4,Request,w,get\n',
    );
    expect(kinds.rowCount).toBe(4);
    expect(kinds.warnings.map((w) => w.code)).not.toContain('HEADER_LABELS_SKIPPED');
  });

  it('keeps the quotes of a tab-separated file as text when they do not quote its values (IMDb)', async () => {
    const tsv =
      'tconst\tprimaryTitle\tstartYear\ntt01\tTV 55" screen\t1999\ntt02\t"Weird Al" Yankovic\t2022\ntt03\tCasablanca\t1942\n';
    const r = await ingest('titles.tsv', tsv);
    expect(r.rowCount).toBe(3);
    expect(types(r)).toEqual({ tconst: 'string', primaryTitle: 'string', startYear: 'integer' });
    expect((await readParquet(t.engine(), t.out('titles.tsv.parquet'))).map((row) => row[1])).toEqual([
      'TV 55" screen',
      '"Weird Al" Yankovic',
      'Casablanca',
    ]);
    expect(r.warnings.find((w) => w.code === 'QUOTES_AS_TEXT')?.message).toContain('tab-separated');

    // Past the sample, and with the plan of the file's head: the same.
    const lines = ['id\ttitle\tyear'];
    for (let i = 0; i < 3000; i++)
      lines.push(`${i}\t${i === 2500 ? '"Weird Al" Yankovic' : `Film ${i}`}\t${1950 + (i % 70)}`);
    const text = `${lines.join('\n')}\n`;
    const options = { sampleRows: 1000, maxLineBytes: 4096 };
    const plan = await planCsvHead(t.engine(), {
      head: t.file('late-quote-head.tsv', text.slice(0, text.indexOf('\n2000\t') + 1)),
      options,
    });
    expect(plan).not.toBeNull();
    const late = await ingestFile(t.engine(), {
      input: t.file('late-quote.tsv', text),
      output: t.out('late-quote.parquet'),
      options,
      csvPlan: plan!,
    });
    expect(late.rowCount).toBe(3000);
    expect(types(late)).toEqual({ id: 'integer', title: 'string', year: 'integer' });
    expect(late.warnings.map((w) => w.code)).toContain('QUOTES_AS_TEXT');
    expect((await readParquet(t.engine(), t.out('late-quote.parquet')))[2500][1]).toBe('"Weird Al" Yankovic');

    // Quotes that do quote (a tab inside one) make the file ragged without them: the quote error stands.
    const quoted = 'a\tb\tc\n1\t"x\ty"\t2\n3\t"never closed\t4\n5\tz\t6\n';
    await expect(ingest('quoted.tsv', quoted)).rejects.toMatchObject({
      code: 'DATASET_PARSE_ERROR',
      details: { reason: 'unterminated_quote' },
    });
    // A comma-separated file's quotes always quote.
    await expect(
      ingest('weird.csv', 'id,title\n1,"Weird Al" Yankovic\n2,Casablanca\n'),
    ).rejects.toMatchObject({
      code: 'DATASET_PARSE_ERROR',
    });
  });

  it('reads a Markdown table as its cells, without the pipes at the edges or the dashes row', async () => {
    const md = [
      '| id | name        | score |',
      '|---:|:------------|-------|',
      '| 1  | Alice       | 90.5  |',
      '| 2  | Bob \\| Jr.  | 85    |',
      '',
      'Scores as of March.',
    ].join('\n');
    const r = await ingest('table.md', md);
    expect(types(r)).toEqual({ id: 'integer', name: 'string', score: 'float' });
    expect(await readParquet(t.engine(), t.out('table.md.parquet'))).toEqual([
      ['1', 'Alice', 90.5],
      ['2', 'Bob | Jr.', 85],
    ]);
    expect(r.warnings.find((w) => w.code === 'MARKDOWN_TABLE')?.details).toEqual({ linesAfter: 1 });
    // Pipe-delimited data is not Markdown.
    const piped = await ingest('piped.txt', 'id|name\n1|Alice\n2|Bob\n');
    expect(piped.warnings.map((w) => w.code)).not.toContain('MARKDOWN_TABLE');
  });

  it('says which columns hold no value in any row', async () => {
    const r = await ingest('wb.csv', 'country,2022,2023,note\nAruba,3279.5,,\nPeru,1.5,NA,\nChad,,,x\n');
    expect(r.warnings.find((w) => w.code === 'COLUMNS_EMPTY')).toMatchObject({
      message: 'A column holds no value in any row: "2023"',
      details: { columns: ['2023'] },
    });
    const full = await ingest('full.csv', 'a,b\n1,\n2,x\n');
    expect(full.warnings.map((w) => w.code)).not.toContain('COLUMNS_EMPTY');
  });

  it('leaves out the nameless empty column of lines that end with a delimiter', async () => {
    const dropped = (r: Awaited<ReturnType<typeof ingest>>) =>
      r.warnings.find((w) => w.code === 'EMPTY_COLUMNS_DROPPED')?.details;
    // Every line ends with one (SAP, some bank exports); the header alone (hand-edited).
    for (const text of ['a;b;c;\n1;x;2,5;\n2;y;3,5;\n', 'a;b;c;\n1;x;2,5\n2;y;3,5\n']) {
      const r = await ingest('trailing.csv', text);
      expect(types(r)).toEqual({ a: 'integer', b: 'string', c: 'float' });
      expect(r.rowCount).toBe(2);
      expect(dropped(r)).toEqual({ columns: 1 });
    }
    const bare = await ingest('bare-trailing.csv', '1,2.5,,\n3,4.5,,\n');
    expect(types(bare)).toEqual({ column_1: 'integer', column_2: 'float' });
    expect(bare.rowCount).toBe(2);
    expect(dropped(bare)).toEqual({ columns: 2 });
    // A named column stays however empty, and so does a nameless one that holds values.
    const named = await ingest('named.csv', 'a,notes\n1,\n2,\n');
    expect(Object.keys(types(named))).toEqual(['a', 'notes']);
    const valued = await ingest('valued.csv', 'a,b,\n1,2,x\n3,4,\n');
    expect(Object.keys(types(valued))).toEqual(['a', 'b', 'column_3']);
    // Empty in all the sniffed lines, then a value: the column is kept, not the file refused.
    const rows = Array.from({ length: 300 }, (_, i) => `${i},${i * 2},`);
    const late = await ingest('late-note.csv', `a,b,\n${rows.join('\n')}\n300,600,note\n`);
    expect(Object.keys(types(late))).toEqual(['a', 'b', 'column_3']);
    expect(late.rowCount).toBe(301);
    expect(late.warnings.map((w) => w.code)).not.toContain('EMPTY_COLUMNS_DROPPED');
    expect(dropped(named) ?? dropped(valued)).toBeUndefined();
  });

  it('reads UTF-8 with a BOM without a stray character in the first name', async () => {
    const r = await ingest('bom.csv', '\uFEFFname,n\ncafé,1\n');
    expect(r.columns[0].name).toBe('name');
    expect(r.encoding).toBe('utf-8');
  });

  it('transcodes UTF-16LE (with BOM) and UTF-16BE (without)', async () => {
    const le = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('name,n\ncafé,1\nnaïve,2\n', 'utf16le'),
    ]);
    const r = await ingest('u16le.csv', le);
    expect(r.encoding).toBe('utf-16le');
    expect((await readParquet(t.engine(), t.out('u16le.csv.parquet')))[0]).toEqual(['café', '1']);
    const be = Buffer.from('name,n\ncafé,1\n', 'utf16le').swap16();
    const r2 = await ingest('u16be.csv', be);
    expect(r2.encoding).toBe('utf-16be');
    expect((await readParquet(t.engine(), t.out('u16be.csv.parquet')))[0]).toEqual(['café', '1']);
  });

  it('reads Latin-1 / Windows-1252 text', async () => {
    const latin1 = Buffer.from('name;price\ncafé;2,5\nthé;€3\n'.replace('€3', '3,1'), 'latin1');
    const r = await ingest('latin1.csv', latin1);
    expect(r.encoding).toBe('windows-1252');
    expect(r.warnings.map((w) => w.code)).toContain('ENCODING_TRANSCODED');
    const rows = await readParquet(t.engine(), t.out('latin1.csv.parquet'));
    expect(rows[0][0]).toBe('café');
    expect(rows[1][0]).toBe('thé');
  });

  it.each([
    [
      'shift_jis',
      '8fa495692c89bf8a690a82e882f182b22c3132300a82dd82a982f12c38300a836f836983692c3230300a',
      ['商品', '価格'],
      'りんご',
    ],
    [
      'gbk',
      'c9ccc6b72cbcdbb8f10ac6bbb9fb2c3132300acfe3bdb62c38300ab3c8d7d32c3230300a',
      ['商品', '价格'],
      '苹果',
    ],
    [
      'big5',
      'b0d3ab7e2cbbf9aee60ac4abaa472c3132300aadbbbfbc2c38300abeefa46c2c3230300a',
      ['商品', '價格'],
      '蘋果',
    ],
    [
      'euc-kr',
      'bbf3c7b02cb0a1b0dd0abbe7b0fa2c3132300ab9d9b3aab3aa2c38300abfc0b7bbc1f62c3230300a',
      ['상품', '가격'],
      '사과',
    ],
    [
      'windows-1252',
      '6e616d652c636974790a4dfc6c6c65722c4bf66c6e0a4a6f73e92c4de16c6167610a4672616ee76f69732c426573616ee76f6e0a',
      ['name', 'city'],
      'Müller',
    ],
  ])(
    'detects %s text (Excel CSV on Japanese, Chinese, Korean Windows; not accented Latin)',
    async (encoding, hex, names, first) => {
      const r = await ingest(`${encoding}.csv`, Buffer.from(hex, 'hex'));
      expect(r.encoding).toBe(encoding);
      expect(r.columns.map((c) => c.name)).toEqual(names);
      expect((await readParquet(t.engine(), t.out(`${encoding}.csv.parquet`)))[0][0]).toBe(first);
    },
  );

  it('reads a decimal-comma file with ; delimiters', async () => {
    const r = await ingest('decimal-comma.csv', 'produit;prix;quantité\nA;1,5;3\nB;1.234,75;4\nC;-0,25;5\n');
    expect(types(r)).toEqual({ produit: 'string', prix: 'float', quantité: 'integer' });
    expect(r.columns[1].format.numberStyle).toBe('eu');
    const rows = await readParquet(t.engine(), t.out('decimal-comma.csv.parquet'));
    expect(rows.map((x) => x[1])).toEqual([1.5, 1234.75, -0.25]);
  });

  it('warns when every dotted number of a ; file could be thousands (669.491), and how to read them so', async () => {
    const text =
      'Ort;Einwohner;Fläche\nBerlin;669.491;891.12\nBonn;329.673;141.06\nKiel;246.243;118.65\nUlm;126.405;118.69\n';
    const r = await ingest('towns.csv', text);
    expect(types(r)).toMatchObject({ Einwohner: 'float', Fläche: 'float' });
    const ambiguous = r.warnings.filter((w) => w.code === 'NUMBER_FORMAT_AMBIGUOUS');
    expect(ambiguous).toEqual([
      expect.objectContaining({
        column: 'Einwohner',
        details: { example: '126.405' },
        message: expect.stringContaining('with a decimal comma (decimalComma) to read 126.405 as 126405'),
      }),
    ]);
    const asked = await ingest('towns-eu.csv', text.replace(/(\d+)\.(\d\d)\n/g, '$1,$2\n'), {
      decimalComma: true,
    });
    expect(types(asked)).toMatchObject({ Einwohner: 'integer' });
    expect(Number((await readParquet(t.engine(), t.out('towns-eu.csv.parquet')))[0][1])).toBe(669491);
    expect(asked.warnings.map((w) => w.code)).not.toContain('NUMBER_FORMAT_AMBIGUOUS');
    // Commas between fields, or a 0.125 beside them: decimals without a doubt.
    for (const [name, other] of [
      ['towns-comma.csv', text.replaceAll(';', ',')],
      ['towns-zero.csv', text.replace('246.243', '0.125')],
    ]) {
      const plain = await ingest(name, other);
      expect(plain.warnings.map((w) => w.code)).not.toContain('NUMBER_FORMAT_AMBIGUOUS');
    }
  });

  it('reads Excel text formulas (="00123"), as exports keep leading zeros, as the text they show', async () => {
    const lines = ['id,acct,code,day,note'];
    for (let i = 0; i < 30; i++) {
      const note = i % 5 === 0 ? 'NA' : `"=""x${i}"""`;
      const day = `2024-01-${String((i % 28) + 1).padStart(2, '0')}`;
      lines.push(`${i},="${String(i).padStart(5, '0')}",="${i * 7}",="${day}",${note}`);
    }
    const r = await ingest('excel-text.csv', `${lines.join('\n')}\n`);
    expect(types(r)).toEqual({ id: 'integer', acct: 'string', code: 'integer', day: 'date', note: 'string' });
    expect(r.columns[1].semanticType).toBe('identifier');
    const rows = await readParquet(t.engine(), t.out('excel-text.csv.parquet'));
    expect(rows[1].slice(1).map(String)).toEqual(['00001', '7', '2024-01-02', 'x1']);
    expect(rows[0][4]).toBeNull();
  });

  it("takes the delimiter from Excel's sep= first line, which is not a row or a title", async () => {
    const r = await ingest(
      'excel-sep.csv',
      'sep=;\r\nname;price;qty\r\nA;1,50;3\r\nB;2,75;4\r\nC;1.234,00;5\r\n',
    );
    expect([r.delimiter, r.rowCount, r.warnings]).toEqual([';', 3, []]);
    expect(types(r)).toEqual({ name: 'string', price: 'float', qty: 'integer' });
    const rows = await readParquet(t.engine(), t.out('excel-sep.csv.parquet'));
    expect(rows).toEqual([
      ['A', 1.5, '3'],
      ['B', 2.75, '4'],
      ['C', 1234, '5'],
    ]);
    // In UTF-16 too, and a delimiter the user forces still wins.
    const tabs = await ingest('excel-sep16.csv', Buffer.from('\ufeffsep=\t\nname\tv\nA\t1\n', 'utf16le'));
    expect([tabs.delimiter, types(tabs)]).toEqual(['\t', { name: 'string', v: 'integer' }]);
  });
  it('reads gzip-compressed CSV', async () => {
    const r = await ingest('data.csv.gz', gzipSync('a,b\n1,x\n2,y\n'));
    expect(r.gzip).toBe(true);
    expect(r.format).toBe('csv');
    expect(types(r)).toEqual({ a: 'integer', b: 'string' });
  });

  it('reads gzip-compressed Latin-1 CSV through the transcoder', async () => {
    const r = await ingest('latin.csv.gz', gzipSync(Buffer.from('a,b\n1,café\n', 'latin1')));
    expect((await readParquet(t.engine(), t.out('latin.csv.gz.parquet')))[0]).toEqual(['1', 'café']);
    expect(r.encoding).toBe('windows-1252');
  });
});

describe('ingestFile: JSON and Parquet', () => {
  it('reads a JSON array of records; nested records become columns, lists JSON text', async () => {
    const json = JSON.stringify([
      {
        id: 1,
        name: 'a',
        price: '1,234.50',
        when: '2024-01-31',
        tags: [{ sku: 'x', qty: 1 }],
        meta: { k: 1, at: { lat: 48.85, note: '1.5' } },
      },
      {
        id: 2,
        name: 'b',
        price: '99.00',
        when: '2024-02-01',
        tags: [],
        meta: { k: 2, at: { lat: 2, note: 'x' } },
      },
    ]);
    const r = await ingest('records.json', json);
    expect(r.format).toBe('json');
    expect(r.columns.map((c) => c.name)).toEqual([
      'id',
      'name',
      'price',
      'when',
      'tags',
      'meta.k',
      'meta.at.lat',
      'meta.at.note',
    ]);
    expect(types(r)).toMatchObject({
      id: 'integer',
      name: 'string',
      price: 'float',
      when: 'date',
      tags: 'string',
      'meta.k': 'integer',
      'meta.at.lat': 'float',
      'meta.at.note': 'string',
    });
    expect(r.warnings.map((w) => w.code)).toContain('NESTED_AS_JSON');
    const rows = await readParquet(t.engine(), t.out('records.json.parquet'));
    expect(rows[0][2]).toBe(1234.5);
    // A list of records stays one JSON text value (it is not a record itself).
    expect(JSON.parse(rows[0][4] as string)).toEqual([{ sku: 'x', qty: 1 }]);
    expect(rows.map((x) => x.slice(5))).toEqual([
      ['1', 48.85, '1.5'],
      ['2', 2, 'x'],
    ]);
  });

  it('reads the records of a file that is one object holding lists (GeoJSON, API dumps)', async () => {
    const json = JSON.stringify({
      type: 'FeatureCollection',
      meta: { source: 'test' },
      nodes: [{ id: 1 }],
      features: [
        { properties: { mag: 4.5, place: 'A' }, geometry: { coordinates: [1, 2] } },
        { properties: { mag: 5.1, place: 'B' }, geometry: { coordinates: [3, 4] } },
      ],
    });
    const r = await ingest('quakes.json', json);
    expect(r.rowCount).toBe(2);
    expect(r.columns.map((c) => c.name)).toEqual([
      'properties.mag',
      'properties.place',
      'geometry.coordinates',
    ]);
    expect(r.warnings.find((w) => w.code === 'JSON_RECORDS_FROM_LIST')?.details).toMatchObject({
      list: 'features',
      lists: [
        { name: 'features', records: 2 },
        { name: 'nodes', records: 1 },
      ],
    });
    const rows = await readParquet(t.engine(), t.out('quakes.json.parquet'));
    expect(rows.map((x) => x.slice(0, 2))).toEqual([
      [4.5, 'A'],
      [5.1, 'B'],
    ]);
  });

  it.each([
    ['columns', '{"price":{"0":1.5,"1":2,"2":null},"city":{"0":"Oslo","1":"Lima","2":"Pune"}}'],
    [
      'index',
      '{"0":{"price":1.5,"city":"Oslo"},"1":{"price":2,"city":"Lima"},"2":{"price":null,"city":"Pune"}}',
    ],
    ['split', '{"columns":["price","city"],"index":[0,1,2],"data":[[1.5,"Oslo"],[2,"Lima"],[null,"Pune"]]}'],
    ['values', '[["price","city"],[1.5,"Oslo"],[2,"Lima"],[null,"Pune"]]'],
    // pandas' to_dict("list"), R data frames by column; lists of records stay records.
    ['lists', '{"price":[1.5,2,null],"city":["Oslo","Lima","Pune"]}'],
  ])('reads the %s layout as the table it holds', async (layout, text) => {
    // As written, and with the line end an editor or `echo` leaves after the one line.
    for (const [end, suffix] of [
      ['', ''],
      ['\n', '-nl'],
    ]) {
      const name = `pd-${layout}${suffix}.json`;
      const r = await ingest(name, layout === 'columns' ? gzipSync(text + end) : text + end);
      expect(types(r)).toEqual({ price: 'float', city: 'string' });
      expect(r.warnings).toContainEqual(
        expect.objectContaining({ code: 'JSON_TABLE_LAYOUT', details: { layout, rows: 3, columns: 2 } }),
      );
      const rows = await readParquet(t.engine(), t.out(`${name}.parquet`));
      expect(rows).toEqual([
        [1.5, 'Oslo'],
        [2, 'Lima'],
        [null, 'Pune'],
      ]);
    }
  });

  it('keeps row labels that are more than row numbers: a time index, dates, names', async () => {
    // pandas' default to_json of a time series: the index as epoch milliseconds.
    const ts = await ingest(
      'pd-ts.json',
      '{"open":{"1704067200000":1.5,"1704153600000":3},"close":{"1704067200000":2,"1704153600000":4}}',
    );
    expect(types(ts)).toEqual({ index: 'datetime', open: 'float', close: 'integer' });
    expect(ts.warnings.find((w) => w.code === 'JSON_TABLE_LAYOUT')?.details).toEqual({
      layout: 'columns',
      rows: 2,
      columns: 3,
      index: 'index',
    });
    const times = (await readParquet(t.engine(), t.out('pd-ts.json.parquet'))).map((r) => String(r[0]));
    expect(times[0]).toMatch(/^2024-01-01[T ]00:00:00/);
    expect(times[1]).toMatch(/^2024-01-02[T ]00:00:00/);
    // Dates as the keys of an index layout (the side of dates holds the rows, however many).
    // split's index list too.
    const split = await ingest(
      'pd-split-ts.json',
      '{"columns":["open","close"],"index":[1704067200000,1704153600000],"data":[[1,2],[3,4]]}',
    );
    expect(types(split)).toEqual({ index: 'datetime', open: 'integer', close: 'integer' });
    // Beside a column of its own named index, as pandas' reset_index() names them.
    const clash = await ingest('pd-clash.json', '{"index":{"a":1,"b":2},"v":{"a":3,"b":4}}');
    expect(clash.columns.map((c) => c.name)).toEqual(['level_0', 'index', 'v']);
    const days = await ingest(
      'pd-days.json',
      '{"2024-01-01":{"open":1,"close":2},"2024-01-02":{"open":3,"close":4}}\n',
    );
    expect(types(days)).toEqual({ index: 'date', open: 'integer', close: 'integer' });
    // Names: the larger side is the rows, and its keys are kept.
    const cities = await ingest(
      'pd-cities.json',
      '{"Oslo":{"pop":700000,"country":"NO"},"Lima":{"pop":10000000,"country":"PE"},"Pune":{"pop":3000000,"country":"IN"}}',
    );
    expect(await readParquet(t.engine(), t.out('pd-cities.json.parquet'))).toEqual([
      ['Oslo', '700000', 'NO'],
      ['Lima', '10000000', 'PE'],
      ['Pune', '3000000', 'IN'],
    ]);
  });

  it('refuses a pandas columns layout too large to read, saying how to save it instead', async () => {
    const cells = Array.from({ length: 1_500_000 }, (_, i) => `"${i}":${i}`).join(',');
    const text = `{"a":{${cells}},"b":{${cells}}}`;
    expect(text.length).toBeGreaterThan(16 * 2 ** 20);
    await expect(ingest('big-columns.json', text)).rejects.toMatchObject({
      code: 'DATASET_TOO_LARGE',
      message: expect.stringContaining('orient="records"'),
    });
  });

  it('names the columns of rows of values without a header row, and leaves one record alone', async () => {
    const values = await ingest('rows.json', '[[1,"x",true],[2,"y",false]]');
    expect(types(values)).toEqual({ column_1: 'integer', column_2: 'string', column_3: 'boolean' });
    // One record whose objects differ is a record with nested fields, not a table.
    const one = await ingest('one.json', '{"user":{"name":"Ann","age":31},"address":{"city":"Oslo"}}');
    expect(one.rowCount).toBe(1);
    expect(one.columns.map((c) => c.name)).toEqual(['user.name', 'user.age', 'address.city']);
  });

  it('keeps JSON integers past 2^63 exact (as text) beside floats that stay floats', async () => {
    const lines = [
      '{"id": 12345678901234567890, "score": 1.5, "n": 1}',
      '{"id": 98765432109876543210, "score": 2, "n": 2}',
      '{"id": 3, "score": null, "n": 3}',
    ];
    const r = await ingest('ids.ndjson', `${lines.join('\n')}\n`);
    expect(types(r)).toEqual({ id: 'string', score: 'float', n: 'integer' });
    const rows = await readParquet(t.engine(), t.out('ids.ndjson.parquet'));
    expect(rows).toEqual([
      ['12345678901234567890', 1.5, '1'],
      ['98765432109876543210', 2, '2'],
      ['3', null, '3'],
    ]);
  });

  it('keeps JSON columns with negative integers exact 64-bit integers, nested ones too', async () => {
    // DuckDB reads them as HUGEINT, which Parquet would have stored as a rounded DOUBLE.
    const r = await ingest(
      'neg.json',
      '[{"id":-9007199254740993,"p":{"tz":-480}},{"id":9007199254740993,"p":{"tz":60}},{"id":5,"p":{"tz":0}}]',
    );
    expect(types(r)).toEqual({ id: 'integer', 'p.tz': 'integer' });
    expect(r.columns.map((c) => c.physicalType)).toEqual(['BIGINT', 'BIGINT']);
    expect(await readParquet(t.engine(), t.out('neg.json.parquet'))).toEqual([
      ['-9007199254740993', '-480'],
      ['9007199254740993', '60'],
      ['5', '0'],
    ]);
  });

  it('reads JSON with a byte-order mark: UTF-8 (also gzip) and UTF-16', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const array = await ingest('bom.json', Buffer.concat([bom, Buffer.from('[{"a":1},{"a":2}]')]));
    expect(array.rowCount).toBe(2);
    const lines = await ingest('bom.ndjson', Buffer.concat([bom, Buffer.from('{"a":1}\n{"a":2}\n')]));
    expect(types(lines)).toEqual({ a: 'integer' });
    const gz = await ingest('bom.json.gz', gzipSync(Buffer.concat([bom, Buffer.from('[{"a":1}]')])));
    expect(gz.rowCount).toBe(1);
    const wide = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[{"a":1,"b":"é"}]', 'utf16le')]);
    const utf16 = await ingest('utf16.json', wide);
    expect(types(utf16)).toEqual({ a: 'integer', b: 'string' });
    expect(await readParquet(t.engine(), t.out('utf16.json.parquet'))).toEqual([['1', 'é']]);
  });

  it('reads a JSON column of mixed kinds as its values, without JSON quotes', async () => {
    const r = await ingest(
      'mixed.json',
      '[{"v":1,"w":"a"},{"v":"2","w":{"x":1}},{"v":3.5,"w":"b"},{"v":"4,000","w":"c"},{"v":"n/a","w":null}]',
    );
    expect(types(r)).toEqual({ v: 'float', w: 'string' });
    expect(await readParquet(t.engine(), t.out('mixed.json.parquet'))).toEqual([
      [1, 'a'],
      [2, '{"x":1}'],
      [3.5, 'b'],
      [4000, 'c'],
      [null, null],
    ]);
  });

  it('reads NDJSON, also gzip-compressed', async () => {
    const nd = '{"a":1,"b":"x"}\n{"a":2,"b":"y"}\n{"a":3,"b":null}\n';
    const r = await ingest('lines.ndjson', nd);
    expect(r.format).toBe('ndjson');
    expect(r.rowCount).toBe(3);
    const gz = await ingest('lines.ndjson.gz', gzipSync(nd));
    expect(gz.format).toBe('ndjson');
    expect(gz.gzip).toBe(true);
    expect(types(gz)).toEqual({ a: 'integer', b: 'string' });
  });

  it('round-trips Parquet, keeping types and inferring text columns', async () => {
    const first = await ingest('rt.csv', 'n,amount,day\n1,"$1,200.00",2024-01-02\n2,$3.50,2024-01-03\n');
    expect(types(first)).toEqual({ n: 'integer', amount: 'decimal', day: 'date' });
    const copy = t.out('rt-copy.parquet');
    fs.copyFileSync(t.out('rt.csv.parquet'), copy);
    const again = await ingestFile(t.engine(), { input: copy, output: t.out('rt2.parquet') });
    expect(again.format).toBe('parquet');
    expect(types(again)).toEqual({ n: 'integer', amount: 'decimal', day: 'date' });
    expect(await readParquet(t.engine(), t.out('rt2.parquet'))).toEqual(
      await readParquet(t.engine(), t.out('rt.csv.parquet')),
    );
  });
});
