import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Grid,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';
import type { Model } from '../api/model-types.ts';
import { useApi, useSession } from '../app-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { IconArrowLeft } from '../components/icons.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { isFinished, useJob } from '../jobs/use-job.ts';
import { formatDateTime } from '../lib/format.ts';
import { useResource } from '../lib/use-resource.ts';
import { Link, navigate } from '../router.tsx';
import { BarChart, ConfusionMatrixTable, LineChart } from './charts.tsx';
import { ALGORITHM_LABELS, formatMetric, metricLabel, STATUS_COLORS, scalarMetrics } from './model-labels.ts';
import { PredictForm } from './predict-form.tsx';
import { TrainingProgress } from './training-progress.tsx';

/** One model: live training progress, then its metrics, charts and a prediction form. */
export function ModelPage({ projectId, modelId }: { projectId: string; modelId: string }) {
  const api = useApi();
  const session = useSession();
  const model = useResource(() => api.models.get(modelId), [api, modelId]);
  const project = useResource(() => api.projects.get(projectId), [api, projectId]);
  const m = model.data?.model;
  const job = useJob(m?.status === 'training' ? m.jobId : null);
  const finished = isFinished(job);
  const { reload } = model;
  const [deleteError, setDeleteError] = useState<unknown>(null);
  useEffect(() => {
    if (finished) void reload();
  }, [finished, reload]);

  const back = (
    <Anchor component={Link} href={`/projects/${projectId}`} size="sm" c="dimmed">
      <Group gap={4} mb={6}>
        <IconArrowLeft size={14} /> Project
      </Group>
    </Anchor>
  );
  if (!m) {
    return model.error ? (
      <>
        {back}
        <ErrorAlert error={model.error} title="Could not open this model" />
      </>
    ) : (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  const role = project.data?.project.role;
  const canDelete = role === 'owner' || role === 'editor' || session?.user.role === 'admin';

  async function remove(): Promise<void> {
    try {
      await api.models.remove(modelId);
      navigate(`/projects/${projectId}`, { replace: true });
    } catch (err) {
      setDeleteError(err);
    }
  }

  return (
    <>
      <PageHeader
        eyebrow={back}
        title={<span data-testid="model-title">{m.name}</span>}
        description={`${ALGORITHM_LABELS[m.algorithm] ?? m.algorithm} · ${m.task}${m.target ? ` of “${m.target}”` : ''} · dataset version ${m.version} · ${formatDateTime(m.createdAt)}`}
        actions={
          <>
            <Badge variant="light" color={STATUS_COLORS[m.status]} data-testid="model-status">
              {m.status}
            </Badge>
            {canDelete && (
              <Button variant="subtle" color="red" onClick={remove} data-testid="model-delete">
                Delete
              </Button>
            )}
          </>
        }
      />
      <ErrorAlert error={deleteError} />
      {m.status === 'training' && <TrainingProgress job={job} />}
      {m.status === 'failed' && (
        <Alert color="red" title="Training failed" data-testid="model-error">
          <Text size="sm">{m.error?.message ?? 'Unknown error'}</Text>
          {m.error?.code && (
            <Text size="xs" c="dimmed" mt={4}>
              {m.error.code}
            </Text>
          )}
        </Alert>
      )}
      {m.status === 'ready' && <ModelResults model={m} />}
    </>
  );
}

function ModelResults({ model }: { model: Model }) {
  const r = model.report ?? {};
  const rows = model.metrics?.rows;
  const iterations = r.history?.iterations ?? [];
  return (
    <Stack gap="lg">
      {model.warnings.length > 0 && (
        <Alert color="yellow" title="Warnings" data-testid="model-warnings">
          {model.warnings.map((w) => (
            <Text key={w.code + w.message} size="sm">
              {w.message}
            </Text>
          ))}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder radius="md" padding="lg" data-testid="model-metrics">
            <Title order={5} mb="xs">
              Metrics
            </Title>
            {rows && (
              <Text size="xs" c="dimmed" mb="xs">
                {rows.test > 0
                  ? `On ${rows.test.toLocaleString()} held-out rows (trained on ${rows.train.toLocaleString()})`
                  : `On ${rows.train.toLocaleString()} rows`}
              </Text>
            )}
            <Table fz="sm">
              <Table.Tbody>
                {scalarMetrics(model).map(([name, value]) => (
                  <Table.Tr key={name} data-metric={name}>
                    <Table.Td>{metricLabel(name)}</Table.Td>
                    <Table.Td ta="right" fw={name === model.metrics?.primary?.name ? 700 : 400}>
                      {formatMetric(value)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            {r.roc && (
              <ChartCard title={`ROC curve (positive: ${r.positiveClass})`}>
                <LineChart
                  series={[{ name: 'ROC', x: r.roc.fpr, y: r.roc.tpr, color: '#4c6ef5' }]}
                  xLabel="false positive rate"
                  yLabel="true positive rate"
                  xDomain={[0, 1]}
                  yDomain={[0, 1]}
                  diagonal
                  testId="roc-chart"
                />
              </ChartCard>
            )}
            {r.pr && (
              <ChartCard title="Precision–recall curve">
                <LineChart
                  series={[{ name: 'PR', x: r.pr.recall, y: r.pr.precision, color: '#12b886' }]}
                  xLabel="recall"
                  yLabel="precision"
                  xDomain={[0, 1]}
                  yDomain={[0, 1]}
                  testId="pr-chart"
                />
              </ChartCard>
            )}
            {r.calibration && (
              <ChartCard title="Calibration">
                <LineChart
                  series={[
                    {
                      name: 'calibration',
                      x: r.calibration.probPred,
                      y: r.calibration.probTrue,
                      color: '#f76707',
                    },
                  ]}
                  xLabel="mean predicted probability"
                  yLabel="observed rate"
                  xDomain={[0, 1]}
                  yDomain={[0, 1]}
                  diagonal
                  testId="calibration-chart"
                />
              </ChartCard>
            )}
            {r.confusionMatrix && r.classes && (
              <ChartCard title="Confusion matrix">
                <ConfusionMatrixTable classes={r.classes} counts={r.confusionMatrix} />
              </ChartCard>
            )}
            {r.scatter && (
              <ChartCard title="Actual vs predicted">
                <LineChart
                  series={[
                    {
                      name: 'rows',
                      x: r.scatter.actual,
                      y: r.scatter.predicted,
                      color: '#4c6ef5',
                      points: true,
                    },
                  ]}
                  xLabel="actual"
                  yLabel="predicted"
                  diagonal
                  testId="scatter-chart"
                />
              </ChartCard>
            )}
            {iterations.length > 1 && (
              <ChartCard title="Training curve">
                <LineChart
                  series={[
                    {
                      name: 'train loss',
                      x: iterations.map((i) => i.iteration),
                      y: iterations.map((i) => i.trainLoss ?? null),
                      color: '#4c6ef5',
                    },
                    ...(iterations.some((i) => i.validationLoss !== undefined)
                      ? [
                          {
                            name: 'validation loss',
                            x: iterations.map((i) => i.iteration),
                            y: iterations.map((i) => i.validationLoss ?? null),
                            color: '#f76707',
                          },
                        ]
                      : []),
                  ]}
                  xLabel="iteration"
                  yLabel="loss"
                  testId="history-chart"
                />
              </ChartCard>
            )}
            {r.clusterSizes && (
              <ChartCard title="Cluster sizes">
                <BarChart items={r.clusterSizes.map((v, i) => ({ label: `cluster ${i}`, value: v }))} />
              </ChartCard>
            )}
            {r.explainedVarianceRatio && (
              <ChartCard title="Explained variance">
                <BarChart
                  items={r.explainedVarianceRatio.map((v, i) => ({ label: `pc${i + 1}`, value: v }))}
                />
              </ChartCard>
            )}
          </SimpleGrid>
        </Grid.Col>
        {r.featureImportance && r.featureImportance.length > 0 && (
          <Grid.Col span={{ base: 12, md: 6 }}>
            <ChartCard title="Feature importance">
              <BarChart
                items={r.featureImportance
                  .slice(0, 20)
                  .map((f) => ({ label: f.feature, value: f.importance }))}
                testId="importance-chart"
              />
            </ChartCard>
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, md: r.featureImportance?.length ? 6 : 12 }}>
          <PredictForm model={model} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Text size="sm" fw={600} mb={6}>
        {title}
      </Text>
      {children}
    </Card>
  );
}
