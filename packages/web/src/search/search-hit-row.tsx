import { Badge, Group, Text } from '@mantine/core';
import type { SearchHit } from '../api/dataset-types.ts';
import { IconTable } from '../components/data-icons.tsx';
import { IconFolder } from '../components/icons.tsx';

/** A search hit's icon, name, snippet and the columns that matched. */
export function SearchHitRow({ hit, projectName }: { hit: SearchHit; projectName?: string }) {
  const project = projectName ?? hit.projectName;
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      {hit.type === 'dataset' ? (
        <IconTable size={18} color="var(--mantine-color-indigo-5)" style={{ flexShrink: 0, marginTop: 2 }} />
      ) : (
        <IconFolder size={18} color="var(--mantine-color-teal-6)" style={{ flexShrink: 0, marginTop: 2 }} />
      )}
      <div style={{ minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600} truncate>
            {hit.name}
          </Text>
          {project && hit.type === 'dataset' && (
            <Text size="xs" c="dimmed" truncate>
              in {project}
            </Text>
          )}
        </Group>
        {hit.snippet && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {hit.snippet}
          </Text>
        )}
        {hit.matchedColumns && hit.matchedColumns.length > 0 && (
          <Group gap={4} mt={4}>
            {hit.matchedColumns.slice(0, 5).map((c) => (
              <Badge key={c} size="xs" variant="light" color="gray" tt="none" ff="monospace">
                {c}
              </Badge>
            ))}
          </Group>
        )}
      </div>
    </Group>
  );
}
