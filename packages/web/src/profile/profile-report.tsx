import { Badge, Box, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Profile } from '../api/profile-types.ts';
import { formatBytes, formatCount } from '../lib/format.ts';
import { AlertList } from './alert-list.tsx';
import { ColumnCard } from './column-card.tsx';
import { Heatmap } from './heatmap.tsx';
import { QualityCard } from './quality-card.tsx';
import { Scatter } from './scatter.tsx';
import { TargetSection } from './target-section.tsx';

function Metric({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function Section({
  title,
  children,
  right,
}: {
  title: string;
  children: React.ReactNode;
  right?: React.ReactNode;
}) {
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={4}>{title}</Title>
        {right}
      </Group>
      {children}
    </Stack>
  );
}

/** A profile, overview first: quality, alerts and insights, then columns, associations, missingness. */
export function ProfileReport({ profile: p }: { profile: Profile }) {
  const alertsByColumn = new Map<string, number>();
  for (const a of p.alerts)
    for (const c of a.columns) alertsByColumn.set(c, (alertsByColumn.get(c) ?? 0) + 1);
  const counts = { critical: 0, warning: 0, info: 0 };
  for (const a of p.alerts) counts[a.severity]++;
  const scatters = (p.charts ?? []).filter((c) => c.kind === 'scatter');
  const missingCols = p.columns.filter((c) => c.missing > 0).sort((a, b) => b.missingPct - a.missingPct);
  return (
    <Stack gap="xl" data-testid="profile-report">
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <QualityCard quality={p.quality} />
        <SimpleGrid cols={2} spacing="sm" style={{ gridColumn: 'span 2' }}>
          <Metric label="Rows" value={formatCount(p.dataset.rows)} hint={`${p.dataset.columns} columns`} />
          <Metric
            label="Missing cells"
            value={`${p.dataset.missingCellsPct.toFixed(1)}%`}
            hint={`${formatCount(p.dataset.missingCells)} cells`}
          />
          <Metric
            label="Duplicate rows"
            value={formatCount(p.dataset.duplicates.count)}
            hint={`${(p.dataset.duplicates.share * 100).toFixed(1)}% of rows`}
          />
          <Metric
            label="Size"
            value={formatBytes(p.dataset.fileBytes)}
            hint={`≈ ${formatBytes(p.dataset.memoryBytes)} in memory · profiled in ${(p.durationMs / 1000).toFixed(1)} s`}
          />
        </SimpleGrid>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Section
          title="Alerts"
          right={
            <Group gap={4}>
              <Badge color="red" variant="light">
                {counts.critical} critical
              </Badge>
              <Badge color="orange" variant="light">
                {counts.warning} warnings
              </Badge>
              <Badge color="blue" variant="light">
                {counts.info} info
              </Badge>
            </Group>
          }
        >
          <Box mah={420} style={{ overflowY: 'auto' }}>
            <AlertList alerts={p.alerts} />
          </Box>
        </Section>
        <Stack gap="lg">
          <Section title="Insights">
            <Paper withBorder radius="md" p="md">
              <List spacing={6} size="sm" data-testid="insights">
                {p.insights.map((s) => (
                  <List.Item key={s}>{s}</List.Item>
                ))}
              </List>
            </Paper>
          </Section>
          {p.suggestions.length > 0 && (
            <Section title="Suggestions">
              <Paper withBorder radius="md" p="md">
                <Stack gap={6}>
                  {p.suggestions.slice(0, 8).map((s, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: suggestions have no id.
                    <Group key={i} gap={6} wrap="nowrap" align="flex-start">
                      <Badge size="xs" variant="light" miw={110}>
                        {s.kind.replaceAll('_', ' ')}
                      </Badge>
                      <Text size="xs">
                        <b>{s.columns.join(', ')}</b> — {s.reason}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              </Paper>
            </Section>
          )}
        </Stack>
      </SimpleGrid>

      {p.target && <TargetSection target={p.target} />}

      <Section title="Columns">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {p.columns.map((c) => (
            <ColumnCard key={c.name} column={c} alerts={alertsByColumn.get(c.name) ?? 0} />
          ))}
        </SimpleGrid>
      </Section>

      {p.correlations.columns.length >= 2 && (
        <Section
          title="Associations"
          right={
            <Text size="xs" c="dimmed">
              Pearson (numbers), Cramér's V (categories), η (mixed)
              {p.correlations.sampled ? ` · sample of ${formatCount(p.correlations.sampleSize)} rows` : ''}
            </Text>
          }
        >
          <Paper withBorder radius="md" p="md">
            <Heatmap
              columns={p.correlations.columns}
              values={p.correlations.matrix.values}
              methods={p.correlations.matrix.methods}
            />
          </Paper>
        </Section>
      )}

      {scatters.length > 0 && (
        <Section
          title="Interactions"
          right={
            <Text size="xs" c="dimmed">
              The most correlated numeric pairs, on the correlation sample
            </Text>
          }
        >
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" data-testid="interactions">
            {scatters.map((c) => {
              const pair = p.correlations.pairs.find(
                (q) =>
                  (q.a === c.columns[0] && q.b === c.columns[1]) ||
                  (q.a === c.columns[1] && q.b === c.columns[0]),
              );
              return (
                <Paper key={c.id} withBorder radius="md" p="sm">
                  <Group justify="space-between" mb={4} wrap="nowrap">
                    <Text size="sm" fw={600} truncate>
                      {c.columns[1]} × {c.columns[0]}
                    </Text>
                    {pair && (
                      <Badge size="sm" variant="light" tt="none">
                        {pair.method === 'pearson' ? 'r' : 'ρ'} = {pair.value.toFixed(2)}
                      </Badge>
                    )}
                  </Group>
                  <Scatter
                    points={(c.spec.data?.values ?? []) as { x: number; y: number }[]}
                    x={c.columns[0]!}
                    y={c.columns[1]!}
                  />
                </Paper>
              );
            })}
          </SimpleGrid>
        </Section>
      )}

      <Section title="Missing values">
        <Paper withBorder radius="md" p="md" data-testid="missingness">
          {missingCols.length === 0 ? (
            <Text size="sm" c="dimmed">
              No missing values.
            </Text>
          ) : (
            <Stack gap={6}>
              {missingCols.map((c) => (
                <Box
                  key={c.name}
                  style={{
                    display: 'grid',
                    gridTemplateColumns: '160px 1fr 60px',
                    gap: 8,
                    alignItems: 'center',
                  }}
                >
                  <Text size="xs" truncate>
                    {c.name}
                  </Text>
                  <Box h={10} bg="gray.1" style={{ borderRadius: 3, overflow: 'hidden' }}>
                    <Box
                      h="100%"
                      w={`${c.missingPct}%`}
                      bg={c.missingPct >= 50 ? 'red.5' : c.missingPct >= 20 ? 'orange.5' : 'indigo.4'}
                    />
                  </Box>
                  <Text size="xs" c="dimmed" ta="right">
                    {c.missingPct.toFixed(1)}%
                  </Text>
                </Box>
              ))}
              {p.missing.patterns.length > 0 && (
                <Text size="xs" c="dimmed" mt="xs">
                  Most common pattern: {p.missing.patterns[0]!.missing.join(' + ')} missing together in{' '}
                  {formatCount(p.missing.patterns[0]!.count)} rows.
                </Text>
              )}
            </Stack>
          )}
        </Paper>
      </Section>
    </Stack>
  );
}
