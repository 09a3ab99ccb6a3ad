import { describe, expect, it } from 'vitest';
import { DEFAULT_NULL_VALUES, TEXT_ONLY_MARKERS } from '../infer/patterns.ts';
import { readParquet, useEngine } from '../test-support/fixtures.ts';
import { ingestFile, planCsvHead } from './ingest-file.ts';

const t = useEngine();
const options = { maxLineBytes: 4096, sampleRows: 1000 };

/** Rows 1000, 1500, 2000, 2500 of the text column, of one to four bytes. */
const LATE_TEXT_MARKERS = ['?', 'N/A', '—', '#N/A'];

/**
 * 3,000 rows; the sample (first 1,000) holds no text-only marker, the rest a different one in
 * every column (or only in the text column), and ' NA' with spaces (not a marker to the reader)
 * in the text column.
 */
function csv(onlyText = false): string {
  const lines = ['id,price,count,city,day,flag'];
  for (let i = 0; i < 3000; i++) {
    const lateText = i >= 1000 && i % 250 === 0;
    const late = lateText && !onlyText;
    lines.push(
      [
        i,
        late ? 'NA' : i % 97 === 0 ? 'NaN' : (i * 1.5).toFixed(1),
        late ? 'NULL' : String(i % 40),
        lateText
          ? i % 500 === 0
            ? LATE_TEXT_MARKERS[(i / 500) % 4]
            : ' NA'
          : ['Paris', 'Lyon', 'Nice'][i % 3],
        late ? '-' : `2024-05-${String((i % 28) + 1).padStart(2, '0')}`,
        late ? '<NA>' : i % 2 === 0 ? 'true' : 'false',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('missing markers in the CSV single pass', () => {
  it('no text-only marker parses as a float, date or boolean in the CSV reader', async () => {
    expect([...TEXT_ONLY_MARKERS]).toHaveLength(12);
    for (const marker of TEXT_ONLY_MARKERS) {
      expect(DEFAULT_NULL_VALUES).toContain(marker);
      for (const type of ['DOUBLE', 'DATE', 'BOOLEAN']) {
        const file = t.file('marker.csv', `a\n${marker}\n`);
        const read = t
          .engine()
          .withConnection((c) =>
            c.run(
              `SELECT * FROM read_csv('${file}', auto_detect = false, header = true, columns = {'a': '${type}'}, nullstr = [''])`,
            ),
          );
        await expect(read, `${marker} as ${type}`).rejects.toThrow(/Conversion Error|Error when converting/);
      }
    }
  });

  it.each([
    ['every column', false],
    ['the text column', true],
  ])(
    'markers first seen past the sample, in %s, come out as with every marker in the reader',
    async (_where, onlyText) => {
      const text = csv(onlyText);
      const input = t.file('late-markers.csv', text);
      const plan = await planCsvHead(t.engine(), {
        head: t.file('late-head.csv', text.slice(0, text.indexOf('\n1500,') + 1)),
        options,
      });
      expect(plan?.markersSeen).toEqual([]);
      const fast = await ingestFile(t.engine(), {
        input,
        output: t.out('late-fast.parquet'),
        options,
        csvPlan: plan!,
      });
      // A plan without `markersSeen` (made before it existed) puts every marker in the reader.
      const { markersSeen: _, ...legacy } = plan!;
      const old = await ingestFile(t.engine(), {
        input,
        output: t.out('late-old.parquet'),
        options,
        csvPlan: legacy,
      });
      expect(fast.columns.map((c) => c.storageType)).toEqual([
        'integer',
        'float',
        'integer',
        'string',
        'date',
        'boolean',
      ]);
      expect(fast.columns).toEqual(old.columns);
      const rows = await readParquet(t.engine(), t.out('late-fast.parquet'));
      expect(rows).toEqual(await readParquet(t.engine(), t.out('late-old.parquet')));
      const at = (id: number) => rows.find((r) => Number(r[0]) === id)!;
      expect(at(1250)[3]).toBe(' NA');
      for (const id of [1000, 1500, 2000, 2500]) expect(at(id)[3], `row ${id}`).toBeNull();
      if (!onlyText) {
        expect(at(1250).slice(1)).toEqual([null, null, ' NA', null, null]);
        expect(at(1500).slice(1)).toEqual([null, null, null, null, null]);
      }
      expect(at(97)[1]).toBeNull();
      expect(at(1252)[3]).toBe('Lyon');
    },
  );

  it('remembers which markers the sample holds, and keeps them in the reader', async () => {
    const text = csv().replace('\n10,15.0,', '\n10,NA,');
    const input = t.file('seen.csv', text);
    const r = await ingestFile(t.engine(), { input, output: t.out('seen.parquet'), options });
    expect(r.columns[1].storageType).toBe('float');
    const rows = await readParquet(t.engine(), t.out('seen.parquet'));
    expect(rows.find((x) => Number(x[0]) === 10)![1]).toBeNull();
    const head = text.slice(0, text.indexOf('\n1500,') + 1);
    const plan = await planCsvHead(t.engine(), { head: t.file('seen-head.csv', head), options });
    expect(plan?.markersSeen).toEqual(['NA']);
  });

  it('reads None as missing in number, yes/no and date columns, as a value in text ones', async () => {
    // Python writes None for a missing value it formats; bird strike reports have a damage
    // category None. The second None of `score` comes after the 1,000-row sample.
    const lines = ['id,score,flag,day,damage,label'];
    for (let i = 0; i < 2000; i++) {
      const none = i % 7 === 0;
      lines.push(
        [
          i,
          none || i === 1500 ? 'None' : (i * 0.5).toFixed(1),
          none ? 'None' : i % 2 === 0 ? 'True' : 'False',
          none ? 'None' : `2024-05-${String((i % 28) + 1).padStart(2, '0')}`,
          ['None', 'Minor', 'Substantial'][i % 3],
          none ? 'None' : 'abc'[i % 3],
        ].join(','),
      );
    }
    const input = t.file('python.csv', `${lines.join('\n')}\n`);
    const r = await ingestFile(t.engine(), { input, output: t.out('python.parquet'), options });
    const nones = Math.ceil(2000 / 7);
    expect(r.columns.map((c) => [c.name, c.storageType, c.missingCount, c.failures.count])).toEqual([
      ['id', 'integer', 0, 0],
      ['score', 'float', nones + 1, 0],
      ['flag', 'boolean', nones, 0],
      ['day', 'date', nones, 0],
      ['damage', 'string', 0, 0],
      ['label', 'string', 0, 0],
    ]);
    const rows = await readParquet(t.engine(), t.out('python.parquet'));
    expect(rows[0].slice(1)).toEqual([null, null, null, 'None', 'None']);
  });

  it("reads statistics offices' placeholders (. .. : … (X) *****) as missing in number columns", async () => {
    // Destatis writes `.`, the World Bank and ABS `..`, Eurostat `:`, the US Census `(X)` and
    // `*****`; the `;` file after a
    // German export, a decimal comma in `rate`. A column of only `.` stays text.
    const lines = ['year;count;rate;eu;wb;census;none'];
    for (let i = 0; i < 200; i++) {
      lines.push(
        [
          1990 + (i % 30),
          i % 8 === 0 ? '.' : 100 + i,
          i % 9 === 0 ? '…' : `${i},5`,
          i % 7 === 0 ? ':' : i * 3,
          i % 6 === 0 ? '..' : i * 2,
          i % 5 === 0 ? (i % 10 === 0 ? '(X)' : '*****') : i,
          '.',
        ].join(';'),
      );
    }
    const input = t.file('destatis.csv', `${lines.join('\n')}\n`);
    const r = await ingestFile(t.engine(), { input, output: t.out('destatis.parquet'), options });
    expect(r.columns.map((c) => [c.name, c.storageType, c.missingCount, c.failures.count])).toEqual([
      ['year', 'integer', 0, 0],
      ['count', 'integer', 25, 0],
      ['rate', 'float', 23, 0],
      ['eu', 'integer', 29, 0],
      ['wb', 'integer', 34, 0],
      ['census', 'integer', 40, 0],
      ['none', 'string', 0, 0],
    ]);
  });

  it('reads n.a., k.A., unknown, missing and NaT as missing in typed columns, as values in text ones', async () => {
    const words = ['n.a.', 'N.A.', 'k.A.', 'n.v.', 'nd', 'unknown', 'Unknown', 'missing', 'nil'];
    const lines = ['id,amount,active,day,when,status'];
    for (let i = 0; i < 100; i++) {
      const word = i % 4 === 0 ? words[(i / 4) % words.length] : undefined;
      lines.push(
        [
          i,
          word ?? (i * 1.5).toFixed(1),
          word ?? (i % 2 === 0 ? 'yes' : 'no'),
          word ?? `2024-05-${String((i % 28) + 1).padStart(2, '0')}`,
          i % 4 === 0 ? 'NaT' : `2024-05-01 10:${String(i % 60).padStart(2, '0')}:00`,
          ['unknown', 'active', 'closed'][i % 3],
        ].join(','),
      );
    }
    const input = t.file('forms.csv', `${lines.join('\n')}\n`);
    const r = await ingestFile(t.engine(), { input, output: t.out('forms.parquet'), options });
    expect(r.columns.map((c) => [c.name, c.storageType, c.missingCount, c.failures.count])).toEqual([
      ['id', 'integer', 0, 0],
      ['amount', 'float', 25, 0],
      ['active', 'boolean', 25, 0],
      ['day', 'date', 25, 0],
      ['when', 'datetime', 25, 0],
      ['status', 'string', 0, 0],
    ]);
  });
});
