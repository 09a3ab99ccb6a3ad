import { Button, Card, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useApi, useSession } from '../app-context.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { IconActivity, IconPlay } from '../components/icons.tsx';
import { JobRow } from './job-row.tsx';
import { useJobs } from './use-jobs.ts';

/** The demo job: a `sleep` that reports progress in ten steps over three seconds. */
const DEMO_JOB = { type: 'sleep', payload: { ms: 3000, steps: 10 } } as const;

interface JobsPanelProps {
  projectId?: string;
  title?: string;
  /** Whether the user may start jobs here; by default admins and analysts may. */
  canRun?: boolean;
}

/** Live list of jobs with a button that starts a demo job. */
export function JobsPanel({ projectId, title = 'Jobs', canRun: canRunHere }: JobsPanelProps) {
  const api = useApi();
  const session = useSession();
  const jobs = useJobs(projectId);
  const [starting, setStarting] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const canRun = canRunHere ?? session?.user.role !== 'viewer';

  async function runDemo(): Promise<void> {
    setStarting(true);
    setActionError(null);
    try {
      const { job } = await api.jobs.create({ ...DEMO_JOB, payload: { ...DEMO_JOB.payload }, projectId });
      jobs.upsert(job);
    } catch (err) {
      setActionError(err);
    } finally {
      setStarting(false);
    }
  }

  return (
    <Card withBorder radius="md" padding="lg" data-testid="jobs-panel">
      <Group justify="space-between" mb="md" gap="sm">
        <div>
          <Title order={4} fw={600}>
            {title}
          </Title>
          <Text size="xs" c="dimmed">
            Background work, updated live
          </Text>
        </div>
        <Button
          leftSection={<IconPlay size={14} />}
          onClick={runDemo}
          loading={starting}
          disabled={!canRun}
          data-testid="run-demo-job"
        >
          Run demo job
        </Button>
      </Group>
      <Stack gap="sm">
        <ErrorAlert error={actionError} onClose={() => setActionError(null)} />
        <ErrorAlert error={jobs.error} title="Could not load jobs" />
        {jobs.loading && !jobs.data ? (
          <Center py="lg">
            <Loader size="sm" />
          </Center>
        ) : jobs.jobs.length === 0 && !jobs.error ? (
          <EmptyState
            icon={<IconActivity size={22} />}
            title="No jobs yet"
            description="Ingesting, profiling and training run as jobs. Start a demo job to see live progress."
            testId="jobs-empty"
          />
        ) : (
          <Stack gap="sm" data-testid="job-list">
            {jobs.jobs.map((job) => (
              <JobRow key={job.id} job={job} onChange={jobs.upsert} onError={setActionError} />
            ))}
          </Stack>
        )}
        {jobs.data?.nextCursor && (
          <Center>
            <Button
              variant="default"
              size="xs"
              loading={jobs.loadingMore}
              onClick={() => jobs.loadMore().catch(setActionError)}
            >
              Load older jobs
            </Button>
          </Center>
        )}
      </Stack>
    </Card>
  );
}
