import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { SearchHit } from '../api/dataset-types.ts';
import { useApi } from '../app-context.tsx';
import { datasetHref } from '../datasets/dataset-links.ts';

/** Where a search hit leads in the app. */
export function hitHref(hit: SearchHit): string {
  return hit.type === 'dataset'
    ? datasetHref(hit.projectId, hit.id)
    : `/projects/${encodeURIComponent(hit.id)}`;
}

/** `/search` results for `query` (debounced; a newer query cancels the older request). */
export function useSearchHits(query: string, delayMs = 200) {
  const api = useApi();
  const [q] = useDebouncedValue(query.trim(), delayMs);
  const [items, setItems] = useState<SearchHit[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!q) {
      setItems([]);
      setError(null);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    api.search.query(q, controller.signal).then(
      ({ items: hits }) => {
        setItems(hits);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [api, q]);

  return { q, items, loading, error };
}
