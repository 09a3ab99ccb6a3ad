import {
  ActionIcon,
  Avatar,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ProjectMember, ProjectRole } from '../api/types.ts';
import { useApi } from '../app-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { IconTrash } from '../components/icons.tsx';
import { useResource } from '../lib/use-resource.ts';

const ROLES: { value: ProjectRole; label: string }[] = [
  { value: 'viewer', label: 'Viewer' },
  { value: 'editor', label: 'Editor' },
  { value: 'owner', label: 'Owner' },
];

/** Who can see a project; owners may add members by email and remove them. */
export function MembersSection({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const api = useApi();
  const members = useResource(() => api.projects.members(projectId), [api, projectId]);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<ProjectRole>('editor');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function add(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!email.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await api.projects.addMember(projectId, { email: email.trim(), role });
      setEmail('');
      await members.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove(member: ProjectMember): Promise<void> {
    setError(null);
    try {
      await api.projects.removeMember(projectId, member.userId);
      members.setData((prev) => prev && { items: prev.items.filter((m) => m.userId !== member.userId) });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Card withBorder radius="md" padding="lg" data-testid="members-section">
      <Title order={4} fw={600}>
        Members
      </Title>
      <Text size="xs" c="dimmed" mb="md">
        People with access to this project
      </Text>
      <Stack gap="sm">
        <ErrorAlert error={error ?? members.error} onClose={error ? () => setError(null) : undefined} />
        {(members.data?.items ?? []).map((member) => (
          <Group key={member.userId} justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <Avatar name={member.name} color="initials" size={30} radius="xl" />
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} truncate>
                  {member.name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {member.email}
                </Text>
              </div>
            </Group>
            <Group gap={4} wrap="nowrap">
              <Badge variant="light" size="sm" color={member.role === 'owner' ? 'indigo' : 'gray'}>
                {member.role}
              </Badge>
              {canManage && (
                <Tooltip label="Remove from project" withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    onClick={() => remove(member)}
                    aria-label="Remove member"
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          </Group>
        ))}
        {canManage && (
          <form onSubmit={add}>
            <Stack gap="xs" mt="xs">
              <TextInput
                placeholder="colleague@company.com"
                aria-label="Member email"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                size="sm"
              />
              <Group gap="xs" wrap="nowrap">
                <Select
                  data={ROLES}
                  value={role}
                  onChange={(value) => value && setRole(value as ProjectRole)}
                  allowDeselect={false}
                  aria-label="Member role"
                  size="sm"
                  style={{ flex: 1 }}
                />
                <Button type="submit" size="sm" variant="default" loading={busy} disabled={!email.trim()}>
                  Add
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
