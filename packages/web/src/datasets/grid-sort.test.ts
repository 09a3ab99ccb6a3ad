import { describe, expect, it } from 'vitest';
import { nextSort, toSortParam } from './grid-sort.ts';

describe('nextSort', () => {
  it('cycles one column through ascending, descending and unsorted', () => {
    const asc = nextSort([], 'age', false);
    expect(asc).toEqual([{ column: 'age', dir: 'asc' }]);
    const desc = nextSort(asc, 'age', false);
    expect(desc).toEqual([{ column: 'age', dir: 'desc' }]);
    expect(nextSort(desc, 'age', false)).toEqual([]);
  });

  it('replaces other columns on a plain click and keeps them on a shift-click', () => {
    const byAge = [{ column: 'age', dir: 'desc' as const }];
    expect(nextSort(byAge, 'name', false)).toEqual([{ column: 'name', dir: 'asc' }]);
    const both = nextSort(byAge, 'name', true);
    expect(toSortParam(both)).toBe('age:desc,name:asc');
    expect(toSortParam(nextSort(nextSort(both, 'age', true), 'name', true))).toBe('name:desc');
  });

  it('sends no sort parameter for the stored order', () => {
    expect(toSortParam([])).toBeUndefined();
  });
});
