import { Anchor, Badge, Button, Center, Grid, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useApi, useSession } from '../app-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { IconArrowLeft } from '../components/icons.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { DatasetsSection } from '../datasets/datasets-section.tsx';
import { JobsPanel } from '../jobs/jobs-panel.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useResource } from '../lib/use-resource.ts';
import { ModelsSection } from '../models/models-section.tsx';
import { Link, navigate } from '../router.tsx';
import { MembersSection } from './members-section.tsx';
import { ProjectFormModal } from './project-form-modal.tsx';

export function ProjectPage({ projectId }: { projectId: string }) {
  const api = useApi();
  const session = useSession();
  const project = useResource(() => api.projects.get(projectId), [api, projectId]);
  const [editing, edit] = useDisclosure(false);
  const [deleting, del] = useDisclosure(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const back = (
    <Anchor component={Link} href="/projects" size="sm" c="dimmed" data-testid="back-to-projects">
      <Group gap={4} mb={6}>
        <IconArrowLeft size={14} /> Projects
      </Group>
    </Anchor>
  );

  if (!project.data) {
    return project.error ? (
      <>
        {back}
        <ErrorAlert error={project.error} title="Could not open this project" />
      </>
    ) : (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }

  const p = project.data.project;
  const canEdit = p.role === 'owner' || p.role === 'editor';

  async function remove(): Promise<void> {
    setBusy(true);
    try {
      await api.projects.remove(p.id);
      navigate('/projects', { replace: true });
    } catch (err) {
      setDeleteError(err);
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        eyebrow={back}
        title={<span data-testid="project-title">{p.name}</span>}
        description={p.description || `Created ${formatDateTime(p.createdAt)}`}
        actions={
          <>
            {p.role && <Badge variant="light">{`You: ${p.role}`}</Badge>}
            {canEdit && (
              <Button variant="default" onClick={edit.open}>
                Edit
              </Button>
            )}
            {p.role === 'owner' && (
              <Button variant="subtle" color="red" onClick={del.open}>
                Delete
              </Button>
            )}
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={12}>
          <DatasetsSection projectId={p.id} canEdit={canEdit || session?.user.role === 'admin'} />
        </Grid.Col>
        <Grid.Col span={12}>
          <ModelsSection projectId={p.id} canTrain={canEdit || session?.user.role === 'admin'} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <JobsPanel projectId={p.id} canRun={canEdit || session?.user.role === 'admin'} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <MembersSection projectId={p.id} canManage={p.role === 'owner'} />
        </Grid.Col>
      </Grid>
      <ProjectFormModal
        opened={editing}
        onClose={edit.close}
        project={p}
        onSaved={(saved) => project.setData(() => ({ project: saved }))}
      />
      <Modal opened={deleting} onClose={del.close} title="Delete project" centered>
        <Stack gap="md">
          <Text size="sm">
            Delete <b>{p.name}</b> and everything in it? This cannot be undone.
          </Text>
          <ErrorAlert error={deleteError} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={del.close}>
              Cancel
            </Button>
            <Button color="red" loading={busy} onClick={remove}>
              Delete project
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
