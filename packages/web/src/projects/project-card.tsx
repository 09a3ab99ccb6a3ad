import { Badge, Card, Group, Text } from '@mantine/core';
import type { Project } from '../api/types.ts';
import { IconChevronRight } from '../components/icons.tsx';
import { formatRelative } from '../lib/format.ts';
import { Link } from '../router.tsx';

const ROLE_COLORS = { owner: 'indigo', editor: 'teal', viewer: 'gray' } as const;

export function ProjectCard({ project }: { project: Project }) {
  return (
    <Card
      component={Link}
      href={`/projects/${encodeURIComponent(project.id)}`}
      withBorder
      radius="md"
      padding="lg"
      data-testid="project-card"
      data-project-id={project.id}
      className="uam-hover-card"
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600} truncate data-testid="project-card-name">
          {project.name}
        </Text>
        <IconChevronRight size={16} color="var(--mantine-color-dimmed)" />
      </Group>
      <Text size="sm" c="dimmed" lineClamp={2} mt={6} mih={42}>
        {project.description || 'No description'}
      </Text>
      <Group justify="space-between" mt="md" gap="xs">
        {project.role ? (
          <Badge variant="light" color={ROLE_COLORS[project.role]} size="sm">
            {project.role}
          </Badge>
        ) : (
          <span />
        )}
        <Text size="xs" c="dimmed">
          Updated {formatRelative(project.updatedAt)}
        </Text>
      </Group>
    </Card>
  );
}
