import { Badge, Center, Group, List, Loader, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { Version } from '../api/dataset-types.ts';
import type { ColumnDrift, DriftAnswer } from '../api/profile-types.ts';
import { useApi } from '../app-context.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { useResource } from '../lib/use-resource.ts';
import { IconDrift } from '../profile/profile-icons.tsx';

const LEVEL: Record<ColumnDrift['drift'], { color: string; label: string }> = {
  none: { color: 'teal', label: 'Stable' },
  moderate: { color: 'orange', label: 'Moderate' },
  major: { color: 'red', label: 'Major' },
};

const num = (v: number | null | undefined, d = 3) => (v === null || v === undefined ? '—' : v.toFixed(d));
const pValue = (p: number | undefined) => (p === undefined ? '—' : p < 1e-4 ? '< 0.0001' : p.toFixed(4));

/** Drift between two ready versions: verdict, reasons, and per-column statistics. */
export function DriftTab({ datasetId, versions }: { datasetId: string; versions: Version[] }) {
  const ready = versions
    .filter((v) => v.status === 'ready')
    .map((v) => v.number)
    .sort((a, b) => a - b);
  const [from, setFrom] = useState<number | null>(ready.length > 1 ? ready[ready.length - 2]! : null);
  const [to, setTo] = useState<number | null>(ready.length > 1 ? ready[ready.length - 1]! : null);
  const api = useApi();
  const res = useResource<DriftAnswer | null>(
    () =>
      from !== null && to !== null && from !== to
        ? api.eda.drift(datasetId, from, to)
        : Promise.resolve(null),
    [api, datasetId, from, to],
  );
  if (ready.length < 2) {
    return (
      <EmptyState
        icon={<IconDrift size={24} />}
        title="One version so far"
        description="Drift compares two versions of this dataset: upload or clean a new version first."
        testId="drift-empty"
      />
    );
  }
  const options = ready.map((n) => ({ value: String(n), label: `v${n}` }));
  const r = res.data?.report;
  return (
    <Stack gap="md" data-testid="drift-tab">
      <Group gap="sm" align="flex-end">
        <NativeSelect
          label="From"
          data={options}
          value={String(from)}
          onChange={(e) => setFrom(Number(e.currentTarget.value))}
          w={110}
          data-testid="drift-from"
        />
        <NativeSelect
          label="To"
          data={options}
          value={String(to)}
          onChange={(e) => setTo(Number(e.currentTarget.value))}
          w={110}
          data-testid="drift-to"
        />
        {res.loading && <Loader size="sm" mb={8} />}
      </Group>
      <ErrorAlert error={res.error} title="Could not compare the versions" />
      {from === to && <Text c="dimmed">Pick two different versions.</Text>}
      {r && (
        <>
          <Paper withBorder radius="md" p="md">
            <Group gap="sm" mb="xs">
              <Text fw={600}>
                v{res.data!.from} → v{res.data!.to}
              </Text>
              <Badge color={LEVEL[r.verdict].color} size="lg" variant="light" data-testid="drift-verdict">
                {r.verdict === 'none' ? 'No drift' : `${LEVEL[r.verdict].label} drift`}
              </Badge>
              <Text size="xs" c="dimmed">
                {r.rows.from.toLocaleString('en-US')} → {r.rows.to.toLocaleString('en-US')} rows
              </Text>
            </Group>
            <List size="sm" spacing={4}>
              {r.summary.map((s) => (
                <List.Item key={s}>{s}</List.Item>
              ))}
            </List>
            {(r.schema.added.length > 0 ||
              r.schema.removed.length > 0 ||
              r.schema.typeChanged.length > 0) && (
              <Group gap={6} mt="sm">
                {r.schema.added.map((c) => (
                  <Badge key={`a${c}`} color="teal" variant="outline">
                    + {c}
                  </Badge>
                ))}
                {r.schema.removed.map((c) => (
                  <Badge key={`r${c}`} color="red" variant="outline">
                    − {c}
                  </Badge>
                ))}
                {r.schema.typeChanged.map((t) => (
                  <Badge key={`t${t.column}`} color="cyan" variant="outline">
                    {t.column}: {t.from} → {t.to}
                  </Badge>
                ))}
              </Group>
            )}
          </Paper>
          <Paper withBorder radius="md">
            <Table striped highlightOnHover fz="sm" data-testid="drift-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Column</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th ta="right">PSI</Table.Th>
                  <Table.Th ta="right">KS D</Table.Th>
                  <Table.Th ta="right">χ²</Table.Th>
                  <Table.Th ta="right">p-value</Table.Th>
                  <Table.Th>Categories</Table.Th>
                  <Table.Th>Verdict</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.columns.map((c) => (
                  <Table.Tr key={c.column} data-testid="drift-row" data-drift={c.drift}>
                    <Table.Td fw={500}>{c.column}</Table.Td>
                    <Table.Td c="dimmed">
                      {c.kind === 'skipped' ? `skipped (${c.skippedReason ?? ''})` : c.kind}
                    </Table.Td>
                    <Table.Td ta="right">{num(c.psi)}</Table.Td>
                    <Table.Td ta="right">{num(c.ks?.statistic)}</Table.Td>
                    <Table.Td ta="right">
                      {c.chiSquare ? `${num(c.chiSquare.statistic, 1)} (df ${c.chiSquare.df})` : '—'}
                    </Table.Td>
                    <Table.Td ta="right">{pValue(c.ks?.pValue ?? c.chiSquare?.pValue)}</Table.Td>
                    <Table.Td>
                      <Text size="xs">
                        {c.newCategories?.length
                          ? `new: ${c.newCategories
                              .map((x) => x.value)
                              .slice(0, 3)
                              .join(', ')}`
                          : ''}
                        {c.missingCategories?.length
                          ? ` gone: ${c.missingCategories
                              .map((x) => x.value)
                              .slice(0, 3)
                              .join(', ')}`
                          : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        color={LEVEL[c.drift].color}
                        variant="light"
                        size="sm"
                        title={c.reasons.join('; ')}
                      >
                        {LEVEL[c.drift].label}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </>
      )}
      {!r && !res.error && res.loading && (
        <Center py="lg">
          <Loader />
        </Center>
      )}
    </Stack>
  );
}
