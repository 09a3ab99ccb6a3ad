import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload, waitJob } from '../support/datasets.ts';
import { createTestApp, PASSWORD, type Session, type TestApp } from '../support/test-app.ts';

/**
 * Models through the API on embedded parts: train (job in a worker thread) → metrics and
 * curves → predict → list/delete, every bad-input case as a typed error, and access control.
 */
let t: TestApp;
let owner: Session;
let viewer: Session; // a project viewer
let outsider: Session; // an admin of another organization
let projectId: string;
const ids: Record<string, string> = {};

const DATA = '/work/shared/data';

async function uploadReady(fileName: string, content: string | Buffer): Promise<string> {
  const r = await upload(t, owner.accessToken, `/api/v1/projects/${projectId}/datasets`, {
    fileName,
    content,
  });
  expect(r.statusCode, r.body).toBe(202);
  const job = await waitJob(t, r.json().job.id);
  expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
  return r.json().dataset.id as string;
}

const call = (method: string, url: string, body?: unknown, s: Session = owner) =>
  t.call(method as 'GET', url, { token: s.accessToken, ...(body === undefined ? {} : { body }) });

async function train(body: Record<string, unknown>, s: Session = owner) {
  return call('POST', '/api/v1/models/train', { projectId, ...body }, s);
}

/** Train, wait for the job, and return the model as GET /models/:id answers. */
async function trainReady(body: Record<string, unknown>) {
  const r = await train(body);
  expect(r.statusCode, r.body).toBe(202);
  const { model, job } = r.json();
  expect(model.status).toBe('training');
  const done = await waitJob(t, job.id, 120_000);
  expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
  const g = await call('GET', `/api/v1/models/${model.id}`);
  expect(g.statusCode, g.body).toBe(200);
  return g.json().model;
}

function voteRows(n: number): Record<string, string | null>[] {
  const [header, ...lines] = fs.readFileSync(`${DATA}/vote.csv`, 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.slice(0, n).map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(
      names.slice(0, -1).map((name, j) => [name, cells[j] === '' ? null : cells[j]!]),
    );
  });
}

function csv(header: string[], rows: (string | number)[][]): string {
  return `${[header.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`;
}

beforeAll(async () => {
  t = await createTestApp({ UAM_WORKER_THREADS: '1', UAM_ENGINE_THREADS: '1' });
  owner = await t.signUp('owner@m.test');
  await t.signUp('vic@m.test');
  viewer = await t.login('vic@m.test');
  const p = await call('POST', '/api/v1/projects', { name: 'Models' });
  projectId = p.json().project.id;
  const m = await call('POST', `/api/v1/projects/${projectId}/members`, {
    email: 'vic@m.test',
    role: 'viewer',
  });
  expect(m.statusCode, m.body).toBe(201);
  const orgId = crypto.randomUUID();
  await t.platform.database.db.insertInto('organizations').values({ id: orgId, name: 'Org B' }).execute();
  await t.platform.services.auth.createUser({
    email: 'eve@b.test',
    name: 'Eve',
    password: PASSWORD,
    orgId,
    role: 'admin',
  });
  outsider = await t.login('eve@b.test');

  ids.vote = await uploadReady('vote.csv', fs.readFileSync(`${DATA}/vote.csv`));
  ids.cpu = await uploadReady('cpu.csv', fs.readFileSync(`${DATA}/cpu.csv`));
  const rows = Array.from({ length: 40 }, (_, i) => [
    i,
    (i * 7) % 13,
    'same',
    '',
    i % 2 ? 'x' : 'y',
    (i * 5) % 3 === 0 ? 1 : 0,
  ]);
  ids.bad = await uploadReady('bad.csv', csv(['id', 'f', 'one', 'empty', 'label', 'flag'], rows));
  ids.oneRow = await uploadReady('one.csv', csv(['a', 'b'], [[1, 2]]));
}, 120_000);
afterAll(async () => t?.close());

describe('training and predicting', () => {
  it('trains a GBDT classifier with holdout metrics, curves and importance', async () => {
    const model = await trainReady({ datasetId: ids.vote, target: 'Class', algorithm: 'gbdt' });
    ids.gbdt = model.id;
    expect(model).toMatchObject({ status: 'ready', task: 'classification', target: 'Class', version: 1 });
    expect(model.metrics.rocAuc).toBeGreaterThan(0.95);
    expect(model.metrics.accuracy).toBeGreaterThan(0.9);
    expect(model.metrics.primary).toMatchObject({ name: 'rocAuc' });
    expect(model.metrics.rows.test).toBe(87);
    expect(model.report.classes).toEqual(['democrat', 'republican']);
    const cm = model.report.confusionMatrix as number[][];
    expect(cm.flat().reduce((a, b) => a + b, 0)).toBe(87);
    expect(model.report.roc.fpr.length).toBe(model.report.roc.tpr.length);
    expect(model.report.pr.recall.length).toBeGreaterThan(1);
    expect(model.report.calibration.probPred.length).toBeGreaterThan(0);
    expect(model.report.featureImportance[0].feature).toBe('physician-fee-freeze');
    expect(model.report.history.iterations.length).toBeGreaterThan(5);
    expect(model.artifactBytes).toBeGreaterThan(100);
  });

  it('reports iterations and losses as live job progress', async () => {
    const lines = ['a,b,c,y'];
    for (let i = 0; i < 4000; i++) {
      const a = Math.sin(i * 1.7);
      const b = Math.cos(i * 0.37);
      lines.push(`${a.toFixed(5)},${b.toFixed(5)},k${i % 9},${a + b * b > 0.4 ? 'yes' : 'no'}`);
    }
    const datasetId = await uploadReady('curve.csv', `${lines.join('\n')}\n`);
    const messages: string[] = [];
    const stop = t.platform.bus.subscribe((m) => {
      if (m.kind === 'job.updated' && m.job.type === 'model.train' && m.job.message)
        messages.push(m.job.message);
    });
    try {
      const model = await trainReady({
        datasetId,
        target: 'y',
        algorithm: 'gbdt',
        params: { maxIter: 400, learningRate: 0.05, maxLeaves: 63, earlyStopping: true, nIterNoChange: 1000 },
      });
      expect(model.report.history.iterations).toHaveLength(400);
      expect(model.report.history.iterations[399].validationLoss).toBeGreaterThan(0);
    } finally {
      stop();
    }
    const iterations = messages.filter((m) =>
      /iteration \d+\/400 · train loss [\d.]+ · validation loss [\d.]+/.test(m),
    );
    expect(iterations.length, messages.join('\n')).toBeGreaterThan(0);
  }, 120_000);

  it('predicts one entry per row, in order, with probabilities summing to 1', async () => {
    const rows = [...voteRows(6), {}, { 'physician-fee-freeze': 'y', unknownColumn: 3 }];
    const r = await call('POST', `/api/v1/models/${ids.gbdt}/predict`, { rows });
    expect(r.statusCode, r.body).toBe(200);
    const { predictions, ignoredColumns } = r.json();
    expect(predictions).toHaveLength(rows.length);
    for (const p of predictions) {
      expect(['democrat', 'republican']).toContain(p.prediction);
      const sum = Object.values(p.probabilities as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 9);
    }
    // The file's first rows: republican, republican, democrat, democrat, democrat, democrat.
    expect(predictions.slice(0, 6).map((p: { prediction: string }) => p.prediction)).toEqual([
      'republican',
      'republican',
      'democrat',
      'democrat',
      'democrat',
      'democrat',
    ]);
    expect(ignoredColumns).toEqual(['unknownColumn']);
    // Single-row requests agree with the batch (order does not leak between rows).
    const one = await call('POST', `/api/v1/models/${ids.gbdt}/predict`, { rows: [rows[2]] });
    expect(one.json().predictions[0].probabilities).toEqual(predictions[2].probabilities);
  });

  it('trains logistic regression with the preprocessing pipeline', async () => {
    const model = await trainReady({
      datasetId: ids.vote,
      target: 'Class',
      algorithm: 'logistic_regression',
    });
    ids.lr = model.id;
    expect(model.metrics.rocAuc).toBeGreaterThan(0.95);
    expect(model.report.featureImportance.length).toBeGreaterThan(0);
    const r = await call('POST', `/api/v1/models/${model.id}/predict`, { rows: voteRows(3) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().predictions).toHaveLength(3);
  });

  it('infers regression for a numeric target and reports RMSE and R²', async () => {
    const model = await trainReady({ datasetId: ids.cpu, target: 'class', algorithm: 'random_forest' });
    expect(model.task).toBe('regression');
    expect(model.metrics.primary.name).toBe('rmse');
    expect(model.metrics.r2).toBeGreaterThan(0.5);
    expect(model.report.scatter.actual.length).toBe(model.metrics.rows.test);
    const r = await call('POST', `/api/v1/models/${model.id}/predict`, {
      rows: [{ MYCT: 125, MMIN: 256, MMAX: 6000, CACH: 256, CHMIN: 16, CHMAX: 128 }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(typeof r.json().predictions[0].prediction).toBe('number');
    const bad = await call('POST', `/api/v1/models/${model.id}/predict`, { rows: [{ MYCT: 'fast' }] });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.code).toBe('MODEL_INPUT_INVALID');
  });

  it('infers classification for an integer target with few values', async () => {
    const model = await trainReady({ datasetId: ids.bad, target: 'flag', algorithm: 'logistic_regression' });
    expect(model.task).toBe('classification');
    expect(model.report.classes).toEqual(['0', '1']);
    const reg = await trainReady({ datasetId: ids.bad, target: 'id', algorithm: 'gbdt' });
    expect(reg.task).toBe('regression');
  });

  it('cross-validates when asked to', async () => {
    const model = await trainReady({
      datasetId: ids.vote,
      target: 'Class',
      algorithm: 'naive_bayes',
      validation: { kind: 'kfold', folds: 3 },
    });
    expect(model.metrics.rows.test).toBe(435);
    expect(model.metrics.validation).toEqual({ kind: 'kfold', folds: 3 });
    expect(model.metrics.rocAuc).toBeGreaterThan(0.9);
  });

  it('clusters without a target', async () => {
    const model = await trainReady({ datasetId: ids.cpu, algorithm: 'kmeans', params: { k: 3 } });
    expect(model).toMatchObject({ task: 'clustering', target: null });
    expect(model.report.clusterSizes.reduce((a: number, b: number) => a + b, 0)).toBe(209);
    const r = await call('POST', `/api/v1/models/${model.id}/predict`, {
      rows: [{ MYCT: 125, MMIN: 256, MMAX: 6000, CACH: 256, CHMIN: 16, CHMAX: 128, class: 198 }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect([0, 1, 2]).toContain(r.json().predictions[0].prediction);
  });

  it('scores anomalies with an isolation forest', async () => {
    const model = await trainReady({ datasetId: ids.cpu, algorithm: 'isolation_forest' });
    expect(model.task).toBe('anomaly');
    const r = await call('POST', `/api/v1/models/${model.id}/predict`, { rows: [{ MYCT: 125 }] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().predictions[0].score).toBeGreaterThan(0);
  });

  it('lists models in the project and as project artifacts', async () => {
    const r = await call('GET', `/api/v1/projects/${projectId}/models`);
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as Array<{ id: string; report?: unknown }>;
    expect(items.map((m) => m.id)).toContain(ids.gbdt);
    expect(items[0]!.report).toBeUndefined();
    const a = await call('GET', `/api/v1/projects/${projectId}/artifacts?type=model`);
    expect(a.json().items.map((m: { id: string }) => m.id)).toContain(ids.gbdt);
  });
});

describe('bad input', () => {
  const cases: Array<[string, () => Record<string, unknown>, number, string]> = [
    [
      'a target not in the data',
      () => ({ datasetId: ids.vote, target: 'nope', algorithm: 'gbdt' }),
      400,
      'MODEL_TARGET_NOT_FOUND',
    ],
    [
      'a target with one class',
      () => ({ datasetId: ids.bad, target: 'one', algorithm: 'gbdt' }),
      422,
      'MODEL_TARGET_ONE_CLASS',
    ],
    [
      'an all-missing target',
      () => ({ datasetId: ids.bad, target: 'empty', algorithm: 'gbdt' }),
      422,
      'MODEL_TARGET_ALL_MISSING',
    ],
    [
      'a string target for regression',
      () => ({ datasetId: ids.vote, target: 'Class', task: 'regression', algorithm: 'gbdt' }),
      422,
      'MODEL_TARGET_NOT_NUMERIC',
    ],
    [
      'a 1-row dataset',
      () => ({ datasetId: ids.oneRow, target: 'b', algorithm: 'gbdt' }),
      422,
      'MODEL_TOO_FEW_ROWS',
    ],
    [
      'a 1-row dataset without a target',
      () => ({ datasetId: ids.oneRow, algorithm: 'kmeans' }),
      422,
      'MODEL_TOO_FEW_ROWS',
    ],
    [
      'a classifier-only algorithm for regression',
      () => ({ datasetId: ids.cpu, target: 'class', task: 'regression', algorithm: 'logistic_regression' }),
      400,
      'MODEL_ALGORITHM_TASK',
    ],
    [
      'a supervised algorithm without a target',
      () => ({ datasetId: ids.vote, algorithm: 'gbdt' }),
      400,
      'MODEL_TARGET_REQUIRED',
    ],
    [
      'an unsupervised algorithm with a target',
      () => ({ datasetId: ids.vote, target: 'Class', algorithm: 'pca' }),
      400,
      'MODEL_ALGORITHM_TASK',
    ],
    [
      'an unknown algorithm',
      () => ({ datasetId: ids.vote, target: 'Class', algorithm: 'xgboost' }),
      400,
      'VALIDATION_ERROR',
    ],
  ];
  for (const [what, body, status, code] of cases) {
    it(`answers ${code} for ${what}`, async () => {
      const r = await train(body());
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json().error.code).toBe(code);
    });
  }

  it('fails the job with MODEL_BAD_PARAM for an unknown or out-of-range parameter', async () => {
    for (const params of [{ maxIter: -1 }, { leaves: 3 }]) {
      const r = await train({ datasetId: ids.vote, target: 'Class', algorithm: 'gbdt', params });
      expect(r.statusCode, r.body).toBe(202);
      const job = await waitJob(t, r.json().job.id);
      expect(job.status).toBe('failed');
      expect(job.error?.code).toBe('MODEL_BAD_PARAM');
      const m = await call('GET', `/api/v1/models/${r.json().model.id}`);
      expect(m.json().model).toMatchObject({ status: 'failed', error: { code: 'MODEL_BAD_PARAM' } });
      const p = await call('POST', `/api/v1/models/${r.json().model.id}/predict`, { rows: [{}] });
      expect(p.json().error.code).toBe('MODEL_NOT_READY');
    }
  });

  it('drops all-null feature columns with a warning and trains on the rest', async () => {
    const model = await trainReady({ datasetId: ids.bad, target: 'label', algorithm: 'decision_tree' });
    expect(model.features).not.toContain('empty');
    expect(model.warnings.map((w: { code: string }) => w.code)).toContain('MODEL_EMPTY_FEATURES_DROPPED');
    // A category never seen in training is predicted, not refused.
    const r = await call('POST', `/api/v1/models/${model.id}/predict`, {
      rows: [{ id: 3, f: 8, one: 'unseen' }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(['x', 'y']).toContain(r.json().predictions[0].prediction);
  });

  it('trains through constant features, 10,000 categories and infinite values', async () => {
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 10_000; i++) {
      const x = i % 97 === 0 ? (i % 2 ? 'inf' : '-inf') : ((i * 7919) % 1000) / 100;
      rows.push([x, 1, `id${i}`, `g${i % 4}`, (i * 7919) % 1000 > 500 || i % 4 === 0 ? 'a' : 'b']);
    }
    const datasetId = await uploadReady(
      'wide-cats.csv',
      csv(['x', 'constant', 'code', 'group', 'label'], rows),
    );
    for (const algorithm of ['gbdt', 'logistic_regression', 'naive_bayes']) {
      const model = await trainReady({ datasetId, target: 'label', algorithm });
      expect(model.status).toBe('ready');
      expect(model.metrics.accuracy, algorithm).toBeGreaterThan(0.7);
      // The 10,000 distinct codes name rows: left out, and said so.
      expect(model.features).not.toContain('code');
      expect(model.warnings.map((w: { code: string }) => w.code)).toContain('MODEL_ID_LIKE_DROPPED');
    }
  }, 180_000);

  it('leaves out a name column that would wreck tree models (cars: Name)', async () => {
    // y depends on x only; each row has its own name. Trees splitting on the name fit training
    // perfectly and then meet only unseen names.
    const rows = Array.from({ length: 300 }, (_, i) => {
      const x = (i * 37) % 100;
      return [`car ${i}`, x, (i * 13) % 7, 3 * x + ((i * 7) % 5)];
    });
    const datasetId = await uploadReady('named.csv', csv(['name', 'x', 'noise', 'y'], rows));
    for (const algorithm of ['random_forest', 'decision_tree', 'extra_trees']) {
      const model = await trainReady({ datasetId, target: 'y', algorithm });
      expect(model.features, algorithm).toEqual(['x', 'noise']);
      expect(model.metrics.r2, algorithm).toBeGreaterThan(0.9);
    }
  }, 120_000);

  it('trains with more features than rows', async () => {
    const header = [...Array.from({ length: 40 }, (_, j) => `f${j}`), 'y'];
    const rows = Array.from({ length: 16 }, (_, i) => [
      ...Array.from({ length: 40 }, (_, j) => Math.sin(i * 13 + j * 7).toFixed(4)),
      i % 2 ? 'p' : 'q',
    ]);
    const datasetId = await uploadReady('tall.csv', csv(header, rows));
    const model = await trainReady({ datasetId, target: 'y', algorithm: 'logistic_regression' });
    expect(model.metrics.rows).toEqual({ train: 12, test: 4 });
  });

  it('refuses more rows than the per-request cap and non-scalar cells', async () => {
    const many = await call('POST', `/api/v1/models/${ids.gbdt}/predict`, {
      rows: Array.from({ length: 1001 }, () => ({})),
    });
    expect(many.statusCode).toBe(400);
    const word = await call('POST', `/api/v1/models/${ids.gbdt}/predict`, { rows: [{ crime: 'maybe' }] });
    expect(word.statusCode, word.body).toBe(400);
    expect(word.json().error).toMatchObject({ code: 'MODEL_INPUT_INVALID', details: { column: 'crime' } });
    const obj = await call('POST', `/api/v1/models/${ids.gbdt}/predict`, { rows: [{ crime: { a: 1 } }] });
    expect(obj.statusCode, obj.body).toBe(400);
    expect(obj.json().error.code).toBe('MODEL_INPUT_INVALID');
  });
});

describe('access', () => {
  it('lets a project viewer read and predict but not train or delete', async () => {
    const r = await train({ datasetId: ids.vote, target: 'Class', algorithm: 'gbdt' }, viewer);
    expect(r.statusCode, r.body).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
    expect((await call('GET', `/api/v1/models/${ids.gbdt}`, undefined, viewer)).statusCode).toBe(200);
    const p = await call('POST', `/api/v1/models/${ids.gbdt}/predict`, { rows: voteRows(1) }, viewer);
    expect(p.statusCode, p.body).toBe(200);
    expect((await call('DELETE', `/api/v1/models/${ids.gbdt}`, undefined, viewer)).statusCode).toBe(403);
  });

  it('hides models and datasets of other organizations (404)', async () => {
    const g = await call('GET', `/api/v1/models/${ids.gbdt}`, undefined, outsider);
    expect(g.statusCode).toBe(404);
    expect(g.json().error.code).toBe('MODEL_NOT_FOUND');
    const p = await call('POST', `/api/v1/models/${ids.gbdt}/predict`, { rows: [{}] }, outsider);
    expect(p.statusCode).toBe(404);
    const tr = await train({ datasetId: ids.vote, target: 'Class', algorithm: 'gbdt' }, outsider);
    expect(tr.statusCode).toBe(404);
    expect((await call('GET', `/api/v1/projects/${projectId}/models`, undefined, outsider)).statusCode).toBe(
      404,
    );
  });

  it('deletes a model and its artifact, with an audit entry', async () => {
    const model = await call('GET', `/api/v1/models/${ids.lr}`);
    const key = `projects/${projectId}/datasets/${ids.vote}/models/${ids.lr}/artifact.json`;
    expect(await t.platform.storage.exists(key)).toBe(true);
    const d = await call('DELETE', `/api/v1/models/${ids.lr}`);
    expect(d.statusCode, d.body).toBe(204);
    expect((await call('GET', `/api/v1/models/${ids.lr}`)).statusCode).toBe(404);
    expect((await call('POST', `/api/v1/models/${ids.lr}/predict`, { rows: [{}] })).statusCode).toBe(404);
    expect(model.statusCode).toBe(200);
    expect(await t.platform.storage.exists(key)).toBe(false);
    const audit = await t.platform.database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'outcome'])
      .where('action', 'in', ['model.train', 'model.delete'])
      .execute();
    expect(audit).toContainEqual({ action: 'model.delete', target_id: ids.lr, outcome: 'success' });
    expect(audit.some((a) => a.action === 'model.train' && a.outcome === 'success')).toBe(true);
  });
});
