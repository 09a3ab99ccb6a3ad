import { describe, expect, it } from 'vitest';
import { columnWidth, formatCell } from './cell-format.ts';

describe('formatCell', () => {
  it('marks missing values as null and keeps numbers ungrouped', () => {
    expect(formatCell(null, 'string')).toBeNull();
    expect(formatCell(undefined, 'integer')).toBeNull();
    expect(formatCell(20240, 'integer')).toBe('20240');
    expect(formatCell(1234.5, 'float')).toBe('1234.5');
    expect(formatCell('12.50', 'decimal')).toBe('12.50');
  });

  it('writes booleans, datetimes and nested values readably', () => {
    expect(formatCell(false, 'boolean')).toBe('false');
    expect(formatCell('2024-12-31T08:30:00', 'datetime')).toBe('2024-12-31 08:30:00');
    expect(formatCell({ a: 1 }, 'string')).toBe('{"a":1}');
  });
});

describe('columnWidth', () => {
  it('fits long names within bounds', () => {
    expect(columnWidth('id', 'integer')).toBe(110);
    expect(columnWidth('a_rather_long_column_name', 'integer')).toBeGreaterThan(200);
    expect(columnWidth('x'.repeat(500), 'string')).toBe(320);
  });
});
