import { Anchor, Group, TagsInput, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Dataset } from '../api/dataset-types.ts';
import { useApi } from '../app-context.tsx';
import { IconArrowLeft } from '../components/icons.tsx';
import { formatCount } from '../lib/format.ts';
import { Link } from '../router.tsx';
import { InlineText } from './inline-text.tsx';

interface DatasetHeaderProps {
  dataset: Dataset;
  projectName: string | null;
  canEdit: boolean;
  onChange: (dataset: Dataset) => void;
  onError: (error: unknown) => void;
  actions: ReactNode;
  /** Size of the version shown, when known. */
  rows: number | null;
  columns: number | null;
}

/** Name (rename in place), description, tags and the page's actions. */
export function DatasetHeader({
  dataset: d,
  projectName,
  canEdit,
  onChange,
  onError,
  actions,
  rows,
  columns,
}: DatasetHeaderProps) {
  const api = useApi();
  const editable = canEdit && !d.deletedAt;

  async function update(patch: { name?: string; description?: string; tags?: string[] }): Promise<void> {
    onChange((await api.datasets.update(d.id, patch)).dataset);
  }

  return (
    <div style={{ marginBottom: 'var(--mantine-spacing-lg)' }}>
      <Anchor
        component={Link}
        href={`/projects/${encodeURIComponent(d.projectId)}`}
        size="sm"
        c="dimmed"
        data-testid="back-to-project"
      >
        <Group gap={4} mb={6} wrap="nowrap">
          <IconArrowLeft size={14} /> {projectName ?? 'Project'}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="md">
        <div style={{ minWidth: 0, flex: '1 1 280px' }}>
          <InlineText
            value={d.name}
            label="Name"
            required
            disabled={!editable}
            onSave={(name) => update({ name })}
            testId="dataset-name"
          >
            <Title order={2} fw={650} style={{ wordBreak: 'break-word' }} data-testid="dataset-title">
              {d.name}
            </Title>
          </InlineText>
        </div>
        <Group gap="sm" wrap="wrap">
          {actions}
        </Group>
      </Group>
      <div style={{ maxWidth: 760, marginTop: 6 }}>
        <InlineText
          value={d.description}
          label="Description"
          multiline
          disabled={!editable}
          onSave={(description) => update({ description })}
          testId="dataset-description"
        >
          <Text size="sm" c="dimmed" data-testid="dataset-description">
            {d.description || (editable ? 'Add a description' : 'No description')}
          </Text>
        </InlineText>
      </div>
      <Group gap="sm" mt={8} align="center">
        <Text size="xs" c="dimmed">
          {rows !== null ? `${formatCount(rows)} rows × ${formatCount(columns)} columns · ` : ''}
          {d.versionCount} version{d.versionCount === 1 ? '' : 's'}
        </Text>
        <TagsInput
          size="xs"
          variant="filled"
          placeholder={editable ? '+ Add tag' : undefined}
          value={d.tags}
          onChange={(tags) => void update({ tags }).catch(onError)}
          disabled={!editable}
          aria-label="Tags"
          data-testid="dataset-tags"
          maxTags={20}
          clearable={false}
          style={{ flex: '1 1 220px', maxWidth: 480 }}
        />
      </Group>
    </div>
  );
}
