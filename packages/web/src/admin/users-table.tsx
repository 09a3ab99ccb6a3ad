import { Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { PlatformRole, User } from '../api/types.ts';
import { formatRelative } from '../lib/format.ts';
import {
  ActiveSwitch,
  DeleteUserButton,
  RoleSelect,
  type UserControlsProps,
  UserIdentity,
} from './user-controls.tsx';

interface UsersTableProps {
  users: User[];
  currentUserId: string;
  pendingId: string | null;
  onUpdate: (user: User, patch: { role?: PlatformRole; disabled?: boolean }) => void;
  onDelete: (user: User) => void;
}

/** The organization's users with inline role and access controls: a table, or cards on phones. */
export function UsersTable({ users, currentUserId, pendingId, onUpdate, onDelete }: UsersTableProps) {
  const narrow = useMediaQuery('(max-width: 48em)');
  const controls = (user: User): UserControlsProps => ({
    user,
    self: user.id === currentUserId,
    busy: pendingId === user.id,
    onUpdate,
    onDelete,
  });
  const lastSignIn = (user: User) => (user.lastLoginAt ? formatRelative(user.lastLoginAt) : 'Never');

  if (narrow) {
    return (
      <Stack gap="sm" p="md" pt={0} data-testid="users-table">
        {users.map((user) => (
          <Paper
            key={user.id}
            withBorder
            radius="md"
            p="sm"
            data-testid="user-row"
            data-user-email={user.email}
          >
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <UserIdentity user={user} self={user.id === currentUserId} />
              <DeleteUserButton {...controls(user)} />
            </Group>
            <Group justify="space-between" mt="sm" gap="xs">
              <RoleSelect {...controls(user)} />
              <ActiveSwitch {...controls(user)} />
            </Group>
            <Text size="xs" c="dimmed" mt="xs">
              Last sign-in: {lastSignIn(user)}
            </Text>
          </Paper>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th pl="lg">User</Table.Th>
            <Table.Th w={160}>Role</Table.Th>
            <Table.Th w={130}>Access</Table.Th>
            <Table.Th w={140}>Last sign-in</Table.Th>
            <Table.Th w={64} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} data-testid="user-row" data-user-email={user.email}>
              <Table.Td pl="lg">
                <UserIdentity user={user} self={user.id === currentUserId} />
              </Table.Td>
              <Table.Td>
                <RoleSelect {...controls(user)} />
              </Table.Td>
              <Table.Td>
                <ActiveSwitch {...controls(user)} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {lastSignIn(user)}
                </Text>
              </Table.Td>
              <Table.Td>
                <DeleteUserButton {...controls(user)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
