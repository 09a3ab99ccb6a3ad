import { Badge, Group, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import type { CleanPreview } from '../api/profile-types.ts';
import { formatCount } from '../lib/format.ts';

/** What the recipe would produce: the before/after summary and the first rows. */
export function PreviewPanel({ preview }: { preview: CleanPreview['preview'] }) {
  const d = preview.diff;
  const changed = d.columns.filter((c) => (c.changedValues ?? 0) > 0 || c.nullsBefore !== c.nullsAfter);
  return (
    <Stack gap="sm" data-testid="clean-preview">
      <Group gap={6}>
        <Badge variant="light" size="lg" data-testid="preview-rows">
          {formatCount(d.rowsBefore)} → {formatCount(d.rowsAfter)} rows
        </Badge>
        {d.rowsRemoved > 0 && (
          <Badge color="orange" variant="light">
            {formatCount(d.rowsRemoved)} removed
          </Badge>
        )}
        {d.columnsAdded.map((c) => (
          <Badge key={`a-${c}`} color="teal" variant="light">
            + {c}
          </Badge>
        ))}
        {d.columnsRemoved.map((c) => (
          <Badge key={`r-${c}`} color="red" variant="light">
            − {c}
          </Badge>
        ))}
        {d.columnsRenamed.map((r) => (
          <Badge key={`n-${r.from}`} color="grape" variant="light">
            {r.from} → {r.to}
          </Badge>
        ))}
        {d.typeChanges.map((t) => (
          <Badge key={`t-${t.column}`} color="cyan" variant="light">
            {t.column}: {t.from} → {t.to}
          </Badge>
        ))}
      </Group>
      {changed.length > 0 && (
        <Text size="xs" c="dimmed">
          {changed
            .map(
              (c) =>
                `${c.column}: ${formatCount(c.changedValues ?? 0)} values changed, missing ${formatCount(c.nullsBefore ?? 0)} → ${formatCount(c.nullsAfter)}`,
            )
            .join(' · ')}
        </Text>
      )}
      <Paper withBorder radius="md">
        <ScrollArea h={360} type="auto">
          <Table striped highlightOnHover stickyHeader fz="xs" data-testid="preview-table">
            <Table.Thead>
              <Table.Tr>
                {preview.columns.map((c) => (
                  <Table.Th key={c.name}>
                    {c.name}
                    <Text span size="10px" c="dimmed" ml={4}>
                      {c.type}
                    </Text>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.map((row, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: preview rows are positional.
                <Table.Tr key={i}>
                  {row.map((v, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional.
                    <Table.Td key={j} c={v === null ? 'dimmed' : undefined}>
                      {v === null ? 'null' : String(v)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
    </Stack>
  );
}
