import { Button, Group, Paper, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { FINISHED_JOB_STATUSES, type Job } from '../api/types.ts';
import { useApi } from '../app-context.tsx';
import { formatDateTime, formatDuration, formatRelative } from '../lib/format.ts';
import { JOB_STATUS_COLORS, JobStatusBadge } from './job-status-badge.tsx';

interface JobRowProps {
  job: Job;
  onChange: (job: Job) => void;
  onError: (error: unknown) => void;
}

/** One job: type, status, live progress, message or error, and a cancel action while active. */
export function JobRow({ job, onChange, onError }: JobRowProps) {
  const api = useApi();
  const [cancelling, setCancelling] = useState(false);
  const finished = FINISHED_JOB_STATUSES.includes(job.status);
  const percent = Math.round(Math.min(1, Math.max(0, job.progress)) * 100);
  const duration = formatDuration(job.startedAt, job.finishedAt);

  async function cancel(): Promise<void> {
    setCancelling(true);
    try {
      onChange((await api.jobs.cancel(job.id)).job);
    } catch (err) {
      onError(err);
    } finally {
      setCancelling(false);
    }
  }

  return (
    <Paper withBorder radius="md" p="md" data-testid="job-row" data-job-id={job.id} data-status={job.status}>
      <Stack gap={10}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
            <JobStatusBadge status={job.status} />
            <Text fw={600} size="sm" data-testid="job-type">
              {job.type}
            </Text>
            <Text size="xs" c="dimmed" ff="monospace" title={job.id}>
              {job.id.slice(0, 8)}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Tooltip label={formatDateTime(job.createdAt)} withArrow>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {formatRelative(job.createdAt)}
              </Text>
            </Tooltip>
            {!finished && (
              <Button size="compact-xs" variant="subtle" color="red" loading={cancelling} onClick={cancel}>
                Cancel
              </Button>
            )}
          </Group>
        </Group>
        <Group gap="sm" wrap="nowrap">
          <Progress
            value={job.status === 'succeeded' ? 100 : percent}
            color={JOB_STATUS_COLORS[job.status]}
            striped={job.status === 'running'}
            animated={job.status === 'running'}
            size="md"
            radius="xl"
            style={{ flex: 1 }}
            data-testid="job-progress"
            data-progress={job.progress}
            aria-label={`Progress ${percent}%`}
          />
          <Text size="xs" c="dimmed" w={36} ta="right" ff="monospace">
            {job.status === 'succeeded' ? 100 : percent}%
          </Text>
        </Group>
        {(job.message || duration) && (
          <Text size="xs" c="dimmed" data-testid="job-message">
            {job.message}
            {job.message && duration ? ' · ' : ''}
            {duration && `took ${duration}`}
          </Text>
        )}
        {job.error && (
          <Text size="sm" c="red" data-testid="job-error">
            {job.error.message}{' '}
            <Text span size="xs" c="dimmed" ff="monospace">
              {job.error.code}
            </Text>
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
