import {
  Alert,
  Button,
  Group,
  Loader,
  Menu,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { RecipeTemplate } from '../api/profile-types.ts';
import type { Job } from '../api/types.ts';
import { useApi } from '../app-context.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { IconPlus } from '../components/icons.tsx';
import { jobError } from '../datasets/use-upload.ts';
import { isFinished, useJob } from '../jobs/use-job.ts';
import { useResource } from '../lib/use-resource.ts';
import { IconWand } from '../profile/profile-icons.tsx';
import { PreviewPanel } from './preview-panel.tsx';
import { type DraftStep, draftOf, newDraft, STEP_OPS, toRecipe } from './recipe-steps.ts';
import { StepCard } from './step-card.tsx';
import { useRecipePreview } from './use-recipe-preview.ts';

interface CleanTabProps {
  projectId: string;
  datasetId: string;
  version: number;
  canEdit: boolean;
  onNewVersion(number: number): void;
}

/** The cleaning builder: steps on the left, a live preview on the right, apply as a new version. */
export function CleanTab({ projectId, datasetId, version, canEdit, onNewVersion }: CleanTabProps) {
  const api = useApi();
  const schema = useResource(() => api.datasets.version(datasetId, version), [api, datasetId, version]);
  const templates = useResource(() => api.eda.recipes(projectId), [api, projectId]);
  const columns = useMemo(() => (schema.data?.version.schema ?? []).map((c) => c.name), [schema.data]);
  const [steps, setSteps] = useState<DraftStep[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [applied, setApplied] = useState<{ job: Job; number: number } | null>(null);
  const [templateName, setTemplateName] = useState('');
  const job = useJob(applied?.job.id ?? null, applied?.job ?? null);
  const built = useMemo(() => toRecipe(steps), [steps]);
  const {
    preview,
    error: previewError,
    loading: previewing,
  } = useRecipePreview(datasetId, version, 'recipe' in built ? built.recipe : null);
  // The server names the failing step of a recipe (details.step, 0-based).
  const failedStep =
    previewError instanceof ApiError && typeof previewError.details.step === 'number'
      ? previewError.details.step
      : null;

  useEffect(() => {
    if (!applied || !job || !isFinished(job)) return;
    if (job.status === 'succeeded') onNewVersion(applied.number);
    else setError(jobError(job));
    setApplied(null);
  }, [applied, job, onNewVersion]);

  const update = (i: number, patch: Partial<DraftStep> | null) =>
    setSteps((s) =>
      patch === null ? s.filter((_, j) => j !== i) : s.map((x, j) => (j === i ? { ...x, ...patch } : x)),
    );
  const move = (i: number, delta: -1 | 1) =>
    setSteps((s) => {
      const next = [...s];
      const [x] = next.splice(i, 1);
      next.splice(i + delta, 0, x!);
      return next;
    });

  const suggest = async () => {
    setError(null);
    try {
      const r = await api.eda.propose(datasetId, version);
      setSteps(r.recipe.steps.map(draftOf));
    } catch (e) {
      setError(e);
    }
  };
  const apply = async () => {
    if (!('recipe' in built)) return;
    setError(null);
    try {
      const r = await api.eda.apply(datasetId, { recipe: built.recipe, version });
      if (r.job) setApplied({ job: r.job, number: r.version.number });
      else onNewVersion(r.version.number);
    } catch (e) {
      setError(e);
    }
  };
  const save = async () => {
    if (!('recipe' in built) || !templateName.trim()) return;
    try {
      await api.eda.saveRecipe(projectId, { name: templateName.trim(), recipe: built.recipe });
      setTemplateName('');
      await templates.reload();
    } catch (e) {
      setError(e);
    }
  };
  const load = (t: RecipeTemplate) => setSteps(t.recipe.steps.map(draftOf));

  if (!canEdit) {
    return (
      <Alert color="gray" data-testid="clean-readonly">
        Cleaning writes a new version: ask a project editor or owner.
      </Alert>
    );
  }
  const progress = Math.min(1, Math.max(0, job?.progress ?? 0));
  return (
    <Stack gap="md" data-testid="clean-tab">
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" style={{ gridTemplateColumns: undefined }}>
        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={600}>Recipe · from version {version}</Text>
            <Group gap="xs">
              <Button
                size="xs"
                variant="light"
                leftSection={<IconWand size={14} />}
                onClick={suggest}
                data-testid="clean-suggest"
              >
                Suggest from profile
              </Button>
              <Menu shadow="md" width={240} position="bottom-end">
                <Menu.Target>
                  <Button size="xs" leftSection={<IconPlus size={14} />} data-testid="clean-add-step">
                    Add step
                  </Button>
                </Menu.Target>
                <Menu.Dropdown mah={360} style={{ overflowY: 'auto' }}>
                  {STEP_OPS.map((o) => (
                    <Menu.Item
                      key={o.op}
                      onClick={() => setSteps((s) => [...s, newDraft(o.op, columns[0] ?? 'column')])}
                      data-testid={`add-${o.op}`}
                    >
                      {o.label}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            </Group>
          </Group>
          {columns.length > 0 && (
            <Text size="xs" c="dimmed" data-testid="clean-columns">
              Columns of v{version}: {columns.join(', ')}
            </Text>
          )}
          {steps.length === 0 && (
            <Paper withBorder radius="md" p="lg">
              <Text size="sm" c="dimmed" ta="center">
                Add steps, start from the profile's suggestions, or load a saved recipe.
              </Text>
            </Paper>
          )}
          {steps.map((s, i) => (
            <StepCard
              key={s.key}
              index={i}
              step={s}
              last={i === steps.length - 1}
              problem={
                'invalid' in built && built.invalid === i
                  ? 'Not a JSON object'
                  : failedStep === i
                    ? 'The preview failed at this step'
                    : null
              }
              onChange={(text) => update(i, { text })}
              onMove={(d) => move(i, d)}
              onRemove={() => update(i, null)}
            />
          ))}
          <Group justify="space-between" mt="xs">
            <Group gap="xs">
              <TextInput
                size="xs"
                placeholder="Template name"
                value={templateName}
                onChange={(e) => setTemplateName(e.currentTarget.value)}
                w={160}
              />
              <Button
                size="xs"
                variant="default"
                onClick={save}
                disabled={!templateName.trim() || steps.length === 0}
              >
                Save template
              </Button>
              {(templates.data?.items.length ?? 0) > 0 && (
                <Menu shadow="md" width={240}>
                  <Menu.Target>
                    <Button size="xs" variant="subtle">
                      Load template
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {templates.data!.items.map((t) => (
                      <Menu.Item key={t.id} onClick={() => load(t)}>
                        {t.name}
                      </Menu.Item>
                    ))}
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
            <Button
              onClick={apply}
              disabled={
                steps.length === 0 || !('recipe' in built) || Boolean(previewError) || applied !== null
              }
              loading={applied !== null}
              data-testid="clean-apply"
            >
              Apply as new version
            </Button>
          </Group>
          {applied && (
            <Paper withBorder radius="md" p="sm" data-testid="clean-job">
              <Text size="sm" fw={600}>
                Writing version {applied.number}…
              </Text>
              <Progress value={Math.max(2, progress * 100)} striped animated size="sm" radius="xl" my={6} />
              <Text size="xs" c="dimmed">
                {job?.message ?? 'Queued'} · {Math.round(progress * 100)}%
              </Text>
            </Paper>
          )}
        </Stack>
        <Stack gap="sm">
          <Group gap="xs">
            <Text fw={600}>Preview</Text>
            {previewing && <Loader size="xs" />}
            <Text size="xs" c="dimmed">
              first 100 rows · nothing is written
            </Text>
          </Group>
          {'invalid' in built && <Alert color="orange">{built.message}</Alert>}
          <ErrorAlert error={previewError} title="The recipe cannot run" />
          {preview && !previewError ? (
            <PreviewPanel preview={preview} />
          ) : (
            !previewError && (
              <Paper withBorder radius="md" p="lg">
                <Text size="sm" c="dimmed" ta="center">
                  The result of the recipe appears here as you edit it.
                </Text>
              </Paper>
            )
          )}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
