import { Button, Center, Group, Loader, NativeSelect, Paper, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useApi } from '../app-context.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { isFinished, useJob } from '../jobs/use-job.ts';
import { useResource } from '../lib/use-resource.ts';
import { IconChart } from './profile-icons.tsx';
import { ProfileReport } from './profile-report.tsx';

interface ProfileTabProps {
  datasetId: string;
  version: number;
  canEdit: boolean;
}

/** The Profile tab: the version's profile, its progress while it runs, or a way to start one. */
export function ProfileTab({ datasetId, version, canEdit }: ProfileTabProps) {
  const api = useApi();
  const res = useResource(() => api.eda.profile(datasetId, version), [api, datasetId, version]);
  const [error, setError] = useState<unknown>(null);
  const [target, setTarget] = useState('');
  const info = res.data?.profile;
  const job = useJob(info?.status === 'pending' ? info.jobId : null);
  const { reload } = res;

  useEffect(() => {
    if (job && isFinished(job)) void reload();
  }, [job, reload]);

  const start = async () => {
    setError(null);
    try {
      await api.eda.startProfile(datasetId, { version, target: target || undefined });
      await reload();
    } catch (e) {
      setError(e);
    }
  };

  const notFound = res.error instanceof ApiError && res.error.code === 'PROFILE_NOT_FOUND';
  if (!res.data && !res.error) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (notFound) {
    return (
      <EmptyState
        icon={<IconChart size={24} />}
        title="No profile yet"
        description="A profile summarises every column, scores data quality and flags problems."
        action={
          canEdit && (
            <Button onClick={start} data-testid="profile-start">
              Profile this version
            </Button>
          )
        }
        testId="profile-empty"
      />
    );
  }
  if (res.error) return <ErrorAlert error={res.error} title="Could not load the profile" />;
  const progress = Math.min(1, Math.max(0, job?.progress ?? 0));
  return (
    <Stack gap="md" data-testid="profile-tab" data-status={info?.status}>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {info?.status === 'pending' && (
        <Paper withBorder radius="md" p="sm" data-testid="profile-progress">
          <Text size="sm" fw={600}>
            Profiling version {version}…
          </Text>
          <Progress value={Math.max(2, progress * 100)} striped animated size="sm" radius="xl" my={6} />
          <Text size="xs" c="dimmed">
            {job?.message ?? 'Queued'} · {Math.round(progress * 100)}%
          </Text>
        </Paper>
      )}
      {info?.status === 'failed' && (
        <ErrorAlert
          error={new ApiError(422, info.error ?? { code: 'JOB_FAILED', message: 'The profile failed' })}
          title="The profile failed"
        />
      )}
      {info?.status === 'failed' && !res.data?.result && canEdit && (
        <Group>
          <Button variant="default" onClick={start} data-testid="profile-retry">
            Try again
          </Button>
        </Group>
      )}
      {res.data?.result && (
        <>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              Profile of version {version}
              {info?.target ? ` · target ${info.target}` : ''} ·{' '}
              {info?.finishedAt ? new Date(info.finishedAt).toLocaleString() : ''}
            </Text>
            {canEdit && info?.status !== 'pending' && (
              <Group gap="xs">
                <NativeSelect
                  size="xs"
                  aria-label="Target column"
                  value={target}
                  onChange={(e) => setTarget(e.currentTarget.value)}
                  data={[
                    { value: '', label: 'No target' },
                    ...res.data.result.columns.map((c) => ({ value: c.name, label: `Target: ${c.name}` })),
                  ]}
                  data-testid="profile-target"
                />
                <Button size="xs" variant="default" onClick={start} data-testid="profile-rerun">
                  Profile again
                </Button>
              </Group>
            )}
          </Group>
          <ProfileReport profile={res.data.result} />
        </>
      )}
    </Stack>
  );
}
