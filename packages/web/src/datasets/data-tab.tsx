import { Button, Center, Group, Loader, Popover, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { IconFilter } from '../components/data-icons.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatCount } from '../lib/format.ts';
import { DataGrid } from './data-grid.tsx';
import { nextSort } from './grid-sort.ts';
import { useRowPages } from './use-row-pages.ts';

interface DataTabProps {
  datasetId: string;
  version: number | null;
  /** Rows in the whole version, to say "312 of 2,000 rows" when a filter applies. */
  versionRows: number | null;
}

/** The rows of a version: a filter box (server-side expression language) over the grid. */
export function DataTab({ datasetId, version, versionRows }: DataTabProps) {
  const rows = useRowPages(datasetId, version);
  const [text, setText] = useState('');
  const applied = rows.query.filter;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version clears the filter box.
  useEffect(() => setText(''), [datasetId, version]);

  function apply(event: FormEvent): void {
    event.preventDefault();
    void rows.applyFilter(text);
  }

  function clear(): void {
    setText('');
    rows.clearFilterError();
    if (applied) void rows.applyFilter('');
  }

  const filtered = Boolean(applied) && versionRows !== null && rows.total !== versionRows;
  return (
    <Stack gap="sm">
      <form onSubmit={apply}>
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            style={{ flex: 1, minWidth: 0 }}
            leftSection={<IconFilter size={15} />}
            placeholder={'Filter, e.g. amount > 30 and country in ("FR","DE")'}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              if (rows.filterError) rows.clearFilterError();
            }}
            onKeyDown={(e) => e.key === 'Escape' && clear()}
            error={rows.filterError && <span data-testid="grid-filter-error">{rows.filterError}</span>}
            aria-label="Filter rows"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-testid="grid-filter"
          />
          <Button
            type="submit"
            variant="default"
            loading={rows.pending && text.trim() !== applied}
            data-testid="grid-filter-apply"
          >
            Apply
          </Button>
          {(applied || text) && (
            <Button variant="subtle" color="gray" onClick={clear} px="xs" data-testid="grid-filter-clear">
              Clear
            </Button>
          )}
        </Group>
      </form>
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed" data-testid="grid-total" data-total={rows.ready ? rows.total : undefined}>
          {!rows.ready
            ? 'Loading rows…'
            : filtered
              ? `${formatCount(rows.total)} of ${formatCount(versionRows)} rows match`
              : `${formatCount(rows.total)} rows`}
          {rows.ready && ` · ${rows.columns.length} columns`}
        </Text>
        <FilterHelp />
      </Group>
      <ErrorAlert error={rows.error} title="Could not load rows" onClose={() => void rows.retry()} />
      {!rows.ready ? (
        <Center h={320}>{rows.error ? null : <Loader size="sm" />}</Center>
      ) : (
        <DataGrid
          columns={rows.columns}
          total={rows.total}
          row={rows.row}
          ensure={rows.ensure}
          sort={rows.sort}
          onSort={(column, additive) => void rows.setSort(nextSort(rows.sort, column, additive))}
          queryKey={rows.query}
          emptyText={applied ? 'No rows match this filter' : 'This version has no rows'}
        />
      )}
    </Stack>
  );
}

const EXAMPLES = [
  ['age > 30', 'compare with = != < <= > >='],
  ['country in ("FR", "DE")', 'one of a list'],
  ['name contains "smith"', 'text search'],
  ['email is null', 'missing values (or is not null)'],
  ['age > 30 and country = "FR"', 'combine conditions with and / or'],
];

function FilterHelp() {
  return (
    <Popover width={340} position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <Button variant="subtle" size="compact-xs">
          Filter syntax
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={8}>
          {EXAMPLES.map(([code, hint]) => (
            <div key={code}>
              <Text size="xs" ff="monospace" fw={600}>
                {code}
              </Text>
              <Text size="xs" c="dimmed">
                {hint}
              </Text>
            </div>
          ))}
          <Text size="xs" c="dimmed">
            Quote text values with double quotes.
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
