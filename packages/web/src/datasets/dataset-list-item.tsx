import { Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { Dataset } from '../api/dataset-types.ts';
import { useApi } from '../app-context.tsx';
import { IconTable } from '../components/data-icons.tsx';
import { formatCount, formatDateTime, formatRelative } from '../lib/format.ts';
import { Link } from '../router.tsx';
import { datasetHref } from './dataset-links.ts';

interface DatasetListItemProps {
  dataset: Dataset;
  onChange: (dataset: Dataset) => void;
  onError: (error: unknown) => void;
}

/** One dataset in a project's list: name, size, version and tags; deleted ones offer Restore. */
export function DatasetListItem({ dataset: d, onChange, onError }: DatasetListItemProps) {
  const api = useApi();
  const [restoring, setRestoring] = useState(false);
  const deleted = d.deletedAt !== null;

  async function restore(): Promise<void> {
    setRestoring(true);
    try {
      onChange((await api.datasets.restore(d.id)).dataset);
    } catch (err) {
      onError(err);
    } finally {
      setRestoring(false);
    }
  }

  const size = sizeText(d);

  return (
    <div
      className="uam-list-row"
      data-testid="dataset-row"
      data-dataset-id={d.id}
      data-deleted={deleted || undefined}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
        <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: 1 }}>
          <IconTable
            size={20}
            color={deleted ? 'var(--mantine-color-gray-5)' : 'var(--mantine-color-indigo-5)'}
            style={{ flexShrink: 0, marginTop: 2 }}
          />
          <div style={{ minWidth: 0, flex: 1 }}>
            {deleted ? (
              <Text fw={600} size="sm" c="dimmed" td="line-through" truncate data-testid="dataset-row-name">
                {d.name}
              </Text>
            ) : (
              <Text
                component={Link}
                href={datasetHref(d.projectId, d.id)}
                fw={600}
                size="sm"
                truncate
                className="uam-link"
                data-testid="dataset-row-name"
              >
                {d.name}
              </Text>
            )}
            {d.description && (
              <Text size="xs" c="dimmed" lineClamp={1}>
                {d.description}
              </Text>
            )}
            <Group gap={6} mt={6}>
              <Text size="xs" c="dimmed" data-testid="dataset-row-size">
                {size}
              </Text>
              {d.currentVersion !== null && d.currentVersion !== undefined && (
                <Badge size="xs" variant="light" color="gray" tt="none" data-testid="dataset-row-version">
                  v{d.currentVersion}
                </Badge>
              )}
              {d.tags.map((tag) => (
                <Badge key={tag} size="xs" variant="outline" color="indigo" tt="none">
                  {tag}
                </Badge>
              ))}
            </Group>
          </div>
        </Group>
        {deleted ? (
          <Group gap="xs" wrap="nowrap">
            <Tooltip label={`Purged ${formatDateTime(d.purgeAfter)}`} withArrow>
              <Badge size="sm" color="red" variant="light">
                Deleted
              </Badge>
            </Tooltip>
            <Button
              size="compact-xs"
              variant="default"
              loading={restoring}
              onClick={restore}
              data-testid="dataset-restore"
            >
              Restore
            </Button>
          </Group>
        ) : (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} visibleFrom="xs">
            {formatRelative(d.updatedAt)}
          </Text>
        )}
      </Group>
    </div>
  );
}

/** Rows × columns when the list carries them, else how many versions there are. */
function sizeText(d: Dataset): string {
  if (typeof d.rowCount === 'number')
    return `${formatCount(d.rowCount)} rows × ${formatCount(d.columnCount)} cols`;
  const hasCurrent = typeof d.currentVersion === 'number' || Boolean(d.currentVersionId);
  if (!hasCurrent) return d.versionCount > 0 ? 'Importing or failed' : 'Not imported yet';
  return `${d.versionCount} version${d.versionCount === 1 ? '' : 's'}`;
}
