/**
 * The foundation in a real browser: the home page lists the demo project (seeded on first
 * start), and a person signs up, logs out and logs in again. Saves the home screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ROOT, startApp, type RunningApp } from './support/app.js';
import { DESKTOP, PHONE, launchBrowser, newContext } from './support/browser.js';
import { ADMIN_ENV, seedProject } from './support/seed.js';

const SHOTS = path.join(ROOT, 'docs/screenshots');

describe('home and accounts', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(ADMIN_ENV), launchBrowser()]);
    // A document in the demo, so the screenshots show a project with work in it.
    await seedProject(app.url, 'gastos-demo', ['rendicion-legislatura-2024-03.pdf']);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lists the demo project with its live counts and a start button', async () => {
    const { context, errors } = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(app.url);
    const list = page.getByTestId('project-list');
    await list.waitFor();
    const cards = list.locator('article');
    expect(await cards.count()).toBeGreaterThan(0);
    const card = cards.first();
    await expect(card.getByTestId('start').isVisible()).resolves.toBe(true);
    await expect(card.getByTestId('presence').textContent()).resolves.toMatch(/transcrib/i);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signs up, logs out and logs in again', async () => {
    const { context, errors } = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    const email = `ana.${Date.now()}@example.org`;
    const password = 'a-long-password-1';

    await page.goto(`${app.url}/signup`);
    await page.getByLabel('Nombre público').fill('Ana');
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await page.getByTestId('account-link').waitFor();
    expect((await page.getByTestId('account-link').textContent())?.trim()).toBe('Ana');

    await page.getByTestId('logout').click();
    await page.getByRole('link', { name: 'Ingresar' }).waitFor();
    expect(await page.getByTestId('account-link').count()).toBe(0);

    await page.goto(`${app.url}/login`);
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill('wrong-password-1');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.getByTestId('auth-error').waitFor();

    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.getByTestId('account-link').waitFor();
    expect(page.url()).toBe(`${app.url}/`);

    // Account: an API token is shown once, listed, and revoked.
    await page.getByTestId('account-link').click();
    await page.getByLabel('Nombre del token').fill('research');
    await page.getByRole('button', { name: 'Crear token' }).click();
    const secret = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThan(20);
    const viaToken = await fetch(`${app.url}/api/v1/projects`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(viaToken.status).toBe(200);
    await page.getByRole('button', { name: 'Listo' }).click();
    expect(await page.getByTestId('new-token').count()).toBe(0);
    await page.getByRole('button', { name: 'Revocar el token research' }).click();
    await page.getByText('Revocado', { exact: true }).waitFor();

    // My contributions answers for a fresh account.
    await page.getByRole('link', { name: 'Mis aportes' }).click();
    await page.getByTestId('count-transcriptions').waitFor();
    expect(await page.getByTestId('count-transcriptions').textContent()).toBe('0');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches the language and remembers it', async () => {
    const { context } = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByTestId('language').selectOption('en');
    await page.getByRole('heading', { name: 'Live projects' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Live projects' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await context.close();
  });

  it('saves screenshots of the home screen (desktop and phone, light and dark)', async () => {
    for (const [name, options] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        const { context } = await newContext(browser, { ...options, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(app.url);
        await page.getByTestId('project-list').waitFor();
        await page.screenshot({
          path: path.join(SHOTS, `home-${name}-${scheme}.png`),
          fullPage: name === 'desktop',
        });
        await context.close();
      }
    }
  });
});
