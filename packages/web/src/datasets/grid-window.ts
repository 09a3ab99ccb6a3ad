/**
 * Browsers cap an element's height (Chrome near 33.5M px, Firefox lower); past this many
 * pixels the grid scrolls a shorter spacer and maps its scroll position onto the rows.
 */
export const MAX_SCROLL_PX = 8_000_000;

export interface GridWindowInput {
  scrollTop: number;
  /** Height of the visible row area (below the sticky header). */
  viewport: number;
  total: number;
  rowHeight: number;
  overscan: number;
}

export interface GridWindow {
  /** First row to render. */
  first: number;
  /** One past the last row to render. */
  last: number;
  /** Height of the scrollable spacer. */
  contentHeight: number;
  /** Where row `i` goes inside the spacer: `i * rowHeight + shift`. */
  shift: number;
}

/**
 * Rows to render for a scroll position. Up to `MAX_SCROLL_PX` a row sits at `i * rowHeight`
 * (shift 0); beyond it the spacer is capped and scrolling is scaled by
 * `(real − viewport) / (content − viewport)`, so the last row is still reached at the bottom.
 *
 * ### Example
 * ```ts
 * gridWindow({ scrollTop: 320, viewport: 300, total: 1000, rowHeight: 32, overscan: 2 });
 * // { first: 8, last: 22, contentHeight: 32000, shift: 0 }
 * ```
 */
export function gridWindow({ scrollTop, viewport, total, rowHeight, overscan }: GridWindowInput): GridWindow {
  const real = total * rowHeight;
  const contentHeight = Math.min(real, MAX_SCROLL_PX);
  const scale =
    real > contentHeight && contentHeight > viewport ? (real - viewport) / (contentHeight - viewport) : 1;
  const top = Math.max(0, scrollTop) * scale;
  const first = clamp(Math.floor(top / rowHeight) - overscan, 0, total);
  const last = clamp(Math.ceil((top + viewport) / rowHeight) + overscan, 0, total);
  return { first, last, contentHeight, shift: Math.max(0, scrollTop) - top };
}

/** Page indexes (of `pageSize` rows) that cover rows `first` up to (excluding) `last`. */
export function pagesFor(first: number, last: number, pageSize: number): number[] {
  if (last <= first) return [];
  const pages: number[] = [];
  for (let p = Math.floor(first / pageSize); p <= Math.floor((last - 1) / pageSize); p++) pages.push(p);
  return pages;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
