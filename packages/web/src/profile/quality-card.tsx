import { Group, Paper, Progress, RingProgress, Stack, Text, Tooltip } from '@mantine/core';
import type { QualityScore } from '../api/profile-types.ts';

const PARTS: { key: keyof QualityScore['weights']; label: string; help: string }[] = [
  { key: 'completeness', label: 'Completeness', help: 'Share of cells that are not missing' },
  {
    key: 'validity',
    label: 'Validity',
    help: 'Share of cells that parsed and are not placeholders, ±∞ or future dates',
  },
  { key: 'uniqueness', label: 'Uniqueness', help: 'Share of rows that are not duplicates' },
  {
    key: 'consistency',
    label: 'Consistency',
    help: 'Share of cells without case/space variants or mixed kinds',
  },
];

export function scoreColor(score: number): string {
  return score >= 85 ? 'teal' : score >= 65 ? 'yellow' : 'red';
}

/** The data-quality score with its weighted breakdown. */
export function QualityCard({ quality }: { quality: QualityScore }) {
  const color = scoreColor(quality.score);
  return (
    <Paper withBorder radius="md" p="md" data-testid="quality-card">
      <Group align="center" gap="lg" wrap="nowrap">
        <RingProgress
          size={120}
          thickness={11}
          roundCaps
          sections={[{ value: quality.score, color }]}
          label={
            <Stack gap={0} align="center">
              <Text fw={700} size="xl" data-testid="quality-score">
                {quality.score.toFixed(1)}
              </Text>
              <Text size="xs" c="dimmed">
                / 100
              </Text>
            </Stack>
          }
        />
        <Stack gap={8} style={{ flex: 1 }}>
          <Text fw={600} size="sm">
            Data quality
          </Text>
          {PARTS.map((p) => (
            <Tooltip
              key={p.key}
              label={`${p.help} · weight ${Math.round(quality.weights[p.key] * 100)}%`}
              withArrow
            >
              <div>
                <Group justify="space-between" gap={4}>
                  <Text size="xs">{p.label}</Text>
                  <Text size="xs" c="dimmed">
                    {(quality[p.key] * 100).toFixed(1)}%
                  </Text>
                </Group>
                <Progress value={quality[p.key] * 100} size="sm" color={scoreColor(quality[p.key] * 100)} />
              </div>
            </Tooltip>
          ))}
        </Stack>
      </Group>
    </Paper>
  );
}
