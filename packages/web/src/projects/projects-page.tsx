import { Button, Center, Loader, SimpleGrid, Stack, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import type { Page, Project } from '../api/types.ts';
import { useApi, useSession } from '../app-context.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { IconFolder, IconPlus } from '../components/icons.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useResource } from '../lib/use-resource.ts';
import { ProjectCard } from './project-card.tsx';
import { ProjectFormModal } from './project-form-modal.tsx';

const PAGE_SIZE = 24;

export function ProjectsPage() {
  const api = useApi();
  const session = useSession();
  const [creating, { open, close }] = useDisclosure(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const projects = useResource<Page<Project>>(() => api.projects.list({ limit: PAGE_SIZE }), [api]);
  const canCreate = session?.user.role !== 'viewer';

  async function loadMore(cursor: string): Promise<void> {
    setLoadingMore(true);
    try {
      const next = await api.projects.list({ limit: PAGE_SIZE, cursor });
      projects.setData((prev) => ({
        items: [...(prev?.items ?? []), ...next.items],
        nextCursor: next.nextCursor,
      }));
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  }

  const createButton = (testId: string) => (
    <Tooltip label="Viewers cannot create projects" disabled={canCreate} withArrow>
      <Button leftSection={<IconPlus size={16} />} onClick={open} disabled={!canCreate} data-testid={testId}>
        New project
      </Button>
    </Tooltip>
  );
  const items = projects.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Projects"
        description="Each project groups datasets, analyses, models and reports, shared with its members."
        actions={createButton('new-project')}
      />
      <Stack gap="md">
        <ErrorAlert error={projects.error ?? moreError} title="Could not load projects" />
        {projects.loading && !projects.data ? (
          <Center py="xl">
            <Loader />
          </Center>
        ) : items.length === 0 && !projects.error ? (
          <EmptyState
            icon={<IconFolder size={24} />}
            title="No projects yet"
            description="Create a project to upload a table and start analysing it."
            action={canCreate ? createButton('new-project-empty') : undefined}
            testId="projects-empty"
          />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" data-testid="project-list">
            {items.map((project) => (
              <ProjectCard key={project.id} project={project} />
            ))}
          </SimpleGrid>
        )}
        {projects.data?.nextCursor && (
          <Center>
            <Button
              variant="default"
              loading={loadingMore}
              onClick={() => loadMore(projects.data!.nextCursor!)}
            >
              Load more
            </Button>
          </Center>
        )}
      </Stack>
      <ProjectFormModal
        opened={creating}
        onClose={close}
        onSaved={(project) =>
          projects.setData((prev) => ({
            items: [project, ...(prev?.items ?? [])],
            nextCursor: prev?.nextCursor ?? null,
          }))
        }
      />
    </>
  );
}
