import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import type { Project } from '../api/types.ts';
import { useApi } from '../app-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';

interface ProjectFormModalProps {
  opened: boolean;
  onClose: () => void;
  onSaved: (project: Project) => void;
  /** Edit this project; create a new one when absent. */
  project?: Project;
}

/** Create or rename a project. */
export function ProjectFormModal({ opened, onClose, onSaved, project }: ProjectFormModalProps) {
  const api = useApi();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setName(project?.name ?? '');
    setDescription(project?.description ?? '');
    setError(null);
    setBusy(false);
  }, [opened, project]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const body = { name: name.trim(), description: description.trim() };
      const saved = project ? await api.projects.update(project.id, body) : await api.projects.create(body);
      onSaved(saved.project);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={project ? 'Edit project' : 'New project'} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert error={error} />
          <TextInput
            label="Name"
            placeholder="Churn analysis Q3"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            maxLength={200}
            data-autofocus
            data-testid="project-name"
          />
          <Textarea
            label="Description"
            placeholder="What question does this project answer?"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={3}
            maxRows={8}
            data-testid="project-description"
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim()} data-testid="project-submit">
              {project ? 'Save changes' : 'Create project'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
