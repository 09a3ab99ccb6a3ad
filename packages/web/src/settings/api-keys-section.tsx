import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ApiKey } from '../api/types.ts';
import { useApi } from '../app-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { IconCheck, IconCopy, IconKey, IconTrash } from '../components/icons.tsx';
import { formatRelative } from '../lib/format.ts';
import { useResource } from '../lib/use-resource.ts';

/** Personal API keys: create (the secret is shown once), list, revoke. */
export function ApiKeysSection() {
  const api = useApi();
  const keys = useResource(() => api.apiKeys.list(), [api]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ apiKey: ApiKey; key: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function create(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.apiKeys.create(name.trim());
      setCreated(result);
      setName('');
      keys.setData((prev) => ({ items: [result.apiKey, ...(prev?.items ?? [])] }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(key: ApiKey): Promise<void> {
    setError(null);
    try {
      await api.apiKeys.revoke(key.id);
      keys.setData((prev) => prev && { items: prev.items.filter((k) => k.id !== key.id) });
      if (created?.apiKey.id === key.id) setCreated(null);
    } catch (err) {
      setError(err);
    }
  }

  const items = keys.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="lg" data-testid="api-keys">
      <Title order={4} fw={600}>
        API keys
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Keys act as you in scripts and integrations: send <Code>Authorization: Bearer &lt;key&gt;</Code>.
      </Text>
      <Stack gap="md">
        <ErrorAlert error={error ?? keys.error} onClose={error ? () => setError(null) : undefined} />
        {created && (
          <Alert
            color="teal"
            variant="light"
            icon={<IconKey />}
            title="Copy your new key now"
            withCloseButton
            onClose={() => setCreated(null)}
            styles={{ body: { minWidth: 0 } }}
          >
            <Text size="sm" mb="xs">
              This is the only time <b>{created.apiKey.name}</b> is shown in full.
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Code
                block
                style={{ flex: 1, minWidth: 0, wordBreak: 'break-all', whiteSpace: 'normal' }}
                data-testid="api-key-secret"
              >
                {created.key}
              </Code>
              <CopyButton value={created.key}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                    <ActionIcon
                      variant="light"
                      color={copied ? 'teal' : 'gray'}
                      onClick={copy}
                      size="lg"
                      aria-label="Copy key"
                    >
                      {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
        <form onSubmit={create}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <TextInput
              placeholder="Key name, e.g. Nightly import"
              aria-label="API key name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              style={{ flex: 1 }}
              maxLength={100}
              data-testid="api-key-name"
            />
            <Button type="submit" loading={busy} disabled={!name.trim()} data-testid="api-key-create">
              Create key
            </Button>
          </Group>
        </form>
        {items.length > 0 ? (
          <Table.ScrollContainer minWidth={480}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Key</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th w={48} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((key) => (
                  <Table.Tr key={key.id} data-testid="api-key-row">
                    <Table.Td fw={500}>{key.name}</Table.Td>
                    <Table.Td>
                      <Code>{key.prefix}…</Code>
                    </Table.Td>
                    <Table.Td c="dimmed">{formatRelative(key.createdAt)}</Table.Td>
                    <Table.Td c="dimmed">
                      {key.lastUsedAt ? formatRelative(key.lastUsedAt) : 'Never'}
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label="Revoke" withArrow>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          onClick={() => revoke(key)}
                          aria-label={`Revoke ${key.name}`}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          !keys.loading && (
            <Text size="sm" c="dimmed">
              No API keys yet.
            </Text>
          )
        )}
      </Stack>
    </Card>
  );
}
