import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../packages/server/src/cli/serve.ts';

/**
 * Datasets through a real browser: upload a `;`-separated, decimal-comma CSV with byte and
 * ingest progress, browse it in the virtualised grid (sort, filter, a bad filter, scrolling
 * far), change a column type into a new version, and download it as CSV.
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
const hasChromium = fs.existsSync(CHROMIUM);
const onCi = process.env.CI === 'true';

const ROWS = 2000;
const CATEGORIES = ['books', 'garden', 'toys', 'music', 'kitchen'];
/** Deterministic amounts in cents, distinct enough that sort order is unambiguous at the ends. */
const cents = Array.from({ length: ROWS }, (_, i) => ((i + 1) * 7919) % 100_003);
const amounts = cents.map((c) => c / 100);

/** `id;order_date;category;amount` with decimal commas, e.g. `7;2024-01-07;garden;553,33`. */
function salesCsv(): Buffer {
  const lines = ['id;order_date;category;amount'];
  for (let i = 0; i < ROWS; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + (i % 366) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${i + 1};${day};${CATEGORIES[(i * 7) % 5]};${amounts[i].toFixed(2).replace('.', ',')}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

if (!hasChromium && !onCi) console.warn(`[e2e] skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

describe.skipIf(!hasChromium && !onCi)('Datasets in the browser', () => {
  let dataDir: string;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const rowRequests: URL[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is missing; CI must install the Debian chromium package`);
    buildWebIfStale();
    fs.mkdirSync(SHOTS, { recursive: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uam-e2e-ds-'));
    const template = process.env.UAM_TEST_PGLITE_TEMPLATE;
    if (template && fs.existsSync(template))
      fs.cpSync(template, path.join(dataDir, 'db'), { recursive: true });
    server = await startServer({ env: { UAM_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('request', (req) => {
      if (req.url().includes('/rows?')) rowRequests.push(new URL(req.url()));
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs up and opens a new project', async () => {
    await page.goto(`${server.url}/sign-up`);
    await page.getByTestId('sign-up-name').fill('Dana Datasets');
    await page.getByTestId('sign-up-email').fill('dana@e2e.test');
    await page.getByTestId('sign-up-password').fill('e2e-password-123');
    await page.getByTestId('sign-up-submit').click();
    await page.getByTestId('new-project').click();
    await page.getByTestId('project-name').fill('Datasets e2e');
    await page.getByTestId('project-submit').click();
    await page.getByTestId('project-card').filter({ hasText: 'Datasets e2e' }).click();
    await page.getByTestId('datasets-section').waitFor();
    await page.locator('[data-testid=events-status][data-status=live]').waitFor();
  });

  it('uploads a CSV with forced parse options, showing bytes sent and then the import', async () => {
    await recordUploadStates(page);
    await page.getByTestId('upload-file-input').setInputFiles({
      name: 'sales_2024.csv',
      mimeType: 'text/csv',
      buffer: salesCsv(),
    });
    await page.getByTestId('upload-name').fill('Sales 2024');
    await page.getByTestId('upload-advanced-toggle').click();
    await page.getByTestId('upload-delimiter').selectOption(';');
    await page.getByTestId('upload-decimal-comma').getByText('Yes').click();
    await page.getByTestId('upload-submit').click();

    await page.locator('[data-testid=upload-progress][data-phase=ready]').waitFor({ timeout: 90_000 });
    const seen = await page.evaluate(() => window.__uamUpload);
    expect(seen?.phases).toEqual(expect.arrayContaining(['uploading', 'ready']));
    expect(seen?.bytes.some(([loaded, total]) => total > 0 && loaded === total)).toBe(true);
    expect(await page.getByTestId('upload-ready-summary').textContent()).toContain('2,000 rows');
    await page.screenshot({ path: path.join(SHOTS, 'e2e-datasets-uploaded.png') });

    await page.getByTestId('upload-open-dataset').click();
    await expect.poll(() => page.getByTestId('dataset-title').textContent()).toBe('Sales 2024');
    await expect.poll(() => gridTotal(page)).toBe(ROWS);
  });

  it('sorts by a column on the server when its header is clicked', async () => {
    const header = page.locator('[data-testid=grid-header-cell][data-column=amount]');
    await header.locator('button').click();
    await page.locator('[data-testid=grid-header-cell][data-column=amount][data-sort=asc]').waitFor();
    await expect.poll(() => cellNumber(page, 0, 'amount')).toBe(Math.min(...amounts));
    await header.locator('button').click();
    await page.locator('[data-testid=grid-header-cell][data-column=amount][data-sort=desc]').waitFor();
    await expect.poll(() => cellNumber(page, 0, 'amount')).toBe(Math.max(...amounts));
    expect(rowRequests.at(-1)?.searchParams.get('sort')).toBe('amount:desc');
  });

  it('filters with the expression language and shows a bad filter inline', async () => {
    await page.getByTestId('grid-filter').fill('amount > 500');
    await page.getByTestId('grid-filter-apply').click();
    const expected = amounts.filter((a) => a > 500).length;
    await expect.poll(() => gridTotal(page)).toBe(expected);
    expect(expected).toBeLessThan(ROWS);

    await page.getByTestId('grid-filter').fill('amount >>> 3');
    await page.getByTestId('grid-filter-apply').click();
    await page.getByTestId('grid-filter-error').waitFor();
    expect((await page.getByTestId('grid-filter-error').textContent())?.trim()).not.toBe('');
    expect(await gridTotal(page)).toBe(expected);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-datasets-filter-error.png') });

    await page.getByTestId('grid-filter-clear').click();
    await expect.poll(() => gridTotal(page)).toBe(ROWS);
  });

  it('loads far rows on scroll and keeps only the visible ones in the DOM', async () => {
    await page.getByTestId('data-grid').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const last = page.locator(`[data-testid=grid-row][data-row-index="${ROWS - 1}"][data-loaded=true]`);
    await last.waitFor();
    // Still sorted by amount, descending: the last row holds the smallest amount.
    await expect.poll(() => cellNumber(page, ROWS - 1, 'amount')).toBe(Math.min(...amounts));
    expect(rowRequests.some((u) => Number(u.searchParams.get('offset')) >= ROWS - 200)).toBe(true);
    expect(await page.getByTestId('grid-row').count()).toBeLessThan(100);
  });

  it('changes a column type in Schema, which adds a version with its lineage', async () => {
    await page.getByTestId('tab-schema').click();
    // How the decimal-comma amounts were read is shown beside their type.
    const amountRow = page.locator('[data-testid=schema-row][data-column=amount]');
    expect(await amountRow.getByTestId('schema-format').textContent()).toBe('Read as 1.234,5');
    await page.screenshot({ path: path.join(SHOTS, 'e2e-datasets-schema.png'), fullPage: true });
    const idRow = page.locator('[data-testid=schema-row][data-column=id]');
    await idRow.getByTestId('schema-type-select').selectOption('string');
    await page.getByTestId('schema-apply').click();
    await page.getByTestId('tab-versions').click();
    const v2 = page.locator('[data-testid=version-item][data-number="2"][data-status=ready]');
    await v2.waitFor({ timeout: 60_000 });
    expect(await v2.getByTestId('version-lineage').textContent()).toContain('Schema change of v1');
    await page.screenshot({ path: path.join(SHOTS, 'e2e-datasets-versions.png'), fullPage: true });
  });

  it('downloads the version as CSV through a signed link', async () => {
    const answer = page.waitForResponse(
      (r) => r.url().includes('/download?') && r.request().method() === 'GET',
    );
    await page.getByTestId('download-menu').click();
    await page.getByTestId('download-csv').click();
    const link = (await (await answer).json()) as { url: string; fileName: string };
    expect(link.fileName).toMatch(/\.csv$/);
    const file = await page.request.get(new URL(link.url, server.url).toString());
    expect(file.status()).toBe(200);
    const lines = (await file.text()).trim().split(/\r?\n/);
    expect(lines[0]).toContain('amount');
    expect(lines).toHaveLength(ROWS + 1);
  });

  it('finds the dataset from the header search', async () => {
    await page.getByTestId('global-search').fill('Sales');
    await page.getByTestId('global-search-hit').first().click();
    await expect.poll(() => page.getByTestId('dataset-title').textContent()).toBe('Sales 2024');
    expect(pageErrors).toEqual([]);
  });
});

declare global {
  interface Window {
    __uamUpload?: { phases: string[]; bytes: [number, number][] };
  }
}

/** Records the upload panel's phases and byte counts as they render. */
async function recordUploadStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = { phases: [] as string[], bytes: [] as [number, number][] };
    window.__uamUpload = seen;
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid=upload-progress]');
      const phase = el?.getAttribute('data-phase');
      if (phase && seen.phases.at(-1) !== phase) seen.phases.push(phase);
      if (phase === 'uploading') {
        seen.bytes.push([Number(el?.getAttribute('data-loaded')), Number(el?.getAttribute('data-total'))]);
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

async function gridTotal(page: Page): Promise<number | null> {
  const total = await page.getByTestId('grid-total').getAttribute('data-total');
  return total === null ? null : Number(total);
}

/** The number shown in a column of a rendered grid row (or NaN while it loads). */
async function cellNumber(page: Page, rowIndex: number, column: string): Promise<number> {
  const names = await page
    .getByTestId('grid-header-cell')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-column')));
  const row = page.locator(`[data-testid=grid-row][data-row-index="${rowIndex}"][data-loaded=true]`);
  if ((await row.count()) === 0) return Number.NaN;
  return Number.parseFloat(
    (await row.getByTestId('grid-cell').nth(names.indexOf(column)).textContent()) ?? '',
  );
}

/** Builds packages/web when dist/ is missing or older than its sources (as platform.e2e does). */
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
