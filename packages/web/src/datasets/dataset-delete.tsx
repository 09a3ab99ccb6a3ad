import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Dataset } from '../api/dataset-types.ts';
import { useApi } from '../app-context.tsx';
import { IconRestore } from '../components/data-icons.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDateTime } from '../lib/format.ts';

interface DeleteDatasetModalProps {
  opened: boolean;
  onClose: () => void;
  dataset: Dataset;
  onDeleted: (dataset: Dataset) => void;
}

/** Confirms a soft delete, which can be undone until the purge date. */
export function DeleteDatasetModal({ opened, onClose, dataset, onDeleted }: DeleteDatasetModalProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function remove(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.datasets.remove(dataset.id);
      onDeleted(answer?.dataset ?? (await api.datasets.get(dataset.id)).dataset);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Delete dataset" centered>
      <Stack gap="md">
        <Text size="sm">
          Delete <b>{dataset.name}</b> and all its versions? You can restore it for 7 days; after that it is
          purged with its files.
        </Text>
        <ErrorAlert error={error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={busy} onClick={remove} data-testid="dataset-delete-confirm">
            Delete dataset
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Shown on a deleted dataset: when it will be purged, and a way back. */
export function DeletedBanner({
  dataset,
  onRestored,
}: {
  dataset: Dataset;
  onRestored: (d: Dataset) => void;
}) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function restore(): Promise<void> {
    setBusy(true);
    try {
      onRestored((await api.datasets.restore(dataset.id)).dataset);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Alert color="red" variant="light" title="This dataset is deleted" data-testid="dataset-deleted-banner">
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          It will be purged with its files on {formatDateTime(dataset.purgeAfter)}. Restore it to keep it.
        </Text>
        <Button
          size="xs"
          variant="white"
          color="red"
          leftSection={<IconRestore size={14} />}
          loading={busy}
          onClick={restore}
          data-testid="dataset-restore-banner"
        >
          Restore
        </Button>
      </Group>
      <ErrorAlert error={error} />
    </Alert>
  );
}
