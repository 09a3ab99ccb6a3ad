import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../packages/server/src/cli/serve.ts';

/**
 * "Ask your data" in a real browser: open a dataset's Ask tab, start from a suggested
 * question, ask one with the keyboard, read the sentence, chart and table, show the SQL,
 * answer a clarification with a button, follow up, see a refusal, and pin an answer.
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

const REGIONS = ['North', 'South', 'East', 'West'];
const PRODUCTS = ['Laptop', 'Phone', 'Tablet'];
interface Row {
  region: string;
  product: string;
  month: string;
  list_price: number;
  sale_price: number;
  revenue: number;
}
const ROWS: Row[] = Array.from({ length: 360 }, (_, i) => {
  const list = 200 + ((i * 37) % 300);
  const sale = list - ((i * 13) % 60);
  const units = 1 + ((i * 7) % 9);
  return {
    region: REGIONS[i % 4]!,
    product: PRODUCTS[(i * 5) % 3]!,
    month: new Date(Date.UTC(2024, i % 12, 1 + (i % 27))).toISOString().slice(0, 10),
    list_price: list,
    sale_price: sale,
    revenue: units * sale,
  };
});
const CSV = `order_date,region,product,list_price,sale_price,revenue\n${ROWS.map(
  (r) => `${r.month},${r.region},${r.product},${r.list_price},${r.sale_price},${r.revenue}`,
).join('\n')}\n`;
const totalBy = (key: 'region' | 'product') => {
  const m = new Map<string, number>();
  for (const r of ROWS) m.set(r[key], (m.get(r[key]) ?? 0) + r.revenue);
  return m;
};

if (!hasChromium && !onCi) console.warn(`[e2e] skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

describe.skipIf(!hasChromium && !onCi)('Ask your data in the browser', () => {
  let dataDir: string;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let datasetUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is missing; CI must install the Debian chromium package`);
    buildWebIfStale();
    fs.mkdirSync(SHOTS, { recursive: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uam-e2e-ask-'));
    const template = process.env.UAM_TEST_PGLITE_TEMPLATE;
    if (template && fs.existsSync(template))
      fs.cpSync(template, path.join(dataDir, 'db'), { recursive: true });
    server = await startServer({ env: { UAM_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' } });
    datasetUrl = await seedDataset(server.url);
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

  it('signs in and opens the Ask tab with suggested questions', async () => {
    await page.goto(`${server.url}/sign-in`);
    await page.getByTestId('sign-in-email').fill('ada@e2e.test');
    await page.getByTestId('sign-in-password').fill('e2e-password-123');
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await page.goto(`${server.url}${datasetUrl}`);
    await page.getByTestId('tab-ask').click();
    await page.getByTestId('ask-suggestion').first().waitFor();
    expect(await page.getByTestId('ask-suggestion').count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-ask-empty.png') });
  });

  it('answers a question with a sentence, a chart, the exact table and the SQL', async () => {
    await page.getByTestId('ask-input').fill('What is the total revenue by region?');
    await page.getByTestId('ask-input').press('Enter');
    const turn = page.locator('[data-testid=ask-turn][data-status=answered]').last();
    await turn.waitFor();
    expect(await turn.getByTestId('answer-sentence').textContent()).toMatch(/revenue/i);
    await turn.locator('[data-testid=answer-chart] svg rect').first().waitFor();
    expect(await turn.locator('[data-testid=answer-chart] svg rect').count()).toBe(4);
    const cells = await turn
      .locator('[data-testid=answer-table] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    const expected = totalBy('region');
    expect(cells).toHaveLength(4);
    for (const [region, value] of cells) {
      expect(Number(value!.replace(/,/g, ''))).toBeCloseTo(expected.get(region!)!, 6);
    }
    expect(await turn.getByTestId('interpretation-chip').count()).toBeGreaterThan(0);
    await turn.getByTestId('show-sql').click();
    await expect.poll(() => turn.getByTestId('answer-sql').textContent()).toMatch(/SELECT[\s\S]*GROUP BY/i);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-ask-answer.png'), fullPage: true });
  });

  it('re-asks with a corrected mapping picked from an interpretation chip', async () => {
    const before = await page.getByTestId('ask-turn').count();
    const turn = page.getByTestId('ask-turn').last();
    await turn.getByTestId('interpretation-chip').filter({ hasText: 'revenue' }).first().click();
    await page.getByTestId('interpretation-alternative').filter({ hasText: 'sale_price' }).click();
    await expect.poll(() => page.getByTestId('ask-turn').count()).toBe(before + 1);
    const next = page.getByTestId('ask-turn').last();
    expect(await next.getByTestId('ask-question').textContent()).toBe(
      'What is the total sale_price by region?',
    );
    await expect.poll(() => next.getAttribute('data-status')).toBe('answered');
    const north = ROWS.filter((r) => r.region === 'North').reduce((s, r) => s + r.sale_price, 0);
    const cells = await next
      .locator('[data-testid=answer-table] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    const got = cells.find(([region]) => region === 'North');
    expect(Number(got![1]!.replace(/,/g, ''))).toBe(north);
  });

  it('follows up from a suggestion button in the same conversation', async () => {
    const before = await page.getByTestId('ask-turn').count();
    const followUp = page.getByTestId('follow-up').first();
    const text = await followUp.textContent();
    await followUp.click();
    await expect.poll(() => page.getByTestId('ask-turn').count()).toBe(before + 1);
    const turn = page.getByTestId('ask-turn').last();
    await expect.poll(() => turn.getAttribute('data-status')).toBe('answered');
    expect(await turn.getByTestId('ask-question').textContent()).toBe(text);
  });

  it('asks which column was meant and takes the answer from a button', async () => {
    await page.getByTestId('ask-input').fill('average price');
    await page.getByTestId('ask-submit').click();
    const clarify = page.locator('[data-testid=ask-turn][data-status=clarify]').last();
    await clarify.waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'e2e-ask-clarify.png') });
    await clarify.getByTestId('clarify-choice').filter({ hasText: 'sale_price' }).click();
    const answer = page.getByTestId('ask-turn').last();
    await expect.poll(() => answer.getAttribute('data-status')).toBe('answered');
    const mean = ROWS.reduce((s, r) => s + r.sale_price, 0) / ROWS.length;
    const shown = await answer.getByTestId('answer-value').textContent();
    expect(Number(shown!.replace(/,/g, ''))).toBeCloseTo(mean, 2);
  });

  it('says so when the data cannot answer, and pins an answer for reports', async () => {
    await page.getByTestId('ask-input').fill('What is the weather on Mars?');
    await page.getByTestId('ask-submit').click();
    await page.locator('[data-testid=ask-turn][data-status=unanswerable]').last().waitFor();

    await page.getByTestId('ask-input').fill('total revenue by product as a pie chart');
    await page.getByTestId('ask-submit').click();
    await expect.poll(() => page.getByTestId('ask-turn').last().getAttribute('data-status')).toBe('answered');
    const turn = page.getByTestId('ask-turn').last();
    await turn.getByTestId('answer-chart').waitFor();
    await turn.getByTestId('pin-answer').click();
    await expect.poll(() => turn.getByTestId('pin-answer').textContent()).toMatch(/Pinned/);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-ask-pinned.png'), fullPage: true });
  });

  it('keeps the conversation across a reload, starts a new one, and reopens the earlier one', async () => {
    const count = await page.getByTestId('ask-turn').count();
    await page.reload();
    await page.getByTestId('tab-ask').click();
    await expect.poll(() => page.getByTestId('ask-turn').count()).toBe(count);
    await page.getByTestId('ask-new-conversation').click();
    await page.getByTestId('ask-suggestion').first().waitFor();
    expect(await page.getByTestId('ask-turn').count()).toBe(0);
    await page.getByTestId('ask-history').click();
    await page.getByRole('menuitem').filter({ hasText: 'What is the total revenue by region?' }).click();
    await expect.poll(() => page.getByTestId('ask-turn').count()).toBe(count);
    expect(pageErrors).toEqual([]);
  });
});

/** An account, a project and a ready dataset, through the API; returns the dataset's page path. */
async function seedDataset(base: string): Promise<string> {
  const json = async (r: Response) => {
    if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
    return r.json();
  };
  const auth = await json(
    await fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@e2e.test', password: 'e2e-password-123', name: 'Ada Ask' }),
    }),
  );
  const headers = { authorization: `Bearer ${auth.accessToken}` };
  const { project } = await json(
    await fetch(`${base}/api/v1/projects`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ask e2e' }),
    }),
  );
  const form = new FormData();
  form.append('file', new Blob([CSV], { type: 'text/csv' }), 'orders.csv');
  const up = await json(
    await fetch(`${base}/api/v1/projects/${project.id}/datasets`, { method: 'POST', headers, body: form }),
  );
  for (let i = 0; i < 300; i++) {
    const { job } = await json(await fetch(`${base}/api/v1/jobs/${up.job.id}`, { headers }));
    if (job.status === 'succeeded') return `/projects/${project.id}/datasets/${up.dataset.id}`;
    if (job.status === 'failed' || job.status === 'cancelled') throw new Error(`ingest ${job.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('ingest did not finish');
}

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
