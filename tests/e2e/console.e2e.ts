/**
 * The newsroom console end to end, real app and database: an editor joins through an invitation
 * link, creates a project and its field schema (money, date, a table group, a sum check), uploads
 * a fixture PDF and watches it become ready live; two volunteers (through the API) disagree on
 * the total; the editor settles it in the review queue with the keyboard, merges two supplier
 * spellings, publishes a release, and the release is public on the project page.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TestClient } from '../support/client.js';
import { ROOT, startApp, type RunningApp } from './support/app.js';
import { DESKTOP, launchBrowser, newContext } from './support/browser.js';

const SHOTS = path.join(ROOT, 'docs/screenshots');
const FIXTURE = 'rendicion-concejo-2023-11.pdf';
const ADMIN = { email: 'admin@example.org', password: 'admin password 123' };

const GOOD = {
  fecha: '04/12/2023',
  proveedor: 'Peajes Ruta Cuyo S.A.',
  total: '280.891,97',
  items: [
    { concepto: 'Peajes y estacionamiento', importe: '3.515,24' },
    { concepto: 'Impresión de folletos informativos', importe: '277.376,73' },
  ],
};

async function fillField(page: Page, index: number, key: string, type: string, label: string): Promise<void> {
  const box = page.getByTestId(`schema-field-${index}`);
  await box.getByTestId('field-type').first().selectOption(type);
  await box.getByTestId('field-key').first().fill(key);
  await box.getByTestId('field-label').first().fill(label);
}

describe('newsroom console', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startApp({ COTEJO_ADMIN_EMAIL: ADMIN.email, COTEJO_ADMIN_PASSWORD: ADMIN.password }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('takes a project from nothing to a published release', async () => {
    // Names of this attempt: a retry runs against the same app, where the first attempt's remain.
    const run = randomUUID().slice(0, 8);
    const EDITOR = { email: `editora-${run}@example.org`, password: 'correct horse battery' };
    const SLUG = `gastos-concejo-${run}`;
    const ORG = `diario-sur-${run}`;
    // An admin makes the newsroom's organization and an invitation link (API).
    const admin = new TestClient(app.url);
    expect((await admin.logIn(ADMIN.email, ADMIN.password)).status).toBe(200);
    expect((await admin.post('/api/v1/organizations', { slug: ORG, name: 'Diario Sur' })).status).toBe(201);
    const invitation = await admin.post(`/api/v1/organizations/${ORG}/invitations`, {
      email: EDITOR.email,
    });
    expect(invitation.status).toBe(201);
    const editorApi = new TestClient(app.url);
    expect((await editorApi.signUp(EDITOR.email, EDITOR.password, 'Editora')).status).toBe(201);

    const { context, errors } = await newContext(browser, DESKTOP);
    const page = await context.newPage();

    // The editor logs in from the link and joins.
    await page.goto(`${app.url}/login?next=${encodeURIComponent(invitation.body.acceptPath)}`);
    await page.getByLabel('Correo electrónico').fill(EDITOR.email);
    await page.getByLabel('Contraseña').fill(EDITOR.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.getByTestId('accept-invitation').click();
    await page.getByTestId('new-project').click();

    // Project settings.
    await page.locator('#pf-slug').fill(SLUG);
    await page.locator('#pf-title').fill('Gastos del Concejo');
    await page.locator('#pf-description').fill('Rendiciones de **gastos** del Concejo.');
    await page.locator('#pf-max').fill('2');
    await page.locator('#pf-status').selectOption('live');
    await page.getByTestId('save-project').click();
    await page.waitForURL(`**/console/p/${SLUG}/schema`);

    // Field schema: a date, money, a supplier name and a table of line items that must add up.
    await page.getByTestId('schema-field-0').waitFor();
    await fillField(page, 0, 'fecha', 'date', 'Fecha');
    await page.getByTestId('add-field').click();
    await fillField(page, 1, 'total', 'money', 'Total');
    await page.getByTestId('add-field').click();
    await fillField(page, 2, 'proveedor', 'entity', 'Proveedor');
    await page.getByTestId('add-field').click();
    await fillField(page, 3, 'items', 'table', 'Ítems');
    await page.getByTestId('add-check').click();
    await page.locator('#ck-0-table').selectOption('items');
    await page.locator('#ck-0-column').selectOption('importe');
    await page.locator('#ck-0-equals').selectOption('total');
    await page.locator('#pv-total').waitFor(); // the live preview renders the volunteer form
    await page.screenshot({ path: path.join(SHOTS, 'console-schema.png'), fullPage: true });
    await page.getByTestId('save-schema').click();
    await expect(page.getByTestId('schema-message').textContent()).resolves.toContain('versión 1');

    // Upload a fixture PDF and watch it become ready without reloading.
    await page.getByTestId('tab-documents').click();
    await page.getByTestId('file-input').setInputFiles(path.join(ROOT, 'fixtures/born-digital', FIXTURE));
    await page.getByTestId('uploads').getByText('Subido').waitFor();
    await page
      .locator(`[data-testid="document-${FIXTURE}"][data-status="ready"]`)
      .waitFor({ timeout: 90_000 });
    await page.getByRole('link', { name: FIXTURE }).click();
    await page.getByTestId('page-text').getByText('Peajes').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('page-task-state').first().waitFor();

    // Two volunteers transcribe; they disagree on the total.
    const totals = [GOOD.total, '2.808.919,70'];
    for (const total of totals) {
      const volunteer = new TestClient(app.url);
      expect((await volunteer.signUp(`v-${randomUUID()}@example.org`)).status).toBe(201);
      const lease = await volunteer.post(`/api/v1/projects/${SLUG}/tasks/next`);
      expect(lease.status).toBe(200);
      const sent = await volunteer.post(`/api/v1/tasks/${lease.body.task.id}/transcriptions`, {
        clientSubmissionId: randomUUID(),
        values: { ...GOOD, total },
      });
      expect(sent.status).toBe(201);
    }

    // The editor settles the dispute with the keyboard.
    await page.getByTestId('tab-review').click();
    const item = page.getByTestId('review-item');
    await item.waitFor();
    const candidates = await page.getByTestId('candidates').locator('li > button').allTextContents();
    const good = candidates.findIndex((c) => c.includes('280891.97'));
    expect(good).toBeGreaterThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'console-review.png'), fullPage: true });
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press(String(good + 1));
    await page.getByTestId('review-empty').waitFor();
    await expect(page.getByTestId('review-history').textContent()).resolves.toContain('total');

    // Two spellings of one supplier become one name.
    for (const name of ['Librería Sur S.A.', 'Libreria del Sur']) {
      const created = await editorApi.post(`/api/v1/projects/${SLUG}/entities`, { kind: 'supplier', name });
      expect(created.status).toBe(201);
    }
    await page.getByTestId('tab-entities').click();
    await page.getByTestId('duplicates').getByTestId('merge-pair').first().click();
    await page.getByTestId('entities').getByText('Nombres unificados').first().waitFor();
    const names = await page.getByTestId('entity-table').locator('tbody tr strong').allTextContents();
    expect(names.filter((n) => /sur/i.test(n))).toHaveLength(1);

    // Publish a release; it is public on the project page.
    await page.getByTestId('tab-releases').click();
    // Typing before the release list has loaded races the suggested version (1.0.0 here) into the
    // field: wait for the suggestion, then type over it.
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('[data-testid="release-version"]')?.value === '1.0.0',
    );
    await page.getByTestId('release-version').fill('1.0.0');
    await page.getByTestId('release-notes').fill('Primera versión.');
    await page.getByTestId('publish').click();
    // Five formats are written and checksummed: allow for a loaded machine; a refusal fails here.
    const refused = page.getByTestId('release-form').locator('.alert-error');
    await page.getByTestId('release-done').or(refused).waitFor({ timeout: 60_000 });
    if (await refused.isVisible()) throw new Error(`publishing failed: ${await refused.textContent()}`);
    await page.getByTestId('tab-dashboard').click();
    await page.getByTestId('minute-chart').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'console-dashboard.png'), fullPage: true });

    const anonymous = await fetch(`${app.url}/api/v1/projects/${SLUG}/releases`);
    const list = (await anonymous.json()) as { releases: { version: string; rowCount: number }[] };
    expect(list.releases.map((r) => r.version)).toEqual(['1.0.0']);
    expect(list.releases[0]!.rowCount).toBeGreaterThan(0);
    // The project's public dataset page lists the release.
    await page.goto(`${app.url}/p/${SLUG}/data`);
    await page.getByText('1.0.0').first().waitFor({ timeout: 15_000 });

    expect(errors).toEqual([]);
    await context.close();
  });
});
