import { Box, Group, Text, Tooltip } from '@mantine/core';
import { useEventsStatus } from '../api/live-events.tsx';

const LABELS = {
  idle: { text: 'Offline', color: 'gray', hint: 'Not connected to live updates' },
  connecting: { text: 'Connecting', color: 'yellow', hint: 'Connecting to live updates' },
  live: { text: 'Live', color: 'teal', hint: 'Job progress updates arrive in real time' },
  reconnecting: { text: 'Reconnecting', color: 'orange', hint: 'Lost the live connection; retrying' },
} as const;

/** A dot telling whether the WebSocket event stream is connected. */
export function LiveIndicator() {
  const status = useEventsStatus();
  const label = LABELS[status];
  return (
    <Tooltip label={label.hint} withArrow>
      <Group gap={6} wrap="nowrap" data-testid="events-status" data-status={status} aria-live="polite">
        <Box w={8} h={8} style={{ borderRadius: 8 }} bg={`var(--mantine-color-${label.color}-6)`} />
        <Text size="xs" c="dimmed" visibleFrom="xs">
          {label.text}
        </Text>
      </Group>
    </Tooltip>
  );
}
