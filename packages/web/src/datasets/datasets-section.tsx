import {
  Button,
  Card,
  Center,
  Collapse,
  Group,
  Loader,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { IconSearch, IconTable, IconUpload, IconX } from '../components/data-icons.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { DatasetListItem } from './dataset-list-item.tsx';
import { UploadPanel } from './upload-panel.tsx';
import { useDatasets } from './use-datasets.ts';

interface DatasetsSectionProps {
  projectId: string;
  canEdit: boolean;
}

/** A project's datasets: server-side search, restorable deletions, and the upload area. */
export function DatasetsSection({ projectId, canEdit }: DatasetsSectionProps) {
  const datasets = useDatasets(projectId);
  const [uploadOpen, setUploadOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { reload } = datasets;
  const empty = !datasets.loading && datasets.items.length === 0 && !datasets.searching && !datasets.error;
  const showUpload = canEdit && uploadOpen;
  const onSettled = useCallback(() => void reload(), [reload]);

  // An empty project opens the upload area; it then stays open to show the upload's outcome.
  useEffect(() => {
    if (empty && !datasets.includeDeleted) setUploadOpen(true);
  }, [empty, datasets.includeDeleted]);

  return (
    <Card withBorder radius="md" padding="lg" data-testid="datasets-section">
      <Group justify="space-between" mb="md" gap="sm">
        <div>
          <Title order={4} fw={600}>
            Datasets
          </Title>
          <Text size="xs" c="dimmed">
            Tables in this project, each with its version history
          </Text>
        </div>
        {canEdit && (
          <Button
            leftSection={showUpload ? <IconX size={16} /> : <IconUpload size={16} />}
            variant={showUpload ? 'default' : 'filled'}
            onClick={() => setUploadOpen((o) => !o)}
            data-testid="open-upload"
          >
            {showUpload ? 'Close upload' : 'Upload'}
          </Button>
        )}
      </Group>
      <Stack gap="md">
        <Collapse expanded={showUpload}>
          <UploadPanel target={{ projectId }} projectId={projectId} onSettled={onSettled} />
        </Collapse>
        <Group gap="sm" wrap="wrap">
          <TextInput
            placeholder="Search names, descriptions, tags, columns"
            leftSection={<IconSearch size={16} />}
            value={datasets.query}
            onChange={(e) => datasets.setQuery(e.currentTarget.value)}
            aria-label="Search datasets"
            style={{ flex: '1 1 240px' }}
            data-testid="dataset-search"
          />
          <Switch
            label="Show deleted"
            checked={datasets.includeDeleted}
            onChange={(e) => datasets.setIncludeDeleted(e.currentTarget.checked)}
            data-testid="show-deleted"
          />
        </Group>
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <ErrorAlert error={datasets.error} title="Could not load datasets" />
        {datasets.loading && !datasets.data ? (
          <Center py="lg">
            <Loader size="sm" />
          </Center>
        ) : datasets.items.length === 0 ? (
          !datasets.error &&
          !(empty && showUpload) && (
            <EmptyState
              icon={<IconTable size={22} />}
              title={datasets.searching ? 'No dataset matches' : 'No datasets yet'}
              description={
                datasets.searching
                  ? 'Try another word: names, descriptions, tags and column names are searched.'
                  : 'Upload a CSV, Excel, JSON or Parquet file to create the first dataset.'
              }
              testId="datasets-empty"
            />
          )
        ) : (
          <div data-testid="dataset-list">
            {datasets.items.map((d) => (
              <DatasetListItem key={d.id} dataset={d} onChange={datasets.replace} onError={setError} />
            ))}
          </div>
        )}
        {datasets.data?.nextCursor && (
          <Center>
            <Button
              variant="default"
              size="xs"
              loading={datasets.loadingMore}
              onClick={() => datasets.loadMore().catch(setError)}
            >
              Load more
            </Button>
          </Center>
        )}
      </Stack>
    </Card>
  );
}
