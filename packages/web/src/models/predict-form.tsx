import { Button, Card, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import type { Model, PredictAnswer } from '../api/model-types.ts';
import { useApi } from '../app-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatMetric } from './model-labels.ts';

/** "Try a prediction": rows as JSON (prefilled with the model's columns), answers as a table. */
export function PredictForm({ model }: { model: Model }) {
  const api = useApi();
  const [text, setText] = useState(() =>
    JSON.stringify([Object.fromEntries(model.features.map((f) => [f, null]))], null, 2),
  );
  const [answer, setAnswer] = useState<PredictAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run(): Promise<void> {
    setError(null);
    let rows: unknown;
    try {
      rows = JSON.parse(text);
    } catch {
      setError(new Error('The rows are not valid JSON'));
      return;
    }
    const list = Array.isArray(rows) ? rows : [rows];
    setBusy(true);
    try {
      setAnswer(await api.models.predict(model.id, list as Record<string, unknown>[]));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const classes = model.report?.classes ?? [];
  return (
    <Card withBorder radius="md" padding="lg" data-testid="predict-form">
      <Title order={5} mb="xs">
        Try a prediction
      </Title>
      <Stack gap="sm">
        <Textarea
          description="One JSON object per row (an array for several); missing columns are missing values"
          autosize
          minRows={4}
          maxRows={16}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
          data-testid="predict-input"
        />
        <Group justify="flex-end">
          <Button onClick={run} loading={busy} data-testid="predict-submit">
            Predict
          </Button>
        </Group>
        <ErrorAlert error={error} title="Could not predict" />
        {answer && (
          <Table withTableBorder fz="sm" data-testid="predict-result">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>Prediction</Table.Th>
                {classes.map((c) => (
                  <Table.Th key={c}>P({c})</Table.Th>
                ))}
                {model.task === 'anomaly' && <Table.Th>Score</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {answer.predictions.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: predictions are positional, one per input row.
                <Table.Tr key={i}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td data-testid="prediction">
                    {Array.isArray(p.prediction)
                      ? p.prediction.map((v) => formatMetric(v)).join(', ')
                      : typeof p.prediction === 'number'
                        ? formatMetric(p.prediction)
                        : String(p.prediction)}
                  </Table.Td>
                  {classes.map((c) => (
                    <Table.Td key={c}>{formatMetric(p.probabilities?.[c])}</Table.Td>
                  ))}
                  {model.task === 'anomaly' && <Table.Td>{formatMetric(p.score)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {answer && answer.missingColumns.length > 0 && (
          <Text size="xs" c="dimmed">
            Not given, predicted as missing: {answer.missingColumns.join(', ')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
