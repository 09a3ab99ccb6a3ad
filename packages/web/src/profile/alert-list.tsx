import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { Alert, Severity } from '../api/profile-types.ts';

const SEVERITY: Record<Severity, { color: string; label: string }> = {
  critical: { color: 'red', label: 'Critical' },
  warning: { color: 'orange', label: 'Warning' },
  info: { color: 'blue', label: 'Info' },
};

function evidenceText(v: unknown): string {
  if (Array.isArray(v)) return v.map(evidenceText).join(', ');
  if (typeof v === 'number')
    return Number.isInteger(v) ? v.toLocaleString('en-US') : String(Number(v.toPrecision(4)));
  return String(v);
}

/** Alerts, most severe first, each with its evidence. */
export function AlertList({ alerts }: { alerts: Alert[] }) {
  if (alerts.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="alerts-empty">
        No alerts: nothing unusual was found.
      </Text>
    );
  }
  return (
    <Stack gap={6} data-testid="alert-list">
      {alerts.map((a, i) => (
        <Paper
          // biome-ignore lint/suspicious/noArrayIndexKey: alerts have no id; their order is stable.
          key={i}
          withBorder
          radius="sm"
          p="xs"
          data-testid="alert"
          data-severity={a.severity}
          style={{ borderLeft: `3px solid var(--mantine-color-${SEVERITY[a.severity].color}-6)` }}
        >
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Badge color={SEVERITY[a.severity].color} variant="light" size="sm" miw={72}>
              {SEVERITY[a.severity].label}
            </Badge>
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
              <Text size="sm">{a.message}</Text>
              <Group gap={6}>
                <Badge variant="outline" color="gray" size="xs">
                  {a.type.replaceAll('_', ' ')}
                </Badge>
                {Object.entries(a.evidence)
                  .slice(0, 5)
                  .map(([k, v]) => (
                    <Text key={k} size="xs" c="dimmed">
                      {k}: <b>{evidenceText(v).slice(0, 60)}</b>
                    </Text>
                  ))}
              </Group>
            </Stack>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
