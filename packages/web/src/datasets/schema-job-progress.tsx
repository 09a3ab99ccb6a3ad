import { Paper, Progress, Stack, Text } from '@mantine/core';
import type { Job } from '../api/types.ts';

/** Progress of the job that writes a schema change as a new version. */
export function SchemaJobProgress({ job }: { job: Job | null }) {
  const progress = Math.min(1, Math.max(0, job?.progress ?? 0));
  return (
    <Paper withBorder radius="md" p="sm" data-testid="schema-job" data-status={job?.status ?? 'queued'}>
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          Writing a new version with the new types…
        </Text>
        <Progress
          value={Math.max(2, progress * 100)}
          striped
          animated
          size="sm"
          radius="xl"
          data-progress={progress}
        />
        <Text size="xs" c="dimmed">
          {job?.message ?? 'Queued'} · {Math.round(progress * 100)}%
        </Text>
      </Stack>
    </Paper>
  );
}
