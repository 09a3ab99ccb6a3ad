import { Text } from '@mantine/core';
import type { Version } from '../api/dataset-types.ts';
import { IconTable } from '../components/data-icons.tsx';
import { EmptyState } from '../components/empty-state.tsx';

/** Instead of rows: the first version is still importing, or every version failed. */
export function NoReadyVersion({ versions }: { versions: Version[] }) {
  const pending = versions.some((v) => v.status === 'pending');
  const failed = versions.find((v) => v.status === 'failed');
  return (
    <EmptyState
      icon={<IconTable size={22} />}
      title={pending ? 'The file is still being imported' : 'No readable version yet'}
      description={
        pending ? (
          'Rows appear here as soon as the import finishes; its progress is in Versions.'
        ) : failed?.error ? (
          <Text size="sm" c="red" span>
            {failed.error.message}
          </Text>
        ) : (
          'Upload a file to create a version.'
        )
      }
      testId="no-ready-version"
    />
  );
}
