import {
  Badge,
  Box,
  Button,
  Code,
  Collapse,
  Group,
  Paper,
  Stack,
  Text,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import { useState } from 'react';
import type { AskAnswer } from '../api/ask-types.ts';
import { AnswerChart } from './answer-chart.tsx';
import { IconBan, IconCode, IconHelp, IconPin, IconSparkle } from './ask-icons.tsx';
import { InterpretationChips } from './interpretation-chips.tsx';
import { formatAnswerValue, ResultTable } from './result-table.tsx';

interface AnswerCardProps {
  turn: AskAnswer;
  columns: string[];
  onAsk: (question: string) => void;
  /** Null when the user may not pin (project viewers). */
  onPin: ((turn: AskAnswer) => Promise<void>) | null;
  pinned: boolean;
  /** Follow-ups are offered on the latest answer only. */
  latest: boolean;
}

/** One question and its answer: the sentence, chips, chart, table, SQL and what to ask next. */
export function AnswerCard({ turn, columns, onAsk, onPin, pinned, latest }: AnswerCardProps) {
  return (
    <Stack gap="xs" data-testid="ask-turn" data-status={turn.status}>
      <Group justify="flex-end">
        <Paper
          px="md"
          py={8}
          radius="lg"
          bg="indigo.6"
          c="white"
          maw="80%"
          style={{ borderBottomRightRadius: 4 }}
          data-testid="ask-question"
        >
          <Text size="sm">{turn.question}</Text>
        </Paper>
      </Group>
      <Paper
        withBorder
        radius="lg"
        p="md"
        shadow="xs"
        style={{ borderTopLeftRadius: 4 }}
        data-testid="ask-answer"
      >
        {turn.status === 'answered' ? (
          <Answered
            turn={turn}
            columns={columns}
            onAsk={onAsk}
            onPin={onPin}
            pinned={pinned}
            latest={latest}
          />
        ) : turn.status === 'clarify' ? (
          <Clarify turn={turn} onAsk={onAsk} />
        ) : (
          <Refused turn={turn} onAsk={onAsk} />
        )}
      </Paper>
    </Stack>
  );
}

function Answered({ turn, columns, onAsk, onPin, pinned, latest }: AnswerCardProps) {
  const [showSql, setShowSql] = useState(false);
  const [pinning, setPinning] = useState(false);
  const single = turn.rows.length === 1 && turn.columns.length === 1 && !turn.chart;
  const confidence = Math.round(turn.confidence * 100);
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color="indigo" radius="xl" size={30}>
          <IconSparkle size={17} />
        </ThemeIcon>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Text fw={500} size="md" data-testid="answer-sentence">
            {turn.answer}
          </Text>
          <Group gap={6} mt={4}>
            <Tooltip label="How sure UAM is that it read the question as you meant it">
              <Badge
                size="sm"
                variant="dot"
                color={confidence >= 80 ? 'teal' : confidence >= 60 ? 'yellow' : 'orange'}
              >
                {confidence}% confident
              </Badge>
            </Tooltip>
            {turn.planner === 'llm' && (
              <Badge size="sm" variant="light" color="grape">
                planned by the language model
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              version {turn.version} · {turn.durationMs} ms
            </Text>
          </Group>
        </Box>
      </Group>
      <InterpretationChips
        question={turn.question}
        interpretation={turn.interpretation}
        columns={columns}
        onAsk={onAsk}
      />
      {single ? (
        <Text fz={34} fw={700} c="indigo.8" ff="monospace" data-testid="answer-value">
          {formatAnswerValue(turn.rows[0]![0], turn.columns[0]!)}
        </Text>
      ) : (
        <>
          <AnswerChart spec={turn.chart} />
          {turn.rows.length > 0 && (
            <ResultTable columns={turn.columns} rows={turn.rows} truncated={turn.truncated} />
          )}
        </>
      )}
      <Group gap="xs">
        <Button
          size="xs"
          variant={showSql ? 'light' : 'default'}
          leftSection={<IconCode size={14} />}
          onClick={() => setShowSql((s) => !s)}
          data-testid="show-sql"
        >
          {showSql ? 'Hide SQL' : 'Show SQL'}
        </Button>
        {onPin && (
          <Button
            size="xs"
            variant={pinned ? 'light' : 'default'}
            color={pinned ? 'teal' : undefined}
            leftSection={<IconPin size={14} />}
            loading={pinning}
            disabled={pinned}
            onClick={async () => {
              setPinning(true);
              try {
                await onPin(turn);
              } finally {
                setPinning(false);
              }
            }}
            data-testid="pin-answer"
          >
            {pinned ? 'Pinned to report' : 'Pin to report'}
          </Button>
        )}
      </Group>
      <Collapse expanded={showSql}>
        <Code block data-testid="answer-sql" style={{ whiteSpace: 'pre-wrap' }}>
          {turn.sql}
          {turn.params.length > 0 &&
            `\n\n-- parameters\n${turn.params.map((p, i) => `-- $${i + 1} = ${JSON.stringify(p)}`).join('\n')}`}
        </Code>
      </Collapse>
      {latest && turn.followUps.length > 0 && (
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            Next:
          </Text>
          {turn.followUps.map((q) => (
            <Button
              key={q}
              size="compact-sm"
              variant="light"
              radius="xl"
              onClick={() => onAsk(q)}
              data-testid="follow-up"
            >
              {q}
            </Button>
          ))}
        </Group>
      )}
    </Stack>
  );
}

function Clarify({ turn, onAsk }: { turn: AskAnswer; onAsk: (q: string) => void }) {
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color="yellow" radius="xl" size={30}>
          <IconHelp size={17} />
        </ThemeIcon>
        <Box>
          <Text fw={500}>Which did you mean?</Text>
          <Text size="sm" c="dimmed">
            {turn.reason ?? turn.answer}
          </Text>
        </Box>
      </Group>
      <Group gap="xs">
        {(turn.clarification?.choices ?? []).map((c) => (
          <Button
            key={c.label}
            variant="default"
            radius="xl"
            onClick={() => onAsk(c.question)}
            data-testid="clarify-choice"
          >
            {c.label}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}

function Refused({ turn, onAsk }: { turn: AskAnswer; onAsk: (q: string) => void }) {
  return (
    <Stack gap="sm" data-testid="answer-unanswerable">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color="orange" radius="xl" size={30}>
          <IconBan size={17} />
        </ThemeIcon>
        <Box>
          <Text fw={500}>I can’t answer that from this data.</Text>
          <Text size="sm" c="dimmed">
            {turn.reason ?? turn.answer}
          </Text>
        </Box>
      </Group>
      {turn.suggestions.length > 0 && (
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            Try:
          </Text>
          {turn.suggestions.map((q) => (
            <Button key={q} size="compact-sm" variant="light" radius="xl" onClick={() => onAsk(q)}>
              {q}
            </Button>
          ))}
        </Group>
      )}
    </Stack>
  );
}
