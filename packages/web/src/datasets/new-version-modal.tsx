import { Modal, Text } from '@mantine/core';
import { useCallback } from 'react';
import type { Dataset, Version } from '../api/dataset-types.ts';
import { UploadPanel } from './upload-panel.tsx';

interface NewVersionModalProps {
  opened: boolean;
  onClose: () => void;
  dataset: Dataset;
  onReady: (version: Version) => void;
}

/** Upload a file as the next version of a dataset; earlier versions stay as they are. */
export function NewVersionModal({ opened, onClose, dataset, onReady }: NewVersionModalProps) {
  const onSettled = useCallback((version: Version | null) => version && onReady(version), [onReady]);
  return (
    <Modal opened={opened} onClose={onClose} title="Upload a new version" size="lg" centered>
      <Text size="sm" c="dimmed" mb="md">
        The file becomes the next version of <b>{dataset.name}</b>; earlier versions are kept.
      </Text>
      <UploadPanel target={{ datasetId: dataset.id }} projectId={dataset.projectId} onSettled={onSettled} />
    </Modal>
  );
}
