import { type MouseEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { IconArrowDown, IconArrowUp } from '../components/data-icons.tsx';
import { columnWidth, formatCell } from './cell-format.ts';
import { isNumericType, STORAGE_LABELS, TypeIcon } from './column-type.tsx';
import type { SortKey } from './grid-sort.ts';
import { gridWindow } from './grid-window.ts';

export const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 40;
const OVERSCAN = 8;

interface DataGridProps {
  columns: { name: string; type: string }[];
  total: number;
  row: (index: number) => unknown[] | undefined;
  /** Asks for rows `first`…`last - 1` to be loaded. */
  ensure: (first: number, last: number) => void;
  sort: SortKey[];
  onSort: (column: string, additive: boolean) => void;
  /** Changes when the rows are a different query: the grid scrolls back to the top. */
  queryKey: unknown;
  emptyText: string;
}

/**
 * A virtualised table: only the rows in view (plus a margin) are in the DOM, positioned over a
 * spacer as tall as all rows; the header sticks to the top and the row numbers to the left.
 */
export function DataGrid({ columns, total, row, ensure, sort, onSort, queryKey, emptyText }: DataGridProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const widths = columns.map((c) => columnWidth(c.name, c.type));
  // Wide enough for the largest row number, and no wider (it matters at 390 px).
  const indexWidth = Math.round(22 + 7.5 * String(Math.max(1, total)).length);
  const width = indexWidth + widths.reduce((a, b) => a + b, 0);
  const win = gridWindow({ scrollTop, viewport, total, rowHeight: ROW_HEIGHT, overscan: OVERSCAN });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(Math.max(0, el.clientHeight - HEADER_HEIGHT)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query starts at the top.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [queryKey]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: queryKey swaps the loaded pages.
  useEffect(() => ensure(win.first, win.last), [ensure, win.first, win.last, queryKey]);

  const rows = [];
  for (let i = win.first; i < win.last; i++) {
    const values = row(i);
    rows.push(
      <tr
        key={i}
        className="uam-grid-row"
        aria-rowindex={i + 2}
        data-testid="grid-row"
        data-row-index={i}
        data-loaded={values ? 'true' : 'false'}
        style={{ top: i * ROW_HEIGHT + win.shift, height: ROW_HEIGHT, width, minWidth: '100%' }}
      >
        <th className="uam-grid-index" scope="row" style={{ width: indexWidth }}>
          {i + 1}
        </th>
        {columns.map((col, c) => (
          <Cell
            key={col.name}
            value={values?.[c]}
            loaded={Boolean(values)}
            type={col.type}
            width={widths[c]}
          />
        ))}
      </tr>,
    );
  }

  return (
    <div
      ref={scroller}
      className="uam-grid"
      data-testid="data-grid"
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      {/* A table for its semantics; CSS lays it out as blocks so rows can be placed absolutely. */}
      <table className="uam-grid-table" aria-rowcount={total + 1} style={{ width, minWidth: '100%' }}>
        <thead className="uam-grid-head">
          <tr style={{ height: HEADER_HEIGHT, width, minWidth: '100%' }}>
            <th className="uam-grid-index uam-grid-corner" scope="col" style={{ width: indexWidth }}>
              #
            </th>
            {columns.map((col, c) => (
              <HeaderCell key={col.name} column={col} width={widths[c]} sort={sort} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody style={{ height: win.contentHeight }}>{rows}</tbody>
      </table>
      {total === 0 && (
        <p className="uam-grid-empty" data-testid="grid-empty">
          {emptyText}
        </p>
      )}
    </div>
  );
}

interface HeaderCellProps {
  column: { name: string; type: string };
  width: number;
  sort: SortKey[];
  onSort: (column: string, additive: boolean) => void;
}

function HeaderCell({ column, width, sort, onSort }: HeaderCellProps) {
  const index = sort.findIndex((k) => k.column === column.name);
  const key = index >= 0 ? sort[index] : null;
  const numeric = isNumericType(column.type);
  const label = STORAGE_LABELS[column.type as keyof typeof STORAGE_LABELS] ?? column.type;
  return (
    <th
      scope="col"
      className="uam-grid-th-cell"
      style={{ width }}
      aria-sort={key ? (key.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      data-testid="grid-header-cell"
      data-column={column.name}
      data-sort={key?.dir}
    >
      <button
        type="button"
        className="uam-grid-th"
        title={`${column.name} · ${label}. Click to sort, shift-click to add to the sort.`}
        style={{ justifyContent: numeric ? 'flex-end' : 'flex-start' }}
        onClick={(e: MouseEvent) => onSort(column.name, e.shiftKey)}
      >
        <TypeIcon type={column.type} size={13} />
        <span className="uam-grid-th-name">{column.name}</span>
        {key && (
          <span className="uam-grid-sort">
            {key.dir === 'asc' ? <IconArrowUp size={13} /> : <IconArrowDown size={13} />}
            {sort.length > 1 && index + 1}
          </span>
        )}
      </button>
    </th>
  );
}

function Cell({
  value,
  loaded,
  type,
  width,
}: {
  value: unknown;
  loaded: boolean;
  type: string;
  width: number;
}) {
  const text = loaded ? formatCell(value, type) : null;
  const numeric = isNumericType(type);
  return (
    <td
      className="uam-grid-cell"
      data-testid="grid-cell"
      data-null={loaded && text === null ? 'true' : undefined}
      style={{ width, textAlign: numeric ? 'right' : 'left' }}
      title={text ?? undefined}
    >
      {!loaded ? (
        <span className="uam-grid-skeleton" />
      ) : text === null ? (
        <span className="uam-null">null</span>
      ) : (
        text
      )}
    </td>
  );
}
