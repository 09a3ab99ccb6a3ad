import { describe, expect, it } from 'vitest';
import { type ClassStat, decideType } from './decide-type.ts';

/** A histogram from `{ class: count }`, the shape the classification query returns. */
const hist = (
  counts: Record<string, number>,
  extra: Partial<Record<string, Partial<ClassStat>>> = {},
): ClassStat[] =>
  Object.entries(counts).map(([cls, n]) => ({
    cls,
    n,
    dots: 0,
    commas: 0,
    dotTail: 0,
    commaTail: 0,
    symbols: {},
    examples: [],
    parens: 0,
    trailing: 0,
    uminus: 0,
    ...extra[cls],
  })) as ClassStat[];

describe('decideType', () => {
  it('applies the 98 % threshold', () => {
    expect(decideType(hist({ int: 98, str: 2 }), { decimalComma: false }).plan.kind).toBe('integer');
    expect(decideType(hist({ int: 97, str: 3 }), { decimalComma: false }).plan.kind).toBe('string');
  });

  it('resolves 1,234 by the other values of the column, then by the file', () => {
    expect(decideType(hist({ c3: 5, us: 1 }, { us: { dots: 1 } }), { decimalComma: false }).plan).toEqual({
      kind: 'float',
      style: 'us',
      percent: false,
    });
    expect(decideType(hist({ c3: 5 }), { decimalComma: false }).plan).toEqual({
      kind: 'integer',
      style: 'us',
    });
    expect(decideType(hist({ c3: 5 }), { decimalComma: true }).plan).toEqual({
      kind: 'float',
      style: 'eu',
      percent: false,
    });
  });

  it('reads 1.234 as a decimal unless the file uses decimal commas', () => {
    expect(decideType(hist({ d3: 3, int: 3 }), { decimalComma: false }).plan).toMatchObject({
      kind: 'float',
      style: 'plain',
    });
    expect(decideType(hist({ d3: 3, int: 3 }), { decimalComma: true }).plan).toEqual({
      kind: 'integer',
      style: 'eu',
    });
  });

  it('picks the date order with the evidence; minorities become failures', () => {
    expect(decideType(hist({ dmy: 10, dmx: 50 }), { decimalComma: false }).plan).toEqual({
      kind: 'date',
      order: 'dmy',
    });
    const mixed = decideType(hist({ dmy: 1, mdy: 99 }), { decimalComma: false });
    expect(mixed.plan).toEqual({ kind: 'date', order: 'mdy' });
    expect(mixed.covered).toBe(99);
    expect(decideType(hist({ dmx: 9 }), { decimalComma: false })).toMatchObject({
      dateOrderAmbiguous: true,
      plan: { order: 'mdy' },
    });
    expect(decideType(hist({ dmx: 9 }), { decimalComma: true }).plan).toMatchObject({ order: 'dmy' });
  });

  it('currency and percentages need a majority of marked values', () => {
    const cur = decideType(hist({ 'cur:int': 6, int: 4 }, { 'cur:int': { symbols: { '€': 6 } } }), {
      decimalComma: false,
    });
    expect(cur.plan).toEqual({ kind: 'decimal', style: 'plain', currency: '€', precision: 18, scale: 2 });
    expect(decideType(hist({ 'pct:int': 6, int: 4 }), { decimalComma: false }).plan).toEqual({
      kind: 'float',
      style: 'plain',
      percent: true,
    });
    // 2 of 10 marked: neither a percentage column nor (at 80 %) a number column.
    expect(decideType(hist({ 'pct:int': 2, int: 8 }), { decimalComma: false }).plan.kind).toBe('string');
  });

  it('leading zeros and huge integers stay text; an empty column is text', () => {
    expect(decideType(hist({ int: 90, int_lz: 10 }), { decimalComma: false }).plan).toEqual({
      kind: 'string',
      reason: 'leading_zeros',
    });
    expect(decideType(hist({ int: 5, int_big: 5 }), { decimalComma: false }).plan).toEqual({
      kind: 'string',
      reason: 'too_big',
    });
    expect(decideType([], { decimalComma: false }).plan).toEqual({ kind: 'string', reason: 'empty' });
  });
});
