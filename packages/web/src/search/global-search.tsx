import { ActionIcon, Combobox, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { IconSearch } from '../components/data-icons.tsx';
import { Link, navigate } from '../router.tsx';
import { SearchHitRow } from './search-hit-row.tsx';
import { hitHref, useSearchHits } from './use-search-hits.ts';

/**
 * The header's search: results drop down as you type (datasets by name, description, tags and
 * column names; projects); Enter without a pick opens the full results page. On small screens
 * it is an icon that opens that page.
 */
export function GlobalSearch() {
  const [query, setQuery] = useState('');
  const hits = useSearchHits(query);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });

  function go(href: string): void {
    combobox.closeDropdown();
    setQuery('');
    navigate(href);
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (query.trim()) go(`/search?q=${encodeURIComponent(query.trim())}`);
  }

  const open = Boolean(hits.q) && query.trim() !== '';
  return (
    <>
      <ActionIcon
        component={Link}
        href="/search"
        variant="subtle"
        color="gray"
        size="lg"
        hiddenFrom="sm"
        aria-label="Search"
        data-testid="global-search-mobile"
      >
        <IconSearch size={18} />
      </ActionIcon>
      <form onSubmit={submit} className="uam-header-search">
        <Combobox store={combobox} onOptionSubmit={go} width={420} position="bottom-start" shadow="md">
          <Combobox.Target>
            <TextInput
              value={query}
              onChange={(e) => {
                setQuery(e.currentTarget.value);
                combobox.openDropdown();
                combobox.updateSelectedOptionIndex();
              }}
              onFocus={() => combobox.openDropdown()}
              onBlur={() => combobox.closeDropdown()}
              placeholder="Search datasets, columns, projects"
              leftSection={<IconSearch size={16} />}
              rightSection={hits.loading ? <Loader size={14} /> : null}
              aria-label="Search"
              w={{ sm: 260, md: 340 }}
              data-testid="global-search"
            />
          </Combobox.Target>
          <Combobox.Dropdown hidden={!open} data-testid="global-search-results">
            <Combobox.Options mah={420} style={{ overflowY: 'auto' }}>
              {hits.items.length === 0 ? (
                <Combobox.Empty>
                  {hits.loading ? 'Searching…' : hits.error ? 'Search failed' : 'Nothing found'}
                </Combobox.Empty>
              ) : (
                hits.items.map((hit) => (
                  <Combobox.Option
                    key={`${hit.type}:${hit.id}`}
                    value={hitHref(hit)}
                    data-testid="global-search-hit"
                  >
                    <SearchHitRow hit={hit} />
                  </Combobox.Option>
                ))
              )}
            </Combobox.Options>
            <Combobox.Footer>
              <Text size="xs" c="dimmed">
                Enter to see all results
              </Text>
            </Combobox.Footer>
          </Combobox.Dropdown>
        </Combobox>
      </form>
    </>
  );
}
