import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { LogoMark } from '../components/icons.tsx';

interface AuthLayoutProps {
  title: string;
  subtitle: ReactNode;
  children: ReactNode;
  footer: ReactNode;
}

/** The centred card that sign-in and sign-up share. */
export function AuthLayout({ title, subtitle, children, footer }: AuthLayoutProps) {
  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)" py={{ base: 'xl', sm: 64 }} px="md">
      <Center>
        <Stack w="100%" maw={420} gap="lg">
          <Group gap="sm" justify="center">
            <LogoMark size={36} />
            <Stack gap={0}>
              <Text fw={750} size="xl" lh={1.1}>
                UAM
              </Text>
              <Text size="xs" c="dimmed">
                The Universal Analyst Model
              </Text>
            </Stack>
          </Group>
          <Paper withBorder shadow="sm" radius="md" p={{ base: 'lg', sm: 'xl' }}>
            <Title order={3} fw={650}>
              {title}
            </Title>
            <Text c="dimmed" size="sm" mt={4} mb="lg">
              {subtitle}
            </Text>
            {children}
          </Paper>
          <Text ta="center" size="sm" c="dimmed">
            {footer}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
