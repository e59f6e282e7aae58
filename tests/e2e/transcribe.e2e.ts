/**
 * The volunteer flow on the real app and database: a guest opens the home page, picks the demo
 * project, transcribes a task with the keyboard only, sends it and gets the next one; a second
 * browser on the project page sees the progress change without reloading; a phone-sized
 * viewport completes a task too.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT, startApp, type RunningApp } from './support/app.js';
import { DESKTOP, PHONE, launchBrowser, newContext } from './support/browser.js';
import { ADMIN_ENV, seedProject, type TypedValues } from './support/seed.js';

const SHOTS = path.join(ROOT, 'docs/screenshots');
const SLUG = 'gastos-demo';
const FILES = [
  'rendicion-concejo-2023-11.pdf',
  'rendicion-legislatura-2024-03.pdf',
  'rendicion-legislatura-2024-07.pdf',
  'rendicion-ministerio-salud-2024-t2.pdf',
];
let typed = new Map<string, TypedValues>();

async function taskId(page: Page): Promise<string> {
  const el = page.locator('[data-task-id]');
  await el.waitFor();
  return (await el.getAttribute('data-task-id')) ?? '';
}

/** Waits for the next task, or for the "all done" screen when the project has none left for this person. */
async function nextTaskOrDone(page: Page, previous: string): Promise<void> {
  await page.waitForFunction((id) => {
    const el = document.querySelector('[data-task-id]');
    return (
      (el && el.getAttribute('data-task-id') !== id) || document.querySelector('[data-testid="no-task"]')
    );
  }, previous);
}

/** Types what the page shows into every field, with the keyboard only (Enter moves on). */
async function fillWithKeyboard(page: Page): Promise<void> {
  await page.waitForFunction(() => document.activeElement?.id === 'f-funcionario');
  const documentId = (await page.locator('[data-document-id]').getAttribute('data-document-id')) ?? '';
  const values = typed.get(documentId);
  if (!values) throw new Error(`no ground truth for document ${documentId}`);
  await page.keyboard.type(values.funcionario);
  await page.keyboard.press('Enter');
  await page.keyboard.type(values.expediente);
  await page.keyboard.press('Enter');
  await page.keyboard.type(values.fecha);
  await page.keyboard.press('Enter');
  await page.keyboard.type(values.total);
}

describe('transcription on the real app', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(ADMIN_ENV), launchBrowser()]);
    typed = await seedProject(app.url, SLUG, FILES);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a guest transcribes with the keyboard only; a second volunteer agrees; a third browser sees it live', async () => {
    const watcher = await newContext(browser, DESKTOP);
    const projectPage = await watcher.context.newPage();
    await projectPage.goto(`${app.url}/p/${SLUG}`);
    const verified = projectPage.getByTestId('records-verified');
    await verified.waitFor();
    const before = Number(await verified.textContent());

    const volunteer = await newContext(browser, DESKTOP);
    const page = await volunteer.context.newPage();
    await page.goto(app.url);
    await page.getByTestId(`project-${SLUG}`).getByTestId('start').click();
    await page.waitForURL(`**/p/${SLUG}/transcribe`);
    const first = await taskId(page);
    await page.locator('.page img').evaluate((img: HTMLImageElement) => img.decode());

    await fillWithKeyboard(page);
    await page.screenshot({ path: path.join(SHOTS, 'transcribe-real-desktop.png') });
    await page.keyboard.press('Enter'); // Enter in the last field sends.
    await page.waitForFunction(
      (id) => document.querySelector('[data-task-id]')?.getAttribute('data-task-id') !== id,
      first,
    );
    expect(await taskId(page)).not.toBe(first);
    await page.getByTestId('completed').waitFor();

    // A second volunteer (a phone) reaches the same task and agrees.
    const phone = await newContext(browser, PHONE);
    const second = await phone.context.newPage();
    await second.goto(`${app.url}/p/${SLUG}/transcribe`);
    for (let i = 0; i < FILES.length && (await taskId(second)) !== first; i++) {
      const current = await taskId(second);
      await second.getByTestId('skip').tap();
      await second.waitForFunction(
        (id) => document.querySelector('[data-task-id]')?.getAttribute('data-task-id') !== id,
        current,
      );
    }
    expect(await taskId(second)).toBe(first);
    await fillWithKeyboard(second);
    await second.getByTestId('submit').tap();

    // The project page updates from the socket without a reload; the first volunteer is thanked.
    await projectPage.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="records-verified"]')?.textContent) > n,
      before,
    );
    await projectPage.getByTestId('feed').waitFor();
    await projectPage.getByTestId('leaderboard').waitFor();
    await projectPage.screenshot({ path: path.join(SHOTS, 'project-desktop-light.png'), fullPage: true });
    await page.getByTestId('toast').waitFor();
    expect(volunteer.errors).toEqual([]);
    expect(watcher.errors).toEqual([]);
    expect(phone.errors).toEqual([]);
    await Promise.all([volunteer.context.close(), watcher.context.close(), phone.context.close()]);
  });

  it('a phone-sized screen completes a task', async () => {
    const phone = await newContext(browser, PHONE);
    const page = await phone.context.newPage();
    await page.goto(`${app.url}/p/${SLUG}`);
    await page.getByTestId('start').waitFor();
    // Usable = the page image decoded and the first field focused, from the click.
    const started = Date.now();
    await page.getByTestId('start').click();
    await page.waitForURL(`**/p/${SLUG}/transcribe`);
    await page.waitForFunction(() => document.activeElement?.id === 'f-funcionario');
    await page.locator('.page img').evaluate((img: HTMLImageElement) => img.decode());
    const usableMs = Date.now() - started;
    console.log(`transcription screen usable after ${usableMs} ms (phone viewport)`);
    expect(usableMs).toBeLessThan(5000);
    const first = await taskId(page);
    await fillWithKeyboard(page);
    await page.getByTestId('submit').tap();
    await page.waitForFunction((id) => {
      const el = document.querySelector('[data-task-id]');
      return (
        (el && el.getAttribute('data-task-id') !== id) || document.querySelector('[data-testid="no-task"]')
      );
    }, first);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });

  it('a guest who signs up keeps the transcriptions', async () => {
    const guest = await newContext(browser, DESKTOP);
    const page = await guest.context.newPage();
    await page.goto(`${app.url}/p/${SLUG}/transcribe`);
    const first = await taskId(page);
    await fillWithKeyboard(page);
    await page.keyboard.press('Control+Enter');
    await nextTaskOrDone(page, first);

    await page.getByRole('link', { name: 'Crear cuenta' }).click();
    await page.getByText('Todo lo que transcribiste como invitado sigue siendo tuyo.').waitFor();
    await page.getByLabel('Nombre público').fill('Berta');
    await page.getByLabel('Correo electrónico').fill(`berta.${Date.now()}@example.org`);
    await page.getByLabel('Contraseña').fill('another-long-password');
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await page.getByTestId('account-link').waitFor();

    await page.getByRole('link', { name: 'Mis aportes' }).click();
    await page.getByTestId('count-transcriptions').waitFor();
    expect(Number(await page.getByTestId('count-transcriptions').textContent())).toBeGreaterThanOrEqual(1);
    expect(guest.errors).toEqual([]);
    await guest.context.close();
  });
});
