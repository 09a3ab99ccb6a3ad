import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { RowsPage } from '../api/dataset-types.ts';
import { useApi } from '../app-context.tsx';
import { type SortKey, toSortParam } from './grid-sort.ts';
import { pagesFor } from './grid-window.ts';

export const PAGE_SIZE = 200;

interface RowQuery {
  sort: SortKey[];
  filter: string;
}

/** Loaded pages of one query; replaced whole when the query (or version) changes. */
interface Cache {
  query: RowQuery;
  total: number;
  columns: RowsPage['columns'];
  pages: Map<number, unknown[][]>;
  loading: Set<number>;
}

/**
 * Rows of one dataset version, fetched in pages of `PAGE_SIZE` as the grid scrolls to them.
 * A new sort or filter is fetched first and swapped in only when it answers, so the grid keeps
 * showing rows meanwhile and a bad filter leaves it as it was (with `filterError` set).
 */
export function useRowPages(datasetId: string, version: number | null) {
  const api = useApi();
  const cache = useRef<Cache | null>(null);
  const [, setTick] = useState(0);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [filterError, setFilterError] = useState<string | null>(null);
  const generation = useRef(0);
  // The query last asked for: clicks made while it loads build on it, not on the shown one.
  const requested = useRef<RowQuery>({ sort: [], filter: '' });
  const rerender = useCallback(() => setTick((t) => t + 1), []);

  const fetchPage = useCallback(
    (query: RowQuery, page: number) =>
      api.datasets.rows(datasetId, {
        version,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
        sort: toSortParam(query.sort),
        filter: query.filter || undefined,
      }),
    [api, datasetId, version],
  );

  const run = useCallback(
    async (query: RowQuery): Promise<boolean> => {
      const mine = ++generation.current;
      requested.current = query;
      setPending(true);
      try {
        const first = await fetchPage(query, 0);
        if (mine !== generation.current) return false;
        const pages = new Map([[0, first.rows]]);
        cache.current = { query, total: first.total, columns: first.columns, pages, loading: new Set() };
        setError(null);
        setFilterError(null);
        return true;
      } catch (err) {
        if (mine !== generation.current) return false;
        requested.current = cache.current?.query ?? { sort: [], filter: '' };
        // A 400 on a new filter is the user's expression: show it under the filter box.
        if (err instanceof ApiError && err.status === 400 && query.filter) setFilterError(err.message);
        else setError(err);
        return false;
      } finally {
        if (mine === generation.current) setPending(false);
        rerender();
      }
    },
    [fetchPage, rerender],
  );

  // A new dataset or version starts over, unsorted and unfiltered.
  useEffect(() => {
    cache.current = null;
    void run({ sort: [], filter: '' });
  }, [run]);

  /** Fetches the pages that cover rows `first`…`last - 1` and are not loaded or loading. */
  const ensure = useCallback(
    (first: number, last: number) => {
      const c = cache.current;
      if (!c) return;
      for (const page of pagesFor(first, last, PAGE_SIZE)) {
        if (c.pages.has(page) || c.loading.has(page)) continue;
        c.loading.add(page);
        fetchPage(c.query, page).then(
          (answer) => {
            c.loading.delete(page);
            c.pages.set(page, answer.rows);
            if (cache.current === c) rerender();
          },
          (err: unknown) => {
            c.loading.delete(page);
            if (cache.current === c) setError(err);
          },
        );
      }
    },
    [fetchPage, rerender],
  );

  const c = cache.current;
  const query = c?.query ?? { sort: [], filter: '' };
  return {
    ready: c !== null,
    total: c?.total ?? 0,
    columns: c?.columns ?? [],
    query,
    /** The sort last asked for (shown in the headers at once, while it loads). */
    sort: requested.current.sort,
    pending,
    error,
    filterError,
    clearFilterError: () => setFilterError(null),
    row: (i: number): unknown[] | undefined => c?.pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE],
    ensure,
    setSort: (sort: SortKey[]) => run({ ...requested.current, sort }),
    applyFilter: (filter: string) => run({ ...requested.current, filter: filter.trim() }),
    retry: () => run(query),
  };
}
