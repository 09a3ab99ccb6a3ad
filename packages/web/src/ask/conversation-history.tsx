import { Button, Menu, Text } from '@mantine/core';
import { useState } from 'react';
import type { Conversation } from '../api/ask-types.ts';
import { useApi } from '../app-context.tsx';
import { IconHistory } from '../components/data-icons.tsx';
import { formatRelative } from '../lib/format.ts';

/** The user's earlier conversations with the dataset, loaded when the menu opens. */
export function ConversationHistory({
  datasetId,
  onOpen,
}: {
  datasetId: string;
  onOpen: (id: string) => void;
}) {
  const api = useApi();
  const [items, setItems] = useState<Conversation[] | null>(null);
  return (
    <Menu
      position="bottom-end"
      width={320}
      onOpen={() => {
        api.ask
          .conversations(datasetId)
          .then((r) => setItems(r.items))
          .catch(() => setItems([]));
      }}
    >
      <Menu.Target>
        <Button
          size="xs"
          variant="subtle"
          color="gray"
          leftSection={<IconHistory size={14} />}
          data-testid="ask-history"
        >
          Earlier
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Your conversations with this dataset</Menu.Label>
        {items === null && <Menu.Item disabled>Loading…</Menu.Item>}
        {items?.length === 0 && <Menu.Item disabled>None yet</Menu.Item>}
        {items?.map((c) => (
          <Menu.Item key={c.id} onClick={() => onOpen(c.id)}>
            <Text size="sm" truncate>
              {c.title || 'Untitled'}
            </Text>
            <Text size="xs" c="dimmed">
              {formatRelative(c.updatedAt)}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
