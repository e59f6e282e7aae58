/**
 * The public dataset page on the real app and database: three documents seeded, two guest
 * volunteers (through the API) type the same values so every record is verified, the admin
 * publishes a release; then a visitor filters, sorts, opens a record's provenance, sees the
 * charts and the release, and downloads the current view as CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { TestClient } from '../support/client.js';
import { startApp, type RunningApp } from './support/app.js';
import { seriousViolations } from './support/axe.js';
import { DESKTOP, PHONE, launchBrowser, newContext } from './support/browser.js';
import { ADMIN, ADMIN_ENV, seedProject, type TypedValues } from './support/seed.js';

const SLUG = 'gastos-demo';
const FILES = [
  'rendicion-concejo-2023-11.pdf', // total 1.587.026,87
  'rendicion-legislatura-2024-03.pdf', // total 1.448.511,81
  'rendicion-legislatura-2024-07.pdf', // total 14.339.481,12
];

/** A guest who transcribes every task the project offers them with the true values. */
async function volunteer(base: string, typed: Map<string, TypedValues>): Promise<number> {
  const client = new TestClient(base);
  expect((await client.guest()).status).toBeLessThan(300);
  let sent = 0;
  for (let i = 0; i < FILES.length + 2; i++) {
    const lease = await client.post<{ task?: { id: string; documentId: string } }>(
      `/api/v1/projects/${SLUG}/tasks/next`,
    );
    const task = lease.body.task;
    if (lease.status !== 200 || !task) break;
    const values = typed.get(task.documentId);
    if (!values) throw new Error(`no ground truth for ${task.documentId}`);
    const res = await client.post(`/api/v1/tasks/${task.id}/transcriptions`, {
      clientSubmissionId: randomUUID(),
      values,
    });
    expect(res.status).toBe(201);
    sent += 1;
  }
  return sent;
}

describe('public dataset page', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(ADMIN_ENV), launchBrowser()]);
    const typed = await seedProject(app.url, SLUG, FILES);
    expect(await volunteer(app.url, typed)).toBe(FILES.length);
    expect(await volunteer(app.url, typed)).toBe(FILES.length);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await fetch(`${app.url}/api/v1/projects/${SLUG}/stats`);
      const { stats } = (await res.json()) as { stats: { records: number } };
      if (stats.records >= FILES.length) break;
      if (Date.now() > deadline) throw new Error(`only ${stats.records} verified records`);
      await new Promise((r) => setTimeout(r, 300));
    }
    const admin = new TestClient(app.url);
    expect((await admin.logIn(ADMIN.email, ADMIN.password)).status).toBe(200);
    const release = await admin.post(`/api/v1/projects/${SLUG}/releases`, {
      version: '1.0.0',
      notes: 'Primera versión del dataset.',
    });
    expect([200, 201, 202]).toContain(release.status);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('filters, sorts, opens provenance, shows charts and releases, downloads the view', async () => {
    const { context, errors } = await newContext(browser, { ...DESKTOP, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${app.url}/p/${SLUG}/data`);
    await page.getByRole('heading', { level: 1 }).getByText('Gastos').waitFor();
    await expect(page.getByTestId('stat-records').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('stat-total').textContent()).resolves.toContain('17.375.019,80');

    const rows = page.getByTestId('records-table').locator('tbody tr[data-record-id]');
    await expect(rows.count()).resolves.toBe(3);

    // Charts (inline SVG with a title) and the release with its citation.
    const supplier = page.getByTestId('chart-supplier');
    await supplier.locator('svg[role="img"] title').waitFor({ state: 'attached' });
    await expect(supplier.locator('rect.bar').count()).resolves.toBe(3);
    await page.getByTestId('chart-month').waitFor();
    await page.getByTestId('chart-histogram').waitFor();
    const release = page.locator('[data-version="1.0.0"]');
    await release.waitFor();
    await expect(release.getByTestId('citation').textContent()).resolves.toContain('1.0.0');
    await expect(release.getByTestId('release-file-csv').getAttribute('href')).resolves.toContain('/files/');

    // Text search, then clear it.
    await page.getByLabel('Buscar texto').fill('Quiroga');
    await page.getByTestId('apply-filters').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="records-table"] tbody tr[data-record-id]').length === 1,
    );
    await expect(rows.first().textContent()).resolves.toContain('Mariela Quiroga');
    await page.getByLabel('Buscar texto').fill('');

    // Filter: totals of at least 1.500.000.
    await page.getByTestId('toggle-filters').click();
    await page.getByLabel('Total: mínimo').fill('1.500.000');
    await page.getByTestId('apply-filters').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="records-table"] tbody tr[data-record-id]').length === 2,
    );

    // Sort by total, ascending then descending.
    const totalHeader = page.locator('th', { has: page.getByTestId('sort-total') });
    const firstTotal = (text: string) =>
      page.waitForFunction(
        (t) =>
          document
            .querySelector('[data-testid="records-table"] tbody tr [data-col="total"]')
            ?.textContent?.includes(t),
        text,
        { timeout: 10_000 },
      );
    await page.getByTestId('sort-total').click();
    await expect(totalHeader.getAttribute('aria-sort')).resolves.toBe('ascending');
    await firstTotal('1.587.026,87');
    await page.getByTestId('sort-total').click();
    await expect(totalHeader.getAttribute('aria-sort')).resolves.toBe('descending');
    await firstTotal('14.339.481,12');

    if (process.env.DATASET_SHOTS)
      await page.screenshot({ path: `${process.env.DATASET_SHOTS}/desktop.png`, fullPage: true });

    // The view is in the address: a reload (or a shared link) shows the same records and order.
    expect(page.url()).toContain('min.total=1500000');
    expect(page.url()).toContain('sort=-total');
    await page.reload();
    await firstTotal('14.339.481,12');
    await expect(rows.count()).resolves.toBe(2);
    await expect(totalHeader.getAttribute('aria-sort')).resolves.toBe('descending');

    // Provenance of the first row: document, hash, agreement; Esc closes and focus returns.
    const opener = rows.first().getByTestId('open-provenance');
    await opener.click();
    const dialog = page.getByTestId('provenance');
    await dialog.getByTestId('provenance-file').waitFor();
    await expect(dialog.getByTestId('provenance-file').textContent()).resolves.toBe(
      'rendicion-legislatura-2024-07.pdf',
    );
    await expect(dialog.getByTestId('provenance-sha').textContent()).resolves.toMatch(/^[0-9a-f]{64}$/);
    await expect(dialog.getByTestId('provenance-agreement').textContent()).resolves.toContain('2 personas');
    await dialog.getByTestId('provenance-crop').locator('img').waitFor();
    if (process.env.DATASET_SHOTS)
      await page.screenshot({ path: `${process.env.DATASET_SHOTS}/provenance.png` });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(opener.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    // Download the filtered view as CSV: a header row of field names, two records.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-csv').click(),
    ]);
    const file = await download.path();
    const csv = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const [header = '', ...lines] = csv.trim().split(/\r?\n/);
    expect(header.split(',').slice(0, 2)).toEqual(['record_id', 'document_id']);
    expect(header).toContain('total');
    expect(header).toContain('funcionario');
    expect(lines).toHaveLength(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works on a phone-sized screen', async () => {
    const { context, errors } = await newContext(browser, {
      ...PHONE,
      viewport: { width: 360, height: 760 },
    });
    const page = await context.newPage();
    await page.goto(`${app.url}/p/${SLUG}/data`);
    await page.getByTestId('records-table').locator('tbody tr[data-record-id]').first().waitFor();
    if (process.env.DATASET_SHOTS)
      await page.screenshot({ path: `${process.env.DATASET_SHOTS}/phone.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pages through the records with cursors, forwards and back', async () => {
    const { context, errors } = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${app.url}/p/${SLUG}/data?per=2`);
    const rows = page.getByTestId('records-table').locator('tbody tr[data-record-id]');
    const rowCount = (n: number) =>
      page.waitForFunction(
        (k) =>
          document.querySelectorAll('[data-testid="records-table"] tbody tr[data-record-id]').length === k,
        n,
      );
    await rowCount(2);
    const firstPage = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-record-id')));
    await expect(page.getByTestId('previous-page').isDisabled()).resolves.toBe(true);
    await page.getByTestId('next-page').click();
    await rowCount(1);
    await expect(page.getByTestId('page-number').textContent()).resolves.toContain('2');
    await expect(page.getByTestId('next-page').isDisabled()).resolves.toBe(true);
    const second = await rows.first().getAttribute('data-record-id');
    expect(firstPage).not.toContain(second);
    await page.getByTestId('previous-page').click();
    await rowCount(2);
    await expect(
      rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-record-id'))),
    ).resolves.toEqual(firstPage);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious accessibility violation, provenance open or not (${colorScheme})`, async () => {
      const { context } = await newContext(browser, { ...DESKTOP, colorScheme, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${app.url}/p/${SLUG}/data`);
      await page.getByTestId('chart-supplier').waitFor();
      await page.locator('[data-version="1.0.0"]').waitFor();
      await page.getByTestId('toggle-filters').click();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('open-provenance').first().click();
      await page.getByTestId('provenance-file').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it('an embargoed dataset says until when', async () => {
    const admin = new TestClient(app.url);
    expect((await admin.logIn(ADMIN.email, ADMIN.password)).status).toBe(200);
    const patched = await admin.request('PATCH', `/api/v1/projects/${SLUG}`, {
      embargoUntil: '2099-03-01T12:00:00.000Z',
    });
    expect(patched.status).toBe(200);
    const { context, errors } = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${app.url}/p/${SLUG}/data`);
    await expect(page.getByTestId('embargoed').textContent()).resolves.toContain('2099');
    await expect(page.getByTestId('records-table').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
