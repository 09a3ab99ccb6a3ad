import { describe, expect, it } from 'vitest';
import { ingestFile } from '../ingest/ingest-file.ts';
import { readParquet, useEngine } from '../test-support/fixtures.ts';
import type { ColumnSchema, ParseOptions } from '../types.ts';

const t = useEngine();

/** Ingests one column of values and returns its schema and stored values. */
async function column(name: string, values: string[], options: ParseOptions = {}) {
  const file = `${name.replace(/\W/g, '_')}-${Math.random().toString(36).slice(2)}.csv`;
  const text = `${JSON.stringify(name)}\n${values.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join('\n')}\n`;
  const r = await ingestFile(t.engine(), {
    input: t.file(file, text),
    output: t.out(`${file}.parquet`),
    options,
  });
  const rows = await readParquet(t.engine(), t.out(`${file}.parquet`));
  return { col: r.columns[0] as ColumnSchema, values: rows.map((x) => x[0]), result: r };
}

const repeat = (xs: string[], n: number) => Array.from({ length: n }, (_, i) => xs[i % xs.length]);

describe('number formats', () => {
  it('reads 1.234,5 as a European number', async () => {
    const { col, values } = await column('amount', ['1.234,5', '12,75', '-3,5', '1.000.000,01']);
    expect([col.storageType, col.format.numberStyle]).toEqual(['float', 'eu']);
    expect(values).toEqual([1234.5, 12.75, -3.5, 1000000.01]);
    // Scientific notation as Excel writes it with a decimal comma.
    const sci = await column('messwert', ['1,5E+03', '2,25E-02', '-3,0E+00', '4,5']);
    expect([sci.col.storageType, sci.col.format.numberStyle]).toEqual(['float', 'eu']);
    expect(sci.values).toEqual([1500, 0.0225, -3, 4.5]);
  });

  it('reads 1,234.5 as a US number and 1,234 alone as an integer', async () => {
    const us = await column('amount', ['1,234.5', '12.75', '1,000,000']);
    expect([us.col.storageType, us.col.format.numberStyle]).toEqual(['float', 'us']);
    expect(us.values).toEqual([1234.5, 12.75, 1000000]);
    const ints = await column('count', ['1,234', '56', '7,890']);
    expect(ints.col.storageType).toBe('integer');
    expect(ints.values).toEqual(['1234', '56', '7890']);
  });

  it("reads India's lakh grouping (12,34,567) as a comma-grouped number", async () => {
    const lakh = await column('population', ['3,34,06,061', '14,58,545', '6,10,577', '99,999']);
    expect([lakh.col.storageType, lakh.col.format.numberStyle]).toEqual(['integer', 'us']);
    expect(lakh.values).toEqual(['33406061', '1458545', '610577', '99999']);
    const gdp = await column('gdp', ['9,78,064.50', '89,999.00', '42,756.25']);
    expect(gdp.col.storageType).toBe('float');
    expect(gdp.values).toEqual([978064.5, 89999, 42756.25]);
    // Groups of two only where lakh grouping puts them: `1,2,3` and `12,34` are no numbers.
    expect((await column('code', ['1,2,3', '12,34', '5,6,7'])).col.storageType).toBe('string');
  });

  it("reads Swiss apostrophe grouping (1'234.50, 1’234.50), also in CHF amounts", async () => {
    const ch = await column('einwohner', ["1'553'423", "416'347", '282', "37'317"]);
    expect([ch.col.storageType, ch.col.format.numberStyle]).toEqual(['integer', 'apos']);
    expect(ch.values).toEqual(['1553423', '416347', '282', '37317']);
    const typeset = await column('flaeche', ['1’729.0', '5’959.4', '282.5']);
    expect([typeset.col.storageType, typeset.col.format.numberStyle]).toEqual(['float', 'apos']);
    expect(typeset.values).toEqual([1729, 5959.4, 282.5]);
    const chf = await column('budget', ["CHF 18'234'500.50", "CHF 450'000", 'CHF 12.75']);
    expect([chf.col.storageType, chf.col.format.currencySymbol]).toEqual(['decimal', 'CHF']);
    expect(chf.values).toEqual(['18234500.50', '450000.00', '12.75']);
    // Apostrophes that group no thousands are text (feet and inches, a mixed grouping).
    expect((await column('height', ["5'11", "6'2", "5'8"])).col.storageType).toBe('string');
    const mixed = await column('mixed', [...repeat(["2'345'678", '1’000’000'], 60), "1'234’567"]);
    expect([mixed.col.storageType, mixed.col.failures.count, mixed.values.at(-1)]).toEqual([
      'integer',
      1,
      null,
    ]);
  });

  it('reads currency amounts as decimals and records the symbol', async () => {
    const usd = await column('price', ['$1,200', '$3.50', '$0.99', '-$5.00']);
    expect([usd.col.storageType, usd.col.semanticType, usd.col.format.currencySymbol]).toEqual([
      'decimal',
      'currency',
      '$',
    ]);
    expect(usd.values).toEqual(['1200.00', '3.50', '0.99', '-5.00']);
    const eur = await column('prix', ['1 200 €', '3,50 €', '12 €']);
    expect([eur.col.storageType, eur.col.format.currencySymbol]).toEqual(['decimal', '€']);
    expect(eur.values).toEqual(['1200.00', '3.50', '12.00']);
  });

  it('records the symbol on most cells, not on most distinct amounts', async () => {
    // Three distinct dollar amounts, one euro amount on five cells.
    const mixed = await column('price', ['$1.00', '$2.00', '$3.00', ...repeat(['€5.00'], 5)]);
    expect([mixed.col.storageType, mixed.col.format.currencySymbol]).toEqual(['decimal', '€']);
    // A tie goes the same way every time (the symbols' list comes in no set order).
    for (let i = 0; i < 3; i++) {
      const tie = await column('amount', ['1200.50 USD', '300 EUR', '7 USD', '8 EUR']);
      expect(tie.col.format.currencySymbol).toBe('EUR');
    }
    // Cells are counted over every number form: `USD 300` and `USD 1200.50` are one symbol.
    const forms = await column('amount', ['USD 1200.50', 'USD 300', 'CHF 20']);
    expect(forms.col.format.currencySymbol).toBe('USD');
  });

  it('reads accounting negatives in parentheses, but not a column of (1), (2) labels', async () => {
    const ledger = await column('amount', ['1,200.00', '(350.50)', '45.00', ' ( 7.25 ) ']);
    expect([ledger.col.storageType, ledger.col.format.negativeParens]).toEqual(['float', true]);
    expect(ledger.values).toEqual([1200, -350.5, 45, -7.25]);
    const usd = await column('balance', ['$1,200.00', '($350.50)', '$45.00']);
    expect([usd.col.storageType, usd.col.format.currencySymbol]).toEqual(['decimal', '$']);
    expect(usd.values).toEqual(['1200.00', '-350.50', '45.00']);
    const refunds = await column('refund', ['(12.50)', '(3.99)', '(100.00)']);
    expect(refunds.values).toEqual([-12.5, -3.99, -100]);
    const share = await column('change', ['12.5%', '(3%)', '0%']);
    expect(share.values).toEqual([0.125, -0.03, 0]);
    const labels = await column('step', ['(1)', '(2)', '(3)']);
    expect([labels.col.storageType, labels.values]).toEqual(['string', ['(1)', '(2)', '(3)']]);
    // Beside plain numbers, a value in parentheses that is not a number is still a failure.
    const bad = await column('n', [...repeat(['1', '2', '(3)'], 100), '(x)']);
    expect([bad.col.storageType, bad.col.failures.examples]).toEqual(['integer', ['(x)']]);
  });

  it('reads trailing-minus negatives (SAP: 1.234,56-), but not a column of 1-, 2- labels', async () => {
    const sap = await column('amount', ['1.234,56-', '500,00', '12,30-', '7,00'], { decimalComma: true });
    expect([sap.col.storageType, sap.col.format.negativeTrailingMinus]).toEqual(['float', true]);
    expect(sap.values).toEqual([-1234.56, 500, -12.3, 7]);
    const usd = await column('balance', ['$1,200.00', '$350.50-', '$45.00']);
    expect(usd.values).toEqual(['1200.00', '-350.50', '45.00']);
    const qty = await column('qty', ['5', '3-', '2']);
    expect([qty.col.storageType, qty.values]).toEqual(['integer', ['5', '-3', '2']]);
    const labels = await column('step', ['1-', '2-', '3-']);
    expect([labels.col.storageType, labels.values]).toEqual(['string', ['1-', '2-', '3-']]);
    // Not a number before the minus: a failure beside plain numbers, as any other text.
    const bad = await column('n', [...repeat(['1', '2', '3-'], 100), 'x-']);
    expect([bad.col.storageType, bad.col.failures.examples]).toEqual(['integer', ['x-']]);
  });

  it('reads the typographic minus (U+2212) as a minus sign', async () => {
    const plain = await column('delta', ['−12', '−3.5', '4', '5']);
    expect([plain.col.storageType, plain.values]).toEqual(['float', [-12, -3.5, 4, 5]]);
    const eu = await column('saldo', ['−1.234,5', '2.000,0', '−3,25'], { decimalComma: true });
    expect(eu.values).toEqual([-1234.5, 2000, -3.25]);
  });

  it('stores percentages as fractions (45% → 0.45)', async () => {
    const { col, values } = await column('share', ['45%', '12.5%', '100%', '0%']);
    expect([col.storageType, col.semanticType, col.format.percent]).toEqual(['float', 'percentage', true]);
    expect(values).toEqual([0.45, 0.125, 1, 0]);
  });

  it('keeps leading-zero codes and too-big integers as text', async () => {
    const zips = await column('zip', ['02134', '90210', '10001', '00501']);
    expect([zips.col.storageType, zips.col.semanticType]).toEqual(['string', 'postal_code']);
    expect(zips.values[0]).toBe('02134');
    const cards = await column('card', ['4111111111111111111111', '5500000000000000000004']);
    expect(cards.col.storageType).toBe('string');
  });
});

describe('dates and times', () => {
  it('decides day-first from a value above 12 and month-first likewise', async () => {
    const dmy = await column('d', ['31/12/2024', '01/02/2024', '15/06/2023']);
    expect([dmy.col.storageType, dmy.col.format.dateOrder]).toEqual(['date', 'dmy']);
    expect(dmy.values).toEqual(['2024-12-31', '2024-02-01', '2023-06-15']);
    const mdy = await column('d', ['12/31/2024', '01/02/2024', '6/15/23']);
    expect(mdy.col.format.dateOrder).toBe('mdy');
    expect(mdy.values).toEqual(['2024-12-31', '2024-01-02', '2023-06-15']);
  });

  it('reads unpadded dates whose separator falls where an ISO date has it (1/13/2023)', async () => {
    // `1/13/2023` and `13/1/2023` have a slash fifth, like `2023/01/13`.
    const mdy = await column('d', ['1/13/2023', '12/25/2023', '7/4/2023', '2/14/2023 ']);
    expect([mdy.col.storageType, mdy.col.format.dateOrder]).toEqual(['date', 'mdy']);
    expect(mdy.values).toEqual(['2023-01-13', '2023-12-25', '2023-07-04', '2023-02-14']);
    const dmy = await column('d', ['13/1/2023', '25/12/2023', '4/7/2023']);
    expect(dmy.values).toEqual(['2023-01-13', '2023-12-25', '2023-07-04']);
    const ts = await column('at', ['1/13/2023 10:30', '12/25/2023 08:00', '3/14/2023 23:59:59']);
    expect(ts.col.storageType).toBe('datetime');
    expect(ts.values).toEqual(['2023-01-13 10:30:00', '2023-12-25 08:00:00', '2023-03-14 23:59:59']);
  });

  it('reads months of a year (2024-01, Jan 2024) as their first day; seasons stay text', async () => {
    const ym = await column('month', ['2024-01', '2024-02', '2023-12', '2024/11']);
    expect([ym.col.storageType, ym.col.semanticType]).toEqual(['date', 'datetime']);
    expect(ym.values).toEqual(['2024-01-01', '2024-02-01', '2023-12-01', '2024-11-01']);
    const named = await column('period', ['Jan 2024', 'February 2024', 'dec-2023', 'Mar. 2024']);
    expect(named.values).toEqual(['2024-01-01', '2024-02-01', '2023-12-01', '2024-03-01']);
    const seasons = await column('season', ['2019-20', '2020-21', '2021-22']);
    expect(seasons.col.storageType).toBe('string');
  });

  it('reads month names in German, French, Spanish, Italian, Dutch and Portuguese', async () => {
    const de = await column('Datum', ['15. März 2024', '3. Januar 2024', '31. Dez. 2024', 'Mai 2024']);
    expect([de.col.storageType, de.values]).toEqual([
      'date',
      ['2024-03-15', '2024-01-03', '2024-12-31', '2024-05-01'],
    ]);
    const fr = await column('date', ['1er mai 2024', '12 août 2023', 'janv. 2024']);
    expect(fr.values).toEqual(['2024-05-01', '2023-08-12', '2024-01-01']);
    const es = await column('fecha', ['15 de marzo de 2024', '1 de enero de 2024', '3 dic 2024']);
    expect(es.values).toEqual(['2024-03-15', '2024-01-01', '2024-12-03']);
    const other = await column('d', ['5 maggio 2024', '1 maart 2024', '7 de setembro de 2024']);
    expect(other.values).toEqual(['2024-05-05', '2024-03-01', '2024-09-07']);
    // Words that are no month keep a column text; an impossible day fails, it is not moved.
    expect((await column('team', ['Bayern 2024', 'Inter 2023', 'Ajax 2022'])).col.storageType).toBe('string');
    const bad = await column('Datum', [
      ...repeat(['15. März 2024', '3. Januar 2024'], 60),
      '31. Februar 2024',
    ]);
    expect([bad.col.storageType, bad.col.failures.count]).toEqual(['date', 1]);
  });

  it('reads quarters (2024-Q1, Q3 2024, 2024Q4) as their first day', async () => {
    const q = await column('quarter', ['2024-Q1', '2024 Q2', 'Q3 2024', '2024q4', 'Q1-2025']);
    expect([q.col.storageType, q.col.semanticType]).toEqual(['date', 'datetime']);
    expect(q.values).toEqual(['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01', '2025-01-01']);
    // Beside ISO dates too; a fifth quarter is no quarter.
    const mixed = await column('period', ['2024-Q2', '2024-05-17']);
    expect(mixed.values).toEqual(['2024-04-01', '2024-05-17']);
    expect((await column('code', ['2024-Q5', '2024-Q6', '2024-Q7'])).col.storageType).toBe('string');
  });

  it('reports an ambiguous order and honours dateOrder', async () => {
    const amb = await column('d', ['01/02/2024', '03/04/2024', '05/06/2024']);
    expect(amb.col.storageType).toBe('date');
    expect(amb.result.warnings.map((w) => w.code)).toContain('DATE_ORDER_AMBIGUOUS');
    const forced = await column('d', ['01/02/2024', '03/04/2024'], { dateOrder: 'dmy' });
    expect(forced.values).toEqual(['2024-02-01', '2024-04-03']);
    expect(forced.result.warnings.map((w) => w.code)).not.toContain('DATE_ORDER_AMBIGUOUS');
  });

  it('turns a guessed date order round when the rows after the sample rule it out', async () => {
    // The sample's days are all 12 or less (a log sorted by date); day 13 comes later.
    const early = Array.from({ length: 1200 }, (_, i) => `${String((i % 12) + 1).padStart(2, '0')}/02/2024`);
    const late = Array.from({ length: 100 }, (_, i) => `${13 + (i % 15)}/03/2024`);
    const { col, values, result } = await column('booked', [...early, ...late], { sampleRows: 1000 });
    expect([col.storageType, col.format.dateOrder, col.failures.count]).toEqual(['date', 'dmy', 0]);
    expect([values[2], values[1200]]).toEqual(['2024-02-03', '2024-03-13']);
    const codes = result.warnings.map((w) => w.code);
    expect(codes).toContain('DATE_ORDER_REVISED');
    expect(codes).not.toContain('DATE_ORDER_AMBIGUOUS');
    // Values that fit neither order still make the column text.
    const junk = await column('booked', [...early, ...repeat(['99/99/2024'], 100)], { sampleRows: 1000 });
    expect(junk.col.storageType).toBe('string');
  });

  it('reads ISO datetimes, converting UTC offsets to UTC', async () => {
    const { col, values } = await column('at', [
      '2024-01-31T10:00:00Z',
      '2024-01-31T12:30:00+02:00',
      '2024-02-01 08:15:00',
    ]);
    expect([col.storageType, col.semanticType]).toEqual(['datetime', 'datetime']);
    expect(values).toEqual(['2024-01-31 10:00:00', '2024-01-31 10:30:00', '2024-02-01 08:15:00']);
  });

  it('reads fractions of a second after a comma (Python logging) and in day-first datetimes', async () => {
    const log = await column('asctime', [
      '2024-01-05 10:00:00,123',
      '2024-01-05 10:00:01,5',
      '2024-01-05 10:00:02',
    ]);
    expect(log.col.storageType).toBe('datetime');
    expect(log.values).toEqual(['2024-01-05 10:00:00.123', '2024-01-05 10:00:01.5', '2024-01-05 10:00:02']);
    const dmy = await column('stamp', [
      '05/01/2024 10:00:00.123',
      '25/01/2024 11:00:00',
      '26/01/2024 11:00:00.5',
    ]);
    expect([dmy.col.storageType, dmy.col.format.dateOrder]).toEqual(['datetime', 'dmy']);
    expect(dmy.values).toEqual(['2024-01-05 10:00:00.123', '2024-01-25 11:00:00', '2024-01-26 11:00:00.5']);
  });

  it("reads zones written after a space: BigQuery's UTC, git's +0200", async () => {
    const bq = await column('created', [
      '2024-01-05 10:00:00 UTC',
      '2024-02-06 11:30:00.5 UTC',
      '2024-03-07 09:00:00 GMT',
    ]);
    expect([bq.col.storageType, bq.col.format.utcOffsets]).toEqual(['datetime', true]);
    expect(bq.values).toEqual(['2024-01-05 10:00:00', '2024-02-06 11:30:00.5', '2024-03-07 09:00:00']);
    const git = await column('date', [
      '2024-01-05 10:00:00 +0200',
      '2024-01-06 10:00:00 -0500',
      '2024-01-07 10:00:00 +01:00',
    ]);
    expect(git.col.storageType).toBe('datetime');
    expect(git.values).toEqual(['2024-01-05 08:00:00', '2024-01-06 15:00:00', '2024-01-07 09:00:00']);
  });

  it('reads Google Forms timestamps (2021/03/22 2:56:14 PM GMT+1) in UTC', async () => {
    const forms = await column('Timestamp', [
      '2021/03/22 10:07:27 AM GMT+1',
      '2021/03/22 2:56:14 PM GMT+1',
      '2021/07/01 23:30:00 GMT-4',
      '2021/07/02 9:00:00 AM GMT+5:30',
      '2021/07/03 12:00:00 PM GMT',
    ]);
    expect([forms.col.storageType, forms.col.format.utcOffsets]).toEqual(['datetime', true]);
    expect(forms.values).toEqual([
      '2021-03-22 09:07:27',
      '2021-03-22 13:56:14',
      '2021-07-02 03:30:00',
      '2021-07-02 03:30:00',
      '2021-07-03 12:00:00',
    ]);
  });

  it('reads month-name datetimes (Jan 5, 2024 10:00 AM) and RFC 2822 dates of mail and web logs', async () => {
    const named = await column('posted', [
      'Jan 5, 2024 10:00 AM',
      'February 15, 2024 3:15 PM',
      'Mar 7 2024 14:30',
      'Apr 1, 2024',
    ]);
    expect(named.col.storageType).toBe('datetime');
    expect(named.values).toEqual([
      '2024-01-05 10:00:00',
      '2024-02-15 15:15:00',
      '2024-03-07 14:30:00',
      '2024-04-01 00:00:00',
    ]);
    const rfc = await column('last_modified', [
      'Mon, 05 Jan 2024 10:00:00 GMT',
      'Tue, 6 Feb 2024 11:30:00 +0130',
      '07 Mar 2024 09:00 -0500',
    ]);
    expect([rfc.col.storageType, rfc.col.format.utcOffsets]).toEqual(['datetime', true]);
    expect(rfc.values).toEqual(['2024-01-05 10:00:00', '2024-02-06 10:00:00', '2024-03-07 14:00:00']);
    // Words that only look like one stay text.
    expect((await column('room', ['Room 5, 2024 10:00', 'Hall 6 2024 11:00'])).col.storageType).toBe(
      'string',
    );
  });

  it('reads year-first dates and datetimes written with slashes (2015/01/31 01:00)', async () => {
    const d = await column('day', ['2015/01/31', '2015/02/01', '2016/12/31']);
    expect([d.col.storageType, d.values]).toEqual(['date', ['2015-01-31', '2015-02-01', '2016-12-31']]);
    const ts = await column('at', ['2001/01/14 21:55', '2001/01/15 06:05:30', '2001/12/01 00:00']);
    expect(ts.col.storageType).toBe('datetime');
    expect(ts.values).toEqual(['2001-01-14 21:55:00', '2001-01-15 06:05:30', '2001-12-01 00:00:00']);
  });

  it('reads day-month-name dates (31-Dec-2024, 31-Dec-24) and US datetimes with AM/PM', async () => {
    const named = await column('d', ['31-Dec-2024', '01-Jan-2025', '5 Mar 24', '15-Feb-25']);
    expect(named.col.storageType).toBe('date');
    expect(named.values).toEqual(['2024-12-31', '2025-01-01', '2024-03-05', '2025-02-15']);
    const us = await column('ts', ['1/31/2024 2:30:00 PM', '12/1/2024 11:05 AM', '2/15/2025 12:00:00AM']);
    expect(us.col.storageType).toBe('datetime');
    expect(us.values).toEqual(['2024-01-31 14:30:00', '2024-12-01 11:05:00', '2025-02-15 00:00:00']);
  });

  it('reads yes/no in the languages Excel and forms use (VRAI/FAUX, Ja/Nein, oui/non, sí/no)', async () => {
    const fr = await column('actif', ['VRAI', 'FAUX', 'vrai', 'Faux']);
    expect([fr.col.storageType, fr.values]).toEqual(['boolean', [true, false, true, false]]);
    const de = await column('aktiv', ['Ja', 'Nein', 'ja', 'nein']);
    expect([de.col.storageType, de.values]).toEqual(['boolean', [true, false, true, false]]);
    const es = await column('activo', ['sí', 'no', 'si', 'No']);
    expect([es.col.storageType, es.values]).toEqual(['boolean', [true, false, true, false]]);
    // Not every column of a few words is a flag.
    const answers = await column('answer', ['oui', 'non', 'peut-être', 'oui']);
    expect(answers.col.storageType).toBe('string');
  });

  it('reads dotted dates day-first without calling the order ambiguous', async () => {
    const { col, values, result } = await column('datum', ['02.01.2024', '03.01.2024', '11.12.2024']);
    expect([col.storageType, col.format.dateOrder]).toEqual(['date', 'dmy']);
    expect(values).toEqual(['2024-01-02', '2024-01-03', '2024-12-11']);
    expect(result.warnings.map((w) => w.code)).not.toContain('DATE_ORDER_AMBIGUOUS');
  });

  it('reads times, including AM/PM', async () => {
    const { col, values } = await column('opens', ['09:30', '13:45:10', '1:05 PM']);
    expect(col.storageType).toBe('time');
    expect(values).toEqual(['09:30:00', '13:45:10', '13:05:00']);
  });
});

describe('missing values and failures', () => {
  it('treats NA, N/A, null, -, --, —, ?, and empty as missing', async () => {
    const { col, values } = await column('x', ['1', 'NA', '2', 'N/A', 'null', '-', '--', '—', '?', '', '3']);
    expect(col.storageType).toBe('integer');
    expect(col.missingCount).toBe(8);
    expect(col.failures.count).toBe(0);
    expect(values.filter((v) => v !== null)).toEqual(['1', '2', '3']);
  });

  it('types a column at ≥ 98 % and reports the rest with examples', async () => {
    const values = [...repeat(['10', '20', '30'], 99), 'oops'];
    const { col, values: stored, result } = await column('n', values);
    expect(col.storageType).toBe('integer');
    expect(col.failures).toEqual({ count: 1, examples: ['oops'] });
    expect(stored[99]).toBeNull();
    expect(result.warnings.find((w) => w.code === 'VALUES_UNPARSED')?.details).toMatchObject({ count: 1 });
  });

  it('reports Excel errors in a number or date column (#DIV/0!) without letting them decide its type', async () => {
    // A quarter of the cells are errors, in the sample and after it: still a float column.
    const values = [
      ...repeat(['0.5', '#DIV/0!', '1.25', '2'], 1200),
      ...repeat(['#VALUE!', '#WERT!', '3'], 300),
    ];
    const { col, values: stored, result } = await column('ratio', values, { sampleRows: 1000 });
    expect(col.storageType).toBe('float');
    expect(col.failures.count).toBe(300 + 200);
    expect(col.failures.examples).toEqual(expect.arrayContaining(['#DIV/0!', '#VALUE!', '#WERT!']));
    expect(stored.slice(0, 4)).toEqual([0.5, null, 1.25, 2]);
    const warning = result.warnings.find((w) => w.code === 'VALUES_UNPARSED');
    expect(warning?.message).toBe('500 values of "ratio" are Excel errors and were stored as empty');
    expect(warning?.details).toMatchObject({ count: 500, excelErrors: 500 });
    // Other failures still count against the type, and are told apart in the warning.
    const mixed = await column('n', [...repeat(['1', '2', '#REF!'], 99), 'oops']);
    expect(mixed.col.storageType).toBe('integer');
    expect(mixed.result.warnings.find((w) => w.code === 'VALUES_UNPARSED')?.message).toBe(
      '34 values of "n" are not valid integer (33 of them Excel errors) and were stored as empty',
    );
    const dates = await column('when', ['2024-01-05', '#NAME?', '2024-02-06', '#N/A', '2024-03-07']);
    expect([dates.col.storageType, dates.col.failures.count]).toEqual(['date', 1]);
    // Only errors, or errors among words: text, kept as written.
    expect((await column('e', ['#DIV/0!', '#REF!', '#DIV/0!'])).col.storageType).toBe('string');
    const words = await column('tag', ['#DIV/0!', 'alpha', 'beta', '#REF!']);
    expect([words.col.storageType, words.values[0]]).toEqual(['string', '#DIV/0!']);
  });

  it('keeps a column as text below the threshold', async () => {
    const { col } = await column('n', [...repeat(['10', '20'], 95), 'a', 'b', 'c', 'd', 'e']);
    expect(col.storageType).toBe('string');
  });

  it('widens an integer column whose decimals appear after the sample', async () => {
    const values = [...repeat(['1', '2', '3'], 1200), ...repeat(['1.5', '2.25'], 100)];
    const { col, result } = await column('v', values, { sampleRows: 1000 });
    expect(col.storageType).toBe('float');
    expect(result.warnings.map((w) => w.code)).toContain('TYPE_WIDENED');
  });

  it('widens an integer column for one decimal after the sample, not for one huge integer', async () => {
    const late = [...repeat(['1', '2', '3'], 1200), '3.5'];
    const widened = await column('qty', late, { sampleRows: 1000 });
    expect(widened.col.storageType).toBe('float');
    expect(widened.values.at(-1)).toBe(3.5);
    // As floats, ids past 2^53 would be rounded: the one that does not fit is the failure.
    const ids = [...repeat(['9007199254740993', '9007199254740995'], 1200), '99999999999999999999'];
    const kept = await column('id', ids, { sampleRows: 1000 });
    expect(kept.col.storageType).toBe('integer');
    expect(kept.col.failures.count).toBe(1);
  });

  it('counts failures over all rows when bad values come after the sample', async () => {
    const values = [...repeat(['1', '2'], 1500), 'x1', 'x2', 'x1'];
    const { col } = await column('v', values, { sampleRows: 1000 });
    expect(col.storageType).toBe('integer');
    expect(col.failures.count).toBe(3);
    expect(col.failures.examples.sort()).toEqual(['x1', 'x2']);
  });
});

describe('semantic types', () => {
  it.each([
    ['email', ['ann@example.com', 'bob@test.org', 'c.d@mail.co.uk']],
    ['url', ['https://example.com/a', 'http://x.org', 'www.site.net/page']],
    ['phone', ['+33 1 23 45 67 89', '(555) 123-4567', '555-987-6543']],
  ])('%s', async (semantic, values) => {
    const { col } = await column(`contact_${semantic}`, values);
    expect(col.semanticType).toBe(semantic);
  });

  it('digit runs longer than a phone number (E.164: 15 digits) are identifiers', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => String(12345678901234567890n + BigInt(i * 7919)));
    const { col } = await column('ref', ids);
    expect([col.storageType, col.semanticType]).toEqual(['string', 'identifier']);
  });

  it('phone numbers saved as numbers are phones by name; counts of phones are not', async () => {
    const numbers = Array.from({ length: 30 }, (_, i) => String(2025550100 + i * 7));
    const phone = await column('phone', numbers);
    expect([phone.col.storageType, phone.col.semanticType]).toEqual(['integer', 'phone']);
    expect((await column('mobile_number', numbers)).col.semanticType).toBe('phone');
    const sold = await column(
      'phones_sold',
      Array.from({ length: 30 }, (_, i) => String(100 + i * 13)),
    );
    expect(sold.col.semanticType).toBe('numeric');
  });

  it('latitude and longitude by name and range', async () => {
    expect((await column('lat', ['48.85', '-33.9', '40.7'])).col.semanticType).toBe('latitude');
    expect((await column('longitude', ['2.35', '151.2', '-74.0'])).col.semanticType).toBe('longitude');
  });

  it('ordinal ranges are ordered by their lower bound', async () => {
    const { col } = await column('age', ['40-49', '50-59', '30-39', '40-49', '60-69']);
    expect(col.semanticType).toBe('ordinal');
    expect(col.ordinalLevels).toEqual(['30-39', '40-49', '50-59', '60-69']);
  });

  it('survey answers, weekdays and months are ordinal, in the order of their scale', async () => {
    const likert = await column('satisfaction', [
      'Satisfied',
      'Very dissatisfied',
      'Neutral',
      'Very satisfied',
      'Dissatisfied',
    ]);
    expect([likert.col.semanticType, likert.col.ordinalLevels]).toEqual([
      'ordinal',
      ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
    ]);
    const agree = await column('q1', [
      'Somewhat agree',
      'Neither agree nor disagree',
      'Strongly agree',
      'Somewhat disagree',
    ]);
    expect(agree.col.ordinalLevels).toEqual([
      'Somewhat disagree',
      'Neither agree nor disagree',
      'Somewhat agree',
      'Strongly agree',
    ]);
    const days = await column('day', ['Fri', 'Mon', 'Wed', 'Mon', 'Sun']);
    expect([days.col.semanticType, days.col.ordinalLevels]).toEqual([
      'ordinal',
      ['Mon', 'Wed', 'Fri', 'Sun'],
    ]);
    const priority = await column('priority', ['High', 'Low', 'Critical', 'Medium']);
    expect(priority.col.ordinalLevels).toEqual(['Low', 'Medium', 'High', 'Critical']);
    // A word outside every scale keeps a column categorical.
    expect((await column('mood', ['Satisfied', 'Neutral', 'Hungry'])).col.semanticType).toBe('categorical');
  });

  it('identifiers, free text, categorical, boolean', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `ID-${1000 + i}`);
    expect((await column('code', ids)).col.semanticType).toBe('identifier');
    const text = Array.from(
      { length: 20 },
      (_, i) => `This is a longer comment number ${i} about the product`,
    );
    expect((await column('comment', text)).col.semanticType).toBe('free_text');
    expect((await column('color', repeat(['red', 'green', 'blue'], 60))).col.semanticType).toBe(
      'categorical',
    );
    const flags = await column('active', repeat(['yes', 'no'], 10));
    expect([flags.col.storageType, flags.col.semanticType]).toEqual(['boolean', 'boolean']);
    const bits = await column('target', repeat(['0', '1'], 30));
    expect([bits.col.storageType, bits.col.semanticType]).toEqual(['integer', 'boolean']);
  });
});
