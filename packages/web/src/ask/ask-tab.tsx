import { Button, Group, Loader, Paper, Stack, Text, Textarea, ThemeIcon, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../app-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { useResource } from '../lib/use-resource.ts';
import { AnswerCard } from './answer-card.tsx';
import { IconMessage, IconPlus, IconSend } from './ask-icons.tsx';
import { ConversationHistory } from './conversation-history.tsx';
import { useConversation } from './use-conversation.ts';

interface AskTabProps {
  datasetId: string;
  version: number;
  /** Editors and owners may pin answers for reports. */
  canPin: boolean;
}

/** "Ask your data": a chat about the dataset, answered exactly, with the query shown. */
export function AskTab({ datasetId, version, canPin }: AskTabProps) {
  const api = useApi();
  const conv = useConversation(datasetId, version);
  const [text, setText] = useState('');
  const suggestions = useResource(() => api.ask.suggestions(datasetId, version), [api, datasetId, version]);
  const schema = useResource(() => api.datasets.version(datasetId, version), [api, datasetId, version]);
  const columns = (schema.data?.version.schema ?? []).map((c) => c.name);
  const bottom = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when a turn arrives or a question leaves.
  useEffect(() => {
    bottom.current?.scrollIntoView?.({ behavior: 'smooth', block: 'nearest' });
  }, [conv.turns.length, conv.asking]);

  const send = (question: string) => {
    if (!question.trim() || conv.asking) return;
    setText('');
    void conv.ask(question);
  };

  return (
    <Stack gap="md" maw={980} data-testid="ask-tab">
      {conv.turns.length === 0 && !conv.asking ? (
        <Paper withBorder radius="lg" p="lg" bg="gray.0">
          <Group gap="sm" mb="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon variant="light" radius="xl" size={36}>
              <IconMessage size={20} />
            </ThemeIcon>
            <div>
              <Title order={4}>Ask your data</Title>
              <Text size="sm" c="dimmed">
                Ask in plain English. Every answer shows the exact numbers, a chart and the query that
                produced them — and says so when the data cannot answer.
              </Text>
            </div>
            <div style={{ marginLeft: 'auto' }}>
              <ConversationHistory datasetId={datasetId} onOpen={conv.open} />
            </div>
          </Group>
          {suggestions.data && suggestions.data.items.length > 0 && (
            <Group gap={6} data-testid="ask-suggestions">
              {suggestions.data.items.map((q) => (
                <Button
                  key={q}
                  variant="default"
                  radius="xl"
                  size="compact-md"
                  fw={400}
                  onClick={() => send(q)}
                  data-testid="ask-suggestion"
                >
                  {q}
                </Button>
              ))}
            </Group>
          )}
          {suggestions.loading && !suggestions.data && <Loader size="sm" />}
        </Paper>
      ) : (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {conv.turns.length} {conv.turns.length === 1 ? 'question' : 'questions'} in this conversation
          </Text>
          <Group gap="xs">
            <ConversationHistory datasetId={datasetId} onOpen={conv.open} />
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={conv.reset}
              data-testid="ask-new-conversation"
            >
              New conversation
            </Button>
          </Group>
        </Group>
      )}
      {conv.turns.map((t, i) => (
        <AnswerCard
          key={t.turnId}
          turn={t}
          columns={columns}
          onAsk={send}
          onPin={canPin ? conv.pin : null}
          pinned={conv.pinned.has(t.turnId)}
          latest={i === conv.turns.length - 1}
        />
      ))}
      {conv.asking && (
        <Stack gap="xs">
          <Group justify="flex-end">
            <Paper px="md" py={8} radius="lg" bg="indigo.6" c="white" maw="80%">
              <Text size="sm">{conv.asking}</Text>
            </Paper>
          </Group>
          <Group gap="xs" data-testid="ask-thinking">
            <Loader size="xs" type="dots" />
            <Text size="sm" c="dimmed">
              Working it out…
            </Text>
          </Group>
        </Stack>
      )}
      <ErrorAlert error={conv.error} onClose={conv.clearError} />
      <div ref={bottom} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send(text);
        }}
        style={{ position: 'sticky', bottom: 12, zIndex: 2 }}
      >
        <Paper withBorder radius="xl" shadow="sm" p={6} pl="md">
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <Textarea
              style={{ flex: 1 }}
              variant="unstyled"
              autosize
              minRows={1}
              maxRows={5}
              maxLength={500}
              placeholder={
                conv.turns.length
                  ? 'Ask a follow-up, e.g. “only the top 5”'
                  : 'Ask a question about this data…'
              }
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  send(text);
                }
              }}
              aria-label="Your question"
              data-testid="ask-input"
            />
            <Button
              type="submit"
              radius="xl"
              leftSection={<IconSend size={15} />}
              disabled={!text.trim() || Boolean(conv.asking)}
              data-testid="ask-submit"
            >
              Ask
            </Button>
          </Group>
        </Paper>
      </form>
    </Stack>
  );
}
