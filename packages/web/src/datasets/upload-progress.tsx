import { Button, Group, Paper, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { ApiError } from '../api/client.ts';
import type { Job } from '../api/types.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { IconCheck } from '../components/icons.tsx';
import { formatBytes, formatCount } from '../lib/format.ts';
import { Link } from '../router.tsx';
import type { UploadState } from './use-upload.ts';

interface UploadProgressProps {
  state: UploadState;
  job: Job | null;
  /** Where "Open dataset" leads once the version is ready; none for a new version in place. */
  datasetHref?: string;
  onCancel: () => void;
  onReset: () => void;
}

/** Bytes sent, then the ingest job's progress, then the outcome (link or typed error). */
export function UploadProgress({ state, job, datasetHref, onCancel, onReset }: UploadProgressProps) {
  if (state.phase === 'idle') return null;
  const loaded = state.phase === 'uploading' ? state.loaded : 0;
  const total = state.phase === 'uploading' ? state.total : 0;
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="upload-progress"
      data-phase={state.phase}
      data-loaded={loaded}
      data-total={total}
      aria-live="polite"
    >
      {state.phase === 'uploading' && <BytesSent {...state} onCancel={onCancel} />}
      {state.phase === 'ingesting' && <Ingesting fileName={state.fileName} job={job} />}
      {state.phase === 'ready' && (
        <Group justify="space-between" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <ThemeIcon color="teal" variant="light" radius="xl" size={32}>
              <IconCheck size={18} />
            </ThemeIcon>
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} truncate>
                {state.accepted.duplicateOf
                  ? `${state.fileName} was already uploaded`
                  : `${state.fileName} is ready`}
              </Text>
              <Text size="xs" c="dimmed" data-testid="upload-ready-summary">
                Version {state.version.number} · {formatCount(state.version.rowCount)} rows ×{' '}
                {formatCount(state.version.columnCount)} columns
              </Text>
            </div>
          </Group>
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={onReset}>
              Upload another
            </Button>
            {datasetHref && (
              <Button component={Link} href={datasetHref} size="xs" data-testid="upload-open-dataset">
                Open dataset
              </Button>
            )}
          </Group>
        </Group>
      )}
      {state.phase === 'failed' && (
        <Stack gap="sm">
          <ErrorAlert
            error={state.error}
            title={`Could not import ${state.fileName}`}
            testId="upload-error"
          />
          {state.error instanceof ApiError && state.error.code === 'DATASET_PARSE_ERROR' && (
            <Text size="xs" c="dimmed">
              Tip: turn on “Skip bad lines” in the advanced parse options to import the other rows.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" size="xs" onClick={onReset} data-testid="upload-retry">
              Try again
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

function BytesSent({
  fileName,
  loaded,
  total,
  onCancel,
}: {
  fileName: string;
  loaded: number;
  total: number;
  onCancel: () => void;
}) {
  const percent = total > 0 ? Math.round((loaded / total) * 100) : 0;
  return (
    <Stack gap={8}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600} truncate>
          Uploading {fileName}
        </Text>
        <Button variant="subtle" color="red" size="compact-xs" onClick={onCancel} data-testid="upload-cancel">
          Cancel
        </Button>
      </Group>
      <Progress
        value={percent}
        size="md"
        radius="xl"
        data-testid="upload-byte-progress"
        aria-label={`Uploaded ${percent}%`}
      />
      <Text size="xs" c="dimmed" ff="monospace" data-testid="upload-bytes">
        {formatBytes(loaded)} of {formatBytes(total)} · {percent}%
        {total > 0 && loaded >= total && ' · waiting for the server to store it'}
      </Text>
    </Stack>
  );
}

function Ingesting({ fileName, job }: { fileName: string; job: Job | null }) {
  const progress = Math.min(1, Math.max(0, job?.progress ?? 0));
  const percent = Math.round(progress * 100);
  const waiting = !job || job.status === 'queued';
  return (
    <Stack gap={8}>
      <Text size="sm" fw={600} truncate>
        {waiting ? 'Waiting to import' : 'Importing'} {fileName}
      </Text>
      <Progress
        value={waiting ? 100 : Math.max(percent, 2)}
        color={waiting ? 'gray' : 'indigo'}
        striped
        animated
        size="md"
        radius="xl"
        data-testid="ingest-progress"
        data-progress={progress}
        aria-label={`Import ${percent}%`}
      />
      <Text size="xs" c="dimmed" data-testid="ingest-message">
        {job?.message ?? 'Uploaded; the import starts shortly'} · {percent}%
      </Text>
    </Stack>
  );
}
