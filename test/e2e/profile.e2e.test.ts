import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../packages/server/src/cli/serve.ts';

/**
 * Automated EDA through a real browser: an uploaded file is profiled on its own (score,
 * alerts, column cards), a cleaning recipe previews live and applies as a new version, and
 * the drift tab compares the two versions.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB = path.join(ROOT, 'packages/web');
const SHOTS = path.join(ROOT, '.test-tmp');
const hasChromium = fs.existsSync(CHROMIUM);
const onCi = process.env.CI === 'true';

/** 500 orders: a skewed amount with a -999 sentinel, a region with gaps, dates, a constant, repeats. */
function ordersCsv(): Buffer {
  const lines = ['order_id,order_date,region,amount,channel,quantity'];
  const regions = ['North', 'South', 'East', 'West'];
  for (let i = 1; i <= 500; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + (i % 180) * 86_400_000).toISOString().slice(0, 10);
    const region = i % 7 === 0 ? '' : regions[(i * 3) % 4];
    const amount = i % 50 === 0 ? -999 : Math.round(Math.exp((i % 37) / 8) * 100) / 100;
    lines.push(`${i},${day},${region},${amount},web,${(i % 5) + 1}`);
  }
  for (let i = 1; i <= 10; i++) lines.push(lines[i]!);
  return Buffer.from(`${lines.join('\n')}\n`);
}

if (!hasChromium && !onCi) console.warn(`[e2e] skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

describe.skipIf(!hasChromium && !onCi)('Profiles, cleaning and drift in the browser', () => {
  let dataDir: string;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebIfStale();
    fs.mkdirSync(SHOTS, { recursive: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uam-e2e-eda-'));
    const template = process.env.UAM_TEST_PGLITE_TEMPLATE;
    if (template && fs.existsSync(template))
      fs.cpSync(template, path.join(dataDir, 'db'), { recursive: true });
    server = await startServer({ env: { UAM_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('uploads a file and shows its profile: score, alerts, columns', async () => {
    await page.goto(`${server.url}/sign-up`);
    await page.getByTestId('sign-up-name').fill('Pat Profile');
    await page.getByTestId('sign-up-email').fill('pat@e2e.test');
    await page.getByTestId('sign-up-password').fill('e2e-password-123');
    await page.getByTestId('sign-up-submit').click();
    await page.getByTestId('new-project').click();
    await page.getByTestId('project-name').fill('EDA e2e');
    await page.getByTestId('project-submit').click();
    await page.getByTestId('project-card').filter({ hasText: 'EDA e2e' }).click();
    await page.getByTestId('datasets-section').waitFor();
    await page.getByTestId('upload-file-input').setInputFiles({
      name: 'orders.csv',
      mimeType: 'text/csv',
      buffer: ordersCsv(),
    });
    await page.getByTestId('upload-submit').click();
    await page.locator('[data-testid=upload-progress][data-phase=ready]').waitFor({ timeout: 90_000 });
    await page.getByTestId('upload-open-dataset').click();

    await page.getByTestId('tab-profile').click();
    await page.getByTestId('quality-score').waitFor({ timeout: 90_000 });
    const score = Number(await page.getByTestId('quality-score').textContent());
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(100);
    const alerts = await page.getByTestId('alert').allTextContents();
    expect(alerts.some((a) => /duplicate/i.test(a))).toBe(true);
    expect(await page.locator('[data-testid=alert][data-severity=warning]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('column-card').count()).toBe(6);
    await page
      .locator('[data-testid=column-card][data-column=amount] [data-testid=chart-histogram]')
      .waitFor();
    expect((await page.getByTestId('insights').textContent())?.length).toBeGreaterThan(20);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-profile.png'), fullPage: true });
  });

  it('previews a cleaning recipe live and applies it as a new version', async () => {
    await page.getByTestId('tab-clean').click();
    await page.getByTestId('clean-suggest').click();
    await page.getByTestId('recipe-step').first().waitFor();
    await page.getByTestId('clean-add-step').click();
    await page.getByTestId('add-filter').click();
    // The suggestion drops duplicates (510 → 500 rows) and the constant `channel`; keep quantity > 1.
    await page.getByTestId('recipe-step-params').last().fill('{ "expression": "quantity > 1" }');
    await page.getByTestId('clean-preview').waitFor({ timeout: 30_000 });
    await expect.poll(async () => page.getByTestId('preview-rows').textContent()).toMatch(/510 → 400 rows/);
    const header = await page.getByTestId('preview-table').locator('th').allTextContents();
    expect(header.some((h) => h.startsWith('channel'))).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-clean-preview.png'), fullPage: true });

    await page.getByTestId('clean-apply').click();
    await expect
      .poll(async () => page.getByTestId('version-select').inputValue(), { timeout: 90_000 })
      .toBe('2');
  });

  it('compares the two versions in the drift tab', async () => {
    await page.getByTestId('tab-drift').click();
    await page.getByTestId('drift-verdict').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('drift-row').count()).toBeGreaterThan(2);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-drift.png'), fullPage: true });

    await page.getByTestId('tab-profile').click();
    await page.getByTestId('quality-score').waitFor({ timeout: 90_000 });
    await page.getByTestId('profile-target').selectOption('region');
    await page.getByTestId('profile-rerun').click();
    await page.getByTestId('target-section').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('target-section').textContent()).toContain('classification');
    await page.screenshot({ path: path.join(SHOTS, 'e2e-profile-v2.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});

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
