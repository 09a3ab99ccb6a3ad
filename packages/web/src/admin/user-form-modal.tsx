import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import type { PlatformRole, User } from '../api/types.ts';
import { useApi } from '../app-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ROLE_OPTIONS } from './roles.ts';

interface UserFormModalProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (user: User) => void;
}

/** An admin adds a user to the organization with an initial password. */
export function UserFormModal({ opened, onClose, onCreated }: UserFormModalProps) {
  const api = useApi();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<PlatformRole>('analyst');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setName('');
    setEmail('');
    setPassword('');
    setRole('analyst');
    setError(null);
  }, [opened]);

  const valid = name.trim() && email.trim() && password.length >= 8;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      const { user } = await api.users.create({ name: name.trim(), email: email.trim(), password, role });
      onCreated(user);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Add user" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert error={error} />
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            data-autofocus
          />
          <TextInput
            label="Email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            required
          />
          <PasswordInput
            label="Initial password"
            description="At least 8 characters; share it with the user privately"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="new-password"
            required
          />
          <Select
            label="Role"
            data={ROLE_OPTIONS}
            value={role}
            onChange={(value) => value && setRole(value as PlatformRole)}
            allowDeselect={false}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!valid} data-testid="user-form-submit">
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
