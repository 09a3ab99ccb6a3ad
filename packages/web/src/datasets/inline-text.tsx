import { ActionIcon, Group, Textarea, TextInput, Tooltip } from '@mantine/core';
import { type KeyboardEvent, type ReactNode, useState } from 'react';
import { IconPencil } from '../components/data-icons.tsx';

interface InlineTextProps {
  value: string;
  /** Saves the new value; a rejection keeps the editor open with the error. */
  onSave: (value: string) => Promise<void>;
  /** How the value reads when not editing. */
  children: ReactNode;
  label: string;
  multiline?: boolean;
  required?: boolean;
  disabled?: boolean;
  testId: string;
}

/** Text shown as-is with a pencil; click it to edit in place (Enter saves, Escape cancels). */
export function InlineText({
  value,
  onSave,
  children,
  label,
  multiline,
  required,
  disabled,
  testId,
}: InlineTextProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(): Promise<void> {
    if (draft === null || saving) return;
    const next = draft.trim();
    if (next === value.trim()) return setDraft(null);
    if (required && !next) return setError(`${label} cannot be empty`);
    setSaving(true);
    try {
      await onSave(next);
      setDraft(null);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  }

  function key(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      setDraft(null);
      setError(null);
    } else if (event.key === 'Enter' && (!multiline || event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      void save();
    }
  }

  if (draft === null) {
    return (
      <Group gap={4} wrap="nowrap" align="center" className="uam-inline-text">
        {children}
        {!disabled && (
          <Tooltip label={`Edit ${label.toLowerCase()}`} withArrow>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              onClick={() => setDraft(value)}
              aria-label={`Edit ${label.toLowerCase()}`}
              data-testid={`${testId}-edit`}
            >
              <IconPencil size={14} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    );
  }

  const common = {
    value: draft,
    onChange: (e: { currentTarget: { value: string } }) => setDraft(e.currentTarget.value),
    onKeyDown: key,
    onBlur: () => void save(),
    error,
    disabled: saving,
    autoFocus: true,
    'aria-label': label,
    'data-testid': `${testId}-input`,
  };
  return multiline ? (
    <Textarea
      {...common}
      autosize
      minRows={2}
      maxRows={6}
      maxLength={5000}
      placeholder="Ctrl+Enter to save"
    />
  ) : (
    <TextInput {...common} size="md" maxLength={200} />
  );
}
