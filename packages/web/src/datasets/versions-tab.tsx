import { Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Version } from '../api/dataset-types.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { VersionItem } from './version-item.tsx';

interface VersionsTabProps {
  versions: Version[];
  current: number | null;
  selected: number | null;
  onBrowse: (number: number) => void;
}

/** The version history, newest first: every upload and derived version, with its lineage. */
export function VersionsTab({ versions, current, selected, onBrowse }: VersionsTabProps) {
  const [error, setError] = useState<unknown>(null);
  return (
    <Stack gap="sm" data-testid="versions-list">
      <Text size="sm" c="dimmed">
        Versions are never changed: uploads and schema changes each add one.
      </Text>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {versions.map((v) => (
        <VersionItem
          key={v.id}
          version={v}
          versions={versions}
          current={v.number === current}
          selected={v.number === selected}
          onBrowse={() => onBrowse(v.number)}
          onError={setError}
        />
      ))}
    </Stack>
  );
}
