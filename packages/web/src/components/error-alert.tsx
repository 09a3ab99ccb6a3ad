import { Alert, Text } from '@mantine/core';
import { ApiError } from '../api/client.ts';
import { IconAlert } from './icons.tsx';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  onClose?: () => void;
  testId?: string;
}

/** Shows an API (or any) error with the server's message and, quietly, its code. */
export function ErrorAlert({ error, title, onClose, testId = 'error-alert' }: ErrorAlertProps) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlert />}
      title={title}
      withCloseButton={Boolean(onClose)}
      onClose={onClose}
      data-testid={testId}
      role="alert"
    >
      <Text size="sm">{message}</Text>
      {code && (
        <Text size="xs" c="dimmed" mt={4} ff="monospace">
          {code}
        </Text>
      )}
    </Alert>
  );
}
