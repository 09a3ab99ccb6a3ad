import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useApi, useServices } from '../app-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Link } from '../router.tsx';
import { AuthLayout } from './auth-layout.tsx';

export function SignInPage() {
  const api = useApi();
  const { session } = useServices();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Signing in re-renders <App>, which leaves the auth page for `?next=` or /projects.
      session.signIn(await api.auth.login({ email: email.trim(), password }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <AuthLayout
      title="Sign in"
      subtitle="Welcome back. Sign in to your workspace."
      footer={
        <>
          New to UAM?{' '}
          <Anchor component={Link} href="/sign-up" fw={500} data-testid="go-sign-up">
            Create an account
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert error={error} testId="auth-error" />
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            placeholder="you@company.com"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            required
            data-testid="sign-in-email"
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
            data-testid="sign-in-password"
          />
          <Button
            type="submit"
            loading={busy}
            disabled={!email || !password}
            fullWidth
            data-testid="sign-in-submit"
          >
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
