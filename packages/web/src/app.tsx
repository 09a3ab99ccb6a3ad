import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { AdminPage } from './admin/admin-page.tsx';
import { LiveEventsProvider } from './api/live-events.tsx';
import { useApi, useServices, useSession } from './app-context.tsx';
import { SignInPage } from './auth/sign-in-page.tsx';
import { SignUpPage } from './auth/sign-up-page.tsx';
import { DatasetPage } from './datasets/dataset-page.tsx';
import { JobsPage } from './jobs/jobs-page.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { ModelPage } from './models/model-page.tsx';
import { TrainPage } from './models/train-page.tsx';
import { ProjectPage } from './projects/project-page.tsx';
import { ProjectsPage } from './projects/projects-page.tsx';
import { matchPath, navigate, usePath } from './router.tsx';
import { SearchPage } from './search/search-page.tsx';
import { SettingsPage } from './settings/settings-page.tsx';

const PUBLIC_PATHS = ['/sign-in', '/sign-up'];

/** Top-level routing: public auth pages when signed out, the app shell when signed in. */
export function App() {
  const session = useSession();
  const path = usePath();

  if (!session) {
    if (path === '/sign-up') return <SignUpPage />;
    if (path === '/sign-in') return <SignInPage />;
    const next = path === '/' ? '' : `?next=${encodeURIComponent(path)}`;
    return <Redirect to={`/sign-in${next}`} />;
  }
  if (path === '/' || PUBLIC_PATHS.includes(path)) return <Redirect to={safeNext() ?? '/projects'} />;

  return (
    <LiveEventsProvider>
      <RefreshUser />
      <AppLayout>{route(path, session.user.role === 'admin')}</AppLayout>
    </LiveEventsProvider>
  );
}

function route(path: string, isAdmin: boolean): ReactNode {
  if (path === '/projects') return <ProjectsPage />;
  const project = matchPath('/projects/:id', path);
  if (project) return <ProjectPage key={project.id} projectId={project.id} />;
  const trainModel = matchPath('/projects/:pid/models/new', path);
  if (trainModel) return <TrainPage key={trainModel.pid} projectId={trainModel.pid} />;
  const model = matchPath('/projects/:pid/models/:id', path);
  if (model) return <ModelPage key={model.id} projectId={model.pid} modelId={model.id} />;
  const dataset = matchPath('/projects/:pid/datasets/:id', path);
  if (dataset) return <DatasetPage key={dataset.id} projectId={dataset.pid} datasetId={dataset.id} />;
  if (path === '/search') return <SearchPage />;
  if (path === '/jobs') return <JobsPage />;
  if (path === '/settings') return <SettingsPage />;
  if (path === '/admin') return isAdmin ? <AdminPage /> : <NotFound title="Admins only" />;
  return <NotFound title="Page not found" />;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

/** Re-reads the signed-in user once per load: an admin may have changed their role meanwhile. */
function RefreshUser() {
  const api = useApi();
  const { session } = useServices();
  useEffect(() => {
    api.auth.me().then(
      ({ user }) => session.setUser(user),
      () => undefined,
    );
  }, [api, session]);
  return null;
}

/** The `?next=` path to return to after sign-in, if it is a same-origin app path. */
function safeNext(): string | null {
  const next = new URLSearchParams(window.location.search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') && !PUBLIC_PATHS.includes(next) ? next : null;
}

function NotFound({ title }: { title: string }) {
  return (
    <Center py={80}>
      <Stack align="center" gap="xs">
        <Title order={3}>{title}</Title>
        <Text c="dimmed" size="sm">
          There is nothing for you at this address.
        </Text>
        <Button variant="light" mt="sm" onClick={() => navigate('/projects')}>
          Go to projects
        </Button>
      </Stack>
    </Center>
  );
}
