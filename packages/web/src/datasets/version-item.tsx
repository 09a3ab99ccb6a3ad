import { Badge, Button, Group, List, Paper, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Version } from '../api/dataset-types.ts';
import { useJob } from '../jobs/use-job.ts';
import { formatBytes, formatCount, formatDateTime, formatRelative } from '../lib/format.ts';
import { lineageText } from './dataset-versions.ts';
import { DownloadMenu } from './download-menu.tsx';

const STATUS_COLORS = { pending: 'blue', ready: 'teal', failed: 'red' } as const;
const SHOWN_WARNINGS = 3;

interface VersionItemProps {
  version: Version;
  versions: Version[];
  current: boolean;
  selected: boolean;
  onBrowse: () => void;
  onError: (error: unknown) => void;
}

/** One version in the history: where it came from, its size, warnings or error, and actions. */
export function VersionItem({
  version: v,
  versions,
  current,
  selected,
  onBrowse,
  onError,
}: VersionItemProps) {
  const [allWarnings, setAllWarnings] = useState(false);
  const warnings = allWarnings ? v.warnings : v.warnings.slice(0, SHOWN_WARNINGS);
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="version-item"
      data-number={v.number}
      data-status={v.status}
      style={selected ? { borderColor: 'var(--mantine-color-indigo-4)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Group gap={8}>
            <Text fw={700} ff="monospace">
              v{v.number}
            </Text>
            <Badge size="sm" variant="light" color={STATUS_COLORS[v.status]} data-testid="version-status">
              {v.status}
            </Badge>
            {current && (
              <Badge size="sm" variant="filled" color="indigo">
                Current
              </Badge>
            )}
            <Text size="sm" fw={500} data-testid="version-lineage" style={{ wordBreak: 'break-word' }}>
              {lineageText(v, versions)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {v.status === 'ready' &&
              `${formatCount(v.rowCount)} rows × ${formatCount(v.columnCount)} columns · `}
            {sizes(v)}
            <span title={formatDateTime(v.createdAt)}>{formatRelative(v.createdAt)}</span>
          </Text>
          {v.lineage.overrides && v.lineage.overrides.length > 0 && (
            <Text size="xs" c="dimmed" ff="monospace">
              {v.lineage.overrides.map((o) => `${o.name} → ${o.storageType}`).join(', ')}
            </Text>
          )}
        </Stack>
        {v.status === 'ready' && (
          <Group gap={4}>
            <Button
              size="compact-sm"
              variant={selected ? 'light' : 'subtle'}
              onClick={onBrowse}
              data-testid="version-browse"
            >
              {selected ? 'Viewing' : 'Browse'}
            </Button>
            <DownloadMenu
              datasetId={v.datasetId}
              version={v.number}
              onError={onError}
              compact
              testId="version-download"
            />
          </Group>
        )}
      </Group>
      {v.status === 'pending' && <PendingProgress jobId={v.jobId} />}
      {v.error && (
        <Text size="sm" c="red" mt="xs" data-testid="version-error">
          {v.error.message}{' '}
          <Text span size="xs" c="dimmed" ff="monospace">
            {v.error.code}
          </Text>
        </Text>
      )}
      {v.warnings.length > 0 && (
        <div data-testid="version-warnings">
          <List size="xs" mt="xs" spacing={2} c="orange.9">
            {warnings.map((w) => (
              <List.Item key={`${w.code}:${w.column ?? ''}:${w.message}`}>
                {w.column && <b>{w.column}: </b>}
                {w.message}
              </List.Item>
            ))}
          </List>
          {v.warnings.length > SHOWN_WARNINGS && (
            <Button variant="subtle" size="compact-xs" onClick={() => setAllWarnings((a) => !a)} mt={2}>
              {allWarnings ? 'Show fewer' : `Show all ${v.warnings.length} warnings`}
            </Button>
          )}
        </div>
      )}
    </Paper>
  );
}

function PendingProgress({ jobId }: { jobId: string | null }) {
  const job = useJob(jobId);
  const progress = Math.min(1, Math.max(0, job?.progress ?? 0));
  return (
    <Stack gap={4} mt="sm">
      <Progress value={Math.max(2, progress * 100)} striped animated size="sm" radius="xl" />
      <Text size="xs" c="dimmed">
        {job?.message ?? 'Waiting to start'} · {Math.round(progress * 100)}%
      </Text>
    </Stack>
  );
}

/** `58 KB file → 13 KB stored · `, leaving out what is unknown (derived versions have no file). */
function sizes(v: Version): string {
  const parts = [
    v.rawBytes !== null ? `${formatBytes(v.rawBytes)} file` : null,
    v.parquetBytes !== null ? `${formatBytes(v.parquetBytes)} stored` : null,
  ].filter(Boolean);
  return parts.length ? `${parts.join(' → ')} · ` : '';
}
