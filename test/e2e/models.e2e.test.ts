import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../packages/server/src/cli/serve.ts';

/**
 * Models through a real browser: upload a dataset, train a GBDT from the project page's train
 * form (dataset, target from its schema, algorithm), watch the training job, read the metrics
 * and charts on the model page, and try a prediction.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB = path.join(ROOT, 'packages/web');
const SHOTS = path.join(ROOT, '.test-tmp');
const VOTE = '/work/shared/data/vote.csv';
const hasChromium = fs.existsSync(CHROMIUM);
const onCi = process.env.CI === 'true';

if (!hasChromium && !onCi) console.warn(`[e2e] skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

describe.skipIf(!hasChromium && !onCi)('Models in the browser', () => {
  let dataDir: string;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let projectUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is missing; CI must install the Debian chromium package`);
    buildWebIfStale();
    fs.mkdirSync(SHOTS, { recursive: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uam-e2e-ml-'));
    const template = process.env.UAM_TEST_PGLITE_TEMPLATE;
    if (template && fs.existsSync(template))
      fs.cpSync(template, path.join(dataDir, 'db'), { recursive: true });
    server = await startServer({ env: { UAM_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs up, opens a project and uploads a dataset', async () => {
    await page.goto(`${server.url}/sign-up`);
    await page.getByTestId('sign-up-name').fill('Mia Models');
    await page.getByTestId('sign-up-email').fill('mia@e2e.test');
    await page.getByTestId('sign-up-password').fill('e2e-password-123');
    await page.getByTestId('sign-up-submit').click();
    await page.getByTestId('new-project').click();
    await page.getByTestId('project-name').fill('Models e2e');
    await page.getByTestId('project-submit').click();
    await page.getByTestId('project-card').filter({ hasText: 'Models e2e' }).click();
    await page.getByTestId('models-empty').waitFor();
    projectUrl = page.url();
    await page.getByTestId('upload-file-input').setInputFiles({
      name: 'vote.csv',
      mimeType: 'text/csv',
      buffer: fs.readFileSync(VOTE),
    });
    await page.getByTestId('upload-submit').click();
    await page.locator('[data-testid=upload-progress][data-phase=ready]').waitFor({ timeout: 90_000 });
  });

  it('trains a model from the form and watches it finish', async () => {
    await page.getByTestId('train-model').click();
    await page.getByTestId('train-dataset').selectOption({ label: 'vote' });
    // The target list fills from the dataset's schema.
    await page.locator('[data-testid=train-target] option[value=Class]').waitFor({ state: 'attached' });
    await page.getByTestId('train-target').selectOption('Class');
    await page.getByTestId('train-algorithm').selectOption('gbdt');
    await page.getByTestId('train-params').fill('{"maxIter": 60}');
    await page.screenshot({ path: path.join(SHOTS, 'e2e-models-train-form.png') });
    await page.getByTestId('train-submit').click();
    await page.getByTestId('model-title').waitFor();
    await page
      .locator('[data-testid=model-status]')
      .filter({ hasText: 'ready' })
      .waitFor({ timeout: 120_000 });
  });

  it('shows metrics, curves, the confusion matrix and feature importance', async () => {
    const auc = page.locator('[data-testid=model-metrics] [data-metric=rocAuc] td').nth(1);
    await expect.poll(async () => Number(await auc.textContent())).toBeGreaterThan(0.95);
    await page.getByTestId('roc-chart').waitFor();
    expect(await page.locator('[data-testid=roc-chart] path[data-series=ROC]').getAttribute('d')).toMatch(
      /^M/,
    );
    await page.getByTestId('pr-chart').waitFor();
    await page.getByTestId('history-chart').waitFor();
    await page.getByTestId('confusion-matrix').waitFor();
    expect(await page.getByTestId('confusion-matrix').textContent()).toContain('republican');
    expect(await page.getByTestId('importance-chart').textContent()).toContain('physician-fee-freeze');
    await page.screenshot({ path: path.join(SHOTS, 'e2e-models-model-page.png'), fullPage: true });
  });

  it('tries a prediction', async () => {
    await page
      .getByTestId('predict-input')
      .fill(
        JSON.stringify([
          { 'physician-fee-freeze': 'y', 'el-salvador-aid': 'y' },
          { 'physician-fee-freeze': 'n' },
        ]),
      );
    await page.getByTestId('predict-submit').click();
    await page.getByTestId('predict-result').waitFor();
    const predictions = await page.getByTestId('prediction').allTextContents();
    expect(predictions).toEqual(['republican', 'democrat']);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-models-prediction.png'), fullPage: true });
  });

  it('lists the model with its key metric on the project page', async () => {
    await page.goto(projectUrl);
    const row = page.locator('[data-testid=model-row][data-status=ready]');
    await row.waitFor();
    expect(await row.getByTestId('model-key-metric').textContent()).toMatch(/ROC AUC 0\.9\d+/);
    await page.getByTestId('models-section').screenshot({ path: path.join(SHOTS, 'e2e-models-section.png') });
    expect(pageErrors).toEqual([]);
  });
});

/** Builds packages/web when dist/ is missing or older than its sources (as the other e2e tests do). */
function buildWebIfStale(): void {
  const index = path.join(WEB, 'dist', 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built > 0 && newestMtime([path.join(WEB, 'src'), path.join(WEB, 'index.html')]) <= built) return;
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB, stdio: 'inherit' });
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    const stat = fs.statSync(p);
    if (!stat.isDirectory()) newest = Math.max(newest, stat.mtimeMs);
    else newest = Math.max(newest, newestMtime(fs.readdirSync(p).map((name) => path.join(p, name))));
  }
  return newest;
}
