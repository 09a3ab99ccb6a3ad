import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { Profile } from '../api/profile-types.ts';
import { TopValues } from './charts.tsx';

/** The target-aware part of a profile: class balance, associations with the target, leakage. */
export function TargetSection({ target: t }: { target: NonNullable<Profile['target']> }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid="target-section">
      <Group gap="xs" mb="sm">
        <Text fw={600}>Target · {t.column}</Text>
        <Badge variant="light">{t.task}</Badge>
        {t.leakageSuspects.length > 0 && (
          <Badge color="red" variant="light">
            {t.leakageSuspects.length} possible leak{t.leakageSuspects.length > 1 ? 's' : ''}
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {t.classBalance ? (
          <Stack gap={4}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              Class balance
            </Text>
            <TopValues values={t.classBalance.map((c) => ({ ...c, value: String(c.value) }))} limit={10} />
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Regression target: see its column card for the distribution.
          </Text>
        )}
        <Stack gap={4}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Strongest associations with the target
          </Text>
          <Table fz="xs" striped>
            <Table.Tbody>
              {t.associations.slice(0, 8).map((a) => {
                const leak = t.leakageSuspects.find((l) => l.column === a.column);
                return (
                  <Table.Tr key={a.column}>
                    <Table.Td>{a.column}</Table.Td>
                    <Table.Td c="dimmed">{a.method}</Table.Td>
                    <Table.Td ta="right">{a.value.toFixed(3)}</Table.Td>
                    <Table.Td>
                      {leak && (
                        <Badge color="red" size="xs" title={leak.reason}>
                          leak?
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}
