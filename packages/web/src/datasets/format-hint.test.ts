import { describe, expect, it } from 'vitest';
import { formatHint } from './format-hint.ts';

describe('formatHint', () => {
  it('says how numbers, currencies, percentages and dates were read', () => {
    expect(formatHint({ numberStyle: 'eu', currencySymbol: '€', negativeParens: true })).toBe(
      '€1.234,5 · (12) = −12',
    );
    expect(formatHint({ numberStyle: 'plain', currencySymbol: '$' })).toBe('$1234.5');
    expect(formatHint({ percent: true })).toBe('45% → 0.45');
    expect(formatHint({ dateOrder: 'dmy', dateFormats: ['%d/%m/%Y'] })).toBe('day/month/year');
    expect(formatHint({ utcOffsets: true })).toBe('offsets → UTC');
    expect(formatHint({ numberStyle: 'eu', negativeTrailingMinus: true })).toBe('1.234,5 · 12- = −12');
  });

  it('is silent for values read as they are', () => {
    expect(formatHint(undefined)).toBeNull();
    expect(formatHint({})).toBeNull();
    expect(formatHint({ numberStyle: 'plain' })).toBeNull();
  });
});
