import { AppShell, Burger, Container, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useSession } from '../app-context.tsx';
import { IconActivity, IconFolder, IconSettings, IconShield, LogoMark } from '../components/icons.tsx';
import { Link, usePath } from '../router.tsx';
import { GlobalSearch } from '../search/global-search.tsx';
import { LiveIndicator } from './live-indicator.tsx';
import { UserMenu } from './user-menu.tsx';

interface NavItem {
  href: string;
  label: string;
  icon: ReactNode;
  testId: string;
}

/** The signed-in frame: header with product and account, side navigation, page content. */
export function AppLayout({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const session = useSession();
  const path = usePath();
  const isAdmin = session?.user.role === 'admin';

  const items: NavItem[] = [
    { href: '/projects', label: 'Projects', icon: <IconFolder />, testId: 'nav-projects' },
    { href: '/jobs', label: 'Jobs', icon: <IconActivity />, testId: 'nav-jobs' },
    ...(isAdmin ? [{ href: '/admin', label: 'Admin', icon: <IconShield />, testId: 'nav-admin' }] : []),
  ];

  function renderLink(item: NavItem) {
    return (
      <NavLink
        key={item.href}
        component={Link}
        href={item.href}
        label={item.label}
        leftSection={item.icon}
        active={path === item.href || path.startsWith(`${item.href}/`)}
        onClick={close}
        data-testid={item.testId}
        style={{ borderRadius: 8 }}
        fw={500}
      />
    );
  }

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Link href="/projects" style={{ textDecoration: 'none', color: 'inherit' }} data-testid="brand">
              <Group gap={10} wrap="nowrap">
                <LogoMark />
                <Text fw={750} size="lg" lts={0.5}>
                  UAM
                </Text>
              </Group>
            </Link>
          </Group>
          <Group gap="md" wrap="nowrap">
            <GlobalSearch />
            <LiveIndicator />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" data-testid="nav">
        <AppShell.Section grow component={ScrollArea}>
          {items.map(renderLink)}
        </AppShell.Section>
        <AppShell.Section pt="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          {renderLink({
            href: '/settings',
            label: 'Settings',
            icon: <IconSettings />,
            testId: 'nav-settings',
          })}
          <Text size="xs" c="dimmed" px="sm" pt="xs" truncate>
            {session?.user.orgName}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <Container size="lg" px={0}>
          {children}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
