import { Avatar, Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useApi, useServices, useSession } from '../app-context.tsx';
import { IconLogout, IconSettings } from '../components/icons.tsx';
import { navigate } from '../router.tsx';

/** The header's account menu: who is signed in, settings, and sign out. */
export function UserMenu() {
  const api = useApi();
  const { session } = useServices();
  const current = useSession();
  if (!current) return null;
  const { user } = current;

  async function signOut(): Promise<void> {
    const refreshToken = current?.refreshToken;
    session.signOut();
    navigate('/sign-in', { replace: true });
    // Revoking server-side is best effort: the local session is already gone.
    if (refreshToken) await api.auth.logout(refreshToken).catch(() => undefined);
  }

  return (
    <Menu position="bottom-end" width={240} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label="Account menu" style={{ borderRadius: 8 }} p={4}>
          <Group gap="xs" wrap="nowrap">
            <Avatar name={user.name} color="initials" size={32} radius="xl" />
            <Text size="sm" fw={500} visibleFrom="sm" maw={160} truncate>
              {user.name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {user.email}
          </Text>
          <Group gap={6} mt={6}>
            <Badge size="xs" variant="light" color={user.role === 'admin' ? 'grape' : 'gray'}>
              {user.role}
            </Badge>
            <Text size="xs" c="dimmed" truncate>
              {user.orgName}
            </Text>
          </Group>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item leftSection={<IconSettings size={16} />} onClick={() => navigate('/settings')}>
          Settings
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          color="red"
          onClick={() => void signOut()}
          data-testid="sign-out"
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
