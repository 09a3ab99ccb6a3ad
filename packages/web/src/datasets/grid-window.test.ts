import { describe, expect, it } from 'vitest';
import { gridWindow, MAX_SCROLL_PX, pagesFor } from './grid-window.ts';

const base = { viewport: 300, rowHeight: 32, overscan: 2 };

describe('gridWindow', () => {
  it('renders the visible rows plus overscan, unscaled for small tables', () => {
    expect(gridWindow({ ...base, scrollTop: 320, total: 1000 })).toEqual({
      first: 8,
      last: 22,
      contentHeight: 32_000,
      shift: 0,
    });
  });

  it('clamps to the table at both ends', () => {
    expect(gridWindow({ ...base, scrollTop: 0, total: 5 })).toMatchObject({ first: 0, last: 5 });
    const end = gridWindow({ ...base, scrollTop: 32_000 - 300, total: 1000 });
    expect(end.last).toBe(1000);
  });

  it('caps the spacer for huge tables and still reaches the last row at the bottom', () => {
    const total = 5_000_000;
    const bottom = MAX_SCROLL_PX - base.viewport;
    const w = gridWindow({ ...base, scrollTop: bottom, total });
    expect(w.contentHeight).toBe(MAX_SCROLL_PX);
    expect(w.last).toBe(total);
    // The last row's bottom edge lands on the viewport's bottom edge.
    expect((total - 1) * base.rowHeight + w.shift + base.rowHeight).toBeCloseTo(bottom + base.viewport, 3);
  });
});

describe('pagesFor', () => {
  it('lists the pages that cover a row range', () => {
    expect(pagesFor(0, 10, 200)).toEqual([0]);
    expect(pagesFor(190, 410, 200)).toEqual([0, 1, 2]);
    expect(pagesFor(5, 5, 200)).toEqual([]);
  });
});
