import { useEffect, useState } from 'react';
import type { CleanPreview, Recipe } from '../api/profile-types.ts';
import { useApi } from '../app-context.tsx';

const PREVIEW_DELAY_MS = 500;

export interface RecipePreviewState {
  preview: CleanPreview['preview'] | null;
  error: unknown;
  loading: boolean;
}

/**
 * The preview of `recipe` on a version, fetched `PREVIEW_DELAY_MS` after the last change; a
 * newer recipe aborts the request of an older one. No recipe (or no steps): nothing.
 */
export function useRecipePreview(
  datasetId: string,
  version: number,
  recipe: Recipe | null,
): RecipePreviewState {
  const api = useApi();
  const [state, setState] = useState<RecipePreviewState>({ preview: null, error: null, loading: false });

  useEffect(() => {
    if (!recipe || recipe.steps.length === 0) {
      setState({ preview: null, error: null, loading: false });
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, loading: true }));
      api.eda
        .preview(datasetId, { recipe, version }, ctl.signal)
        .then((r) => !ctl.signal.aborted && setState({ preview: r.preview, error: null, loading: false }))
        .catch((e) => !ctl.signal.aborted && setState((s) => ({ ...s, error: e, loading: false })));
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [api, recipe, datasetId, version]);

  return state;
}
