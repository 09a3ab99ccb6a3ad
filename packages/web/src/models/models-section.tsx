import { Badge, Button, Card, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useApi } from '../app-context.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatRelative } from '../lib/format.ts';
import { useResource } from '../lib/use-resource.ts';
import { Link, navigate } from '../router.tsx';
import { ALGORITHM_LABELS, keyMetric, STATUS_COLORS } from './model-labels.ts';

/** A project's models with their status and headline metric, and the way to train a new one. */
export function ModelsSection({ projectId, canTrain }: { projectId: string; canTrain: boolean }) {
  const api = useApi();
  const models = useResource(() => api.models.list(projectId, { limit: 50 }), [api, projectId]);
  const items = models.data?.items ?? [];
  const training = items.some((m) => m.status === 'training');
  const { reload } = models;
  // While a model trains, refresh the list now and then so its status and score appear.
  useEffect(() => {
    if (!training) return;
    const timer = setInterval(() => void reload(), 3000);
    return () => clearInterval(timer);
  }, [training, reload]);
  const train = () => navigate(`/projects/${projectId}/models/new`);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="models-section">
      <Group justify="space-between" mb="md" gap="sm">
        <div>
          <Title order={4} fw={600}>
            Models
          </Title>
          <Text size="xs" c="dimmed">
            Trained on this project's datasets, with their holdout scores
          </Text>
        </div>
        {canTrain && (
          <Button onClick={train} data-testid="train-model">
            Train a model
          </Button>
        )}
      </Group>
      <ErrorAlert error={models.error} />
      {models.loading && !models.data ? (
        <Center py="md">
          <Loader size="sm" />
        </Center>
      ) : items.length === 0 ? (
        <EmptyState
          icon={<span style={{ fontSize: 22 }}>ƒ</span>}
          title="No models yet"
          description="Train a model on a dataset to predict a column, find clusters or spot anomalies."
          testId="models-empty"
        />
      ) : (
        <Stack gap={6}>
          {items.map((m) => (
            <Group
              key={m.id}
              justify="space-between"
              wrap="nowrap"
              p="xs"
              style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
              data-testid="model-row"
              data-status={m.status}
            >
              <div style={{ minWidth: 0 }}>
                <Link href={`/projects/${projectId}/models/${m.id}`} style={{ fontWeight: 600 }}>
                  {m.name}
                </Link>
                <Text size="xs" c="dimmed">
                  {ALGORITHM_LABELS[m.algorithm] ?? m.algorithm} · {m.task}
                  {m.target ? ` of ${m.target}` : ''} · v{m.version} · {formatRelative(m.createdAt)}
                </Text>
              </div>
              <Group gap="xs" wrap="nowrap">
                {m.status === 'ready' && (
                  <Text size="sm" fw={600} data-testid="model-key-metric">
                    {keyMetric(m)}
                  </Text>
                )}
                <Badge variant="light" color={STATUS_COLORS[m.status]}>
                  {m.status}
                </Badge>
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
