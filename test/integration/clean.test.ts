import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitJob } from '../support/datasets.ts';
import { readyProfile, uploadCsv } from '../support/profiles.ts';
import { createTestApp, type Session, type TestApp } from '../support/test-app.ts';

/**
 * Cleaning through the API: preview (rows + diff, nothing written), apply (a clean job makes
 * a new version with parent + recipe in its lineage, then profiled), auto proposals from the
 * profile, saved templates, typed errors for bad recipes, and role checks.
 */
let t: TestApp;
let owner: Session;
let viewer: Session;
let projectId: string;
let datasetId: string;

/** 30 rows; `score` has the sentinel -999 on rows 5 and 10; `city` has untrimmed values. */
function csv(): string {
  const lines = ['id,score,city'];
  for (let i = 1; i <= 30; i++) {
    const score = i % 5 === 0 && i <= 10 ? -999 : i;
    lines.push(`${i},${score},${i % 2 ? ' Paris' : 'Lyon'}`);
  }
  return `${lines.join('\n')}\n`;
}

const clean = (body: unknown, s: Session = owner) =>
  t.call('POST', `/api/v1/datasets/${datasetId}/clean`, { token: s.accessToken, body });

const recipe = {
  steps: [
    { op: 'replace_placeholders', columns: ['score'], values: [-999] },
    { op: 'impute', column: 'score', strategy: 'constant', value: 0 },
    { op: 'text', columns: ['city'], trim: true, case: 'upper' },
    { op: 'filter', expression: 'id <= 20' },
    { op: 'rename_columns', renames: [{ from: 'city', to: 'town' }] },
  ],
};

beforeAll(async () => {
  t = await createTestApp({ UAM_WORKER_THREADS: '1', UAM_ENGINE_THREADS: '2' });
  owner = await t.signUp('owner@c.test');
  await t.signUp('val@c.test');
  viewer = await t.login('val@c.test');
  const p = await t.call('POST', '/api/v1/projects', { token: owner.accessToken, body: { name: 'Clean' } });
  projectId = p.json().project.id;
  await t.call('POST', `/api/v1/projects/${projectId}/members`, {
    token: owner.accessToken,
    body: { email: 'val@c.test', role: 'viewer' },
  });
  ({ datasetId } = await uploadCsv(t, owner, projectId, csv(), 'scores.csv'));
});
afterAll(async () => t?.close());

describe('cleaning recipes', () => {
  it('previews the first rows and a diff without writing a version', async () => {
    const r = await clean({ recipe, preview: true });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.mode).toBe('preview');
    expect(body.sourceVersion).toBe(1);
    const { columns, rows, diff } = body.preview;
    expect(columns.map((c: { name: string }) => c.name)).toEqual(['id', 'score', 'town']);
    expect(rows).toHaveLength(20);
    // Previews answer DuckDB's JSON: BIGINT values as strings.
    expect(rows[0].map(String)).toEqual(['1', '1', 'PARIS']);
    expect(Number(rows[4][1])).toBe(0);
    expect(diff).toMatchObject({ rowsBefore: 30, rowsAfter: 20, rowsRemoved: 10 });
    expect(diff.columnsRenamed).toEqual([{ from: 'city', to: 'town' }]);
    const versions = await t.call('GET', `/api/v1/datasets/${datasetId}/versions`, {
      token: owner.accessToken,
    });
    expect(versions.json().items).toHaveLength(1);
  });

  it('answers a typed 400 for bad recipes, with the engine message and path', async () => {
    const shape = await clean({
      recipe: { steps: [{ op: 'impute', column: 'score', strategy: 'constant' }] },
    });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().error.code).toBe('RECIPE_INVALID');
    expect(shape.json().error.message).toMatch(/needs a value/);
    expect(shape.json().error.details.issues[0].path).toBe('steps.0');

    const column = await clean({
      recipe: { steps: [{ op: 'drop_columns', columns: ['nope'] }] },
      preview: true,
    });
    expect(column.statusCode).toBe(400);
    expect(['RECIPE_INVALID', 'COLUMN_NOT_FOUND']).toContain(column.json().error.code);
    expect(column.json().error.message).toMatch(/nope/);

    const expr = await clean({
      recipe: { steps: [{ op: 'filter', expression: 'id >>> 2' }] },
      preview: true,
    });
    expect(expr.statusCode).toBe(400);
    expect(['RECIPE_INVALID', 'FILTER_SYNTAX']).toContain(expr.json().error.code);

    const neither = await clean({ preview: true });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.code).toBe('VALIDATION_ERROR');
  });

  it('does not let a viewer clean', async () => {
    const r = await clean({ recipe }, viewer);
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
  });

  it('applies a recipe as a new version with its lineage, then profiles it', async () => {
    const r = await clean({ recipe });
    expect(r.statusCode, r.body).toBe(202);
    const body = r.json();
    expect(body.mode).toBe('apply');
    expect(body.version).toMatchObject({ number: 2, status: 'pending' });
    expect(body.job.type).toBe('dataset.clean');
    const job = await waitJob(t, body.job.id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');

    const v = await t.call('GET', `/api/v1/datasets/${datasetId}/versions/2`, { token: owner.accessToken });
    const version = v.json().version;
    expect(version).toMatchObject({ status: 'ready', rowCount: 20, columnCount: 3 });
    expect(version.lineage.kind).toBe('clean');
    const v1 = await t.call('GET', `/api/v1/datasets/${datasetId}/versions/1`, { token: owner.accessToken });
    expect(version.lineage.parentVersionId).toBe(v1.json().version.id);
    expect(version.lineage.recipe.steps).toHaveLength(5);
    expect(version.stats.clean.rowsRemoved).toBe(10);

    const rows = await t.call('GET', `/api/v1/datasets/${datasetId}/rows?limit=3`, {
      token: owner.accessToken,
    });
    expect(rows.json().version).toBe(2);
    expect(rows.json().rows[0]).toEqual([1, 1, 'PARIS']);

    const { result } = await readyProfile(t, owner, datasetId, 2);
    expect(result.dataset.rows).toBe(20);
    const score = result.columns.find((c) => c.name === 'score')!;
    expect(score.numeric!.min).toBe(0);

    const again = await clean({ recipe, version: 1 });
    expect(again.statusCode).toBe(200);
    expect(again.json().duplicateOf).toBe(version.id);
  });

  it('proposes a recipe from the alerts without applying it', async () => {
    await readyProfile(t, owner, datasetId, 1);
    const r = await clean({ auto: true, version: 1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().mode).toBe('auto');
    const steps = r.json().recipe.steps as Array<{ op: string; columns?: string[] }>;
    expect(steps.some((s) => s.op === 'replace_placeholders' && s.columns?.includes('score'))).toBe(true);
    const preview = await clean({ recipe: r.json().recipe, version: 1, preview: true });
    expect(preview.statusCode, preview.body).toBe(200);
    const versions = await t.call('GET', `/api/v1/datasets/${datasetId}/versions`, {
      token: owner.accessToken,
    });
    expect(versions.json().items).toHaveLength(2);
  });

  it('saves recipe templates and applies one by id', async () => {
    const bad = await t.call('POST', `/api/v1/projects/${projectId}/recipes`, {
      token: owner.accessToken,
      body: { name: 'Broken', recipe: { steps: [{ op: 'explode' }] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('RECIPE_INVALID');
    const denied = await t.call('POST', `/api/v1/projects/${projectId}/recipes`, {
      token: viewer.accessToken,
      body: { name: 'Mine', recipe },
    });
    expect(denied.statusCode).toBe(403);

    const c = await t.call('POST', `/api/v1/projects/${projectId}/recipes`, {
      token: owner.accessToken,
      body: {
        name: 'Drop ids',
        description: 'no identifiers',
        recipe: { steps: [{ op: 'drop_columns', columns: ['id'] }] },
      },
    });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().recipe.id;
    const list = await t.call('GET', `/api/v1/projects/${projectId}/recipes`, { token: viewer.accessToken });
    expect(list.json().items.map((i: { name: string }) => i.name)).toEqual(['Drop ids']);

    const r = await clean({ recipeId: id, version: 1 });
    expect(r.statusCode, r.body).toBe(202);
    const job = await waitJob(t, r.json().job.id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const v = await t.call('GET', `/api/v1/datasets/${datasetId}/versions/3`, { token: owner.accessToken });
    expect(v.json().version.schema.map((s: { name: string }) => s.name)).toEqual(['score', 'city']);

    const missing = await clean({ recipeId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('RECIPE_NOT_FOUND');
    const del = await t.call('DELETE', `/api/v1/recipes/${id}`, { token: owner.accessToken });
    expect(del.statusCode).toBe(204);
    const gone = await t.call('GET', `/api/v1/recipes/${id}`, { token: owner.accessToken });
    expect(gone.statusCode).toBe(404);
  });

  it('records cleaning in the audit log', async () => {
    const rows = await t.platform.database.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'status_code'])
      .where('action', '=', 'dataset.clean')
      .execute();
    expect(rows.some((r) => r.outcome === 'success' && r.status_code === 202)).toBe(true);
    expect(rows.some((r) => r.status_code === 403)).toBe(true);
  });
});
