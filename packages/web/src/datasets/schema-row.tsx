import { Badge, Group, NativeSelect, Progress, Table, Text, Tooltip } from '@mantine/core';
import { type Column, STORAGE_TYPES, type StorageType } from '../api/dataset-types.ts';
import { formatCount } from '../lib/format.ts';
import { SEMANTIC_LABELS, STORAGE_LABELS, TypeIcon } from './column-type.tsx';
import { formatHint } from './format-hint.ts';

const TYPE_OPTIONS = STORAGE_TYPES.map((t) => ({ value: t, label: STORAGE_LABELS[t] }));

interface SchemaRowProps {
  column: Column;
  rowCount: number;
  value: StorageType;
  /** Absent when the type cannot be changed here. */
  onChange?: (type: StorageType) => void;
}

/** One column of the schema table: its type (editable), meaning, missing values and failures. */
export function SchemaRow({ column, rowCount, value, onChange }: SchemaRowProps) {
  const edited = value !== column.storageType;
  const missingShare = rowCount > 0 ? column.missingCount / rowCount : 0;
  const confidence = Math.round(Math.min(1, Math.max(0, column.confidence)) * 100);
  const hint = formatHint(column.format);
  return (
    <Table.Tr
      data-testid="schema-row"
      data-column={column.name}
      bg={edited ? 'var(--mantine-color-indigo-0)' : undefined}
    >
      <Table.Td>
        <Group gap={8} wrap="nowrap">
          <TypeIcon type={value} />
          <Text size="sm" fw={600} ff="monospace" style={{ whiteSpace: 'nowrap' }}>
            {column.name}
          </Text>
        </Group>
      </Table.Td>
      <Table.Td>
        {onChange ? (
          <NativeSelect
            size="xs"
            data={TYPE_OPTIONS}
            value={value}
            onChange={(e) => onChange(e.currentTarget.value as StorageType)}
            aria-label={`Storage type of ${column.name}`}
            data-testid="schema-type-select"
            data-edited={edited || undefined}
          />
        ) : (
          <Text size="sm">{STORAGE_LABELS[value]}</Text>
        )}
        {!edited && hint && (
          <Text size="xs" c="dimmed" mt={2} data-testid="schema-format">
            Read as {hint}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color="gray" tt="none" size="sm">
          {SEMANTIC_LABELS[column.semanticType] ?? column.semanticType}
        </Badge>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" ff="monospace" c={column.missingCount ? undefined : 'dimmed'}>
          {formatCount(column.missingCount)}
        </Text>
        {column.missingCount > 0 && (
          <Text size="xs" c="dimmed">
            {(missingShare * 100).toFixed(missingShare < 0.01 ? 2 : 1)}%
          </Text>
        )}
      </Table.Td>
      <Table.Td data-testid="schema-failures">
        {column.failures.count === 0 ? (
          <Text size="sm" c="dimmed">
            None
          </Text>
        ) : (
          <Tooltip label={`Examples: ${column.failures.examples.join(', ')}`} withArrow multiline maw={320}>
            <div>
              <Text size="sm" c="orange.8" fw={600}>
                {formatCount(column.failures.count)} unreadable
              </Text>
              <Text size="xs" c="dimmed" ff="monospace" lineClamp={1} maw={220}>
                {column.failures.examples.map((e) => JSON.stringify(e)).join(' ')}
              </Text>
            </div>
          </Tooltip>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={8} wrap="nowrap">
          <Progress
            value={confidence}
            size="sm"
            w={56}
            color={confidence >= 95 ? 'teal' : confidence >= 80 ? 'yellow' : 'red'}
          />
          <Text size="xs" ff="monospace" c="dimmed">
            {confidence}%
          </Text>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
