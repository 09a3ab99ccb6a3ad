import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, forcedCount, nameFromFile, toParseOptions } from './parse-options.ts';

describe('toParseOptions', () => {
  it('sends nothing when every option is left to detection', () => {
    expect(toParseOptions(EMPTY_DRAFT)).toEqual({});
    expect(forcedCount(EMPTY_DRAFT)).toBe(0);
  });

  it('sends exactly the forced options, typed', () => {
    const draft = {
      delimiter: ';',
      header: 'no',
      decimalComma: 'yes',
      encoding: 'windows-1252',
      sheet: ' Sheet1 ',
      skipBadLines: true,
    } as const;
    expect(toParseOptions(draft)).toEqual({
      delimiter: ';',
      header: false,
      decimalComma: true,
      encoding: 'windows-1252',
      sheet: 'Sheet1',
      skipBadLines: true,
    });
    expect(forcedCount(draft)).toBe(6);
  });
});

describe('nameFromFile', () => {
  it('drops known table extensions, compressed or not', () => {
    expect(nameFromFile('sales_2024.csv')).toBe('sales_2024');
    expect(nameFromFile('events.ndjson.gz')).toBe('events');
    expect(nameFromFile('Report.XLSX')).toBe('Report');
    expect(nameFromFile('notes.md')).toBe('notes.md');
  });
});
