import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useApi, useServices } from '../app-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Link } from '../router.tsx';
import { AuthLayout } from './auth-layout.tsx';

const MIN_PASSWORD = 8;

export function SignUpPage() {
  const api = useApi();
  const { session } = useServices();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const emailError = touched && !/^\S+@\S+\.\S+$/.test(email.trim()) ? 'Enter a valid email address' : null;
  const passwordError =
    touched && password.length < MIN_PASSWORD ? `Use at least ${MIN_PASSWORD} characters` : null;
  const nameError = touched && !name.trim() ? 'Enter your name' : null;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setTouched(true);
    if (!name.trim() || !/^\S+@\S+\.\S+$/.test(email.trim()) || password.length < MIN_PASSWORD) return;
    setBusy(true);
    setError(null);
    try {
      // Signing in re-renders <App>, which leaves the auth page for `?next=` or /projects.
      session.signIn(await api.auth.register({ name: name.trim(), email: email.trim(), password }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <AuthLayout
      title="Create your account"
      subtitle="The first account on a new server becomes its administrator."
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} href="/sign-in" fw={500} data-testid="go-sign-in">
            Sign in
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert error={error} testId="auth-error" />
          <TextInput
            label="Name"
            autoComplete="name"
            placeholder="Ada Lovelace"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameError}
            required
            data-testid="sign-up-name"
          />
          <TextInput
            label="Work email"
            type="email"
            autoComplete="email"
            placeholder="you@company.com"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={emailError}
            required
            data-testid="sign-up-email"
          />
          <PasswordInput
            label="Password"
            description={`At least ${MIN_PASSWORD} characters`}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={passwordError}
            required
            data-testid="sign-up-password"
          />
          <Button type="submit" loading={busy} fullWidth data-testid="sign-up-submit">
            Create account
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
