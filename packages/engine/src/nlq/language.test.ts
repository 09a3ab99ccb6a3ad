import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, isTypoOf, maxTypos } from './fuzzy.ts';
import { numberAt } from './numbers.ts';
import { stem } from './stem.ts';
import { tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('keeps offsets, expands contractions and drops possessives', () => {
    const t = tokenize("What's Japan's revenue?");
    expect(t.map((x) => x.norm)).toEqual(['what', 'is', 'japan', 'revenue', '?']);
    expect(t[2]).toMatchObject({ raw: "Japan's", start: 7, end: 14, upper: true, possessive: true });
  });

  it('reads scaled numbers, percents, currency and ISO dates as single tokens', () => {
    const t = tokenize('over $2.5k, 10% or 1,200 since 2024-06-01 in the 1970s');
    expect(
      t.filter((x) => x.kind === 'number').map((x) => [x.value, x.percent ?? false, x.currency ?? false]),
    ).toEqual([
      [2500, false, true],
      [10, true, false],
      [1200, false, false],
    ]);
    expect(t.find((x) => x.kind === 'date')?.raw).toBe('2024-06-01');
    expect(t.at(-1)?.norm).toBe('1970s');
  });

  it('marks quoted words', () => {
    expect(
      tokenize('titles containing "love story"')
        .filter((t) => t.quoted)
        .map((t) => t.norm),
    ).toEqual(['love', 'story']);
  });
});

describe('numberAt', () => {
  const n = (s: string) => numberAt(tokenize(s), 0)?.value;
  it.each([
    ['2k', 2000],
    ['1.5m', 1_500_000],
    ['3 million', 3_000_000],
    ['ten', 10],
    ['twenty-five', 25],
    ['a dozen', 12],
    ['five hundred thousand', 500_000],
    ['$40bn', 40e9],
  ])('%s → %d', (s, v) => expect(n(s)).toBe(v));

  it('flags percents', () =>
    expect(numberAt(tokenize('15 percent'), 0)).toMatchObject({ value: 15, percent: true }));
});

describe('fuzzy matching', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(damerauLevenshtein('hosrepower', 'horsepower')).toBe(1);
    expect(damerauLevenshtein('revenu', 'revenue')).toBe(1);
  });

  it('allows more typos for longer words, none for short ones', () => {
    expect([3, 4, 6, 10].map(maxTypos)).toEqual([0, 1, 2, 3]);
    expect(isTypoOf('cat', 'car')).toBe(false);
    expect(isTypoOf('germny', 'germany')).toBe(true);
    expect(isTypoOf('sales', 'tales')).toBe(false); // the first letter must match
  });
});

describe('stem', () => {
  it('brings plural and verb forms together', () => {
    expect(stem('countries')).toBe(stem('country'));
    expect(stem('sales')).toBe(stem('sale'));
    expect(stem('rated')).toBe(stem('rating'));
  });
});
