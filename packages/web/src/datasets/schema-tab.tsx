import { Button, Center, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { StorageType, VersionAccepted } from '../api/dataset-types.ts';
import { useApi } from '../app-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { isFinished, useJob } from '../jobs/use-job.ts';
import { useResource } from '../lib/use-resource.ts';
import { SchemaJobProgress } from './schema-job-progress.tsx';
import { SchemaRow } from './schema-row.tsx';
import { jobError } from './use-upload.ts';

interface SchemaTabProps {
  datasetId: string;
  version: number;
  canEdit: boolean;
  /** A schema change produced a ready version with this number. */
  onNewVersion: (number: number) => void;
  /** A schema change was accepted: its version now exists, pending. */
  onStarted: () => void;
}

/** Columns of a version with their inferred types; changing storage types makes a new version. */
export function SchemaTab({ datasetId, version, canEdit, onNewVersion, onStarted }: SchemaTabProps) {
  const api = useApi();
  const detail = useResource(() => api.datasets.version(datasetId, version), [api, datasetId, version]);
  const [changes, setChanges] = useState<Record<string, StorageType>>({});
  const [accepted, setAccepted] = useState<VersionAccepted | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const job = useJob(accepted?.job?.id ?? null, accepted?.job ?? null);
  const columns = detail.data?.version.schema ?? [];
  const changed = Object.keys(changes).length;

  // biome-ignore lint/correctness/useExhaustiveDependencies: another version starts with no edits.
  useEffect(() => setChanges({}), [datasetId, version]);

  useEffect(() => {
    if (!accepted || !job || !isFinished(job)) return;
    setAccepted(null);
    if (job.status === 'succeeded') {
      setChanges({});
      onNewVersion(accepted.version.number);
    } else {
      setError(jobError(job));
    }
  }, [accepted, job, onNewVersion]);

  function pick(name: string, original: StorageType, type: StorageType): void {
    setChanges(({ [name]: _, ...rest }) => (type === original ? rest : { ...rest, [name]: type }));
  }

  async function apply(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const body = {
        version,
        columns: Object.entries(changes).map(([name, storageType]) => ({ name, storageType })),
      };
      const answer = await api.datasets.changeSchema(datasetId, body);
      // No job: the same change was made before, and its version is ready.
      if (answer.job) {
        setAccepted(answer);
        onStarted();
      } else {
        setChanges({});
        onNewVersion(answer.version.number);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!detail.data) {
    return detail.error ? (
      <ErrorAlert error={detail.error} title="Could not load the schema" />
    ) : (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }

  const rowCount = detail.data.version.rowCount ?? 0;
  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed">
          {canEdit
            ? 'Change a storage type and apply: a new version is made; values that do not fit are counted, not lost.'
            : 'Types inferred when the file was read.'}
        </Text>
        {canEdit && (
          <Group gap="xs">
            {changed > 0 && (
              <Button
                variant="subtle"
                color="gray"
                onClick={() => setChanges({})}
                disabled={Boolean(accepted)}
              >
                Reset
              </Button>
            )}
            <Button
              onClick={apply}
              disabled={changed === 0 || Boolean(accepted)}
              loading={busy}
              data-testid="schema-apply"
            >
              {changed > 0 ? `Apply ${changed} change${changed > 1 ? 's' : ''}` : 'Apply'}
            </Button>
          </Group>
        )}
      </Group>
      {accepted && <SchemaJobProgress job={job} />}
      <ErrorAlert
        error={error}
        title="The schema change failed"
        onClose={() => setError(null)}
        testId="schema-error"
      />
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" highlightOnHover data-testid="schema-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Column</Table.Th>
              <Table.Th w={170}>Storage type</Table.Th>
              <Table.Th>Meaning</Table.Th>
              <Table.Th ta="right">Missing</Table.Th>
              <Table.Th>Unreadable values</Table.Th>
              <Table.Th w={130}>Confidence</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {columns.map((column) => (
              <SchemaRow
                key={column.name}
                column={column}
                rowCount={rowCount}
                value={changes[column.name] ?? column.storageType}
                onChange={
                  canEdit && !accepted ? (type) => pick(column.name, column.storageType, type) : undefined
                }
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
