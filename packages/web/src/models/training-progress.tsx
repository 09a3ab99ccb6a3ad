import { Paper, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Job } from '../api/types.ts';
import { LineChart, type Series } from './charts.tsx';
import { addPoint, type CurvePoint, parseIteration } from './training-curve.ts';

/** A training job's progress bar and, for iterative models, the loss curve so far. */
export function TrainingProgress({ job }: { job: Job | null }) {
  const [curve, setCurve] = useState<readonly CurvePoint[]>([]);
  const message = job?.message ?? null;
  useEffect(() => {
    setCurve((c) => addPoint(c, parseIteration(message)));
  }, [message]);
  const progress = Math.min(1, Math.max(0, job?.progress ?? 0));
  const series: Series[] = [];
  if (curve.some((p) => p.trainLoss !== undefined)) {
    series.push({
      name: 'train loss',
      x: curve.map((p) => p.iteration),
      y: curve.map((p) => p.trainLoss ?? null),
      color: '#4c6ef5',
    });
  }
  if (curve.some((p) => p.validationLoss !== undefined)) {
    series.push({
      name: 'validation loss',
      x: curve.map((p) => p.iteration),
      y: curve.map((p) => p.validationLoss ?? null),
      color: '#f76707',
    });
  }
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="training-progress"
      data-status={job?.status ?? 'queued'}
    >
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          Training…
        </Text>
        <Progress value={Math.max(2, progress * 100)} striped animated size="sm" radius="xl" />
        <Text size="xs" c="dimmed" data-testid="training-message">
          {message ?? 'Queued'} · {Math.round(progress * 100)}%
        </Text>
        {series.length > 0 && curve.length > 1 && (
          <LineChart series={series} xLabel="iteration" yLabel="loss" testId="live-curve" height={200} />
        )}
      </Stack>
    </Paper>
  );
}
