import { ActionIcon, Badge, Group, Paper, Text, Textarea } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconX } from '../components/data-icons.tsx';
import { type DraftStep, opLabel } from './recipe-steps.ts';

interface StepCardProps {
  index: number;
  step: DraftStep;
  /** Why the step is wrong (its JSON, or the server's check), if it is. */
  problem: string | null;
  last: boolean;
  onChange(text: string): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

/** One recipe step: its operation and its parameters as editable JSON. */
export function StepCard({ index, step, problem, last, onChange, onMove, onRemove }: StepCardProps) {
  return (
    <Paper withBorder radius="md" p="xs" data-testid="recipe-step" data-op={step.op}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <Badge variant="filled" size="sm" circle>
            {index + 1}
          </Badge>
          <Text size="sm" fw={600}>
            {opLabel(step.op)}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {step.op}
          </Text>
        </Group>
        <Group gap={2} wrap="nowrap">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label="Move up"
          >
            <IconArrowUp size={14} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            disabled={last}
            onClick={() => onMove(1)}
            aria-label="Move down"
          >
            <IconArrowDown size={14} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red" size="sm" onClick={onRemove} aria-label="Remove step">
            <IconX size={14} />
          </ActionIcon>
        </Group>
      </Group>
      {step.comment && (
        <Text size="xs" c="dimmed" mb={4} lineClamp={2}>
          {step.comment}
        </Text>
      )}
      <Textarea
        value={step.text}
        onChange={(e) => onChange(e.currentTarget.value)}
        autosize
        minRows={1}
        maxRows={10}
        spellCheck={false}
        error={problem ?? undefined}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        data-testid="recipe-step-params"
      />
    </Paper>
  );
}
