import { Badge, Button, Divider, Group, Popover, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';

interface ChipsProps {
  question: string;
  interpretation: Array<{ span: string; meaning: string }>;
  /** Column names of the dataset: the other readings a chip offers. */
  columns: string[];
  onAsk: (question: string) => void;
}

/** The question with `span` replaced by `replacement` (first occurrence, any case). */
export function replaceSpan(question: string, span: string, replacement: string): string {
  const at = question.toLowerCase().indexOf(span.toLowerCase());
  if (at < 0) return question;
  return question.slice(0, at) + replacement + question.slice(at + span.length);
}

/**
 * How each part of the question was understood. A chip opens the alternatives: read that part
 * as another column, or rephrase it, and ask again with the correction.
 */
export function InterpretationChips({ question, interpretation, columns, onAsk }: ChipsProps) {
  if (!interpretation.length) return null;
  return (
    <Group gap={6} data-testid="interpretation">
      {interpretation.map((it) => (
        <Chip
          key={`${it.span}\u0000${it.meaning}`}
          question={question}
          span={it.span}
          meaning={it.meaning}
          columns={columns}
          onAsk={onAsk}
        />
      ))}
    </Group>
  );
}

function Chip({
  question,
  span,
  meaning,
  columns,
  onAsk,
}: {
  question: string;
  span: string;
  meaning: string;
  columns: string[];
  onAsk: (q: string) => void;
}) {
  const [opened, setOpened] = useState(false);
  const [text, setText] = useState(span);
  const inQuestion = question.toLowerCase().includes(span.toLowerCase()) && span.trim() !== question.trim();
  const ask = (q: string) => {
    setOpened(false);
    onAsk(q);
  };
  return (
    <Popover opened={opened} onChange={setOpened} width={300} position="bottom-start" shadow="md" withArrow>
      <Popover.Target>
        <Badge
          component="button"
          type="button"
          variant="light"
          color="gray"
          radius="sm"
          tt="none"
          fw={500}
          size="lg"
          style={{ cursor: 'pointer', border: '1px solid var(--mantine-color-gray-3)' }}
          onClick={() => setOpened((o) => !o)}
          data-testid="interpretation-chip"
        >
          <Text span size="xs" fw={700} c="indigo.7">
            {span}
          </Text>
          <Text span size="xs" c="dimmed">
            {' → '}
            {meaning}
          </Text>
        </Badge>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            “{span}” was read as <b>{meaning}</b>. Not what you meant?
          </Text>
          {inQuestion && columns.length > 0 && (
            <>
              <Text size="xs" fw={600}>
                Read it as a column instead
              </Text>
              <ScrollArea.Autosize mah={160}>
                <Group gap={4}>
                  {columns.map((c) => (
                    <Button
                      key={c}
                      size="compact-xs"
                      variant="default"
                      onClick={() => ask(replaceSpan(question, span, c))}
                      data-testid="interpretation-alternative"
                    >
                      {c}
                    </Button>
                  ))}
                </Group>
              </ScrollArea.Autosize>
              <Divider />
            </>
          )}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              ask(inQuestion ? replaceSpan(question, span, text) : text);
            }}
          >
            <Group gap={6} wrap="nowrap">
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                aria-label="Rephrase"
              />
              <Button size="xs" type="submit" disabled={!text.trim()}>
                Ask again
              </Button>
            </Group>
          </form>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
