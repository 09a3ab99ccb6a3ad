import { Button, Card, Center, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import type { PlatformRole, User } from '../api/types.ts';
import { useApi, useSession } from '../app-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { IconPlus } from '../components/icons.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useResource } from '../lib/use-resource.ts';
import { UserFormModal } from './user-form-modal.tsx';
import { UsersTable } from './users-table.tsx';

export function AdminPage() {
  const api = useApi();
  const session = useSession();
  const users = useResource(() => api.users.list(), [api]);
  const [adding, add] = useDisclosure(false);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [toDelete, setToDelete] = useState<User | null>(null);

  function replace(user: User): void {
    users.setData((prev) => prev && { items: prev.items.map((u) => (u.id === user.id ? user : u)) });
  }

  async function update(user: User, patch: { role?: PlatformRole; disabled?: boolean }): Promise<void> {
    setPendingId(user.id);
    setError(null);
    try {
      replace((await api.users.update(user.id, patch)).user);
    } catch (err) {
      setError(err);
    } finally {
      setPendingId(null);
    }
  }

  async function remove(user: User): Promise<void> {
    setToDelete(null);
    setError(null);
    try {
      await api.users.remove(user.id);
      users.setData((prev) => prev && { items: prev.items.filter((u) => u.id !== user.id) });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <PageHeader
        title="Administration"
        description="Manage who can use this workspace and what they can do."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={add.open} data-testid="add-user">
            Add user
          </Button>
        }
      />
      <Stack gap="md">
        <ErrorAlert error={error ?? users.error} onClose={error ? () => setError(null) : undefined} />
        <Card withBorder radius="md" padding={0}>
          <Group justify="space-between" px="lg" py="md">
            <Text fw={600}>Users</Text>
            <Text size="sm" c="dimmed" visibleFrom="sm">
              Admins manage users · Analysts create projects and models · Viewers read
            </Text>
          </Group>
          {users.data ? (
            <UsersTable
              users={users.data.items}
              currentUserId={session?.user.id ?? ''}
              pendingId={pendingId}
              onUpdate={update}
              onDelete={setToDelete}
            />
          ) : (
            <Center py="xl">{users.loading && <Loader size="sm" />}</Center>
          )}
        </Card>
      </Stack>
      <UserFormModal
        opened={adding}
        onClose={add.close}
        onCreated={(user) => users.setData((prev) => ({ items: [...(prev?.items ?? []), user] }))}
      />
      <Modal opened={toDelete !== null} onClose={() => setToDelete(null)} title="Delete user" centered>
        <Text size="sm">
          Delete <b>{toDelete?.name}</b> ({toDelete?.email})? This cannot be undone; to block access
          temporarily, switch them to inactive instead.
        </Text>
        <Group justify="flex-end" gap="sm" mt="lg">
          <Button variant="default" onClick={() => setToDelete(null)}>
            Cancel
          </Button>
          <Button color="red" onClick={() => toDelete && remove(toDelete)}>
            Delete user
          </Button>
        </Group>
      </Modal>
    </>
  );
}
