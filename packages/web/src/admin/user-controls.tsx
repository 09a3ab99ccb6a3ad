import { ActionIcon, Avatar, Badge, Group, Select, Switch, Text, Tooltip } from '@mantine/core';
import type { PlatformRole, User } from '../api/types.ts';
import { IconTrash } from '../components/icons.tsx';
import { ROLE_OPTIONS } from './roles.ts';

export interface UserControlsProps {
  user: User;
  self: boolean;
  busy: boolean;
  onUpdate: (user: User, patch: { role?: PlatformRole; disabled?: boolean }) => void;
  onDelete: (user: User) => void;
}

/** Avatar, name and email, marking the signed-in admin's own row. */
export function UserIdentity({ user, self }: { user: User; self: boolean }) {
  return (
    <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
      <Avatar name={user.name} color="initials" size={32} radius="xl" />
      <div style={{ minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500} truncate>
            {user.name}
          </Text>
          {self && (
            <Badge size="xs" variant="outline" color="gray">
              you
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" truncate>
          {user.email}
        </Text>
      </div>
    </Group>
  );
}

/** An admin cannot demote or disable themselves here; the server also guards the last admin. */
export function RoleSelect({ user, self, busy, onUpdate }: UserControlsProps) {
  return (
    <Select
      size="xs"
      data={ROLE_OPTIONS}
      value={user.role}
      allowDeselect={false}
      disabled={self || busy}
      onChange={(value) => value && value !== user.role && onUpdate(user, { role: value as PlatformRole })}
      aria-label={`Role of ${user.name}`}
      data-testid="user-role-select"
      w={130}
    />
  );
}

export function ActiveSwitch({ user, self, busy, onUpdate }: UserControlsProps) {
  return (
    <Switch
      checked={!user.disabled}
      disabled={self || busy}
      onChange={(e) => onUpdate(user, { disabled: !e.currentTarget.checked })}
      label={user.disabled ? 'Disabled' : 'Active'}
      size="sm"
      aria-label={`${user.name} can sign in`}
      data-testid="user-active-toggle"
    />
  );
}

export function DeleteUserButton({ user, self, onDelete }: UserControlsProps) {
  if (self) return null;
  return (
    <Tooltip label="Delete user" withArrow>
      <ActionIcon
        variant="subtle"
        color="gray"
        onClick={() => onDelete(user)}
        aria-label={`Delete ${user.name}`}
      >
        <IconTrash size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
