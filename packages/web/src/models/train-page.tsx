import { Anchor, Button, Card, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Algorithm, ModelTask, Validation } from '../api/model-types.ts';
import { useApi } from '../app-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { IconArrowLeft } from '../components/icons.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useResource } from '../lib/use-resource.ts';
import { Link, navigate } from '../router.tsx';
import { ALGORITHM_LABELS, ALGORITHM_TASKS, UNSUPERVISED } from './model-labels.ts';

const NO_TARGET = '';
const VALIDATIONS: Record<string, Validation> = {
  holdout: { kind: 'holdout', testFraction: 0.2 },
  kfold: { kind: 'kfold', folds: 5 },
};

/** Pick a dataset, a target column from its schema, an algorithm and optional parameters. */
export function TrainPage({
  projectId,
  datasetId: initialDataset,
}: {
  projectId: string;
  datasetId?: string;
}) {
  const api = useApi();
  const datasets = useResource(() => api.datasets.list(projectId, { limit: 200 }), [api, projectId]);
  const [datasetId, setDatasetId] = useState(initialDataset ?? '');
  const detail = useResource(
    () => (datasetId ? api.datasets.get(datasetId) : Promise.resolve(null)),
    [api, datasetId],
  );
  const [target, setTarget] = useState(NO_TARGET);
  const [algorithm, setAlgorithm] = useState<Algorithm>('gbdt');
  const [task, setTask] = useState<'' | ModelTask>('');
  const [validation, setValidation] = useState('holdout');
  const [params, setParams] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const ready = (datasets.data?.items ?? []).filter((d) => d.currentVersionId || d.currentVersion);
  const schema = detail.data?.currentVersion?.schema ?? [];
  const supervised = target !== NO_TARGET;
  const algorithms = (Object.keys(ALGORITHM_LABELS) as Algorithm[]).filter(
    (a) => UNSUPERVISED.includes(a) !== supervised,
  );
  const paramsError = parseParams(params).error;

  function chooseTarget(value: string): void {
    setTarget(value);
    const nowSupervised = value !== NO_TARGET;
    if (UNSUPERVISED.includes(algorithm) === nowSupervised) setAlgorithm(nowSupervised ? 'gbdt' : 'kmeans');
    if (!nowSupervised) setTask('');
  }

  async function submit(): Promise<void> {
    const parsed = parseParams(params);
    if (parsed.error) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.models.train({
        projectId,
        datasetId,
        target: supervised ? target : null,
        algorithm,
        ...(task ? { task } : {}),
        ...(parsed.value ? { params: parsed.value } : {}),
        ...(supervised ? { validation: VALIDATIONS[validation] } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      navigate(`/projects/${projectId}/models/${r.model.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        eyebrow={
          <Anchor component={Link} href={`/projects/${projectId}`} size="sm" c="dimmed">
            <Group gap={4} mb={6}>
              <IconArrowLeft size={14} /> Project
            </Group>
          </Anchor>
        }
        title="Train a model"
        description="Learn to predict a column, or find structure without one"
      />
      <Card withBorder radius="md" padding="lg" maw={720}>
        <Stack gap="md">
          <NativeSelect
            label="Dataset"
            data-testid="train-dataset"
            value={datasetId}
            onChange={(e) => {
              setDatasetId(e.currentTarget.value);
              setTarget(NO_TARGET);
            }}
            data={[
              { value: '', label: 'Choose a dataset…' },
              ...ready.map((d) => ({ value: d.id, label: d.name })),
            ]}
          />
          <NativeSelect
            label="Target column"
            description="The column to predict; none for clustering, PCA or anomaly detection"
            data-testid="train-target"
            disabled={!datasetId || schema.length === 0}
            value={target}
            onChange={(e) => chooseTarget(e.currentTarget.value)}
            data={[
              { value: NO_TARGET, label: '(none — learn without a target)' },
              ...schema.map((c) => ({ value: c.name, label: `${c.name} (${c.storageType})` })),
            ]}
          />
          <Group grow align="flex-start">
            <NativeSelect
              label="Algorithm"
              data-testid="train-algorithm"
              value={algorithm}
              onChange={(e) => setAlgorithm(e.currentTarget.value as Algorithm)}
              data={algorithms.map((a) => ({ value: a, label: ALGORITHM_LABELS[a] }))}
            />
            {supervised && (
              <NativeSelect
                label="Task"
                data-testid="train-task"
                value={task}
                onChange={(e) => setTask(e.currentTarget.value as '' | ModelTask)}
                data={[
                  { value: '', label: 'Infer from the target' },
                  ...ALGORITHM_TASKS[algorithm].map((t) => ({ value: t, label: t })),
                ]}
              />
            )}
            {supervised && (
              <NativeSelect
                label="Validation"
                data-testid="train-validation"
                value={validation}
                onChange={(e) => setValidation(e.currentTarget.value)}
                data={[
                  { value: 'holdout', label: 'Holdout (20% of rows)' },
                  { value: 'kfold', label: '5-fold cross-validation' },
                ]}
              />
            )}
          </Group>
          <Textarea
            label="Parameters (optional, JSON)"
            description={'For example {"maxIter": 200, "learningRate": 0.05} or {"k": 4}'}
            placeholder="{}"
            autosize
            minRows={2}
            value={params}
            onChange={(e) => setParams(e.currentTarget.value)}
            error={paramsError}
            data-testid="train-params"
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <TextInput
            label="Name (optional)"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={200}
          />
          <ErrorAlert error={error} title="Could not start training" />
          <Group justify="flex-end">
            {datasetId && schema.length === 0 && !detail.loading && (
              <Text size="sm" c="dimmed">
                This dataset has no ready version yet.
              </Text>
            )}
            <Button
              onClick={submit}
              loading={busy}
              disabled={!datasetId || Boolean(paramsError)}
              data-testid="train-submit"
            >
              Train
            </Button>
          </Group>
        </Stack>
      </Card>
    </>
  );
}

function parseParams(text: string): { value?: Record<string, unknown>; error?: string } {
  if (!text.trim()) return {};
  try {
    const v = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return { error: 'Parameters must be a JSON object' };
    return { value: v as Record<string, unknown> };
  } catch {
    return { error: 'Not valid JSON' };
  }
}
