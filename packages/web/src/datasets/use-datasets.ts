import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { Dataset } from '../api/dataset-types.ts';
import type { Page } from '../api/types.ts';
import { useApi } from '../app-context.tsx';
import { useResource } from '../lib/use-resource.ts';

const PAGE_SIZE = 25;

/** A project's datasets, searched server-side (`q`, debounced), optionally with deleted ones. */
export function useDatasets(projectId: string) {
  const api = useApi();
  const [query, setQuery] = useState('');
  const [includeDeleted, setIncludeDeleted] = useState(false);
  const [q] = useDebouncedValue(query.trim(), 250);
  const [loadingMore, setLoadingMore] = useState(false);
  const list = useResource<Page<Dataset>>(
    () => api.datasets.list(projectId, { q, limit: PAGE_SIZE, includeDeleted }),
    [api, projectId, q, includeDeleted],
  );

  async function loadMore(): Promise<void> {
    const cursor = list.data?.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const next = await api.datasets.list(projectId, { q, limit: PAGE_SIZE, cursor, includeDeleted });
      list.setData((prev) => ({
        items: [...(prev?.items ?? []), ...next.items],
        nextCursor: next.nextCursor,
      }));
    } finally {
      setLoadingMore(false);
    }
  }

  /** Puts the server's latest copy of one dataset in place (after delete or restore). */
  function replace(dataset: Dataset): void {
    list.setData(
      (prev) => prev && { ...prev, items: prev.items.map((d) => (d.id === dataset.id ? dataset : d)) },
    );
  }

  return {
    ...list,
    items: list.data?.items ?? [],
    query,
    setQuery,
    searching: q !== '',
    includeDeleted,
    setIncludeDeleted,
    loadMore,
    loadingMore,
    replace,
  };
}
