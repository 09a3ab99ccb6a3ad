import { Avatar, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSession } from '../app-context.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { formatDateTime } from '../lib/format.ts';
import { ApiKeysSection } from './api-keys-section.tsx';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
        {label}
      </Text>
      <Text size="sm" mt={2} component="div">
        {children}
      </Text>
    </div>
  );
}

export function SettingsPage() {
  const session = useSession();
  if (!session) return null;
  const { user } = session;
  return (
    <>
      <PageHeader title="Settings" description="Your account and the keys that let scripts act as you." />
      <Stack gap="lg">
        <Card withBorder radius="md" padding="lg">
          <Title order={4} fw={600} mb="md">
            Profile
          </Title>
          <Group gap="md" mb="lg" wrap="nowrap">
            <Avatar name={user.name} color="initials" size={52} radius="xl" />
            <div style={{ minWidth: 0 }}>
              <Text fw={600} truncate>
                {user.name}
              </Text>
              <Text size="sm" c="dimmed" truncate>
                {user.email}
              </Text>
            </div>
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
            <Field label="Organization">{user.orgName}</Field>
            <Field label="Role">
              <Badge variant="light" color={user.role === 'admin' ? 'grape' : 'gray'}>
                {user.role}
              </Badge>
            </Field>
            <Field label="Member since">{formatDateTime(user.createdAt)}</Field>
            <Field label="Last sign-in">{formatDateTime(user.lastLoginAt)}</Field>
          </SimpleGrid>
        </Card>
        <ApiKeysSection />
      </Stack>
    </>
  );
}
