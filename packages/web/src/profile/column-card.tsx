import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ColumnProfile } from '../api/profile-types.ts';
import { compact, Histogram, Sparkline, TopValues } from './charts.tsx';

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="10px" tt="uppercase" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" truncate>
        {value}
      </Text>
    </div>
  );
}

/** One column: its type, counts, a chart for its kind and the statistics that matter for it. */
export function ColumnCard({ column: c, alerts }: { column: ColumnProfile; alerts: number }) {
  const stats: [string, string][] = [
    ['Missing', `${compact(c.missing)} (${c.missingPct.toFixed(1)}%)`],
    ['Distinct', `${compact(c.distinct.value)}${c.distinct.exact ? '' : ' ≈'}`],
  ];
  if (c.numeric) {
    stats.push(
      ['Mean', compact(c.numeric.mean)],
      ['Median', compact(c.numeric.median)],
      ['Std', compact(c.numeric.std)],
      ['Min / max', `${compact(c.numeric.min)} / ${compact(c.numeric.max)}`],
    );
  } else if (c.text) {
    stats.push(
      ['Length', `${compact(c.text.length.min)}–${compact(c.text.length.max)}`],
      ['Entropy', compact(c.text.entropy)],
    );
  } else if (c.datetime) {
    stats.push(['From', c.datetime.min?.slice(0, 10) ?? '—'], ['To', c.datetime.max?.slice(0, 10) ?? '—']);
  } else if (c.boolean) {
    stats.push(['True', compact(c.boolean.trueCount)], ['False', compact(c.boolean.falseCount)]);
  }
  return (
    <Paper withBorder radius="md" p="sm" data-testid="column-card" data-column={c.name}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} truncate title={c.name}>
            {c.name}
          </Text>
          <Group gap={4} wrap="nowrap">
            {alerts > 0 && (
              <Badge size="xs" color="orange" variant="light">
                {alerts} alert{alerts > 1 ? 's' : ''}
              </Badge>
            )}
            <Badge size="xs" variant="light" color="gray">
              {c.semanticType}
            </Badge>
          </Group>
        </Group>
        <ColumnChart c={c} />
        <SimpleGrid cols={3} spacing={6} verticalSpacing={4}>
          {stats.map(([k, v]) => (
            <Stat key={k} label={k} value={v} />
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function ColumnChart({ c }: { c: ColumnProfile }) {
  if (c.numeric?.histogram && c.numeric.histogram.counts.length > 0) {
    return <Histogram edges={c.numeric.histogram.edges} counts={c.numeric.histogram.counts} />;
  }
  if (c.text && c.text.topValues.length > 0) return <TopValues values={c.text.topValues} />;
  if (c.datetime && c.datetime.series.points.length > 1)
    return <Sparkline points={c.datetime.series.points} />;
  if (c.boolean && c.count > 0) {
    const t = c.boolean.trueCount / c.count;
    return (
      <TopValues
        values={[
          { value: 'true', count: c.boolean.trueCount, share: t },
          { value: 'false', count: c.boolean.falseCount, share: 1 - t },
        ]}
      />
    );
  }
  return (
    <Text size="xs" c="dimmed" h={60}>
      No values to chart.
    </Text>
  );
}
