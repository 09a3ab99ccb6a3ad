import { Center, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useApi } from '../app-context.tsx';
import { IconSearch } from '../components/data-icons.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useResource } from '../lib/use-resource.ts';
import { Link, navigate, useSearchParam } from '../router.tsx';
import { SearchHitRow } from './search-hit-row.tsx';
import { hitHref, useSearchHits } from './use-search-hits.ts';

/** `/search?q=`: every dataset and project matching the words, best first. */
export function SearchPage() {
  const api = useApi();
  const param = useSearchParam('q');
  const [query, setQuery] = useState(param);
  const hits = useSearchHits(query, 250);
  const projects = useResource(() => api.projects.list({ limit: 100 }), [api]);
  const names = new Map((projects.data?.items ?? []).map((p) => [p.id, p.name]));

  useEffect(() => setQuery(param), [param]);
  // Keep the address in step so the results can be shared and survive a reload.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the user's typing moves the address.
  useEffect(() => {
    const next = hits.q ? `/search?q=${encodeURIComponent(hits.q)}` : '/search';
    if (hits.q !== param) navigate(next, { replace: true });
  }, [hits.q]);

  return (
    <>
      <PageHeader
        title="Search"
        description="Datasets by name, description, tags and column names; projects by name."
      />
      <Stack gap="md">
        <TextInput
          size="md"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          placeholder="Search datasets, columns, projects"
          leftSection={<IconSearch size={18} />}
          rightSection={hits.loading ? <Loader size={16} /> : null}
          aria-label="Search"
          autoFocus
          data-testid="search-page-input"
        />
        <ErrorAlert error={hits.error} title="Search failed" />
        {!hits.q ? (
          <Text size="sm" c="dimmed">
            Type a word to search everything you can see.
          </Text>
        ) : hits.items.length === 0 ? (
          hits.loading ? (
            <Center py="lg">
              <Loader size="sm" />
            </Center>
          ) : (
            <EmptyState
              icon={<IconSearch size={22} />}
              title="Nothing found"
              description={`No dataset or project matches “${hits.q}”.`}
            />
          )
        ) : (
          <Paper withBorder radius="md" data-testid="search-results">
            {hits.items.map((hit) => (
              <Link
                key={`${hit.type}:${hit.id}`}
                href={hitHref(hit)}
                className="uam-search-hit"
                data-testid="search-hit"
              >
                <SearchHitRow hit={hit} projectName={names.get(hit.projectId)} />
              </Link>
            ))}
          </Paper>
        )}
      </Stack>
    </>
  );
}
